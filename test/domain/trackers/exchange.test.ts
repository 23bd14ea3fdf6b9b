// A project can leave in another tracker's format: every fixture, written as each format and read back, keeps its work.
import { describe, expect, it } from "vitest";
import { fromBacklog, toBacklog } from "../../../src/domain/trackers/backlog";
import { fromBeads, toBeads } from "../../../src/domain/trackers/beads";
import { fromClaudeTasks } from "../../../src/domain/trackers/claude-tasks";
import type { TrackerTask } from "../../../src/domain/trackers/model";
import { fromTaskMaster, toTaskMaster } from "../../../src/domain/trackers/taskmaster";
import { BEADS_FIXTURES, TASKMASTER_FIXTURES, backlogFiles, claudeFiles, fixture } from "./fixtures";

const sources: [string, () => TrackerTask[]][] = [
  ...BEADS_FIXTURES.map((n): [string, () => TrackerTask[]] => [n, () => fromBeads(fixture(n)).tasks]),
  ...TASKMASTER_FIXTURES.map((n): [string, () => TrackerTask[]] => [n, () => fromTaskMaster(fixture(n)).tasks]),
  ["backlog-clustering-tfjs", () => fromBacklog(backlogFiles()).tasks],
  ["claude-tasks-time-tracker", () => fromClaudeTasks("time-tracker", claudeFiles()).tasks],
];

const formats: [string, (tasks: TrackerTask[]) => TrackerTask[]][] = [
  ["beads", (tasks) => fromBeads(toBeads(tasks)).tasks],
  ["taskmaster", (tasks) => fromTaskMaster(toTaskMaster(tasks, "master")).tasks],
  ["backlog", (tasks) => fromBacklog(toBacklog(tasks)).tasks],
];

/** What a person would check, with tasks named by title since keys change with the format. */
function work(tasks: TrackerTask[]) {
  const title = new Map(tasks.map((t) => [t.externalKey, t.title]));
  return tasks
    .map((t) => ({
      title: t.title,
      description: t.description,
      status: t.status,
      priority: t.priority,
      assignee: t.assignee,
      parent: t.parentExternalKey && (title.get(t.parentExternalKey) ?? "(outside)"),
      dependsOn: t.dependsOn.map((d) => title.get(d) ?? "(outside)").sort(),
    }))
    .sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
}

describe.each(sources)("%s", (_, read) => {
  it.each(formats)("as %s keeps titles, descriptions, statuses, priorities, assignees, parents and dependencies", (format, roundTrip) => {
    const tasks = read();
    const back = roundTrip(tasks);
    const expected = work(tasks).map((t) => {
      if (format === "backlog") return { ...t, description: t.description.trim() }; // Backlog's sections hold trimmed text
      if (format !== "taskmaster") return t;
      // Task Master nests one level only (a grandchild comes back as a task of its own) and names only tasks it holds.
      return { ...t, parent: isGrandchild(tasks, t.title) ? undefined : t.parent, dependsOn: t.dependsOn.filter((d) => d !== "(outside)") };
    });
    expect(work(back)).toEqual(expected);
  });
});

function isGrandchild(tasks: TrackerTask[], title: string): boolean {
  const byKey = new Map(tasks.map((t) => [t.externalKey, t]));
  const t = tasks.find((x) => x.title === title)!;
  const parent = t.parentExternalKey && byKey.get(t.parentExternalKey);
  return !!parent && !!parent.parentExternalKey;
}
