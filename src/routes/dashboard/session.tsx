// GET /sessions/:id: what one Claude Code session created and changed, and how long it ran.

import { Hono } from "hono";
import { readSession } from "../../app/sessions";
import { describeActivity, duration } from "../../domain/describe-activity";
import type { AppEnv } from "../../http/context";
import { useCaseOf } from "../../http/permissions";
import { reader } from "./guard";
import { Layout } from "./layout";
import { Parts, when } from "./parts";



export const sessionPage = new Hono<AppEnv>().get("/sessions/:id", reader, async (c) => {
  const s = await readSession(useCaseOf(c), c.req.param("id"));
  return c.html(
    <Layout title={`Session ${s.id.slice(0, 8)}`} signedIn>
      <h1>Claude Code session {s.id}</h1>
      <div class="panel meta">
        started {when(s.startedAt)}
        {s.lastAt ? ` · last seen ${when(s.lastAt)}` : ""} · active {duration(s.activeMinutes)}
        {s.gitBranch ? ` · branch ${s.gitBranch}` : ""}
        {s.cwd ? ` · ${s.cwd}` : ""}
      </div>
      <div class="panel">
        <h2>Created · {s.created.length}</h2>
        {s.created.length ? null : <p class="meta">No tasks.</p>}
        {s.created.map((t) => (
          <div>
            <a class="key" href={`/tasks/${t.key}`}>
              {t.key}
            </a>{" "}
            <span class="badge">{t.status.replace("_", " ")}</span> {t.title}
          </div>
        ))}
      </div>
      <div class="panel">
        <h2>Changed</h2>
        <table class="grid">
          {s.activity.map((a) => (
            <tr>
              <td class="meta">{when(a.at)}</td>
              <td>{a.taskKey ? <a href={`/tasks/${a.taskKey}`}>{a.taskKey}</a> : null}</td>
              <td>
                <Parts parts={describeActivity(a).what} />
              </td>
            </tr>
          ))}
        </table>
      </div>
    </Layout>,
  );
});
