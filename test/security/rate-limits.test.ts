// Every authenticated write is limited per token (ingest on its own budget), and live connections are capped per token.

import { env } from "cloudflare:test";
import { expect, it } from "vitest";
import { createApp } from "../../src/app";
import { ADMIN_TOKEN } from "../support/hub";

const limited = { ...env, RATE_LIMIT_WRITES: "2", RATE_LIMIT_INGEST: "3" };
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

function post(app: ReturnType<typeof createApp>, path: string, body = "{}", type = "application/json") {
  return app.request(`http://hub.test${path}`, { method: "POST", headers: { ...auth, "content-type": type }, body }, limited);
}

async function expect429(res: Response) {
  expect(res.status).toBe(429);
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(await res.json()).toMatchObject({ code: "rate_limited", message: expect.any(String), requestId: expect.any(String), timestamp: expect.any(String) });
}

it("limits MCP calls by the write budget", async () => {
  const app = createApp();
  for (let i = 0; i < 2; i++) expect((await post(app, "/mcp")).status).not.toBe(429);
  await expect429(await post(app, "/mcp"));
});

it("limits dashboard form posts by the write budget", async () => {
  const app = createApp();
  for (let i = 0; i < 2; i++) expect((await post(app, "/tasks", "title=x", "application/x-www-form-urlencoded")).status).not.toBe(429);
  await expect429(await post(app, "/tasks", "title=x", "application/x-www-form-urlencoded"));
});

it("gives ingest (/transcripts, /hooks/claude) its own budget, RATE_LIMIT_INGEST", async () => {
  const app = createApp();
  for (let i = 0; i < 2; i++) await post(app, "/mcp");
  await expect429(await post(app, "/mcp"));
  for (let i = 0; i < 3; i++) expect((await post(app, i % 2 ? "/hooks/claude" : "/transcripts", "", "application/x-ndjson")).status).not.toBe(429);
  await expect429(await post(app, "/hooks/claude"));
});

it("caps live connections per token at 4 and frees a slot when a page closes", async () => {
  const app = createApp();
  const open = () => app.request("http://hub.test/events", { headers: auth }, limited);
  const streams = [];
  for (let i = 0; i < 4; i++) {
    const res = await open();
    expect(res.status).toBe(200);
    streams.push(res);
  }
  const fifth = await open();
  expect(fifth.status).toBe(429);
  expect(await fifth.json()).toMatchObject({ code: "too_many_connections" });
  await streams[0].body!.cancel();
  let again: Response | undefined;
  for (let i = 0; i < 50 && again?.status !== 200; i++) {
    await new Promise((r) => setTimeout(r, 20));
    again = await open();
  }
  expect(again!.status).toBe(200);
  for (const s of [...streams.slice(1), again!]) await s.body!.cancel();
});
