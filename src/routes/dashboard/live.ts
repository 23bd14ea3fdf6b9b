// GET /events: server-sent events fed by the activity log, so open pages refresh within about a second of a change.

import { Hono } from "hono";
import type { Activity } from "../../domain/activity";
import { describeActivity, plainText } from "../../domain/describe-activity";
import { streamSSE } from "hono/streaming";
import type { AppEnv } from "../../http/context";
import { activityFilter } from "../../app/deliveries";
import { useCaseOf } from "../../http/permissions";
import { takeLiveSlot } from "../../http/rate-limit";
import { reader } from "./guard";

const feedLine = (r: Activity) => {
  const d = describeActivity(r);
  return `${r.taskKey ? `${r.taskKey} ` : ""}${plainText(d.what)} · ${plainText(d.by)}`;
};

const POLL_MS = 700;
/** A stream ends after this and the browser reconnects (Last-Event-ID), so no request lives forever. */
const STREAM_MS = 25_000;
/** Each open page polls the store; a token holds at most this many open at once (the next is 429). */
export const LIVE_PER_TOKEN = 4;

export const live = new Hono<AppEnv>().get("/events", reader, async (c) => {
  const { store } = c.get("services");
  // A caller hears only about the projects they may read; rows of no project only the operator hears.
  const shown = await activityFilter(useCaseOf(c));
  let after = Number(c.req.header("last-event-id") ?? c.req.query("after") ?? 0) || 0;
  const release = takeLiveSlot(c.get("principal")!.tokenId, LIVE_PER_TOKEN);
  return streamSSE(c, async (s) => {
    const until = Date.now() + STREAM_MS;
    let closed = false;
    s.onAbort(() => {
      closed = true;
      release();
    });
    try {
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
    } finally {
      release(); // the slot is free again whether the stream ran its course, failed or the page went away
    }
  });
});
