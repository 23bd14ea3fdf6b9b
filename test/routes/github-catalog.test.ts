// Every example of GitHub's public webhook catalog, signed, is acknowledged; forged or unsigned ones are refused.
import { env } from "cloudflare:test";
import catalog from "@octokit/webhooks-examples/api.github.com/index.json";
import { afterEach, describe, expect, it, vi } from "vitest";
import { eventually, queueDrained, sign, webhook } from "../support/hub";

const examples = (catalog as { name: string; examples: unknown[] }[]).flatMap((e) => e.examples.map((payload, i) => ({ event: e.name, i, payload })));
const push = examples.find((e) => e.event === "push")!.payload;

afterEach(() => vi.restoreAllMocks());

describe("the whole catalog", () => {
  it("answers every signed example with 2xx and logs no error", { timeout: 120_000 }, async () => {
    const errors = vi.spyOn(console, "error");
    const failures: string[] = [];
    for (const { event, i, payload } of examples) {
      const res = await webhook(event, payload);
      if (res.status >= 300) failures.push(`${event}[${i}] → ${res.status} ${await res.text()}`);
    }
    expect(failures).toEqual([]);
    await queueDrained(); // the consumer stores them and starts their runs: it logs no error either
    expect(errors).not.toHaveBeenCalled();
  });
});

it("answers ping with 200", async () => {
  const ping = examples.find((e) => e.event === "ping")!.payload;
  const res = await webhook("ping", ping);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ ok: true, pong: true });
});

it("records installation_repositories with the repositories added", async () => {
  const added = examples.find((e) => e.event === "installation_repositories" && (e.payload as { action: string }).action === "added")!;
  // The catalog test above posted this very example; the same body again would be a duplicate, so it differs by a newline.
  const res = await webhook("installation_repositories", added.payload, { delivery: "install-repos-1", body: `${JSON.stringify(added.payload)}\n` });
  expect(res.status).toBe(202);
  const row = await eventually(() => env.DB.prepare(`SELECT status, payload FROM deliveries WHERE id = 'github:install-repos-1'`).first<{ status: string; payload: string }>());
  expect(row?.status).toBe("processed");
  expect(JSON.parse(row!.payload).added.length).toBeGreaterThan(0);
});

it("records an installation once however often it is redelivered", async () => {
  const created = examples.find((e) => e.event === "installation" && (e.payload as { action: string }).action === "created")!;
  // Apart from the catalog test's post of the same example by two newlines, so this body is new here.
  const body = `${JSON.stringify(created.payload)}\n\n`;
  expect((await webhook("installation", null, { delivery: "install-1", body })).status).toBe(202);
  expect((await webhook("installation", null, { delivery: "install-1", body })).status).toBe(202);
  await queueDrained();
  const n = await env.DB.prepare(`SELECT COUNT(*) AS n FROM deliveries WHERE id = 'github:install-1'`).first<number>("n");
  expect(n).toBe(1);
});

describe("signatures", () => {
  it("refuses a body signed with another secret", async () => {
    const res = await webhook("push", push, { signature: sign(JSON.stringify(push), "not-the-secret") });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: "signature_invalid" });
  });

  it("refuses a delivery without a signature", async () => {
    const res = await webhook("push", push, { signature: null });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: "signature_missing" });
  });

  it("refuses a delivery signed with SHA-1 only", async () => {
    const res = await webhook("push", push, { signature: "sha1=0123456789abcdef0123456789abcdef01234567" });
    expect(res.status).toBe(401);
  });

  it("refuses a signed body that was altered afterwards", async () => {
    const body = JSON.stringify(push);
    const res = await webhook("push", push, { body: `${body} `, signature: sign(body) });
    expect(res.status).toBe(401);
  });
});
