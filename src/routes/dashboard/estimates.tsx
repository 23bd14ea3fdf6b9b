// The reports page's "Estimates against actuals" panel: a bar pair per task (SVG), and tables by person, week and budget.

import type { EstimateRow, EstimatesReport } from "../../domain/estimates";

const ESTIMATE = "#8c959f";
const OVER = "#cf222e";
const UNDER = "#1a7f37";
/** Tasks drawn in the chart: the ones furthest off. */
const CHART_TASKS = 12;

function EstimateChart(props: { rows: EstimateRow[] }) {
  const rows = props.rows.slice(0, CHART_TASKS);
  const W = 760;
  const rowH = 26;
  const labelW = 90;
  const max = Math.max(1, ...rows.flatMap((r) => [r.estimateH, r.actualH]));
  const scale = (h: number) => ((W - labelW - 60) * h) / max;
  return (
    <svg xmlns="http://www.w3.org/2000/svg" width={W} height={rows.length * rowH + 30} role="img" aria-label="hours estimated and logged per task">
      {rows.map((r, i) => (
        <g>
          <text x={0} y={i * rowH + 16}>
            {r.key}
          </text>
          <rect x={labelW} y={i * rowH + 4} width={scale(r.estimateH)} height={8} fill={ESTIMATE} />
          <rect x={labelW} y={i * rowH + 13} width={scale(r.actualH)} height={8} fill={r.offH > 0 ? OVER : UNDER} />
          <text x={labelW + Math.max(scale(r.estimateH), scale(r.actualH)) + 6} y={i * rowH + 18} fill="#57606a">
            {r.actualH} / {r.estimateH} h
          </text>
        </g>
      ))}
      <g>
        <rect x={labelW} y={rows.length * rowH + 14} width={10} height={10} fill={ESTIMATE} />
        <text x={labelW + 14} y={rows.length * rowH + 23}>
          estimated
        </text>
        <rect x={labelW + 100} y={rows.length * rowH + 14} width={10} height={10} fill={OVER} />
        <text x={labelW + 114} y={rows.length * rowH + 23}>
          logged, over
        </text>
        <rect x={labelW + 220} y={rows.length * rowH + 14} width={10} height={10} fill={UNDER} />
        <text x={labelW + 234} y={rows.length * rowH + 23}>
          logged, within
        </text>
      </g>
    </svg>
  );
}

const off = (r: EstimateRow) => `${r.offH > 0 ? "+" : ""}${r.offH} h${r.ratio === null ? "" : ` (${r.ratio}×)`}`;

function Rows(props: { rows: EstimateRow[]; link?: boolean }) {
  return (
    <table class="grid">
      <tr>
        <th scope="col"></th>
        <th scope="col">estimated</th>
        <th scope="col">logged</th>
        <th scope="col">off by</th>
      </tr>
      {props.rows.map((r) => (
        <tr>
          <td>{props.link ? <a href={`/tasks/${r.key}`}>{r.key}</a> : r.label}</td>
          <td>{r.estimateH} h</td>
          <td>{r.actualH} h</td>
          <td>{off(r)}</td>
        </tr>
      ))}
    </table>
  );
}

export function EstimatesPanel(props: { e: EstimatesReport }) {
  const { e } = props;
  if (!e.byTask.length && !e.budgets.length) {
    return (
      <div class="panel">
        <h2>Estimates against actuals</h2>
        <p class="meta">No task has an estimate yet (estimatedHours on the API, MCP and the task page; trackers bring theirs).</p>
      </div>
    );
  }
  return (
    <div class="panel">
      <h2>Estimates against actuals</h2>
      <EstimateChart rows={e.byTask} />
      <div class="two">
        <div>
          <h3>By task, furthest off first</h3>
          <Rows rows={e.byTask.slice(0, 30)} link />
        </div>
        <div>
          <h3>By person</h3>
          <Rows rows={e.byPerson} />
          <h3>By week completed</h3>
          <Rows rows={e.byWeek} />
          <h3>Budgets</h3>
          <table class="grid">
            {e.budgets.map((b) => (
              <tr>
                <td>{b.project}</td>
                <td>{b.budgetH === null ? "no budget" : `${b.budgetH} h budget`}</td>
                <td>{b.estimateH} h estimated</td>
                <td>{b.actualH} h logged</td>
                <td>{b.left === null ? "" : b.left < 0 ? `${-b.left} h over` : `${b.left} h left`}</td>
              </tr>
            ))}
          </table>
        </div>
      </div>
    </div>
  );
}
