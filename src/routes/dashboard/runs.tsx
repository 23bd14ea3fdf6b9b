// GET /runs: every delivery with its status, the event it emitted and the workflow runs it started with their live status; replay a failed one.

import { Hono } from "hono";
import type { Context } from "hono";
import { eventFor, replayEventId } from "../../domain/deliveries";
import type { AppEnv } from "../../http/context";
import { ApiError } from "../../http/errors";
import { instanceId } from "../../integrations/engine-cloudflare";
import { requireOperator } from "../../http/permissions";
import { csrfToken } from "../../http/session";
import type { RunStatus } from "../../ports/engine";
import type { Delivery } from "../../ports/store";
import { workflows } from "../../workflows";
import { triggeredBy } from "../../workflows/define";
import { makeEvent, type EventData, type EventName } from "../../workflows/events";
import { back, reader, writerForm } from "./guard";
import { Layout } from "./layout";

const RUNS_SHOWN = 100;

/** A run that ended badly: its delivery is worth replaying even when the delivery itself was never marked failed. */
const FAILED_RUN: ReadonlySet<RunStatus> = new Set(["errored", "terminated"]);

/** The event a delivery emits and each workflow run it started, with the engine's live status of each. */
async function runsOf(c: Context<AppEnv>, d: Delivery) {
  const { engine } = c.get("services");
  const ev = eventFor(d);
  const probe = ev ? { id: d.id, name: ev.name, data: ev.data, ts: d.receivedAt } : null;
  const runs = probe
    ? await Promise.all(
        workflows
          .filter((w) => triggeredBy(w, probe as never))
          .map(async (w) => ({
            workflow: w.id,
            instance: engine.name === "cloudflare" ? await instanceId(w.id, d.id) : d.id,
            status: await engine.status(w.id, d.id),
          })),
      )
    : [];
  return { ev, runs, replayable: !!ev && (d.status === "failed" || runs.some((r) => FAILED_RUN.has(r.status))) };
}

export const runsPage = new Hono<AppEnv>()
  .get("/runs", reader, async (c) => {
    const { store, engine } = c.get("services");
    const [deliveries, cursor] = await Promise.all([store.listDeliveries(RUNS_SHOWN), store.latestActivityId()]);
    const csrf = await csrfToken(c);
    const rows = await Promise.all(deliveries.map(async (d) => ({ d, ...(await runsOf(c, d)) })));
    const failed = deliveries.filter((d) => d.status === "failed").length;
    return c.html(
      <Layout title="Workflow runs" signedIn current="/runs">
        <h1>Workflow runs</h1>
        <p class="meta">
          The last {RUNS_SHOWN} deliveries from GitHub, Claude Code hooks and transcripts · engine {engine.name} · {failed} failed
        </p>
        <table class="grid" data-live={String(cursor)}>
          <thead>
            <tr>
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
                      ↳ {r.workflow} <code>{r.instance}</code> <span class={`badge run-${r.status}`}>{r.status}</span>
                    </div>
                  ))}
                </td>
                <td>
                  {replayable ? (
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
        {rows.length ? null : <p>No deliveries yet: point a GitHub webhook or Claude Code's hooks at this hub (see the README).</p>}
      </Layout>,
    );
  })
  .post("/runs/:id/replay", async (c) => {
    await writerForm(c);
    requireOperator(c);
    const { store, engine } = c.get("services");
    const d = await store.getDelivery(c.req.param("id"));
    const { ev, replayable } = d ? await runsOf(c, d) : { ev: null, replayable: false };
    if (!d || !ev) throw new ApiError(404, "not_found", "No such delivery, or it emits no event");
    if (!replayable) throw new ApiError(409, "conflict", "Only a failed delivery (or one whose run errored) is replayed");
    const at = new Date().toISOString();
    await engine.send([makeEvent(ev.name, replayEventId(d.id, at), ev.data as EventData<EventName>, at)]);
    await store.setDeliveryStatus(d.id, "emitted");
    return back(c, "/runs");
  });
