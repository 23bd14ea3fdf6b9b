// What a tracker import does to a project: per task created, updated (with the fields that differ) or unchanged, and the edges it sets.
//
// Both stores read the project's tracked tasks by external key, call this, and write what it returns in one operation;
// a second import of the same files finds every task unchanged.

import { capText, DESCRIPTION_MAX, TITLE_MAX, type Priority, type TaskStatus } from "../tasks";
import type { TrackerTask } from "./model";

/** Our fields of an imported task: what an import sets and compares. */
export interface TrackedFields {
  title: string;
  description: string | null;
  status: TaskStatus;
  priority: Priority;
  tags: string[];
  dueAt: string | null;
  estimatedHours: number | null;
  assigneeId: string | null;
}

/** A task of the project that an earlier import (or a session's tracker command) made. */
export interface TrackedTask extends TrackedFields {
  id: string;
  externalKey: string;
}

export type TrackerDecision =
  | { externalKey: string; op: "create"; fields: TrackedFields }
  | { externalKey: string; op: "update"; taskId: string; fields: Partial<TrackedFields>; changes: Record<string, [unknown, unknown]> }
  | { externalKey: string; op: "unchanged"; taskId: string };

export interface TrackerImportPlan {
  decisions: TrackerDecision[];
  /** child → parent and task → blocker, by external key, both ends in this import or already in the project. */
  parents: { externalKey: string; parentExternalKey: string }[];
  dependencies: { externalKey: string; dependsOnExternalKey: string }[];
  /** Edges whose other end is neither in this import nor in the project. */
  unresolved: { from: string; to: string; kind: string }[];
}

const TAGS_MAX = 20;

/** The tracker's task as our fields; an assignee who is no user of the hub is kept as the tag `assignee:<name>`. */
export function trackedFields(t: TrackerTask, assigneeId: string | null): TrackedFields {
  const tags = [...t.tags];
  if (t.assignee && !assigneeId) tags.push(`assignee:${t.assignee}`.slice(0, 50));
  return {
    title: capText(t.title, TITLE_MAX) || t.externalKey,
    description: t.description ? capText(t.description, DESCRIPTION_MAX) : null,
    status: t.status,
    priority: t.priority,
    tags: [...new Set(tags)].slice(0, TAGS_MAX),
    dueAt: t.dueAt ?? null,
    estimatedHours: t.estimatedMinutes != null ? Math.round((t.estimatedMinutes / 60) * 100) / 100 : null,
    assigneeId,
  };
}

/** The fields that differ, each with its before and after. */
export function fieldDiff(before: TrackedFields, after: TrackedFields): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const k of Object.keys(after) as (keyof TrackedFields)[]) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) out[k] = [before[k], after[k]];
  }
  return out;
}

/**
 * Decides every task of an import against what the project holds. `existing`: the project's tasks by external key;
 * `assigneeOf`: the hub user a tracker's assignee name is (by email or login), or null.
 */
export function planTrackerImport(
  tasks: TrackerTask[],
  existing: ReadonlyMap<string, TrackedTask>,
  assigneeOf: (name: string) => string | null,
): TrackerImportPlan {
  const decisions: TrackerDecision[] = [];
  const inImport = new Set(tasks.map((t) => t.externalKey));
  const known = (k: string) => inImport.has(k) || existing.has(k);
  const plan: TrackerImportPlan = { decisions, parents: [], dependencies: [], unresolved: [] };
  for (const t of tasks) {
    const fields = trackedFields(t, t.assignee ? assigneeOf(t.assignee) : null);
    const before = existing.get(t.externalKey);
    if (!before) decisions.push({ externalKey: t.externalKey, op: "create", fields });
    else {
      const changes = fieldDiff(before, fields);
      if (Object.keys(changes).length) {
        const changed = Object.fromEntries(Object.keys(changes).map((k) => [k, fields[k as keyof TrackedFields]])) as Partial<TrackedFields>;
        decisions.push({ externalKey: t.externalKey, op: "update", taskId: before.id, fields: changed, changes });
      } else decisions.push({ externalKey: t.externalKey, op: "unchanged", taskId: before.id });
    }
    if (t.parentExternalKey) {
      if (known(t.parentExternalKey) && t.parentExternalKey !== t.externalKey) plan.parents.push({ externalKey: t.externalKey, parentExternalKey: t.parentExternalKey });
      else plan.unresolved.push({ from: t.externalKey, to: t.parentExternalKey, kind: "parent" });
    }
    for (const d of t.dependsOn) {
      if (known(d) && d !== t.externalKey) plan.dependencies.push({ externalKey: t.externalKey, dependsOnExternalKey: d });
      else plan.unresolved.push({ from: t.externalKey, to: d, kind: "dependency" });
    }
  }
  return plan;
}

/** The answer of POST /api/import/tracker (cli/trackers.mjs formatTrackerSummary reads tasks, created, updated, accounting). */
export function trackerImportSummary(plan: TrackerImportPlan) {
  const count = (op: TrackerDecision["op"]) => plan.decisions.filter((d) => d.op === op).length;
  return { tasks: plan.decisions.length, created: count("create"), updated: count("update"), unchanged: count("unchanged") };
}
