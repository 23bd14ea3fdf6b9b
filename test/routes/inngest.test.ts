// /api/inngest: answers Inngest without a hub token when ENGINE=inngest, and is absent otherwise.

import { env, SELF } from "cloudflare:test";
import { expect, it } from "vitest";
import { createApp } from "../../src/app";

const inngestEnv = { ...env, ENGINE: "inngest", INNGEST_DEV: "1" };

it("describes the app's functions to Inngest, without a hub token, when the engine is Inngest", async () => {
  const res = await createApp().request("http://hub/api/inngest", {}, inngestEnv);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { function_count: number };
  expect(body.function_count).toBeGreaterThanOrEqual(6);
});

it("answers 404 at /api/inngest when the engine is Cloudflare Workflows", async () => {
  const res = await SELF.fetch("http://hub/api/inngest");
  expect(res.status).toBe(404);
});
