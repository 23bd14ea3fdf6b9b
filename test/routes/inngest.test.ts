// /api/inngest: answers Inngest without a hub token when ENGINE=inngest, and is absent otherwise.

import { env, SELF } from "cloudflare:test";
import { expect, it } from "vitest";
import { createApp } from "../../src/app";

const inngestEnv = { ...env, ENGINE: "inngest", INNGEST_DEV: "1" };

it("describes the app's functions to Inngest, without a hub token, when the engine is Inngest", async () => {
  const res = await createApp().request("http://localhost:8787/api/inngest", {}, inngestEnv);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { function_count: number };
  expect(body.function_count).toBeGreaterThanOrEqual(6);
});

it("answers 404 at /api/inngest when the engine is Cloudflare Workflows", async () => {
  const res = await SELF.fetch("http://hub/api/inngest");
  expect(res.status).toBe(404);
});

it.each(["http://hub.example.com/api/inngest", "http://localhost.example.com/api/inngest", "http://10.0.0.5:8787/api/inngest"])(
  "in dev mode (INNGEST_DEV, no signing key) refuses %s with 403: the SDK checks no signatures then",
  async (url) => {
    for (const method of ["GET", "PUT", "POST"]) {
      const res = await createApp().request(url, { method }, inngestEnv);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: "forbidden" });
    }
  },
);

it.each(["http://127.0.0.1:8787/api/inngest", "http://[::1]:8787/api/inngest"])("in dev mode answers %s, a loopback host", async (url) => {
  expect((await createApp().request(url, {}, inngestEnv)).status).toBe(200);
});
