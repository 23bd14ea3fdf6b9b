// Transcripts posted over HTTP, whole and in slices: the tasks the API shows agree with the TodoWrite lists.
import { describe, expect, it } from "vitest";
import todowrite from "../fixtures/claude/a-todowrite-v2.1.4.jsonl?raw";
import taskTools from "../fixtures/claude/b-taskcreate-taskupdate-v2.1.39.jsonl?raw";
import subagent from "../fixtures/claude/c-subagent-agent-progress-v2.1.19.jsonl?raw";
import compaction from "../fixtures/claude/d-compaction-v2.1.39.jsonl?raw";
import compactionTodos from "../fixtures/claude/d2-compaction-summary-lines-todowrite-v2.1.5.jsonl?raw";
import large from "../fixtures/claude/e-large-1.9mb-compaction-tasks-v2.1.42.jsonl?raw";
import beads from "../fixtures/claude/f-beads-bd-commands-v2.1.62.jsonl?raw";
import planMode from "../fixtures/claude/g-exitplanmode-v2.1.12.jsonl?raw";
import { createProject } from "../support/hub";
import { agreement, asSession, postTranscript, projectTasks, settled, slices, todoTruth } from "../support/transcripts";
import { preTwoOneSubagents } from "./synthetic-session";

const FIXTURES = {
  "a-todowrite-v2.1.4": todowrite,
  "b-taskcreate-taskupdate-v2.1.39": taskTools,
  "c-subagent-agent-progress-v2.1.19": subagent,
  "d-compaction-v2.1.39": compaction,
  "d2-compaction-summary-lines-todowrite-v2.1.5": compactionTodos,
  "e-large-1.9mb-compaction-tasks-v2.1.42": large,
  "f-beads-bd-commands-v2.1.62": beads,
  "g-exitplanmode-v2.1.12": planMode,
  "synthetic pre-2.1 subagents": preTwoOneSubagents(),
};

let n = 0;
/** A project of its own for each run, so runs in this file never see each other's tasks. */
async function freshProject() {
  const key = `TR${++n}`;
  const cwd = `/work/tr${n}`;
  await createProject(key, { paths: [cwd] });
  return { key, cwd, session: crypto.randomUUID() };
}

const lines = (text: string) => text.split("\n").filter((l) => l.trim());

describe.each(Object.entries(FIXTURES))("%s", (_, text) => {
  it("posted whole, shows every TodoWrite list's items with their latest status", async () => {
    const p = await freshProject();
    const body = asSession(text, p.session, p.cwd);
    expect((await postTranscript(body)).status).toBe(202);
    await settled();
    const tasks = await projectTasks(p.key);
    const expected = todoTruth(lines(body));
    const a = agreement(expected, tasks);
    expect(a.agreed).toBe(a.total);
    expect(a.extras).toEqual([]);
  });

  it("posted in four slices, agrees with the lists seen so far after each, and most tasks are TodoWrite items", async () => {
    const p = await freshProject();
    const body = asSession(text, p.session, p.cwd);
    const all = lines(body);
    let upTo = 0;
    for (const slice of slices(body, 4)) {
      expect((await postTranscript(slice)).status).toBe(202);
      upTo += lines(slice).length;
      await settled();
      const tasks = await projectTasks(p.key);
      const a = agreement(todoTruth(all, upTo), tasks);
      expect(a.agreed).toBeGreaterThanOrEqual(Math.ceil(a.total * 0.95));
      expect(a.extras).toEqual([]);
    }
    const tasks = await projectTasks(p.key);
    const todo = tasks.filter((t) => t.source.kind === "todowrite").length;
    if (todoTruth(all).length) expect(todo / tasks.length).toBeGreaterThanOrEqual(0.8);
  });
});

describe("a session posted again", () => {
  it("changes nothing when the same lines come twice", async () => {
    const p = await freshProject();
    const body = asSession(compactionTodos, p.session, p.cwd);
    await postTranscript(body);
    await settled();
    const before = await projectTasks(p.key);
    const res = await postTranscript(body);
    expect(await res.json()).toMatchObject({ accepted: 0, duplicates: lines(body).filter((l) => JSON.parse(l).uuid).length, intents: 0 });
    await settled();
    expect(await projectTasks(p.key)).toEqual(before);
  });

  it("reads a slice that starts mid-session on its own", async () => {
    const p = await freshProject();
    const all = lines(asSession(todowrite, p.session, p.cwd));
    const tail = all.slice(Math.floor(all.length / 2));
    expect((await postTranscript(tail.join("\n"))).status).toBe(202);
    await settled();
    const a = agreement(todoTruth(tail), await projectTasks(p.key));
    expect(a.total).toBeGreaterThan(0);
    expect(a.agreed).toBe(a.total);
  });
});

describe("subagent runs without agentIds (Claude Code before 2.1)", () => {
  it("keeps a run's list in one chain when a slice starts inside the run", async () => {
    const p = await freshProject();
    const all = lines(asSession(preTwoOneSubagents(), p.session, p.cwd));
    const cut = all.findIndex((l) => l.includes("Run the parser tests")); // the run's second list opens the second slice
    await postTranscript(all.slice(0, cut).join("\n"));
    await postTranscript(all.slice(cut).join("\n"));
    await settled();
    const parser = (await projectTasks(p.key)).filter((t) => t.title === "Read the parser");
    expect(parser.map((t) => t.status)).toEqual(["completed"]);
  });

  it("tags the subagent's tasks with the run they came from", async () => {
    const p = await freshProject();
    await postTranscript(asSession(preTwoOneSubagents(), p.session, p.cwd));
    await settled();
    const task = (await projectTasks(p.key)).find((t) => t.title === "Read the parser");
    expect(task?.tags.some((t) => t.startsWith("agent:"))).toBe(true);
  });
});
