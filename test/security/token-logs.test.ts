// Secrets never reach the logs: every console line written while tokens travel through the hub is captured and grepped.

import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { ADMIN_TOKEN, call, WEBHOOK_SECRET, webhook } from "../support/hub";

let lines: string[] = [];

beforeEach(() => {
  lines = [];
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ")));
  }
});
afterEach(() => vi.restoreAllMocks());

it("no token or secret appears in any log line, whatever the request", async () => {
  const issued = (await (await call("/api/tokens", { method: "POST", json: { name: "logged?", scopes: ["write"] } })).json()) as { token: string; id: string };
  const secrets = [ADMIN_TOKEN, WEBHOOK_SECRET, issued.token];
  // Good and bad requests, including ones that end in errors, each carrying a secret somewhere.
  await call("/api/tasks", { token: issued.token });
  await call("/api/tasks", { token: `${issued.token}x` });
  await call("/api/tasks/NOPE-1", { token: issued.token });
  await call("/api/tasks", { method: "POST", token: issued.token, json: { project: "NOPE", title: issued.token } });
  await call("/transcripts", { method: "POST", token: issued.token, body: `{"sessionId":"${issued.token}"` });
  await call("/hooks/claude", { method: "POST", token: ADMIN_TOKEN, body: `not json ${ADMIN_TOKEN}` });
  await call(`/api/context?cwd=/x&token=${issued.token}`, { token: issued.token });
  await webhook("push", { ref: WEBHOOK_SECRET }, { signature: `sha256=${"0".repeat(64)}` });
  await call(`/api/tokens/${issued.id}`, { method: "DELETE" });
  await call("/api/tasks", { token: issued.token });
  const leaked = lines.filter((l) => secrets.some((s) => l.includes(s)));
  expect(leaked).toEqual([]);
});

it("the token list never returns a secret or its hash", async () => {
  const issued = (await (await call("/api/tokens", { method: "POST", json: { name: "listed", scopes: ["read"] } })).json()) as { token: string };
  const text = await (await call("/api/tokens")).text();
  expect(text).not.toContain(issued.token);
  expect(text).not.toMatch(/"hash"/);
});
