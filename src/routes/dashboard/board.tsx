// GET /: the board of one project by status, with filters, quick status moves and a new-task form (CSRF-protected).

import { Hono } from "hono";
import { PRIORITIES, TASK_STATUSES, isDone, type Task } from "../../domain/tasks";
import { layoutGraph } from "../../domain/graph-layout";
import type { AppEnv } from "../../http/context";
import { readableProjectList, useCaseOf } from "../../http/permissions";
import { csrfToken } from "../../http/session";
import type { Activity, Link, Project } from "../../ports/store";
import { createTask, moveTask } from "../../app/tasks";
import { shareLinksOf } from "../../app/shared-links";
import { SharedLinksPanel } from "./shared-links";
import { back, reader, writerForm } from "./guard";
import { Layout } from "./layout";
import { ExternalLink } from "./external-link";

const BOARD_LIMIT = 200;
const label = (s: string) => s.replace("_", " ");

export function StatusForm(props: { task: Task; csrf: string }) {
  return (
    <form method="post" action={`/tasks/${props.task.key}/status`}>
      <input type="hidden" name="_csrf" value={props.csrf} />
      <select name="status" aria-label={`status of ${props.task.key}`} data-autosubmit>
        {TASK_STATUSES.map((s) => (
          <option value={s} selected={s === props.task.status}>
            {label(s)}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit">move</button>
      </noscript>
    </form>
  );
}

/** A column's tasks with each subtask right after its parent when both are in it (depth counts the nesting). */
export function nested(col: Task[]): { task: Task; depth: number }[] {
  const ids = new Set(col.map((t) => t.id));
  const under = (t: Task) => !!t.parentId && t.parentId !== t.id && ids.has(t.parentId);
  const kids = new Map<string, Task[]>();
  for (const t of col) if (under(t)) kids.set(t.parentId!, [...(kids.get(t.parentId!) ?? []), t]);
  const out: { task: Task; depth: number }[] = [];
  const seen = new Set<string>();
  const visit = (t: Task, depth: number) => {
    if (seen.has(t.id)) return;
    seen.add(t.id);
    out.push({ task: t, depth });
    for (const k of kids.get(t.id) ?? []) visit(k, depth + 1);
  };
  for (const t of col) if (!under(t)) visit(t, 0);
  for (const t of col) visit(t, 0);
  return out;
}

function Card(props: { task: Task; depth: number; parentKey: string | null; links: Link[]; last: Activity | null; blocked: boolean; now: string; csrf: string }) {
  const t = props.task;
  const overdue = t.dueAt && t.dueAt < props.now && !isDone(t.status);
  return (
    <div class={`card p-${t.priority}${props.depth ? " subtask" : ""}`} data-key={t.key} style={props.depth ? `margin-left:${Math.min(props.depth, 3)}em` : undefined}>
      {props.parentKey ? (
        <a class="parent meta" href={`/tasks/${props.parentKey}`}>
          ↳ {props.parentKey}{" "}
        </a>
      ) : null}
      <a class="key" href={`/tasks/${t.key}`}>
        {t.key}
      </a>
      <span class="title">{t.title}</span>
      <div class="meta">
        {props.blocked ? <span class="badge blocked">blocked</span> : null}
        <span class="badge">{t.priority}</span>
        {t.assigneeId ? <span class="badge">@{t.assigneeId.slice(0, 12)}</span> : null}
        {t.tags.map((tag) => (
          <span class="badge">#{tag}</span>
        ))}
        {t.dueAt ? <span class={overdue ? "overdue" : ""}>due {t.dueAt.slice(0, 10)}</span> : null}
      </div>
      {props.links.length ? (
        <div class="meta">
          {props.links.slice(-3).map((l) => (
            <ExternalLink url={l.url}>
              {l.kind === "commit" ? l.ref.slice(0, 7) : l.ref}{" "}
            </ExternalLink>
          ))}
        </div>
      ) : null}
      {props.last ? (
        <div class="meta">
          {label(props.last.action)} by {props.last.actor} · {props.last.at.slice(5, 16).replace("T", " ")}
        </div>
      ) : null}
      <StatusForm task={t} csrf={props.csrf} />
    </div>
  );
}

function Filters(props: { project: string; q: Record<string, string | undefined> }) {
  return (
    <form method="get" action="/">
      <input type="hidden" name="project" value={props.project} />
      <label class="f">
        assignee
        <input name="assignee" value={props.q.assignee ?? ""} size={10} />
      </label>
      <label class="f">
        tag
        <input name="tag" value={props.q.tag ?? ""} size={8} />
      </label>
      <label class="f">
        priority
        <select name="priority">
          <option value="">any</option>
          {PRIORITIES.map((p) => (
            <option value={p} selected={p === props.q.priority}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Filter</button>
    </form>
  );
}

function NewTask(props: { project: string; csrf: string }) {
  return (
    <form method="post" action="/tasks">
      <input type="hidden" name="_csrf" value={props.csrf} />
      <input type="hidden" name="project" value={props.project} />
      <label class="f">
        new task
        <input name="title" required maxlength={300} size={32} placeholder="What needs doing?" />
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

export const board = new Hono<AppEnv>()
  .get("/", reader, async (c) => {
    const { store } = c.get("services");
    const projects = await readableProjectList(c);
    const current = await currentProject(c, projects);
    const q = { assignee: c.req.query("assignee") || undefined, tag: c.req.query("tag") || undefined, priority: c.req.query("priority") || undefined };
    const [page, graph, cursor] = await Promise.all([
      current
        ? store.listTasks({ projectKey: current.key, assigneeId: q.assignee, tag: q.tag, priority: PRIORITIES.find((p) => p === q.priority) }, BOARD_LIMIT, null)
        : null,
      current ? store.projectGraph(current.key) : null,
      store.latestActivityId(),
    ]);
    const tasks = page?.items ?? [];
    const keyOf = new Map(tasks.map((t) => [t.id, t.key]));
    const blocked = new Set(graph ? layoutGraph(graph.tasks, graph.edges).nodes.filter((n) => n.blocked).map((n) => n.task.id) : []);
    const extras = await store.cardExtras(tasks.map((t) => t.id));
    const csrf = await csrfToken(c);
    const shared = current ? await shareLinksOf(useCaseOf(c), current) : null; // owners and the admin only
    const now = new Date().toISOString();
    return c.html(
      <Layout nonce={c.get("secureHeadersNonce")} title={current?.name ?? "Board"} signedIn current="/">
        <ProjectNav projects={projects} current={current} base="/" />
        {current ? (
          <>
            <h1>{current.name}</h1>
            <div class="toolbar">
              <Filters project={current.key} q={q} />
              <NewTask project={current.key} csrf={csrf} />
            </div>
          </>
        ) : (
          <p>No projects yet. Create one with POST /api/projects.</p>
        )}
        <div class="board" data-live={String(cursor)}>
          {TASK_STATUSES.map((status) => {
            const col = tasks.filter((t) => t.status === status);
            return (
              <section class="col" data-status={status}>
                <h2>
                  {label(status)} <span>{col.length}</span>
                </h2>
                {nested(col).map(({ task: t, depth }) => (
                  <Card
                    task={t}
                    depth={depth}
                    parentKey={t.parentId ? (keyOf.get(t.parentId) ?? null) : null}
                    links={extras.get(t.id)?.links ?? []}
                    last={extras.get(t.id)?.lastActivity ?? null}
                    blocked={blocked.has(t.id)}
                    now={now}
                    csrf={csrf}
                  />
                ))}
              </section>
            );
          })}
        </div>
        {current && shared ? <SharedLinksPanel project={current} links={shared} csrf={csrf} now={new Date(now)} /> : null}
      </Layout>,
    );
  })
  .post("/tasks", async (c) => {
    const f = await writerForm(c);
    // The form's date is a day: due at 17:00 UTC. A day that does not parse goes on as written, for the schema to refuse.
    const dueAt = f.due ? (Number.isNaN(Date.parse(`${f.due}T17:00:00Z`)) ? f.due : new Date(`${f.due}T17:00:00Z`).toISOString()) : null;
    const task = await createTask(useCaseOf(c), { project: f.project ?? "", title: f.title ?? "", priority: f.priority || "medium", dueAt });
    return back(c, `/?project=${task.projectKey}`);
  })
  .post("/tasks/:key/status", async (c) => {
    const f = await writerForm(c);
    await moveTask(useCaseOf(c), c.req.param("key"), { status: f.status });
    return back(c, "/");
  });
