// Engine.status off workerd: Cloudflare's instance states mapped to ours, and Inngest answering "unknown" (its run state is behind its REST API).
import { describe, expect, it } from "vitest";
import { CloudflareEngine, runStatusOf } from "../../src/integrations/engine-cloudflare";
import { InngestEngine } from "../../src/integrations/engine-inngest";
import { createInngestClient } from "../../src/integrations/inngest-client";

describe("runStatusOf (Cloudflare Workflows)", () => {
  it("keeps the states both sides name alike", () => {
    expect((["queued", "running", "waiting", "paused", "errored", "terminated", "complete"] as const).map(runStatusOf)).toEqual([
      "queued", "running", "waiting", "paused", "errored", "terminated", "complete",
    ]);
  });

  it("counts an instance finishing its step before pausing as running", () => {
    expect(runStatusOf("waitingForPause")).toBe("running");
  });
});

describe("InngestEngine.status", () => {
  it("answers unknown: the SDK cannot read a run's state", async () => {
    const client = createInngestClient({ INNGEST_EVENT_KEY: "k", INNGEST_SIGNING_KEY: "signkey-test-00", INNGEST_DEV: undefined });
    expect(await new InngestEngine(client, []).status("link-commits", "github:1")).toBe("unknown");
  });
});

describe("CloudflareEngine with an instance not yet started", () => {
  it("answers queued: local Workflows created it but has not picked it up", async () => {
    const instance = { status: async () => { throw new Error("Engine was never started"); } };
    const binding = { get: async () => instance } as unknown as Workflow;
    expect(await new CloudflareEngine(binding, []).status("link-commits", "github:1")).toBe("queued");
  });
});
