// GET /runs: every delivery with its status, the event it emitted and the workflow runs that started; replay a failed one.

import { Hono } from "hono";
import { eventFor, replayEventId } from "../../domain/deliveries";
import type { AppEnv } from "../../http/context";
import { ApiError } from "../../http/errors";
import { instanceId } from "../../integrations/engine-cloudflare";
import { requireOperator } from "../../http/permissions";
import { csrfToken } from "../../http/session";
import { workflows } from "../../workflows";
import { triggeredBy } from "../../workflows/define";
import { makeEvent, type EventData, type EventName } from "../../workflows/events";
import { back, reader, writerForm } from "./guard";
import { Layout } from "./layout";

const RUNS_SHOWN = 100;

export const runsPage = new Hono<AppEnv>()
  .get("/runs", reader, async (c) => {
    const { store, engine } = c.get("services");
    const [deliveries, cursor] = await Promise.all([store.listDeliveries(RUNS_SHOWN), store.latestActivityId()]);
    const csrf = await csrfToken(c);
    const rows = await Promise.all(
      deliveries.map(async (d) => {
        const ev = eventFor(d);
        const probe = ev ? { id: d.id, name: ev.name, data: ev.data, ts: d.receivedAt } : null;
        const runs = probe
          ? await Promise.all(workflows.filter((w) => triggeredBy(w, probe as never)).map(async (w) => ({ workflow: w.id, instance: engine.name === "cloudflare" ? await instanceId(w.id, d.id) : d.id })))
          : [];
        return { d, ev, runs };
      }),
    );
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
            {rows.map(({ d, ev, runs }) => (
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
                    <div class="meta">
                      ↳ {r.workflow} <code>{r.instance}</code>
                    </div>
                  ))}
                </td>
                <td>
                  {d.status === "failed" && ev ? (
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
      </Layout>,
    );
  })
  .post("/runs/:id/replay", async (c) => {
    await writerForm(c);
    requireOperator(c);
    const { store, engine } = c.get("services");
    const d = await store.getDelivery(c.req.param("id"));
    const ev = d ? eventFor(d) : null;
    if (!d || !ev) throw new ApiError(404, "not_found", "No such delivery, or it emits no event");
    if (d.status !== "failed") throw new ApiError(409, "conflict", "Only a failed delivery is replayed");
    const at = new Date().toISOString();
    await engine.send([makeEvent(ev.name, replayEventId(d.id, at), ev.data as EventData<EventName>, at)]);
    await store.setDeliveryStatus(d.id, "emitted");
    return back(c, "/runs");
  });
