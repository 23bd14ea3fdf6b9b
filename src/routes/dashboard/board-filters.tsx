// The board's view as its URL holds it: search text and filters, read from the query string and written back by a GET form, so a link reproduces the view.

import { z } from "zod";
import { STATUS_VIEWS, statusesOf } from "../../domain/board";
import { PRIORITIES, TASK_STATUSES } from "../../domain/tasks";
import { AppError } from "../../app/errors";
import { resolveAssignee } from "../../app/tasks";
import type { UseCaseContext } from "../../app/context";
import type { TaskFilter } from "../../ports/store";
import { label } from "./board-card";
import { Choice } from "./choice";

/** An empty field of the GET form means "no filter", as if it were not in the URL. */
const field = <T extends z.ZodType>(s: T) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), s.optional());

export const boardQueryInput = z.object({
  q: field(z.string().trim().max(200)),
  status: field(z.enum(STATUS_VIEWS)),
  priority: field(z.enum(PRIORITIES)),
  /** A user's id or email, or "me". */
  assignee: field(z.string().trim().max(320)),
  tag: field(z.string().trim().max(50)),
  blocked: field(z.enum(["true", "false"])),
});
export type BoardQuery = z.infer<typeof boardQueryInput>;

export const isFiltered = (v: BoardQuery) => Object.values(v).some((x) => x !== undefined);

/**
 * The task filter a view asks for within one project, or why it can find nothing: an assignee nobody is called
 * (a typo in a form field is the reader's to fix on the page, not an error page).
 */
export async function filterOf(ctx: UseCaseContext, projectKey: string, v: BoardQuery): Promise<{ filter: TaskFilter } | { nobody: string }> {
  let assigneeId: string | undefined;
  if (v.assignee === "me") {
    if (!ctx.asker.userId) return { nobody: "me (this session is a token of no person)" };
    assigneeId = ctx.asker.userId;
  } else if (v.assignee) {
    try {
      assigneeId = (await resolveAssignee(ctx, v.assignee)) ?? undefined;
    } catch (e) {
      if (e instanceof AppError && e.code === "unknown_assignee") return { nobody: v.assignee };
      throw e;
    }
  }
  const filter: TaskFilter = {
    projectKey,
    q: v.q,
    status: v.status ? [...statusesOf(v.status)] : undefined,
    assigneeId,
    priority: v.priority,
    tag: v.tag,
    blocked: v.blocked === undefined ? undefined : v.blocked === "true",
  };
  return { filter };
}

/** role="search": the search box and the filters are one landmark; `/` focuses the box (board-script.ts). */
export function BoardFilters(props: { project: string; v: BoardQuery }) {
  const v = props.v;
  return (
    <form method="get" action="/" role="search" aria-label="Search and filter tasks">
      <input type="hidden" name="project" value={props.project} />
      <label class="f">
        search
        <input type="search" id="board-q" name="q" value={v.q ?? ""} maxlength={200} size={16} placeholder="title or description" />
      </label>
      <Choice name="status" title="status" value={v.status} options={[["open", "open"], ["done", "done"], ...TASK_STATUSES.map((s) => [s, label(s)] as const)]} />
      <label class="f">
        assignee
        <input name="assignee" value={v.assignee ?? ""} maxlength={320} size={12} placeholder="email or me" />
      </label>
      <label class="f">
        tag
        <input name="tag" value={v.tag ?? ""} maxlength={50} size={8} />
      </label>
      <Choice name="priority" title="priority" value={v.priority} options={PRIORITIES.map((p) => [p, p] as const)} />
      <Choice name="blocked" title="blocked" value={v.blocked} options={[["true", "blocked"], ["false", "not blocked"]]} />
      <button type="submit">Filter</button>
      {isFiltered(v) ? <a href={`/?project=${encodeURIComponent(props.project)}`}>clear</a> : null}
    </form>
  );
}
