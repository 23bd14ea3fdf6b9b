// GET/POST /api/claude/task-list as the SessionStart hook calls them, and Claude's ids reaching the hub's tasks after.
import { describe, expect, it } from "vitest";
import { call, createProject } from "../support/hub";
import { addMember, createUser, tokenFor } from "../support/people";
import { projectTasks, settled } from "../support/transcripts";

let n = 0;
async function fresh() {
  const key = `CT${++n}`;
  const cwd = `/work/ct${n}`;
  await createProject(key, { paths: [cwd] });
  return { key, cwd, list: `L${key}` };
}

async function addTask(project: string, title: string): Promise<string> {
  const res = await call("/api/tasks", { method: "POST", json: { project, title } });
  expect(res.status).toBe(201);
  return (await res.json()).key;
}

const listOf = async (cwd: string, list: string, token?: string | null) => call(`/api/claude/task-list?cwd=${encodeURIComponent(cwd)}&list=${list}`, { token });
const assign = (cwd: string, list: string, ids: { key: string; claudeId: string }[], token?: string) =>
  call("/api/claude/task-list", { method: "POST", json: { cwd, list, assign: ids }, token });

async function tokenWith(scopes: string[], extra: Record<string, unknown> = {}) {
  const res = await call("/api/tokens", { method: "POST", json: { name: `ct${++n}`, scopes, ...extra } });
  return ((await res.json()) as { token: string }).token;
}

describe("/api/claude/task-list", () => {
  it("lists the open tasks with what Claude's files need, edges as hub keys", async () => {
    const p = await fresh();
    const a = await addTask(p.key, "Write the parser");
    const b = await addTask(p.key, "Fix the loader");
    expect((await call(`/api/tasks/${b}/dependencies`, { method: "POST", json: { dependsOn: a } })).status).toBeLessThan(300);
    const body = await (await listOf(p.cwd, p.list)).json();
    expect(body.project).toBe(p.key);
    expect(body.tasks).toEqual([
      { key: a, title: "Write the parser", description: "", status: "pending", activeForm: "Writing the parser", blocks: [b], blockedBy: [] },
      { key: b, title: "Fix the loader", description: "", status: "pending", activeForm: "Fixing the loader", blocks: [], blockedBy: [a] },
    ]);
  });

  it("remembers the ids the hook gives, and Claude's TaskUpdate and TaskCompleted on them reach those tasks", async () => {
    const p = await fresh();
    const a = await addTask(p.key, "Write the parser");
    const b = await addTask(p.key, "Fix the loader");
    const res = await assign(p.cwd, p.list, [{ key: a, claudeId: "3" }, { key: b, claudeId: "4" }]);
    expect(await res.json()).toEqual({ project: p.key, assigned: [{ key: a, claudeId: "3" }, { key: b, claudeId: "4" }] });
    expect((await (await listOf(p.cwd, p.list)).json()).tasks.map((t: { claudeId?: string }) => t.claudeId)).toEqual(["3", "4"]);
    const session = { session_id: crypto.randomUUID(), cwd: p.cwd };
    const headers = { "x-taskhub-task-list": p.list };
    await call("/hooks/claude", { method: "POST", headers, json: { ...session, hook_event_name: "PostToolUse", tool_name: "TaskUpdate", tool_input: { taskId: "4", status: "in_progress" }, tool_response: { success: true } } });
    await call("/hooks/claude", { method: "POST", headers, json: { ...session, hook_event_name: "TaskCompleted", task_id: "3", task_subject: "Write the parser" } });
    await settled();
    const status = Object.fromEntries((await projectTasks(p.key)).map((t) => [t.key, t.status]));
    expect(status).toEqual({ [a]: "completed", [b]: "in_progress" });
    // A finished task the list holds stays listed, so the hook can mark its file done.
    const listed = (await (await listOf(p.cwd, p.list)).json()).tasks;
    expect(listed.find((t: { key: string }) => t.key === a)).toMatchObject({ status: "completed", claudeId: "3" });
  });

  it("keeps an id another task already holds, and refuses a task of another project", async () => {
    const p = await fresh();
    const q = await fresh();
    const a = await addTask(p.key, "Write the parser");
    const b = await addTask(p.key, "Fix the loader");
    const foreign = await addTask(q.key, "Not ours");
    await assign(p.cwd, p.list, [{ key: a, claudeId: "1" }]);
    const res = await assign(p.cwd, p.list, [{ key: b, claudeId: "1" }, { key: foreign, claudeId: "2" }]);
    expect((await res.json()).assigned).toEqual([]);
    // Id 1 still names the first task, and no id names the foreign one.
    const headers = { "x-taskhub-task-list": p.list };
    await call("/hooks/claude", { method: "POST", headers, json: { session_id: crypto.randomUUID(), cwd: p.cwd, hook_event_name: "TaskCompleted", task_id: "1", task_subject: "x" } });
    await call("/hooks/claude", { method: "POST", headers, json: { session_id: crypto.randomUUID(), cwd: p.cwd, hook_event_name: "TaskCompleted", task_id: "2", task_subject: "x" } });
    await settled();
    expect(Object.fromEntries((await projectTasks(p.key)).map((t) => [t.key, t.status]))).toEqual({ [a]: "completed", [b]: "todo" });
    expect((await projectTasks(q.key)).map((t) => t.status)).toEqual(["todo"]);
  });

  it("answers a folder no project claims with no tasks", async () => {
    expect(await (await listOf("/nowhere/at/all", "SYS")).json()).toEqual({ project: null, tasks: [] });
  });

  it("answers 400 to a list id that is a path, 401 without a token, 403 to a read-only token's ids", async () => {
    const p = await fresh();
    expect((await listOf(p.cwd, "..%2Fetc")).status).toBe(400);
    expect((await listOf(p.cwd, p.list, null)).status).toBe(401);
    const a = await addTask(p.key, "Write the parser");
    const read = await tokenWith(["read"]);
    expect((await listOf(p.cwd, p.list, read)).status).toBe(200);
    const res = await assign(p.cwd, p.list, [{ key: a, claudeId: "1" }], read);
    expect(res.status).toBe(403);
    expect((await (await listOf(p.cwd, p.list)).json()).tasks[0].claudeId).toBeUndefined();
  });

  describe("who may", () => {
    const idsOf = async (p: { cwd: string; list: string }) => (await (await listOf(p.cwd, p.list)).json()).tasks.map((t: { claudeId?: string }) => t.claudeId ?? null);

    it("gives a person's token the list only where the person holds a role; a stranger gets none and gives no ids", async () => {
      const p = await fresh();
      const a = await addTask(p.key, "Write the parser");
      const stranger = await createUser(`stranger${n}@ct.test`);
      const token = await tokenFor(stranger.id, ["ingest", "read", "write"]);
      expect(await (await listOf(p.cwd, p.list, token)).json()).toEqual({ project: null, tasks: [] });
      const res = await assign(p.cwd, p.list, [{ key: a, claudeId: "1" }], token);
      expect(await res.json()).toEqual({ project: null, assigned: [] });
      expect(await idsOf(p)).toEqual([null]);
    });

    it("lets a viewer read the list but not give ids (403), and a member's ingest token give them", async () => {
      const p = await fresh();
      const a = await addTask(p.key, "Write the parser");
      const [viewer, member] = [await createUser(`viewer${n}@ct.test`), await createUser(`member${n}@ct.test`)];
      await addMember(p.key, viewer.id, "viewer");
      await addMember(p.key, member.id, "member");
      const asViewer = await tokenFor(viewer.id, ["ingest", "read"]);
      expect((await (await listOf(p.cwd, p.list, asViewer)).json()).tasks.map((t: { key: string }) => t.key)).toEqual([a]);
      const refused = await assign(p.cwd, p.list, [{ key: a, claudeId: "1" }], asViewer);
      expect(refused.status).toBe(403);
      expect((await refused.json()).code).toBe("forbidden");
      expect(await idsOf(p)).toEqual([null]);
      const ok = await assign(p.cwd, p.list, [{ key: a, claudeId: "1" }], await tokenFor(member.id, ["ingest"]));
      expect((await ok.json()).assigned).toEqual([{ key: a, claudeId: "1" }]);
    });

    it("hides the list from a token limited to other projects", async () => {
      const [p, q] = [await fresh(), await fresh()];
      const a = await addTask(p.key, "Write the parser");
      const limited = await tokenWith(["ingest", "read"], { projects: [q.key] });
      expect(await (await listOf(p.cwd, p.list, limited)).json()).toEqual({ project: null, tasks: [] });
      expect(await (await assign(p.cwd, p.list, [{ key: a, claudeId: "1" }], limited)).json()).toEqual({ project: null, assigned: [] });
      expect(await idsOf(p)).toEqual([null]);
    });

    it("never lets a session of another project reach the list's tasks by naming the list", async () => {
      const [p, q] = [await fresh(), await fresh()];
      const a = await addTask(p.key, "Write the parser");
      await assign(p.cwd, p.list, [{ key: a, claudeId: "1" }]);
      // A session in q's folder (its poster may write q) names p's list and completes id 1.
      const headers = { "x-taskhub-task-list": p.list };
      const session = { session_id: crypto.randomUUID(), cwd: q.cwd };
      const res = await call("/hooks/claude", { method: "POST", headers, json: { ...session, hook_event_name: "TaskCompleted", task_id: "1", task_subject: "Write the parser" } });
      expect(res.status).toBe(200);
      await settled();
      expect((await projectTasks(p.key)).map((t) => t.status)).toEqual(["todo"]);
      expect(await projectTasks(q.key)).toEqual([]);
    });
  });
});
