import { SELF } from "cloudflare:test";
import { expect, it } from "vitest";

it("GET /health reports each adapter's circuit and the worst as the status", async () => {
  const res = await SELF.fetch("http://hub/health");
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({
    status: "ok", store: "ok", engine: "ok", mailer: "ok", github: "ok", ok: true,
    adapters: { store: "d1", engine: "cloudflare", mailer: "outbox", github: "disabled" },
  });
});
