// `taskhub runs` against the stand-in hub: the filters go to GET /api/runs, every page comes back one line per delivery.
import { afterEach, expect, it } from "vitest";
import { GOOD_TOKEN, type Hub, runCli, sandbox, startHub } from "./helpers";

let hub: Hub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

const row = (id: string, status: string, runs: { workflow: string; eventId: string; status: string }[] = [], error: string | null = null) => ({
  delivery: { id, source: "github", event: "push", status, error, receivedAt: "2026-12-01T21:03:09.000Z" },
  event: "github/push.received",
  runs,
  replayable: status === "failed",
});

async function cli(args: string[]) {
  return runCli(args, { sandbox: sandbox(), env: { TASKHUB_URL: hub!.url, TASKHUB_TOKEN: GOOD_TOKEN } });
}

it("sends --status, --workflow and --since to GET /api/runs", async () => {
  hub = await startHub();
  expect((await cli(["runs", "--status", "failed", "--workflow", "link-commits", "--since", "2026-12-01"])).code).toBe(0);
  const q = hub.to("/api/runs")[0].query;
  expect([q.get("status"), q.get("workflow"), q.get("since")]).toEqual(["failed", "link-commits", "2026-12-01"]);
});

it("prints every page, one line per delivery with its runs and their status", async () => {
  hub = await startHub();
  hub.runs.rows = [
    row("github:a", "failed", [{ workflow: "link-commits", eventId: "github:a", status: "errored" }], "Delivery github:a\nhas no payload"),
    row("github:b", "processed", [{ workflow: "link-commits", eventId: "github:b", status: "complete" }]),
    row("github:c", "ignored"),
  ];
  const run = await cli(["runs"]);
  expect(run.stdout.trim().split("\n")).toEqual([
    "2026-12-01 21:03 github push github:a [failed] Delivery github:a has no payload → link-commits/github:a [errored]",
    "2026-12-01 21:03 github push github:b [processed] → link-commits/github:b [complete]",
    "2026-12-01 21:03 github push github:c [ignored]",
  ]);
  expect(hub.to("/api/runs")).toHaveLength(2);
});

it("--json prints the rows as the hub answered them", async () => {
  hub = await startHub();
  hub.runs.rows = [row("github:a", "failed")];
  expect(JSON.parse((await cli(["runs", "--json"])).stdout)).toEqual(hub.runs.rows);
});

it("prints the hub's refusal of a filter and exits 1", async () => {
  hub = await startHub();
  hub.runs.refuse = "Unknown status exploded";
  const run = await cli(["runs", "--status", "exploded"]);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain("400");
  expect(run.stderr).toContain("Unknown status exploded");
});
