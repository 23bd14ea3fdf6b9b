// beads issues.jsonl in and out: real exports from NVIDIA/skyhook and davidplumpton/icehouse, and the variants they lack.
import { describe, expect, it } from "vitest";
import { fromBeads, toBeads } from "../../../src/domain/trackers/beads";
import { TEXT_MAX, TITLE_MAX } from "../../../src/domain/trackers/model";
import { BEADS_FIXTURES, counts, fixture, tally } from "./fixtures";

const lines = (text: string) =>
  text
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, any>);
const task = (text: string, id: string) => fromBeads(text).tasks.find((t) => t.externalKey === `beads:${id}`)!;
const issue = (fields: Record<string, unknown>) => JSON.stringify({ id: "p-1", title: "A task", status: "open", priority: 2, issue_type: "task", ...fields });

describe.each(BEADS_FIXTURES)("%s", (name) => {
  const text = fixture(name);
  const source = lines(text);
  const imported = fromBeads(text);

  it("imports every issue that is not a tombstone", () => {
    expect(imported.tasks.map((t) => t.externalKey)).toEqual(source.filter((i) => i.status !== "tombstone").map((i) => `beads:${i.id}`));
  });

  it("accounts for every status, priority, type and dependency type in the file", () => {
    const deps = source.flatMap((i) => i.dependencies ?? []);
    expect(counts(imported.accounting.statuses)).toEqual(tally(source.map((i) => i.status)));
    // A tombstone's status is accounted; its priority and type are not read.
    const live = source.filter((i) => i.status !== "tombstone");
    expect(counts(imported.accounting.priorities)).toEqual(tally(live.map((i) => i.priority)));
    expect(counts(imported.accounting.types)).toEqual(tally(live.map((i) => i.issue_type)));
    expect(counts(imported.accounting.linkKinds)).toEqual(tally(deps.map((d) => d.type)));
  });

  it("reads the hierarchy from parent-child edges and waiting from blocks edges", () => {
    for (const i of source.filter((i) => i.status !== "tombstone")) {
      const t = imported.tasks.find((t) => t.externalKey === `beads:${i.id}`)!;
      const deps = (i.dependencies ?? []) as { depends_on_id: string; type: string }[];
      expect(t.parentExternalKey).toBe(deps.find((d) => d.type === "parent-child") && `beads:${deps.find((d) => d.type === "parent-child")!.depends_on_id}`);
      expect(t.dependsOn).toEqual(deps.filter((d) => d.type === "blocks").map((d) => `beads:${d.depends_on_id}`));
    }
  });

  it("import → export → import gives the same tasks", () => {
    expect(fromBeads(toBeads(imported.tasks)).tasks).toEqual(imported.tasks);
  });

  it("exports each issue as it came (every field, every edge and comment)", () => {
    expect(lines(toBeads(imported.tasks))).toEqual(source.filter((i) => i.status !== "tombstone"));
  });
});

describe("beads fields", () => {
  const skyhook = fixture("beads-skyhook.jsonl");
  const icehouse = fixture("beads-icehouse.jsonl");

  it("priority 0 is valid and the highest", () => {
    expect(task(skyhook, "skyhook-gld.1").priority).toBe("urgent");
    expect(fromBeads([issue({ priority: 1 }), issue({ id: "p-2", priority: 3 }), issue({ id: "p-3", priority: 4 })].join("\n")).tasks.map((t) => t.priority)).toEqual(["high", "low", "low"]);
  });

  it("a tombstone is a deleted issue: skipped, with its reason", () => {
    const { tasks, accounting } = fromBeads(icehouse);
    expect(tasks.some((t) => t.externalKey === "beads:claudecode-5xa")).toBe(false);
    expect(accounting.skipped).toEqual([{ item: "beads:claudecode-5xa", reason: "deleted at 2025-12-30T22:02:57.062252+13:00: manual delete" }]);
  });

  it("times with the author's offset become UTC", () => {
    const t = task(skyhook, "skyhook-gld.1");
    expect(t.createdAt).toBe("2026-02-05T00:38:05.103Z");
    expect(t.completedAt).toBe("2026-02-05T01:22:17.424Z");
  });

  it("keeps estimated minutes, comments, and the fields the model does not hold", () => {
    const t = task(skyhook, "skyhook-gld.4");
    expect(t.comments).toEqual([{ author: "Brian Lockwood", body: expect.stringContaining("ResetBatchState() logic"), at: "2026-02-05T01:32:02.000Z" }]);
    const one = task(skyhook, "skyhook-gld.1");
    expect(one.estimatedMinutes).toBe(480);
    expect(one.metadata.beads).toMatchObject({ owner: "lockwobr@gmail.com", acceptance_criteria: expect.stringContaining("CRDs updated"), close_reason: "Closed" });
  });

  it("a non-default issue type becomes a tag beside the labels", () => {
    expect(task(skyhook, "skyhook-gld").tags).toEqual(["epic"]);
    expect(task(skyhook, "skyhook-gld.1").tags).toEqual([]);
    expect(fromBeads(issue({ labels: ["ui", "perf"], issue_type: "bug" })).tasks[0].tags).toEqual(["ui", "perf", "bug"]);
  });

  it("maps every beads status, keeping the ones we have no word for in metadata", () => {
    const statuses = ["open", "in_progress", "blocked", "deferred", "closed", "pinned", "hooked"];
    const { tasks, accounting } = fromBeads(statuses.map((s, i) => issue({ id: `p-${i}`, status: s })).join("\n"));
    expect(tasks.map((t) => t.status)).toEqual(["todo", "in_progress", "todo", "todo", "completed", "todo", "in_progress"]);
    expect(accounting.statuses.find((s) => s.value === "blocked")!.became).toBe('status todo; "blocked" kept in metadata');
    expect(lines(toBeads(tasks)).map((i) => i.status)).toEqual(statuses);
  });

  it("links other than blocks and parent-child stay links, unknown kinds included", () => {
    const kinds = ["discovered-from", "related", "relates-to", "duplicates", "supersedes", "waits-for"];
    const deps = kinds.map((type, i) => ({ issue_id: "p-1", depends_on_id: `q-${i}`, type }));
    const { tasks, accounting } = fromBeads(issue({ dependencies: deps }));
    expect(tasks[0].links).toEqual(kinds.map((kind, i) => ({ kind, targetExternalKey: `beads:q-${i}` })));
    expect(accounting.linkKinds.map((k) => k.became)).toEqual(kinds.map((k) => `link ${k}`));
    expect(accounting.unresolved).toHaveLength(kinds.length);
    expect(lines(toBeads(tasks))[0].dependencies).toEqual(deps);
  });

  it("an unreadable line is skipped with its number and the rest imported", () => {
    const { tasks, accounting } = fromBeads([issue({}), "{not json", JSON.stringify({ title: "no id" }), issue({ id: "p-2" })].join("\n"));
    expect(tasks.map((t) => t.externalKey)).toEqual(["beads:p-1", "beads:p-2"]);
    expect(accounting.skipped).toEqual([
      { item: "line 2", reason: "not JSON" },
      { item: "line 3", reason: "no issue id" },
    ]);
  });

  it("a title beyond our limit is cut and the cut noted", () => {
    const { tasks, accounting } = fromBeads(issue({ title: "x".repeat(TITLE_MAX + 50) }));
    expect(tasks[0].title).toHaveLength(TITLE_MAX);
    expect(accounting.truncated).toEqual([{ externalKey: "beads:p-1", field: "title" }]);
  });

  it("a time without a zone is UTC, whatever the machine's zone; text that is no time is left in metadata only", () => {
    const [t] = fromBeads(issue({ created_at: "2026-01-01T10:00:00", updated_at: "next tuesday" })).tasks;
    expect(t.createdAt).toBe("2026-01-01T10:00:00.000Z");
    expect(t.updatedAt).toBeUndefined();
    expect(t.metadata.beads).toMatchObject({ updated_at: "next tuesday" });
  });

  it("long text kept in metadata is capped too, and the cut noted", () => {
    const { tasks, accounting } = fromBeads(issue({ design: "d".repeat(TEXT_MAX + 1) }));
    expect((tasks[0].metadata.beads as { design: string }).design).toHaveLength(TEXT_MAX);
    expect(accounting.truncated).toEqual([{ externalKey: "beads:p-1", field: "metadata.design" }]);
  });

  it("exports what changed in taskhub: a completed task is closed, a raised priority written as beads says it", () => {
    const [t] = fromBeads(issue({ created_at: "2026-01-01T10:00:00+13:00" })).tasks;
    const [out] = lines(toBeads([{ ...t, status: "completed", priority: "urgent", completedAt: "2026-01-02T00:00:00.000Z", dependsOn: ["beads:p-9"] }]));
    expect(out).toMatchObject({ status: "closed", priority: 0, created_at: "2026-01-01T10:00:00+13:00", closed_at: "2026-01-02T00:00:00.000Z" });
    expect(out.dependencies).toEqual([{ issue_id: "p-1", depends_on_id: "p-9", type: "blocks" }]);
  });
});
