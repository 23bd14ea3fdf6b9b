// The Cloudflare engine with a launch limit: a delivery's run beyond it is refused (EngineBusyError) and not started;
// crons and task events still start, since nothing would send them again.
import { env } from "cloudflare:test";
import { expect, it } from "vitest";
import { LaunchWindow } from "../../src/domain/launch-window";
import { CloudflareEngine } from "../../src/integrations/engine-cloudflare";
import { EngineBusyError } from "../../src/ports/engine";
import { workflows } from "../../src/workflows";
import { cronEvent } from "../../src/workflows/define";
import { makeEvent } from "../../src/workflows/events";

const push = (id: string) => makeEvent("github/push.received", id, { deliveryId: id }, new Date().toISOString());

it("refuses a delivery's run beyond the limit and starts nothing for it", async () => {
  const engine = new CloudflareEngine(env.WORKFLOWS, workflows, new LaunchWindow(1, 60_000, 60_000));
  await engine.send([push("github:window-1")]);
  await expect(engine.send([push("github:window-2")])).rejects.toBeInstanceOf(EngineBusyError);
  expect(await engine.status("link-commits", "github:window-2")).toBe("none");
  expect(await engine.status("link-commits", "github:window-1")).not.toBe("none");
});

it("still starts cron runs and task events when the window is full", async () => {
  const engine = new CloudflareEngine(env.WORKFLOWS, workflows, new LaunchWindow(1, 60_000, 60_000));
  await engine.send([push("github:window-3")]);
  const tick = cronEvent("*/15 * * * *", Date.parse("2026-01-01T00:15:00Z"));
  const moved = makeEvent("task/status.changed", "status-window-task-2", { taskId: "window-task", from: "todo", to: "completed", hasDependents: true, hasOpenPullRequests: false }, new Date().toISOString());
  await engine.send([tick, moved]);
  expect(await engine.status("re-emit-deliveries", tick.id)).not.toBe("none");
  expect(await engine.status("chase-dependencies", moved.id)).not.toBe("none");
});
