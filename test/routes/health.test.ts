import { SELF } from "cloudflare:test";
import { expect, it } from "vitest";

it("GET /health names the embedded adapters", async () => {
  const res = await SELF.fetch("http://hub/health");
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ ok: true, store: "d1", engine: "cloudflare", mailer: "outbox" });
});
