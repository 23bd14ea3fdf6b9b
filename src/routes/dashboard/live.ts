// GET /events: server-sent events fed by the activity log, so open pages refresh within about a second of a change.

import { Hono } from "hono";
import type { Activity } from "../../domain/activity";
import { describeActivity, plainText } from "../../domain/describe-activity";
import { pageGone } from "../../domain/live-slots";
import { afterResponse } from "../../http/after-response";
import type { AppEnv } from "../../http/context";
import { activityFilter } from "../../app/deliveries";
import { useCaseOf } from "../../http/permissions";
import { liveSlotFree, takeLiveSlot } from "../../http/rate-limit";
import { eventStream } from "./event-stream";
import { reader } from "./guard";

const feedLine = (r: Activity) => {
  const d = describeActivity(r);
  return `${r.taskKey ? `${r.taskKey} ` : ""}${plainText(d.what)} · ${plainText(d.by)}`;
};

const POLL_MS = 700;
/** A stream ends after this and the browser reconnects (Last-Event-ID), so no request lives forever. */
const STREAM_MS = 25_000;
/** An open page reads each line at once; one that leaves a line unread this long has gone (see pageGone). */
const PATIENCE_MS = 3_000;
/** A slot is free by rule this long after it was taken, should its stream's end never be heard. */
const SLOT_LIFETIME_MS = STREAM_MS + 5_000;
/** Each open page polls the store; a token holds at most this many open at once (the next is 429). */
export const LIVE_PER_TOKEN = 4;
/**
 * A page asking while all are held waits this long for one to come back before it is refused: the page it was
 * opened from has usually just left, and its stream's end is heard a poll or two later.
 */
const WAIT_FOR_SLOT_MS = 1_500;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const live = new Hono<AppEnv>().get("/events", reader, async (c) => {
  const { store } = c.get("services");
  // A caller hears only about the projects they may read; rows of no project only the operator hears.
  const shown = await activityFilter(useCaseOf(c));
  let after = Number(c.req.header("last-event-id") ?? c.req.query("after") ?? 0) || 0;
  const tokenId = c.get("principal")!.tokenId;
  for (const until = Date.now() + WAIT_FOR_SLOT_MS; !liveSlotFree(tokenId, LIVE_PER_TOKEN, Date.now(), SLOT_LIFETIME_MS) && Date.now() < until; ) await sleep(100);
  const release = takeLiveSlot(tokenId, LIVE_PER_TOKEN, Date.now(), SLOT_LIFETIME_MS);
  const s = eventStream(release);

  /**
   * Through wrangler dev's proxy a page that goes away may never be reported (its stream is cancelled late or never;
   * it just stops being read). So the loop sends a line every poll (a comment when there is no activity) and, while
   * one is unread, sends nothing more; a line left unread for PATIENCE_MS means the page is gone, and its slot is
   * given back. Nothing is ever awaited on the stream, so ending it leaves nothing pending for workerd to reject.
   */
  const follow = async () => {
    const until = Date.now() + STREAM_MS;
    let unreadSince: number | undefined;
    s.send("retry: 1000\n\n");
    while (!s.cancelled() && Date.now() < until) {
      if (!s.drained()) {
        unreadSince ??= Date.now();
        if (pageGone(unreadSince, Date.now(), PATIENCE_MS)) return;
      } else {
        unreadSince = undefined;
        const rows = await store.activitySince(after, 50);
        const visible = rows.filter((r) => shown(r.projectId));
        if (rows.length) after = rows[rows.length - 1].id;
        // Ids, actions and a plain-text line travel: the page fetches what it shows through the normal, escaped render.
        if (visible.length) s.send(`data: ${JSON.stringify(visible.map((r) => ({ id: r.id, action: r.action, task: r.taskKey, text: feedLine(r) })))}\nid: ${after}\n\n`);
        // A comment line, which EventSource ignores: a line every poll is how a page that went away is noticed.
        else s.send(":\n\n");
      }
      await sleep(POLL_MS);
    }
  };
  const feed = follow()
    .catch((e: unknown) => console.error("live feed stopped:", e instanceof Error ? e.message : e))
    .finally(() => {
      release(); // the slot is free again whether the stream ran its course, failed or the page went away
      s.close();
    });
  // On Workers a page that goes away cancels what its request still awaits, this loop's sleep and its clean-up with
  // it (seen through wrangler dev: the polls just stop): under waitUntil it runs on until it sees the page gone.
  void afterResponse(c, feed);
  return c.body(s.body, 200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
});
