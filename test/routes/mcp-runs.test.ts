// The MCP run tools: list_runs and get_run answer what /api/runs does, as compact lines for Claude, and hide what the caller may not see.
import { beforeAll, expect, it } from "vitest";
import { call, createProject } from "../support/hub";
import { connect, textOf } from "../support/mcp";
import { addMember, createUser, tokenFor } from "../support/people";
import { failedRun, processedPullRequest, quickFailures } from "../support/runs";

beforeAll(quickFailures);

const tool = async (name: string, args: Record<string, unknown>, token?: string) => (await connect(token)).callTool({ name, arguments: args });

async function personIn(project: string, role: "viewer" | "owner") {
  const user = await createUser(`${project.toLowerCase()}-${crypto.randomUUID()}@example.com`);
  await addMember(project, user.id, role);
  return tokenFor(user.id, ["read"]);
}

it("list_runs answers the deliveries /api/runs lists, one line each in the same order", async () => {
  await processedPullRequest("MRA");
  await failedRun();
  const lines = textOf(await tool("list_runs", {})).split("\n");
  const listed = ((await (await call("/api/runs?limit=20")).json()) as { runs: { delivery: { id: string } }[] }).runs.map((r) => r.delivery.id);
  expect(lines.slice(0, listed.length).map((l) => l.split(" ")[4])).toEqual(listed);
});

it("list_runs names each run as get_run takes it, with its status", async () => {
  const id = await processedPullRequest("MRB");
  const line = textOf(await tool("list_runs", { workflow: "sync-pull-request" })).split("\n").find((l) => l.includes(id));
  expect(line).toContain(`sync-pull-request/${id} [complete]`);
});

it("list_runs narrows by status", async () => {
  const failed = await failedRun();
  const pr = await processedPullRequest("MRC");
  const text = textOf(await tool("list_runs", { status: "errored" }));
  expect(text).toContain(failed);
  expect(text).not.toContain(pr);
});

it("list_runs refuses a workflow that does not exist, saying so", async () => {
  const r = await tool("list_runs", { workflow: "no-such-workflow" });
  expect(r.isError).toBe(true);
  expect(textOf(r)).toMatch(/^invalid_request: Unknown workflow no-such-workflow/);
});

it("list_runs shows a person only the deliveries of projects they read", async () => {
  const ours = await processedPullRequest("MRD");
  const theirs = await processedPullRequest("MRE");
  const text = textOf(await tool("list_runs", {}, await personIn("MRD", "viewer")));
  expect(text).toContain(ours);
  expect(text).not.toContain(theirs);
});

it("get_run reads a failed run's error and each step's attempts", async () => {
  const id = await failedRun();
  const [head, error, ...rest] = textOf(await tool("get_run", { workflow: "link-commits", eventId: id })).split("\n");
  expect(head).toMatch(new RegExp(`^link-commits ${id} \\[errored\\] attempt 1`));
  expect(error).toMatch(/^error: .*has no payload/);
  expect(rest.find((l) => l.includes("error:"))).toMatch(/^- \S+ .* ×\d+ error: .*has no payload/);
});

it("get_run lists the steps the trace page draws, in order", async () => {
  const id = await processedPullRequest("MRF");
  const steps = textOf(await tool("get_run", { workflow: "sync-pull-request", eventId: id })).split("\n").filter((l) => l.startsWith("- ")).map((l) => l.split(" ")[1]);
  const html = await (await call(`/runs/sync-pull-request/${encodeURIComponent(id)}`)).text();
  expect(steps).toEqual([...html.matchAll(/data-step="([^"]+)"/g)].map((m) => m[1]));
});

it("get_run answers a person not_found for a run of another project's delivery", async () => {
  const id = await processedPullRequest("MRG");
  await createProject("MRH");
  const r = await tool("get_run", { workflow: "sync-pull-request", eventId: id }, await personIn("MRH", "owner"));
  expect(r.isError).toBe(true);
  expect(textOf(r)).toMatch(/^not_found:/);
});
