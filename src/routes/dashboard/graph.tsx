// GET /graph: a project's dependency graph drawn as SVG on the server; blocked chains in red.

import { Hono } from "hono";
import { layoutGraph, NODE_H, NODE_W } from "../../domain/graph-layout";
import { capText } from "../../domain/tasks";
import type { AppEnv } from "../../http/context";
import { readableProjectList } from "../../http/permissions";
import { currentProject, ProjectNav } from "./board";
import { reader } from "./guard";
import { Layout } from "./layout";

const FILL: Record<string, string> = { todo: "#ffffff", in_progress: "#ddf4ff", review: "#fff8c5", completed: "#dafbe1", cancelled: "#eaeef2" };

/** The graph as SVG; href and text decide where a node links and how its title shows (shared pages hide addresses). */
export function GraphSvg(props: { g: ReturnType<typeof layoutGraph>; href: (key: string) => string; text?: (title: string) => string }) {
  const { g } = props;
  const text = props.text ?? ((t: string) => t);
  return (
    <svg xmlns="http://www.w3.org/2000/svg" width={g.width} height={g.height} viewBox={`0 0 ${g.width} ${g.height}`} role="img" aria-label="dependency graph">
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#8c959f" />
        </marker>
        <marker id="arrow-red" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#cf222e" />
        </marker>
      </defs>
      {g.edges.map((e) => {
        const x1 = e.from.x + NODE_W;
        const y1 = e.from.y + NODE_H / 2;
        const x2 = e.to.x;
        const y2 = e.to.y + NODE_H / 2;
        const mid = (x1 + x2) / 2;
        return (
          <path
            class={e.blocking ? "edge blocking" : "edge"}
            d={`M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`}
            fill="none"
            stroke={e.blocking ? "#cf222e" : "#8c959f"}
            stroke-width={e.blocking ? 2 : 1.3}
            marker-end={e.blocking ? "url(#arrow-red)" : "url(#arrow)"}
          />
        );
      })}
      {g.nodes.map((n) => (
        <a href={props.href(n.task.key)}>
          <g class={n.blocked ? "node blocked" : "node"} data-key={n.task.key}>
            <rect x={n.x} y={n.y} width={NODE_W} height={NODE_H} rx={6} fill={FILL[n.task.status]} stroke={n.blocked ? "#cf222e" : "#d0d7de"} stroke-width={n.blocked ? 2 : 1} />
            <text x={n.x + 8} y={n.y + 17} font-weight="600" fill="#0969da">
              {n.task.key} <tspan fill="#57606a" font-weight="400">{n.task.status.replace("_", " ")}</tspan>
            </text>
            <text x={n.x + 8} y={n.y + 34} fill="#1f2328">
              {text(capText(n.task.title, 28))}
            </text>
          </g>
        </a>
      ))}
    </svg>
  );
}

export const graphPage = new Hono<AppEnv>().get("/graph", reader, async (c) => {
  const { store } = c.get("services");
  const projects = await readableProjectList(c);
  const current = await currentProject(c, projects);
  const [graph, cursor] = await Promise.all([current ? store.projectGraph(current.key) : null, store.latestActivityId()]);
  const g = graph ? layoutGraph(graph.tasks, graph.edges) : null;
  return c.html(
    <Layout nonce={c.get("secureHeadersNonce")} title="Dependency graph" signedIn current="/graph">
      <ProjectNav projects={projects} current={current} base="/graph" />
      <h1>Dependencies{current ? ` · ${current.name}` : ""}</h1>
      <p class="meta">
        Arrows run from a blocker to the task waiting on it. <span class="overdue">Red</span>: an open blocker holds up open work.
      </p>
      <div class="panel" data-live={String(cursor)} style="overflow:auto">
        {g && g.nodes.length ? (
          <GraphSvg g={g} href={(key) => `/tasks/${key}`} />
        ) : (
          <p>No tasks yet.</p>
        )}
      </div>
    </Layout>,
  );
});
