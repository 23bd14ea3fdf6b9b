// A throwaway hub for the browser tests and the Lighthouse audit: `npm run dev` on a free port with its own state.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

export interface Hub {
  base: string;
  api(path: string, init?: { method?: string; json?: unknown }): Promise<Record<string, unknown>>;
  /** The dashboard's session cookie, as the browser would send it after signing in with the admin token. */
  sessionCookie(): Promise<string>;
  stop(): Promise<void>;
}

/** `token` becomes the admin token; `webhookSecret`, when given, GitHub's webhook secret. */
export async function startHub(opts: { token: string; webhookSecret?: string }): Promise<Hub> {
  const state = mkdtempSync(join(tmpdir(), "taskhub-browser-"));
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const child: ChildProcess = spawn(process.execPath, ["scripts/dev.mjs"], {
    env: { ...process.env, PORT: String(port), TASKHUB_STATE_DIR: state, HUB_ADMIN_TOKEN: opts.token, HUB_SECRET: "browser-test-secret", ...(opts.webhookSecret ? { GITHUB_WEBHOOK_SECRET: opts.webhookSecret } : {}) },
    stdio: "ignore",
    detached: true,
  });
  let up = false;
  for (let i = 0; i < 240 && !up; i++) {
    up = await fetch(`${base}/health`).then((r) => r.ok, () => false);
    if (!up) await new Promise((r) => setTimeout(r, 500));
  }
  const stop = async () => {
    if (child.pid) process.kill(-child.pid, "SIGTERM");
    await new Promise((r) => setTimeout(r, 1000));
    rmSync(state, { recursive: true, force: true });
  };
  if (!up) {
    await stop();
    throw new Error("the hub did not come up within two minutes");
  }
  const api: Hub["api"] = async (path, init = {}) => {
    const res = await fetch(`${base}${path}`, {
      method: init.method ?? (init.json ? "POST" : "GET"),
      headers: { authorization: `Bearer ${opts.token}`, "content-type": "application/json" },
      body: init.json ? JSON.stringify(init.json) : undefined,
    });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const sessionCookie = async () => {
    const res = await fetch(`${base}/login`, { method: "POST", body: new URLSearchParams({ token: opts.token }), redirect: "manual" });
    const session = /taskhub_session=[^;,\s]+/.exec(res.headers.get("set-cookie") ?? "")?.[0];
    if (res.status !== 303 || !session) throw new Error(`sign-in answered ${res.status} without a session cookie`);
    return session;
  };
  return { base, api, sessionCookie, stop };
}
