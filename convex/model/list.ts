// listTasks on Convex: walks the narrowest index in creation order and filters the rest, a bounded scan per page.

import { decodeCursor, encodeCursor } from "../../src/domain/cursor";
import type { Doc } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { isOpen } from "../../src/domain/tasks";
import { MAX_EDGES_PER_TASK } from "./graph";
import { projectByKey } from "./tasks";
import type { TaskFilter } from "../../src/ports/store";

/** Documents read per page at most: a sparse filter returns a short page and a cursor rather than reading everything. */
export const MAX_SCAN = 2000;

/** Matches one search returns at most (Convex allows 1,024); more means matches are dense and the ordered walk finds a page soon. */
const SEARCH_MAX = 1000;

export type Filter = TaskFilter;

/** Whether any task this one depends on is still open. */
export async function hasOpenBlocker(ctx: QueryCtx, t: Doc<"tasks">): Promise<boolean> {
  for (const d of await ctx.db.query("dependencies").withIndex("by_taskId_dependsOnId", (q) => q.eq("taskId", t._id)).take(MAX_EDGES_PER_TASK)) {
    const blocker = await ctx.db.get(d.dependsOnId);
    if (blocker && isOpen(blocker.status)) return true;
  }
  return false;
}

async function matches(ctx: QueryCtx, t: Doc<"tasks">, f: Filter): Promise<boolean> {
  if (f.dueBefore && !(t.dueAt !== null && t.dueAt < f.dueBefore)) return false;
  if (f.dueAfter && !(t.dueAt !== null && t.dueAt >= f.dueAfter)) return false;
  if (!fieldsMatch(t, f)) return false;
  return f.blocked === undefined || (await hasOpenBlocker(ctx, t)) === f.blocked;
}

function fieldsMatch(t: Doc<"tasks">, f: Filter): boolean {
  const q = f.q?.toLowerCase();
  return (
    (!f.projectIds || f.projectIds.includes(t.projectId)) &&
    (!f.status?.length || f.status.includes(t.status)) &&
    (!f.assigneeId || t.assigneeId === f.assigneeId) &&
    (!f.priority || t.priority === f.priority) &&
    (!f.tag || t.tags.includes(f.tag)) &&
    (!q || t.title.toLowerCase().includes(q) || (t.description ?? "").toLowerCase().includes(q))
  );
}

export async function listTasks(ctx: QueryCtx, f: Filter, limit: number, cursor: string | null) {
  let projectId = null;
  if (f.projectKey) {
    const project = await projectByKey(ctx, f.projectKey);
    if (!project) return { items: [], nextCursor: null };
    projectId = project._id;
  }
  const after = cursor ? decodeCursor(cursor) : null;
  if (f.q) {
    // The walk below reads at most MAX_SCAN tasks a page, so one match among many tasks came back as an empty page and a
    // cursor; the search index finds the matches wherever they are, and a few of them are sorted into list order here.
    const hits = await ctx.db
      .query("tasks")
      .withSearchIndex("search_text", (q) => (projectId ? q.search("searchText", f.q!).eq("projectId", projectId) : q.search("searchText", f.q!)))
      .take(SEARCH_MAX + 1);
    if (hits.length <= SEARCH_MAX) return pageOf(ctx, hits, f, limit, after);
  }
  // Every index used ends in (createdAt, _creationTime): the page order, and the cursor's two parts.
  const inOrder = (range: (q: any) => any) =>
    projectId
      ? ctx.db.query("tasks").withIndex("by_projectId_createdAt", (q) => range(q.eq("projectId", projectId)))
      : f.assigneeId
        ? ctx.db.query("tasks").withIndex("by_assigneeId_createdAt", (q) => range(q.eq("assigneeId", f.assigneeId!)))
        : ctx.db.query("tasks").withIndex("by_createdAt", (q) => range(q));
  const phases = after
    ? [inOrder((q) => q.eq("createdAt", after[0]).gt("_creationTime", after[1])), inOrder((q) => q.gt("createdAt", after[0]))]
    : [inOrder((q) => q)];
  const items: Doc<"tasks">[] = [];
  let scanned = 0;
  let last: Doc<"tasks"> | null = null;
  for (const phase of phases) {
    for await (const t of phase) {
      if (await matches(ctx, t, f)) {
        if (items.length === limit) return { items, nextCursor: encodeCursor([last!.createdAt, last!._creationTime]) };
        items.push(t);
      }
      last = t;
      if (++scanned >= MAX_SCAN) return { items, nextCursor: encodeCursor([t.createdAt, t._creationTime]) };
    }
  }
  return { items, nextCursor: null };
}

/** The page after `after` of these candidates, in list order (createdAt, _creationTime), with the cursor the walk would give. */
async function pageOf(ctx: QueryCtx, candidates: Doc<"tasks">[], f: Filter, limit: number, cursor: (string | number)[] | null) {
  const after = cursor as [string, number] | null;
  const ordered = candidates
    .filter((t) => !after || t.createdAt > after[0] || (t.createdAt === after[0] && t._creationTime > after[1]))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a._creationTime - b._creationTime);
  const items: Doc<"tasks">[] = [];
  for (const t of ordered) {
    if (!(await matches(ctx, t, f))) continue;
    if (items.length === limit) return { items, nextCursor: encodeCursor([items[limit - 1].createdAt, items[limit - 1]._creationTime]) };
    items.push(t);
  }
  return { items, nextCursor: null };
}
