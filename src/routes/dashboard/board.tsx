// GET /: the board of one project by status: search and filters in the URL, subtasks under their parent, drag and drop and keyboard shortcuts on top of plain forms.

import { Hono } from "hono";
import { nested, statusesOf, subtasksByParent } from "../../domain/board";
import { PRIORITIES } from "../../domain/tasks";
import { layoutGraph } from "../../domain/graph-layout";
import type { AppEnv } from "../../http/context";
import { readableProjectList, useCaseOf } from "../../http/permissions";
import { csrfToken } from "../../http/session";
import type { Project } from "../../ports/store";
import { createTask, listTasks, moveTask } from "../../app/tasks";
import { shareLinksOf } from "../../app/shared-links";
import { SharedLinksPanel } from "./shared-links";
import { back, reader, writerForm } from "./guard";
import { Layout } from "./layout";
import { Card, label } from "./board-card";
import { BoardFilters, boardQueryInput, filterOf, isFiltered } from "./board-filters";
import { BOARD_SCRIPT } from "./board-script";
import { BOARD_CSS } from "./board-style";

/** The task page shows the same status form. */
export { StatusForm } from "./board-card";

const BOARD_LIMIT = 200;
function NewTask(props: { project: string; csrf: string; back: string }) {
  return (
    <form method="post" action="/tasks" aria-label="New task">
      <input type="hidden" name="_csrf" value={props.csrf} />
      <input type="hidden" name="back" value={props.back} />
      <input type="hidden" name="project" value={props.project} />
      <label class="f">
        new task
        <input id="new-title" name="title" required maxlength={300} size={32} placeholder="What needs doing?" />
      </label>
      <label class="f">
        priority
        <select name="priority">
          {PRIORITIES.map((p) => (
            <option value={p} selected={p === "medium"}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label class="f">
        due
        <input type="date" name="due" />
      </label>
      <button class="primary" type="submit">
        Add
      </button>
    </form>
  );
}

export function ProjectNav(props: { projects: Project[]; current: Project | null; base: string }) {
  return (
    <nav class="projects">
      {props.projects.map((p) => (
        <a href={`${props.base}?project=${encodeURIComponent(p.key)}`} aria-current={p.key === props.current?.key ? "page" : undefined}>
          {p.key} · {p.name}
        </a>
      ))}
    </nav>
  );
}

export async function currentProject(c: { req: { query(k: string): string | undefined } }, projects: Project[]) {
  const wanted = c.req.query("project")?.toUpperCase();
  return projects.find((p) => p.key === wanted) ?? projects[0] ?? null;
}

const KEYS = [
  ["j / k", "next / previous card"],
  ["Enter", "open the card"],
  ["s", "status of the card"],
  ["c", "new task"],
  ["/", "search"],
  ["?", "this list"],
] as const;

/** Shortcuts work with board-script.ts; the list reads the same without it. */
function KeysHelp() {
  return (
    <details id="board-keys" class="keys">
      <summary>Keyboard shortcuts (?) · drag a card to another column, or use its status select</summary>
      <dl>
        {KEYS.map(([k, what]) => (
          <>
            <dt>{k}</dt>
            <dd>{what}</dd>
          </>
        ))}
      </dl>
    </details>
  );
}

export const board = new Hono<AppEnv>()
  .get("/", reader, async (c) => {
    const ctx = useCaseOf(c);
    const { store } = c.get("services");
    const view = boardQueryInput.parse(c.req.query());
    const projects = await readableProjectList(c);
    const current = await currentProject(c, projects);
    const wanted = current ? await filterOf(ctx, current.key, view) : null;
    // The whole project too when filtered: a parent's progress and a subtask's parent key must not depend on the filter.
    const [everything, filtered, graph, cursor] = await Promise.all([
      current ? listTasks(ctx, { projectKey: current.key }, BOARD_LIMIT, null) : null,
      wanted && "filter" in wanted && isFiltered(view) ? listTasks(ctx, wanted.filter, BOARD_LIMIT, null) : null,
      current ? store.projectGraph(current.key) : null,
      store.latestActivityId(),
    ]);
    const whole = everything?.items ?? [];
    const tasks = wanted && "nobody" in wanted ? [] : (filtered ?? everything)?.items ?? [];
    const more = !!(filtered ?? everything)?.nextCursor;
    const keyOf = new Map(whole.map((t) => [t.id, t.key]));
    const kids = subtasksByParent(whole);
    const blocked = new Set(graph ? layoutGraph(graph.tasks, graph.edges).nodes.filter((n) => n.blocked).map((n) => n.task.id) : []);
    const extras = await store.cardExtras(tasks.map((t) => t.id));
    const csrf = await csrfToken(c);
    const shared = current ? await shareLinksOf(ctx, current) : null; // owners and the admin only
    const now = new Date().toISOString();
    const nonce = c.get("secureHeadersNonce");
    const url = new URL(c.req.url);
    const here = `${url.pathname}${url.search}`; // forms come back to this view
    return c.html(
      <Layout nonce={nonce} title={current?.name ?? "Board"} signedIn current="/">
        <style>{BOARD_CSS}</style>
        <ProjectNav projects={projects} current={current} base="/" />
        {current ? (
          <>
            <h1>{current.name}</h1>
            <div class="toolbar">
              <BoardFilters project={current.key} v={view} />
              <NewTask project={current.key} csrf={csrf} back={here} />
            </div>
            <KeysHelp />
            {wanted && "nobody" in wanted ? (
              <p class="err" role="alert">
                No one on this hub is called {wanted.nobody}: no tasks shown.
              </p>
            ) : isFiltered(view) ? (
              <p class="meta">
                {tasks.length}
                {more ? "+" : ""} {tasks.length === 1 ? "task matches" : "tasks match"}
              </p>
            ) : null}
            <p id="board-say" class="say meta" role="status" />
          </>
        ) : (
          <p>No projects yet. Create one with POST /api/projects.</p>
        )}
        <div class="board" data-live={String(cursor)}>
          {statusesOf(view.status).map((status) => {
            const col = tasks.filter((t) => t.status === status);
            return (
              <section class="col" data-status={status} aria-labelledby={`col-${status}`}>
                <h2 id={`col-${status}`}>
                  {label(status)} <span>{col.length}</span>
                </h2>
                {nested(col).map(({ task: t, depth }) => (
                  <Card
                    task={t}
                    depth={depth}
                    parentKey={t.parentId ? (keyOf.get(t.parentId) ?? null) : null}
                    kids={kids.get(t.id) ?? []}
                    links={extras.get(t.id)?.links ?? []}
                    last={extras.get(t.id)?.lastActivity ?? null}
                    blocked={blocked.has(t.id)}
                    now={now}
                    csrf={csrf}
                    back={here}
                  />
                ))}
              </section>
            );
          })}
        </div>
        {current && shared ? <SharedLinksPanel project={current} links={shared} csrf={csrf} now={new Date(now)} /> : null}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: BOARD_SCRIPT }} />
      </Layout>,
    );
  })
  .post("/tasks", async (c) => {
    const f = await writerForm(c);
    // The form's date is a day: due at 17:00 UTC. A day that does not parse goes on as written, for the schema to refuse.
    const dueAt = f.due ? (Number.isNaN(Date.parse(`${f.due}T17:00:00Z`)) ? f.due : new Date(`${f.due}T17:00:00Z`).toISOString()) : null;
    const task = await createTask(useCaseOf(c), { project: f.project ?? "", title: f.title ?? "", priority: f.priority || "medium", dueAt });
    return back(c, `/?project=${task.projectKey}`, f.back);
  })
  // The select's form, with or without JavaScript: a page asking for JSON (board-script.ts) gets the task's new status instead of a redirect.
  .post("/tasks/:key/status", async (c) => {
    const f = await writerForm(c);
    const task = await moveTask(useCaseOf(c), c.req.param("key"), { status: f.status });
    if (c.req.header("accept")?.includes("application/json")) return c.json({ key: task.key, status: task.status }, 200);
    return back(c, `/?project=${task.projectKey}`, f.back);
  });
