// POST /api/import/tracker: real tracker files from public repositories (test/fixtures/trackers) into a project, idempotently.
import { describe, expect, it } from "vitest";
import beadsIcehouse from "../fixtures/trackers/beads-icehouse.jsonl?raw";
import beadsSkyhook from "../fixtures/trackers/beads-skyhook.jsonl?raw";
import tmSetup from "../fixtures/trackers/taskmaster-ai-coding-assistants-setup.json?raw";
import tmTestcraft from "../fixtures/trackers/taskmaster-testcraft.json?raw";
import { call, createProject } from "../support/hub";
import { addMember, createUser, tokenFor } from "../support/people";

type Files = { path: string; text: string }[];
const folder = (glob: Record<string, string>, base: string): Files =>
  Object.entries(glob).map(([p, text]) => ({ path: p.slice(p.indexOf(base) + base.length + 1), text }));
const backlog = folder(import.meta.glob("../fixtures/trackers/backlog-clustering-tfjs/**/*", { query: "?raw", import: "default", eager: true }), "backlog-clustering-tfjs");
const claudeList = folder(import.meta.glob("../fixtures/trackers/claude-tasks-time-tracker/*.json", { query: "?raw", import: "default", eager: true }), "claude-tasks-time-tracker");

// Hundreds of tasks written one by one on a machine shared with other test files.
const SLOW = 120_000;

type Body = { from: string; listId?: string; files: Files };
const SOURCES: [string, Body][] = [
  ["beads (icehouse)", { from: "beads", files: [{ path: "issues.jsonl", text: beadsIcehouse }] }],
  ["beads (skyhook)", { from: "beads", files: [{ path: "issues.jsonl", text: beadsSkyhook }] }],
  ["Task Master (tagged)", { from: "taskmaster", files: [{ path: "tasks.json", text: tmTestcraft }] }],
  ["Task Master (setup)", { from: "taskmaster", files: [{ path: "tasks.json", text: tmSetup }] }],
  ["Backlog.md", { from: "backlog", files: backlog }],
  ["Claude's task list", { from: "claude-tasks", listId: "time-tracker", files: claudeList }],
];

let n = 0;
async function project(): Promise<string> {
  const key = `TRK${++n}`;
  await createProject(key);
  return key;
}

const importInto = (key: string, body: unknown, token?: string | null) => call(`/api/import/tracker?project=${key}`, { method: "POST", json: body, token });

type Record_ = { type: string; key: string; title: string; status: string; priority: string; parent?: string | null; task: string; dependsOn: string; externalKey: string | null };
async function records(key: string): Promise<Record_[]> {
  const text = new TextDecoder().decode(await (await call(`/api/export?project=${key}`)).arrayBuffer());
  return text.trim().split("\n").map((l) => JSON.parse(l));
}

/** A project's tasks as a tracker would see them: by title, with status, priority, parent and blockers by title. */
async function shape(key: string) {
  const all = await records(key);
  const tasks = all.filter((r) => r.type === "task");
  const title = new Map(tasks.map((t) => [t.key, t.title]));
  return tasks
    .map((t) => ({
      title: t.title,
      status: t.status,
      priority: t.priority,
      parent: t.parent ? title.get(t.parent) : null,
      blockedBy: all.filter((d) => d.type === "dependency" && d.task === t.key).map((d) => title.get(d.dependsOn)).sort(),
    }))
    .sort((a, b) => a.title.localeCompare(b.title) || a.status.localeCompare(b.status));
}

describe.each(SOURCES)("%s", (_name, body) => {
  it("imports every task once, with its parent and dependencies; the same files again change nothing", async () => {
    const key = await project();
    const first = await importInto(key, body);
    expect(first.status).toBe(200);
    const a = await first.json();
    expect(a.created).toBe(a.tasks);
    expect(a.created).toBeGreaterThan(0);
    const all = await records(key);
    expect(all.filter((r) => r.type === "task")).toHaveLength(a.tasks);
    const again = await (await importInto(key, body)).json();
    expect({ created: again.created, updated: again.updated, unchanged: again.unchanged }).toEqual({ created: 0, updated: 0, unchanged: a.tasks });
    // What follows the first import (unblocking, run by the workflows) may land meanwhile: the tasks' own records may not change.
    const own = (rs: Record_[]) => rs.filter((r) => r.type !== "activity").map((r) => JSON.stringify(r));
    expect(own(await records(key))).toEqual(own(all));
  }, SLOW);

  it("leaves as it came: export in the tracker's format, import elsewhere, the same tasks", async () => {
    if (body.from === "claude-tasks") return; // Claude's list is not an export format (it is written by the SessionStart hook)
    const [from, to] = [await project(), await project()];
    await importInto(from, body);
    const format = body.from;
    const res = await call(`/api/export?project=${from}&format=${format}`);
    expect(res.status).toBe(200);
    const files: Files =
      format === "backlog" ? (await res.json()).files : [{ path: format === "beads" ? "issues.jsonl" : "tasks.json", text: new TextDecoder().decode(await res.arrayBuffer()) }];
    const back = await importInto(to, { from: format, files });
    expect(back.status).toBe(200);
    expect(await shape(to)).toEqual(await shape(from));
  }, SLOW);
});

describe("an import after edits", () => {
  it("updates the tasks whose fields changed, and only those", async () => {
    const key = await project();
    await importInto(key, { from: "taskmaster", files: [{ path: "tasks.json", text: tmTestcraft }] });
    const doc = JSON.parse(tmTestcraft);
    const tag = Object.keys(doc)[0];
    const first = doc[tag].tasks[0];
    first.title = `${first.title} (renamed)`;
    first.status = "done";
    const res = await (await importInto(key, { from: "taskmaster", files: [{ path: "tasks.json", text: JSON.stringify(doc) }] })).json();
    expect({ created: res.created, updated: res.updated }).toEqual({ created: 0, updated: 1 });
    const task = (await records(key)).find((r) => r.type === "task" && r.title === first.title);
    expect(task?.status).toBe("completed");
  }, SLOW);
});

describe("a tracker's ids belong to the project", () => {
  it("the same Task Master file in two projects makes two sets of tasks, and a change in one leaves the other", async () => {
    const [a, b] = [await project(), await project()];
    const body = { from: "taskmaster", files: [{ path: "tasks.json", text: tmSetup }] };
    const first = await (await importInto(a, body)).json();
    expect((await (await importInto(b, body)).json()).created).toBe(first.tasks);
    const doc = JSON.parse(tmSetup);
    const list = doc.tasks ?? doc[Object.keys(doc)[0]].tasks;
    const open = list.find((t: { status: string }) => !["done", "completed"].includes(t.status));
    open.status = "done";
    await importInto(b, { ...body, files: [{ path: "tasks.json", text: JSON.stringify(doc) }] });
    const titled = async (key: string) => (await records(key)).find((r) => r.type === "task" && r.title === open.title)?.status;
    expect(await titled(b)).toBe("completed");
    expect(await titled(a)).not.toBe("completed");
  }, SLOW);
});

describe("refusals change nothing", () => {
  const body = { from: "beads", files: [{ path: "issues.jsonl", text: beadsSkyhook }] };

  it("a viewer of the project is refused", async () => {
    const key = await project();
    const user = await createUser(`trk-viewer-${key.toLowerCase()}@example.com`);
    await addMember(key, user.id, "viewer");
    expect((await importInto(key, body, await tokenFor(user.id, ["write"]))).status).toBe(403);
    expect((await records(key)).filter((r) => r.type === "task")).toHaveLength(0);
  });

  it("a person of another project does not learn this one exists", async () => {
    const [key, theirs] = [await project(), await project()];
    const user = await createUser(`trk-stranger-${key.toLowerCase()}@example.com`);
    await addMember(theirs, user.id, "owner");
    expect((await importInto(key, body, await tokenFor(user.id, ["write"]))).status).toBe(404);
    expect((await records(key)).filter((r) => r.type === "task")).toHaveLength(0);
  });

  it("no token is 401, a read token 403", async () => {
    const key = await project();
    expect((await importInto(key, body, null)).status).toBe(401);
    const reader = ((await (await call("/api/tokens", { method: "POST", json: { name: "r", scopes: ["read"] } })).json()) as { token: string }).token;
    expect((await importInto(key, body, reader)).status).toBe(403);
  });

  it("a file the tracker could not have written is 400, naming the tracker", async () => {
    const key = await project();
    const res = await importInto(key, { from: "taskmaster", files: [{ path: "tasks.json", text: "{ not json" }] });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/tasks\.json is not JSON/);
    expect((await records(key)).filter((r) => r.type === "task")).toHaveLength(0);
  });

  it("an unknown tracker is 400", async () => {
    const key = await project();
    expect((await importInto(key, { from: "jira", files: [{ path: "x", text: "" }] })).status).toBe(400);
  });

  it("a body over the limit is 413", async () => {
    const key = await project();
    const res = await importInto(key, { from: "beads", files: [{ path: "issues.jsonl", text: "x".repeat(26 * 1024 * 1024) }] });
    expect(res.status).toBe(413);
  });
});
