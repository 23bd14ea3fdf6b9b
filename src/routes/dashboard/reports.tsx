// GET /reports and /reports.csv: completions per week per project (SVG chart), time per task and person, cycle time.

import { Hono } from "hono";
import { reportsFor } from "../../app/reports";
import { reportCsv, type Report } from "../../domain/reports";
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { AppEnv } from "../../http/context";
import { readableProjectIds, readableProjectList } from "../../http/permissions";
import { EstimatesPanel } from "./estimates";
import { reader } from "./guard";
import { Layout } from "./layout";

const COLORS = ["#0969da", "#1a7f37", "#bc4c00", "#8250df", "#cf222e", "#57606a"];

function Chart(props: { r: Report }) {
  const W = 760;
  const H = 220;
  const pad = 30;
  const totals = props.r.weeks.map((_, i) => props.r.completed.reduce((n, p) => n + p.perWeek[i], 0));
  const max = Math.max(1, ...totals);
  const bw = (W - pad * 2) / props.r.weeks.length;
  return (
    <svg xmlns="http://www.w3.org/2000/svg" width={W} height={H + 40} role="img" aria-label="tasks completed per week">
      <line x1={pad} y1={H} x2={W - pad} y2={H} stroke="#d0d7de" />
      {props.r.weeks.map((w, i) => {
        let y = H;
        return (
          <g>
            {props.r.completed.map((p, j) => {
              const h = (p.perWeek[i] / max) * (H - 20);
              y -= h;
              return h ? <rect x={pad + i * bw + 4} y={y} width={bw - 8} height={h} fill={COLORS[j % COLORS.length]} /> : null;
            })}
            {totals[i] ? (
              <text x={pad + i * bw + bw / 2} y={y - 4} text-anchor="middle" fill="#57606a">
                {totals[i]}
              </text>
            ) : null}
            <text x={pad + i * bw + bw / 2} y={H + 16} text-anchor="middle" fill="#57606a">
              {w.slice(5)}
            </text>
          </g>
        );
      })}
      {props.r.completed.map((p, j) => (
        <g>
          <rect x={pad + j * 110} y={H + 26} width={10} height={10} fill={COLORS[j % COLORS.length]} />
          <text x={pad + j * 110 + 14} y={H + 35}>
            {p.project}
          </text>
        </g>
      ))}
    </svg>
  );
}

const hours = (m: number) => (m / 60).toFixed(1);

export const CompletedPanel = (props: { r: Report }) => (
  <div class="panel">
    <h2>Tasks completed per week</h2>
    <Chart r={props.r} />
  </div>
);

/** `task` draws a task's key (a link on the dashboard, plain on a shared page); `text` a title (shared pages hide addresses). */
export const TimePerTask = (props: { r: Report; task: (key: string) => Child; text?: (title: string) => string }) => (
  <div class="panel">
    <h2>Time per task</h2>
    {props.r.timePerTask.length ? null : <p class="meta">No time logged yet (sessions, #time in commits, or the task page).</p>}
    <table class="grid">
      {props.r.timePerTask.slice(0, 30).map((t) => (
        <tr>
          <td>{props.task(t.task)}</td>
          <td>{props.text ? props.text(t.title) : t.title}</td>
          <td>{hours(t.minutes)} h</td>
        </tr>
      ))}
    </table>
  </div>
);

export const CycleTime = (props: { r: Report }) => (
  <div class="panel">
    <h2>Cycle time (created → completed)</h2>
    <p>
      median <strong>{props.r.cycleHours.median ?? "–"} h</strong> · p90 <strong>{props.r.cycleHours.p90 ?? "–"} h</strong> · {props.r.cycleHours.count} tasks
    </p>
  </div>
);

/** The reports over the projects the caller may read: a person sees only their projects' work. */
async function reports(c: Context<AppEnv>) {
  const projects = (await readableProjectIds(c)) === "all" ? "all" : await readableProjectList(c);
  return reportsFor(c.get("services").store, projects, new Date());
}

export const reportsPage = new Hono<AppEnv>()
  .get("/reports.csv", reader, async (c) => {
    c.header("content-disposition", 'attachment; filename="taskhub-report.csv"');
    const { report, estimates } = await reports(c);
    return c.body(reportCsv(report, estimates), 200, { "content-type": "text/csv; charset=utf-8" });
  })
  .get("/reports", reader, async (c) => {
    const { report: r, estimates } = await reports(c);
    return c.html(
      <Layout nonce={c.get("secureHeadersNonce")} title="Reports" signedIn current="/reports">
        <h1>Reports · last 12 weeks</h1>
        <p>
          <a href="/reports.csv">Download CSV</a>
        </p>
        <CompletedPanel r={r} />
        <div class="two">
          <TimePerTask r={r} task={(key) => <a href={`/tasks/${key}`}>{key}</a>} />
          <div>
            <CycleTime r={r} />
            <div class="panel">
              <h2>Time per person</h2>
              {r.timePerPerson.length ? null : <p class="meta">No time logged yet.</p>}
              <table class="grid">
                {r.timePerPerson.map((p) => (
                  <tr>
                    <td>{p.person}</td>
                    <td>{hours(p.minutes)} h</td>
                  </tr>
                ))}
              </table>
            </div>
          </div>
        </div>
        <EstimatesPanel e={estimates} />
      </Layout>,
    );
  });
