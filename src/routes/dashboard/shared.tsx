// /shared/:id/:secret: a project's board, graph and reports for whoever holds a live shared link; read-only, no
// addresses, not indexed.

import { Hono, type Context, type MiddlewareHandler } from "hono";
import type { Child } from "hono/jsx";
import { openShareLink } from "../../app/shared-links";
import { layoutGraph } from "../../domain/graph-layout";
import { buildReport, onlyProjects, reportSince } from "../../domain/reports";
import { redactEmails, sharePath } from "../../domain/shared-links";
import { isDone, TASK_STATUSES, type Task } from "../../domain/tasks";
import type { AppEnv } from "../../http/context";
import { sha256Hex } from "../../http/tokens";
import type { Project } from "../../ports/store";
import { nested } from "../../domain/board";
import { GraphSvg } from "./graph";
import { Layout } from "./layout";
import { CompletedPanel, CycleTime, TimePerTask } from "./reports";

const BOARD_LIMIT = 200;
const label = (s: string) => s.replace("_", " ");

/** Every answer under /shared, the refusals included: not indexed, not cached, no referrer carrying the secret. */
const unlisted: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.header("x-robots-tag", "noindex, nofollow");
  c.header("cache-control", "private, no-store");
  c.header("referrer-policy", "no-referrer");
};

async function opened(c: Context<AppEnv>): Promise<{ project: Project; base: string }> {
  const { id, secret } = c.req.param() as { id: string; secret: string };
  const { project } = await openShareLink(c.get("services"), id, await sha256Hex(secret), new Date());
  return { project, base: sharePath(id, secret) };
}

function SharedPage(props: { c: Context<AppEnv>; project: Project; base: string; current: "board" | "graph" | "reports"; children: Child }) {
  const tab = (href: string, name: typeof props.current, text: string) => (
    <a href={href} aria-current={props.current === name ? "page" : undefined}>
      {text}
    </a>
  );
  return (
    <Layout nonce={props.c.get("secureHeadersNonce")} title={`${props.project.name} (shared)`} noindex>
      <nav class="projects">
        {tab(props.base, "board", "Board")}
        {tab(`${props.base}/graph`, "graph", "Graph")}
        {tab(`${props.base}/reports`, "reports", "Reports")}
      </nav>
      <h1>{redactEmails(props.project.name)}</h1>
      <p class="meta">A read-only view shared by the project's owners.</p>
      {props.children}
    </Layout>
  );
}

function Card(props: { task: Task; depth: number; blocked: boolean; now: string }) {
  const t = props.task;
  const overdue = t.dueAt && t.dueAt < props.now && !isDone(t.status);
  return (
    <div class={`card p-${t.priority}${props.depth ? " subtask" : ""}`} id={t.key} data-key={t.key} style={props.depth ? `margin-left:${Math.min(props.depth, 3)}em` : undefined}>
      <span class="key">{t.key}</span>
      <span class="title">{redactEmails(t.title)}</span>
      <div class="meta">
        {props.blocked ? <span class="badge blocked">blocked</span> : null}
        <span class="badge">{t.priority}</span>
        {t.tags.map((tag) => (
          <span class="badge">#{redactEmails(tag)}</span>
        ))}
        {t.dueAt ? <span class={overdue ? "overdue" : ""}>due {t.dueAt.slice(0, 10)}</span> : null}
      </div>
    </div>
  );
}

export const sharedPages = new Hono<AppEnv>()
  .use("/shared/*", unlisted)
  .get("/shared/:id/:secret", async (c) => {
    const { project, base } = await opened(c);
    const { store } = c.get("services");
    const [page, graph] = await Promise.all([store.listTasks({ projectKey: project.key }, BOARD_LIMIT, null), store.projectGraph(project.key)]);
    const blocked = new Set(layoutGraph(graph.tasks, graph.edges).nodes.filter((n) => n.blocked).map((n) => n.task.id));
    const now = new Date().toISOString();
    return c.html(
      <SharedPage c={c} project={project} base={base} current="board">
        <div class="board">
          {TASK_STATUSES.map((status) => {
            const col = page.items.filter((t) => t.status === status);
            return (
              <section class="col" data-status={status}>
                <h2>
                  {label(status)} <span>{col.length}</span>
                </h2>
                {nested(col).map(({ task, depth }) => (
                  <Card task={task} depth={depth} blocked={blocked.has(task.id)} now={now} />
                ))}
              </section>
            );
          })}
        </div>
      </SharedPage>,
    );
  })
  .get("/shared/:id/:secret/graph", async (c) => {
    const { project, base } = await opened(c);
    const graph = await c.get("services").store.projectGraph(project.key);
    const g = layoutGraph(graph.tasks, graph.edges);
    return c.html(
      <SharedPage c={c} project={project} base={base} current="graph">
        <div class="panel" style="overflow:auto">
          {g.nodes.length ? <GraphSvg g={g} href={(key) => `${base}#${key}`} text={redactEmails} /> : <p>No tasks yet.</p>}
        </div>
      </SharedPage>,
    );
  })
  .get("/shared/:id/:secret/reports", async (c) => {
    const { project, base } = await opened(c);
    const now = new Date();
    const r = buildReport(onlyProjects(await c.get("services").store.reportData(reportSince(now)), new Set([project.key])), now);
    return c.html(
      <SharedPage c={c} project={project} base={base} current="reports">
        <CompletedPanel r={r} />
        <div class="two">
          <TimePerTask r={r} task={(key) => key} text={redactEmails} />
          <CycleTime r={r} />
        </div>
      </SharedPage>,
    );
  });
