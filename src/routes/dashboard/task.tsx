// GET /tasks/:key: one task with its timeline, links, comments, time and dependencies both ways; forms to add to each.

import { Hono } from "hono";
import { describeActivity, describeSource } from "../../domain/describe-activity";
import { isDone } from "../../domain/tasks";
import type { AppEnv } from "../../http/context";
import { ApiError } from "../../http/errors";
import { requireTaskRole, useCaseOf } from "../../http/permissions";
import { csrfToken } from "../../http/session";
import { addDependency, removeDependency } from "../../app/dependencies";
import { addComment, logTime } from "../../app/task-records";
import { updateTask } from "../../app/tasks";
import { StatusForm } from "./board";
import { back, reader, writerForm } from "./guard";
import { Layout } from "./layout";
import { ExternalLink } from "./external-link";
import { Parts, when } from "./parts";


const Csrf = (p: { v: string }) => <input type="hidden" name="_csrf" value={p.v} />;

export const taskPage = new Hono<AppEnv>()
  .get("/tasks/:key", reader, async (c) => {
    const { store } = c.get("services");
    const key = c.req.param("key");
    await requireTaskRole(c, key, "read");
    const [t, records, cursor] = await Promise.all([store.getTask(key), store.taskRecords(key), store.latestActivityId()]);
    if (!t || !records) throw new ApiError(404, "not_found", `Task ${key} not found`);
    const csrf = await csrfToken(c);
    const minutes = records.timeEntries.reduce((n, e) => n + e.minutes, 0);
    return c.html(
      <Layout nonce={c.get("secureHeadersNonce")} title={`${t.key} ${t.title}`} signedIn>
        <p>
          <a href={`/?project=${t.projectKey}`}>← {t.projectKey} board</a>
        </p>
        <div data-live={String(cursor)}>
          <h1>
            {t.key} · {t.title}
          </h1>
          <div class="two">
            <div>
              <div class="panel">
                <div class="meta">
                  <span class="badge">{t.status.replace("_", " ")}</span>
                  <span class="badge">{t.priority}</span>
                  {t.dueAt ? <span class={t.dueAt < new Date().toISOString() && !isDone(t.status) ? "overdue" : ""}>due {t.dueAt.slice(0, 10)} </span> : null}
                  {t.tags.map((x) => (
                    <span class="badge">#{x}</span>
                  ))}
                  · from <Parts parts={describeSource(t.source)} />
                </div>
                <pre>{t.description ?? "No description."}</pre>
                <StatusForm task={t} csrf={csrf} back={`/tasks/${t.key}`} />
              </div>
              <div class="panel">
                <h2>Comments</h2>
                {records.comments.map((m) => (
                  <div>
                    <div class="meta">
                      {m.author} · {when(m.createdAt)}
                    </div>
                    <pre>{m.body}</pre>
                  </div>
                ))}
                <form method="post" action={`/tasks/${t.key}/comments`}>
                  <Csrf v={csrf} />
                  <textarea name="body" rows={2} cols={60} required placeholder="Add a comment" aria-label="comment" />
                  <br />
                  <button type="submit">Comment</button>
                </form>
              </div>
              <div class="panel">
                <h2>Timeline</h2>
                <table class="grid">
                  {t.activity.map((a) => {
                    const d = describeActivity(a);
                    return (
                      <tr>
                        <td class="meta">{when(a.at)}</td>
                        <td>
                          <Parts parts={d.what} />
                        </td>
                        <td class="meta">
                          <Parts parts={d.by} />
                        </td>
                      </tr>
                    );
                  })}
                </table>
              </div>
            </div>
            <div>
              <div class="panel">
                <h2>Subtasks</h2>
                {t.parent ? (
                  <p class="meta">
                    subtask of <a href={`/tasks/${t.parent}`}>{t.parent}</a>
                  </p>
                ) : null}
                {t.subtasks.map((k) => (
                  <div class="subtask">
                    <a href={`/tasks/${k}`}>{k}</a>
                  </div>
                ))}
                {t.subtasks.length ? null : <p class="meta">none</p>}
              </div>
              <div class="panel">
                <h2>Dependencies</h2>
                <p class="meta">waits for</p>
                {t.dependsOn.map((k) => (
                  <form method="post" action={`/tasks/${t.key}/dependencies/remove`}>
                    <Csrf v={csrf} />
                    <input type="hidden" name="dependsOn" value={k} />
                    <a href={`/tasks/${k}`}>{k}</a> <button type="submit">remove</button>
                  </form>
                ))}
                <form method="post" action={`/tasks/${t.key}/dependencies`}>
                  <Csrf v={csrf} />
                  <input name="dependsOn" placeholder="HUB-3" size={10} required /> <button type="submit">add blocker</button>
                </form>
                <p class="meta">blocks</p>
                {t.blocks.map((k) => (
                  <div class="list">
                    <a href={`/tasks/${k}`}>{k}</a>
                  </div>
                ))}
              </div>
              <div class="panel">
                <h2>Links</h2>
                {t.links.length ? null : <p class="meta">None yet.</p>}
                {t.links.map((l) => (
                  <div>
                    <span class="badge">{l.kind.replace("_", " ")}</span>
                    <ExternalLink url={l.url}>
                      {l.title ?? l.ref}
                    </ExternalLink>{" "}
                    {l.state ? <span class="meta">{l.state}</span> : null}
                  </div>
                ))}
              </div>
              <div class="panel">
                <h2>
                  Time · {(minutes / 60).toFixed(1)} h{t.estimatedHours != null ? ` of ${t.estimatedHours} h estimated` : ""}
                </h2>
                {records.timeEntries.map((e) => (
                  <div class="meta">
                    {when(e.createdAt)} · {e.minutes} min · {e.source} {e.ref ?? ""}
                  </div>
                ))}
                <form method="post" action={`/tasks/${t.key}/time`}>
                  <Csrf v={csrf} />
                  <input type="number" name="minutes" min={1} max={1440} required size={5} placeholder="min" aria-label="minutes" /> <button type="submit">log</button>
                </form>
                <form method="post" action={`/tasks/${t.key}/estimate`}>
                  <Csrf v={csrf} />
                  <input type="number" name="hours" min={0} max={10000} step="0.25" size={5} placeholder="h" aria-label="estimate in hours" value={t.estimatedHours ?? ""} />{" "}
                  <button type="submit">set estimate</button>
                </form>
              </div>
            </div>
          </div>
        </div>
      </Layout>,
    );
  })
  .post("/tasks/:key/comments", async (c) => {
    const f = await writerForm(c);
    // An empty comment box is a click, not a request: nothing to say, so only the role is checked.
    if (f.body?.trim()) await addComment(useCaseOf(c), c.req.param("key"), { body: f.body });
    else await requireTaskRole(c, c.req.param("key"), "write");
    return back(c, `/tasks/${c.req.param("key")}`);
  })
  .post("/tasks/:key/time", async (c) => {
    const f = await writerForm(c);
    await logTime(useCaseOf(c), c.req.param("key"), { minutes: Number(f.minutes) });
    return back(c, `/tasks/${c.req.param("key")}`);
  })
  .post("/tasks/:key/estimate", async (c) => {
    const f = await writerForm(c);
    // An empty box clears the estimate.
    await updateTask(useCaseOf(c), c.req.param("key"), { estimatedHours: f.hours?.trim() ? Number(f.hours) : null });
    return back(c, `/tasks/${c.req.param("key")}`);
  })
  .post("/tasks/:key/dependencies", async (c) => {
    const f = await writerForm(c);
    await addDependency(useCaseOf(c), c.req.param("key"), { dependsOn: f.dependsOn ?? "" });
    return back(c, `/tasks/${c.req.param("key")}`);
  })
  .post("/tasks/:key/dependencies/remove", async (c) => {
    const f = await writerForm(c);
    await removeDependency(useCaseOf(c), c.req.param("key"), { dependsOn: f.dependsOn ?? "" });
    return back(c, `/tasks/${c.req.param("key")}`);
  });
