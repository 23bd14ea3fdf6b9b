// GET /runs: every delivery with its status, the event it emitted and the workflow runs it started with their live status; replay a failed one.

import { Hono } from "hono";
import { mayReplay, readableDeliveries } from "../../app/deliveries";
import { replayDelivery, runsOfDelivery } from "../../app/ingress";
import type { AppEnv } from "../../http/context";
import { useCaseOf } from "../../http/permissions";
import { csrfToken } from "../../http/session";
import { back, reader, writerForm } from "./guard";
import { Layout } from "./layout";

const RUNS_SHOWN = 100;

export const runsPage = new Hono<AppEnv>()
  .get("/runs", reader, async (c) => {
    const { store, engine } = c.get("services");
    // A person sees the deliveries of the projects they read; the operator sees all and may replay.
    const ctx = useCaseOf(c);
    const [deliveries, cursor] = await Promise.all([readableDeliveries(ctx, RUNS_SHOWN), store.latestActivityId()]);
    const csrf = await csrfToken(c);
    const rows = await Promise.all(deliveries.map(async (d) => ({ d, ...(await runsOfDelivery(c.get("services"), d)) })));
    const failed = deliveries.filter((d) => d.status === "failed").length;
    return c.html(
      <Layout nonce={c.get("secureHeadersNonce")} title="Workflow runs" signedIn current="/runs">
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
                  {replayable && mayReplay(ctx) ? (
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
    await replayDelivery(useCaseOf(c), c.req.param("id"));
    return back(c, "/runs");
  });
