// Test helpers for talking to the app in workerd the way clients do: tokens, signed webhooks, polling.

import { env, SELF } from "cloudflare:test";
import { createHmac } from "node:crypto";

export const ADMIN_TOKEN = "test-admin-token";
export const WEBHOOK_SECRET = "test-webhook-secret";
export const BASE = "http://hub.test";

/** A response whose JSON tests read loosely and check with expect(). */
export type TestResponse = Omit<Response, "json"> & { json(): Promise<any> };

export function call(path: string, init: RequestInit & { token?: string | null; json?: unknown } = {}): Promise<TestResponse> {
  const headers = new Headers(init.headers);
  const token = init.token === undefined ? ADMIN_TOKEN : init.token;
  if (token) headers.set("authorization", `Bearer ${token}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(init.json);
  }
  return SELF.fetch(`${BASE}${path}`, { ...init, headers, body, redirect: "manual" });
}

export async function createProject(key: string, extra: Record<string, unknown> = {}) {
  const res = await call("/api/projects", { method: "POST", json: { key, name: `Project ${key}`, ...extra } });
  if (res.status !== 201) throw new Error(`createProject ${key}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<{ id: string; key: string }>;
}

export const sign = (body: string, secret = WEBHOOK_SECRET) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

export function webhook(event: string, payload: unknown, opts: { delivery?: string; signature?: string | null; body?: string } = {}) {
  const body = opts.body ?? JSON.stringify(payload);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-github-event": event,
    "x-github-delivery": opts.delivery ?? crypto.randomUUID(),
  };
  const signature = opts.signature === undefined ? sign(body) : opts.signature;
  if (signature) headers["x-hub-signature-256"] = signature;
  return SELF.fetch(`${BASE}/webhooks/github`, { method: "POST", headers, body });
}

/** Polls until check returns a value (workflows run asynchronously after ingress answers). */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, { tries = 100, everyMs = 50 } = {}): Promise<T> {
  let last: unknown;
  for (let i = 0; i < tries; i++) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`condition not met${last ? `: ${String(last)}` : ""}`);
}

/**
 * Waits until the ingress queue has taken everything posted before now: a sentinel delivery posted now is
 * stored (the local queue hands batches over in order, one at a time). For asserting what was never stored.
 */
export async function queueDrained(): Promise<void> {
  const id = `drain-${crypto.randomUUID()}`;
  const res = await webhook("star", { action: "created", sentinel: id }, { delivery: id });
  if (res.status !== 202) throw new Error(`queueDrained: the sentinel was answered ${res.status}`);
  await eventually(() => env.DB.prepare("SELECT 1 AS x FROM deliveries WHERE id = ?").bind(`github:${id}`).first("x"), { tries: 200 });
}

export async function getTask(key: string) {
  const res = await call(`/api/tasks/${key}`);
  return res.status === 200 ? ((await res.json()) as Record<string, any>) : null;
}
