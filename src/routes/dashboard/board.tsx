// GET /: projects and the board of the chosen one, by status, with each card's links and latest activity.

import { Hono } from "hono";
import { TASK_STATUSES, type Task } from "../../domain/tasks";
import { hasScope } from "../../http/auth";
import type { AppEnv } from "../../http/context";
import type { Activity, Link, Project } from "../../ports/store";
import { Layout } from "./layout";
import { LoginForm } from "./login";

const BOARD_LIMIT = 200;

function Card(props: { task: Task; links: Link[]; last: Activity | null; now: string }) {
  const t = props.task;
  const overdue = t.dueAt && t.dueAt < props.now && t.status !== "completed" && t.status !== "cancelled";
  return (
    <div class="card" data-key={t.key}>
      <a class="key" href={`/api/tasks/${t.key}`}>
        {t.key}
      </a>{" "}
      <span class="title">{t.title}</span>
      <div class="meta">
        <span class={`p-${t.priority}`}>{t.priority}</span>
        {t.dueAt ? <span class={overdue ? "overdue" : ""}> · due {t.dueAt.slice(0, 10)}</span> : null}
      </div>
      {props.links.length ? (
        <div class="meta links">
          {props.links.map((l) => (
            <a href={l.url ?? "#"} rel="noreferrer">
              {l.kind === "commit" ? l.ref.slice(0, 7) : l.ref}{" "}
            </a>
          ))}
        </div>
      ) : null}
      {props.last ? (
        <div class="meta activity">
          {props.last.action} by {props.last.actor} · {props.last.at.slice(0, 16).replace("T", " ")}
        </div>
      ) : null}
    </div>
  );
}

function Board(props: { projects: Project[]; current: Project | null; tasks: Task[]; extras: Map<string, { links: Link[]; lastActivity: Activity | null }> }) {
  const now = new Date().toISOString();
  return (
    <>
      <nav class="projects">
        {props.projects.map((p) => (
          <a href={`/?project=${encodeURIComponent(p.key)}`} aria-current={p.key === props.current?.key ? "page" : undefined}>
            {p.key} · {p.name}
          </a>
        ))}
      </nav>
      {props.current ? <h1>{props.current.name}</h1> : <p>No projects yet. Create one with POST /api/projects.</p>}
      <div class="board">
        {TASK_STATUSES.map((status) => (
          <section class="col" data-status={status}>
            <h2>{status.replace("_", " ")}</h2>
            {props.tasks
              .filter((t) => t.status === status)
              .map((t) => (
                <Card task={t} links={props.extras.get(t.id)?.links ?? []} last={props.extras.get(t.id)?.lastActivity ?? null} now={now} />
              ))}
          </section>
        ))}
      </div>
    </>
  );
}

export const board = new Hono<AppEnv>().get("/", async (c) => {
  const principal = c.get("principal");
  if (!hasScope(principal, "read")) {
    return c.html(
      <Layout title="Sign in">
        <LoginForm error={null} />
      </Layout>,
      principal ? 403 : 200,
    );
  }
  const { store } = c.get("services");
  const projects = await store.listProjects();
  const wanted = c.req.query("project")?.toUpperCase();
  const current = projects.find((p) => p.key === wanted) ?? projects[0] ?? null;
  const tasks = current ? (await store.listTasks({ projectKey: current.key }, BOARD_LIMIT, null)).items : [];
  const extras = await store.cardExtras(tasks.map((t) => t.id));
  return c.html(
    <Layout title={current?.name ?? "Board"} signedIn>
      <Board projects={projects} current={current} tasks={tasks} extras={extras} />
    </Layout>,
  );
});
