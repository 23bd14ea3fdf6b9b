// GET /events: server-sent events fed by the activity log, so open pages refresh within about a second of a change.

import { Hono } from "hono";
import type { Activity } from "../../domain/activity";
import { describeActivity, plainText } from "../../domain/describe-activity";
import { streamSSE } from "hono/streaming";
import type { AppEnv } from "../../http/context";
import { readableProjectIds } from "../../http/permissions";
import { reader } from "./guard";

const feedLine = (r: Activity) => {
  const d = describeActivity(r);
  return `${r.taskKey ? `${r.taskKey} ` : ""}${plainText(d.what)} · ${plainText(d.by)}`;
};

const POLL_MS = 700;
/** A stream ends after this and the browser reconnects (Last-Event-ID), so no request lives forever. */
const STREAM_MS = 25_000;

export const live = new Hono<AppEnv>().get("/events", reader, async (c) => {
  const { store } = c.get("services");
  // A person's session hears only about the projects they may read (rows of no project, such as deliveries, for everyone).
  const readable = await readableProjectIds(c);
  const shown = (projectId: string | null) => readable === "all" || projectId === null || readable.includes(projectId);
  let after = Number(c.req.header("last-event-id") ?? c.req.query("after") ?? 0) || 0;
  return streamSSE(c, async (s) => {
    const until = Date.now() + STREAM_MS;
    let closed = false;
    s.onAbort(() => void (closed = true));
    await s.write("retry: 1000\n\n");
    while (!closed && Date.now() < until) {
      const rows = await store.activitySince(after, 50);
      if (rows.length) {
        after = rows[rows.length - 1].id;
        const visible = rows.filter((r) => shown(r.projectId));
        // Ids, actions and a plain-text line travel: the page fetches what it shows through the normal, escaped render.
        if (visible.length) await s.writeSSE({ id: String(after), data: JSON.stringify(visible.map((r) => ({ id: r.id, action: r.action, task: r.taskKey, text: feedLine(r) }))) });
      }
      await s.sleep(POLL_MS);
    }
  });
});
