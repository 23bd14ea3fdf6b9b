// GET /runs: every delivery with its status, the event it emitted and the workflow runs it started (linked to their traces), filtered by
// workflow, status and time in the URL; replay a failed one, or many at once.

import { Hono } from "hono";
import { mayReplay } from "../../app/deliveries";
import { replayDelivery } from "../../app/ingress";
import { FILTER_STATUSES, RUNS_SCANNED, replayDeliveries, runRows } from "../../app/runs";
import { runFilter } from "../../domain/run-traces";
import type { AppEnv } from "../../http/context";
import { useCaseOf } from "../../http/permissions";
import { csrfToken } from "../../http/session";
import { back, reader, writerForm } from "./guard";
import { Choice } from "./choice";
import { Layout } from "./layout";
import { runPath, runTracePage } from "./run-trace";

export const runsPage = new Hono<AppEnv>()
  .get("/runs", reader, async (c) => {
    const { store, engine } = c.get("services");
    // A person sees the deliveries of the projects they read; the operator sees all and may replay.
    const ctx = useCaseOf(c);
    const workflowIds = engine.workflowIds();
    const filter = runFilter(c.req.query(), workflowIds, FILTER_STATUSES);
    const [rows, cursor] = await Promise.all([runRows(ctx, filter), store.latestActivityId()]);
    const csrf = await csrfToken(c);
    const failed = rows.filter((r) => r.d.status === "failed").length;
    const operator = mayReplay(ctx);
    const filtered = !!(filter.workflow || filter.status || filter.since);
    return c.html(
      <Layout nonce={c.get("secureHeadersNonce")} title="Workflow runs" signedIn current="/runs">
        <h1>Workflow runs</h1>
        <p class="meta">
          The last {RUNS_SCANNED} deliveries from GitHub, Claude Code hooks and transcripts{filtered ? `, ${rows.length} matching` : ""} · engine {engine.name} · {failed} failed
        </p>
        <div class="toolbar">
          <form method="get" action="/runs" class="filters">
            <Choice name="workflow" title="workflow" value={filter.workflow} options={workflowIds.map((w) => [w, w] as const)} />
            <Choice name="status" title="status" value={filter.status} options={FILTER_STATUSES.map((s) => [s, s] as const)} />
            <label class="f">
              since <input type="date" name="since" value={filter.since?.slice(0, 10) ?? ""} />
            </label>
            <button type="submit">Filter</button> {filtered ? <a href="/runs">clear</a> : null}
          </form>
        </div>
        {operator ? (
          <form method="post" action="/runs/replay" id="bulk-replay">
            <input type="hidden" name="_csrf" value={csrf} />
            <button type="submit" name="scope" value="selected">
              Replay selected
            </button>{" "}
            <button type="submit" name="scope" value="all failed">
              Replay all failed
            </button>
          </form>
        ) : null}
        <table class="grid" data-live={String(cursor)}>
          <thead>
            <tr>
              {operator ? <th /> : null}
              <th>received</th>
              <th>delivery</th>
              <th>status</th>
              <th>event → workflow runs</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map(({ d, ev, runs, replayable }) => (
              <tr data-delivery={d.id}>
                {operator ? (
                  <td>{replayable ? <input type="checkbox" name="id" value={d.id} form="bulk-replay" aria-label={`select ${d.id}`} /> : null}</td>
                ) : null}
                <td class="meta">{d.receivedAt.slice(0, 19).replace("T", " ")}</td>
                <td>
                  <span class="badge">{d.source}</span> {d.event}
                  <div class="meta">{d.id}</div>
                </td>
                <td>
                  <span class={`badge ${d.status}`}>{d.status}</span>
                  {d.error ? <div class="err">{d.error}</div> : null}
                </td>
                <td>
                  {ev ? <code>{ev.name}</code> : <span class="meta">no event</span>}
                  {runs.map((r) => (
                    <div class="meta" data-run={r.workflow}>
                      ↳ <a href={runPath(r.workflow, r.eventId)}>{r.workflow}</a> <code>{r.instance}</code> <span class={`badge run-${r.status}`}>{r.status}</span>
                    </div>
                  ))}
                </td>
                <td>
                  {replayable && operator ? (
                    <form method="post" action={`/runs/${encodeURIComponent(d.id)}/replay`}>
                      <input type="hidden" name="_csrf" value={csrf} />
                      <button type="submit">Replay</button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length ? null : <p>{filtered ? "No delivery matches these filters." : "No deliveries yet: point a GitHub webhook or Claude Code's hooks at this hub (see the README)."}</p>}
      </Layout>,
    );
  })
  .post("/runs/replay", async (c) => {
    const form = await writerForm(c);
    const all = await c.req.parseBody({ all: true });
    const ids = ([] as unknown[]).concat(all.id ?? []).filter((v): v is string => typeof v === "string");
    await replayDeliveries(useCaseOf(c), form.scope === "all failed" ? "all failed" : ids);
    return back(c, "/runs");
  })
  .post("/runs/:id/replay", async (c) => {
    await writerForm(c);
    await replayDelivery(useCaseOf(c), c.req.param("id"));
    return back(c, "/runs");
  })
  .route("/", runTracePage);
