// GET /runs/:workflow/:event: one run's steps as a waterfall (timing, attempts, error, input and output views); the operator's rerun and cancel.

import { Hono } from "hono";
import { waterfall } from "../../domain/run-traces";
import { cancelRun, rerunRun, runView } from "../../app/runs";
import type { AppEnv } from "../../http/context";
import { useCaseOf } from "../../http/permissions";
import { csrfToken } from "../../http/session";
import { reader, writerForm } from "./guard";
import { Layout } from "./layout";

/** The waterfall's own few rules: bars are CSS, placed by percentages computed in domain/run-traces.ts. */
const CSS = `.wf{width:100%;border-collapse:collapse}.wf td{padding:4px 6px;border-bottom:1px solid #eaeef2;vertical-align:top}
.wf .lane{width:55%;min-width:160px}.wf .track{position:relative;height:14px;background:#f6f8fa;border-radius:3px}
.wf .bar{position:absolute;top:0;height:14px;border-radius:3px;background:#54aeff}.wf .bar.err{background:#ff8182}.wf .bar.open{background:repeating-linear-gradient(45deg,#54aeff,#54aeff 4px,#b6e3ff 4px,#b6e3ff 8px)}
.wf .bar.mark{background:#8c959f}.wf pre{white-space:pre-wrap;word-break:break-all;margin:2px 0;font-size:12px;max-width:60ch}`;

export const runPath = (workflow: string, eventId: string) => `/runs/${encodeURIComponent(workflow)}/${encodeURIComponent(eventId)}`;

const ms = (n: number | null) => (n == null ? "running" : n < 1000 ? `${n} ms` : `${(n / 1000).toFixed(1)} s`);

export const runTracePage = new Hono<AppEnv>()
  .get("/runs/:workflow/:event", reader, async (c) => {
    const ctx = useCaseOf(c);
    const workflow = c.req.param("workflow");
    const eventId = c.req.param("event");
    const view = await runView(ctx, workflow, eventId);
    const { run, steps } = view;
    const { spanMs, bars } = waterfall(run, steps, new Date());
    const csrf = await csrfToken(c);
    const action = (verb: string, label: string) => (
      <form method="post" action={`${runPath(workflow, eventId)}/${verb}`} style="display:inline">
        <input type="hidden" name="_csrf" value={csrf} />
        <button type="submit">{label}</button>
      </form>
    );
    return c.html(
      <Layout nonce={c.get("secureHeadersNonce")} title={`Run ${workflow}`} signedIn current="/runs">
        <style>{CSS}</style>
        <p class="meta">
          <a href="/runs">← all runs</a>
        </p>
        <h1>
          {workflow} <span class={`badge run-${view.status}`} data-status={view.status}>{view.status}</span>
        </h1>
        <p class="meta">
          event <code>{run.eventId}</code>
          {run.deliveryId ? <> · delivery <code>{run.deliveryId}</code></> : null} · engine {run.engine} · started {run.startedAt.replace("T", " ").slice(0, 19)}
          {run.endedAt ? ` · ended ${run.endedAt.replace("T", " ").slice(0, 19)}` : ""} · {ms(run.endedAt ? spanMs : null)} · attempt {run.attempts}
        </p>
        {run.error ? <p class="err">{run.error}</p> : null}
        <p class="meta">
          input <code>{run.input}</code>
        </p>
        {view.mayRerun ? action("rerun", "Rerun") : null}
        {view.mayCancel ? action("cancel", "Cancel") : null}
        <table class="wf" data-steps={String(steps.length)}>
          <thead>
            <tr>
              <th>step</th>
              <th class="lane">timeline ({ms(spanMs)})</th>
              <th>took</th>
              <th>attempts</th>
              <th>input → output</th>
            </tr>
          </thead>
          <tbody>
            {steps.map((s, i) => {
              const b = bars[i];
              const kind = s.kind === "run" ? (s.error ? "err" : b.open ? "open" : "") : "mark";
              return (
                <tr data-step={s.name}>
                  <td>
                    <code>{s.name}</code> {s.kind === "run" ? null : <span class="badge">{s.kind}</span>}
                  </td>
                  <td class="lane">
                    <div class="track" title={`${s.startedAt} → ${s.endedAt ?? "…"}`}>
                      <div class={`bar ${kind}`} style={`left:${b.offsetPct}%;width:${b.widthPct}%`} />
                    </div>
                  </td>
                  <td class="meta">{ms(b.ms)}</td>
                  <td>{s.attempts}</td>
                  <td>
                    {s.input ? <pre class="in">{s.input}</pre> : null}
                    {s.output ? <pre class="out">→ {s.output}</pre> : null}
                    {s.error ? <div class="err">{s.error}</div> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {steps.length ? null : <p>No step has run yet.</p>}
      </Layout>,
    );
  })
  .post("/runs/:workflow/:event/rerun", async (c) => {
    await writerForm(c);
    const fresh = await rerunRun(useCaseOf(c), c.req.param("workflow"), c.req.param("event"));
    return c.redirect(runPath(c.req.param("workflow"), fresh), 303);
  })
  .post("/runs/:workflow/:event/cancel", async (c) => {
    await writerForm(c);
    await cancelRun(useCaseOf(c), c.req.param("workflow"), c.req.param("event"));
    return c.redirect(runPath(c.req.param("workflow"), c.req.param("event")), 303);
  });
