// The task page's timeline and the session page: readable sentences, links back to where work came from, roles respected.
import { expect, it } from "vitest";
import { call, createProject } from "../support/hub";
import { page, session } from "../support/dashboard";
import { addMember, createUser, tokenFor } from "../support/people";
import { postHook, projectTasks, settled } from "../support/transcripts";

const timeline = (html: string) => html.slice(html.indexOf("<h2>Timeline</h2>"), html.indexOf("</table>", html.indexOf("<h2>Timeline</h2>")));

/** A Claude Code session that creates one task with TaskCreate and starts it with TaskUpdate. */
async function sessionWork(key: string) {
  const cwd = `/work/${key.toLowerCase()}`;
  await createProject(key, { paths: [cwd] });
  const session_id = crypto.randomUUID();
  const common = { session_id, cwd, transcript_path: `/home/dev/.claude/projects/x/${session_id}.jsonl`, permission_mode: "default", hook_event_name: "PostToolUse" };
  await postHook({ ...common, tool_name: "TaskCreate", tool_use_id: "toolu_c1", tool_input: { subject: "Write the config parser" }, tool_response: { task: { id: "1", subject: "Write the config parser" } } });
  await postHook({ ...common, tool_name: "TaskUpdate", tool_use_id: "toolu_u1", tool_input: { taskId: "1", status: "in_progress" }, tool_response: { success: true, taskId: "1" } });
  await settled();
  const [task] = await projectTasks(key);
  return { session_id, task };
}

it("the task page's timeline reads as sentences, never raw JSON", async () => {
  await createProject("TL");
  await call("/api/tasks", { method: "POST", json: { project: "TL", title: "Readable" } });
  await call("/api/tasks/TL-1", { method: "PUT", json: { status: "in_progress", priority: "high" } });
  await call("/api/tasks/TL-1/comments", { method: "POST", json: { body: 'a {"json": "body"}' } });
  const html = timeline(await (await page("/tasks/TL-1", await session())).text());
  expect(html).toContain("status todo → in progress, priority medium → high");
  expect(html).toContain("commented");
  expect(html).not.toContain('{"');
  expect(html).not.toContain("{&quot;");
});

it("a session's task says it came from that session and links to its page", async () => {
  const { session_id, task } = await sessionWork("SRC");
  const html = await (await page(`/tasks/${task.key}`, await session())).text();
  expect(html).toContain(`href="/sessions/${session_id}"`);
  expect(html).toContain(`>Claude Code session ${session_id.slice(0, 4)}…</a> (Task tools)`);
  expect(timeline(html)).toContain("status todo → in progress");
});

it("the session page lists the tasks a session created and what it changed", async () => {
  const { session_id, task } = await sessionWork("SESS");
  const res = await page(`/sessions/${session_id}`, await session());
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toContain(`href="/tasks/${task.key}"`);
  expect(html).toContain("Write the config parser");
  expect(html).toContain("status todo → in progress");
  expect(html).toContain("active 0m");
});

it("the session page is missing for a person who may not read its project, and shown to a viewer", async () => {
  const { session_id } = await sessionWork("PRIV");
  const stranger = await createUser("stranger@priv.test");
  const viewer = await createUser("viewer@priv.test");
  await addMember("PRIV", viewer.id, "viewer");
  expect((await page(`/sessions/${session_id}`, await session(await tokenFor(stranger.id)))).status).toBe(404);
  expect((await page(`/sessions/${session_id}`, await session(await tokenFor(viewer.id)))).status).toBe(200);
});

it("an unknown session is 404", async () => {
  expect((await page(`/sessions/${crypto.randomUUID()}`, await session())).status).toBe(404);
});
