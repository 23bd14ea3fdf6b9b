// Backlog.md folders in and out: the real backlog of CRJFisher/clustering-tfjs, and what it lacks.
import { describe, expect, it } from "vitest";
import { fromBacklog, toBacklog } from "../../../src/domain/trackers/backlog";
import { backlogFiles, counts, tally } from "./fixtures";

const files = backlogFiles();
const taskFiles = files.filter((f) => f.path.endsWith(".md"));
const imported = fromBacklog(files);
const task = (id: string) => imported.tasks.find((t) => t.externalKey === `backlog:${id}`)!;
const meta = (id: string) => task(id).metadata.backlog as Record<string, any>;

/** The front matter's lines read plainly: `key: value`, and a list key's `  - item` lines or `[a, b]`. */
function plain(text: string): Record<string, string[]> {
  const head = text.split("\n---\n")[0].split("\n").slice(1);
  const out: Record<string, string[]> = {};
  let key = "";
  for (const line of head) {
    const item = /^\s+- (.*)$/.exec(line);
    if (item && key) out[key].push(item[1]);
    const kv = /^(\w+):\s*(.*)$/.exec(line);
    if (!kv) continue;
    key = kv[1];
    const v = kv[2];
    out[key] = v.startsWith("[") ? v.slice(1, -1).split(",").map((s) => s.trim()).filter(Boolean) : v ? [v] : [];
  }
  return out;
}
const fm = taskFiles.map((f) => plain(f.text));

describe("the clustering-tfjs backlog", () => {
  it("imports every task file, ids in lower case", () => {
    expect(imported.tasks.map((t) => t.externalKey)).toEqual(fm.map((f) => `backlog:${f.id[0].toLowerCase()}`));
    expect(task("task-42").metadata.backlog).toMatchObject({ frontMatter: { id: "TASK-42" } });
  });

  it("accounts for every status, dependency and parent in the files", () => {
    expect(counts(imported.accounting.statuses)).toEqual(tally(fm.map((f) => f.status[0])));
    expect(imported.accounting.priorities).toEqual([]);
    const edges = fm.flatMap((f) => [...(f.dependencies ?? []).map(() => "dependencies"), ...(f.parent_task_id ?? []).map(() => "parent_task_id")]);
    expect(counts(imported.accounting.linkKinds)).toEqual(tally(edges));
  });

  it("a subtask file names its parent; dependencies on archived tasks stay, listed as unresolved", () => {
    expect(task("task-19.2").parentExternalKey).toBe("backlog:task-19");
    expect(task("task-23").dependsOn).toEqual(["backlog:task-19", "backlog:task-19.1"]);
    expect(imported.accounting.unresolved).toEqual([
      { from: "backlog:task-19", to: "backlog:task-19.1", kind: "dependency" },
      { from: "backlog:task-23", to: "backlog:task-19.1", kind: "dependency" },
    ]);
  });

  it("reads assignee lists in either YAML form, folded titles and labels", () => {
    expect(task("task-33").title).toBe("Fix memory leaks, broken SOM clustering path, and missing agglomerative features");
    expect(task("task-33").assignee).toBe("claude");
    expect(task("task-37").assignee).toBe("claude");
    expect(task("task-31").assignee).toBe("@assistant");
    expect(task("task-50").tags).toEqual(["tdt", "testing"]);
  });

  it("dates without a zone are read as UTC, with or without a time", () => {
    expect(task("task-42").createdAt).toBe("2026-03-20T00:00:00.000Z");
    expect(task("task-42").updatedAt).toBe("2026-03-20T15:44:00.000Z");
    expect(task("task-50").createdAt).toBe("2026-06-07T08:35:00.000Z");
  });

  it("the description is the Description section without Backlog's markers", () => {
    expect(task("task-42").description).toMatch(/^The findOptimalClusters default combined score .* no per-sample silhouette scores exposed\.$/s);
    expect(task("task-19").description).toBe(
      "Profile and optimize the implementations for memory efficiency and performance, particularly for large datasets, ensuring proper tensor disposal and minimizing allocations",
    );
  });

  it("acceptance criteria are kept as checklists, ticked and nested; plan and notes as text", () => {
    const checklistLines = taskFiles.flatMap((f) => {
      const ac = f.text.split(/^## /m).find((s) => s.startsWith("Acceptance Criteria")) ?? "";
      return ac.split("\n").filter((l) => /^\s*- \[[ x]\] /.test(l));
    });
    expect(imported.tasks.flatMap((t) => (t.metadata.backlog as any).acceptanceCriteria)).toHaveLength(checklistLines.length);
    expect(meta("task-42").acceptanceCriteria[0]).toEqual({ checked: true, text: "Combined score uses normalized metrics so all three contribute meaningfully", depth: 0 });
    expect(meta("task-19").acceptanceCriteria[5]).toEqual({ checked: false, text: "CPU backend (baseline)", depth: 1 });
    expect(meta("task-42").implementationPlan).toMatch(/^1\. Fix silhouetteScore NaN/);
    expect(meta("task-42").implementationNotes).toMatch(/^### Approach/);
  });

  it("import → export → import gives the same tasks", () => {
    expect(fromBacklog(toBacklog(imported.tasks)).tasks).toEqual(imported.tasks);
  });

  it("exports every file byte for byte as it came", () => {
    expect(toBacklog(imported.tasks)).toEqual(taskFiles);
  });
});

describe("Backlog.md changes and variants", () => {
  const file = (front: string, body = "\n## Description\n\nSome text\n") => ({ path: "tasks/task-1 - x.md", text: `---\n${front}\n---\n${body}` });

  it("a changed task is written back with the new status, labels, priority and description, the rest of the body untouched", () => {
    const src = file("id: task-1\ntitle: One\nstatus: To Do\nassignee: []\nlabels: []\ndependencies: []", "\n## Description\n\nOld\n\n## Implementation Notes\n\nKeep me\n");
    const [t] = fromBacklog([src]).tasks;
    const [out] = toBacklog([{ ...t, status: "completed", tags: ["ui"], priority: "high", description: "New", dependsOn: ["backlog:task-2"] }]);
    expect(out.text).toBe(
      "---\nid: task-1\ntitle: One\nstatus: Done\nassignee: []\nlabels:\n  - ui\ndependencies:\n  - task-2\npriority: high\n---\n" +
        "\n## Description\n\n<!-- SECTION:DESCRIPTION:BEGIN -->\nNew\n<!-- SECTION:DESCRIPTION:END -->\n\n## Implementation Notes\n\nKeep me\n",
    );
  });

  it("a description with its own headings stays whole between Backlog's markers", () => {
    const [t] = fromBacklog([file("id: task-1\ntitle: One")]).tasks;
    const description = "Intro\n\n## Not a section\n\nMore";
    const [out] = toBacklog([{ ...t, description }]);
    expect(fromBacklog([out]).tasks[0].description).toBe(description);
  });

  it("priority, due date and unknown statuses are read and accounted", () => {
    const { tasks, accounting } = fromBacklog([file("id: task-1\ntitle: One\nstatus: Blocked\npriority: high\ndue_date: '2026-05-01'")]);
    expect(tasks[0]).toMatchObject({ status: "todo", priority: "high", dueAt: "2026-05-01T00:00:00.000Z" });
    expect(accounting.statuses).toEqual([{ value: "Blocked", count: 1, became: 'status todo; "Blocked" kept in metadata' }]);
    expect(accounting.priorities).toEqual([{ value: "high", count: 1, became: "priority high" }]);
  });

  it("a task without a status takes config.yml's default", () => {
    const { tasks } = fromBacklog([{ path: "config.yml", text: 'default_status: "In Progress"\n' }, file("id: task-1\ntitle: One")]);
    expect(tasks[0].status).toBe("in_progress");
  });

  it("archived tasks, documents, other files and files without an id are skipped with the reason", () => {
    const { tasks, accounting } = fromBacklog([
      { ...file("id: task-1\ntitle: One"), path: "archive/tasks/task-1 - x.md" },
      { ...file("id: doc-1\ntitle: Doc"), path: "docs/doc-1.md" },
      { path: "tasks/.DS_Store", text: "" },
      { path: "tasks/task-2.md", text: "no front matter" },
    ]);
    expect(tasks).toEqual([]);
    expect(accounting.skipped.map((s) => s.reason)).toEqual([
      "archived: removed from the board",
      "a document or decision, not a task",
      "not a markdown task file",
      "no id in the front matter",
    ]);
  });

  it("tasks from another tracker get a file of their own", () => {
    const base = { description: "Text", status: "in_progress" as const, priority: "medium" as const, tags: [], links: [], comments: [], metadata: {}, dependsOn: [] };
    const [out] = toBacklog([{ ...base, externalKey: "beads:p-1", title: "Fix: the thing", createdAt: "2026-01-02T03:04:00.000Z" }]);
    expect(out.path).toBe("tasks/beads-p-1 - Fix-the-thing.md");
    expect(fromBacklog([out]).tasks[0]).toMatchObject({ externalKey: "backlog:beads-p-1", title: "Fix: the thing", description: "Text", status: "in_progress", createdAt: "2026-01-02T03:04:00.000Z" });
  });
});
