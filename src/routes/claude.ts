// Claude Code's way in: POST /transcripts (JSONL slices) and POST /hooks/claude (HTTP hooks).

import { Hono, type Context } from "hono";
import { z } from "zod";
import { extractHook } from "../domain/extract/hook";
import { extractTranscript } from "../domain/extract";
import { hasScope, requireScope } from "../http/auth";
import type { AppEnv } from "../http/context";
import { ApiError } from "../http/errors";
import { acceptDelivery, admitSessionPost } from "../app/ingress";
import { futureIntents } from "../domain/ingest";
import type { ClaudeDeliveryPayload } from "../domain/deliveries";
import { limitBody } from "../http/ingest";
import { sha256Hex } from "../http/tokens";
import { taskListOf } from "../http/task-list";


/** Refuses a post whose token may not write its session's project, or whose session another token owns. */
async function admit(c: Context<AppEnv>, sessionId: string, cwd: string | null): Promise<void> {
  const p = c.get("principal")!;
  const poster = { tokenId: p.tokenId, userId: p.userId, projects: p.projects ?? null, admin: hasScope(p, "admin") };
  const verdict = await admitSessionPost(c.get("services"), poster, { sessionId, cwd }, new Date().toISOString());
  if (verdict === "project_refused") {
    throw new ApiError(403, "forbidden", "This token may not write to the project this session's folder belongs to", { cwd });
  }
  if (verdict === "session_owned") {
    throw new ApiError(409, "session_owned", "This session was posted first by another token; only it may post to it", { sessionId });
  }
}

const hookPayload = z.object({
  session_id: z.string().min(1),
  hook_event_name: z.string().min(1),
  cwd: z.string().optional(),
});

/** A hook must never hold Claude up: past this, the answer goes out and the recording finishes behind it. */
const HOOK_ANSWER_MS = 1_500;

export const claude = new Hono<AppEnv>()
  .post("/transcripts", limitBody, requireScope("ingest"), async (c) => {
    const s = c.get("services");
    const taskList = taskListOf(c);
    // Decoded by hand: workerd warns on .text() for application/x-ndjson, though it is UTF-8 text.
    const text = new TextDecoder().decode(await c.req.arrayBuffer());
    let ex = extractTranscript(text, { taskList });
    if (ex.sessionId && ex.unresolvedParents.length) {
      // A slice that starts inside a pre-2.1 subagent run: read it again knowing where earlier slices put its lines.
      const knownChains = await s.store.lineChains(ex.sessionId, ex.unresolvedParents);
      if (knownChains.size) ex = extractTranscript(text, { knownChains, taskList });
    }
    if (!ex.sessionId) {
      throw new ApiError(400, "invalid_transcript", "No line of the body is a Claude Code transcript line with a sessionId", {
        lines: ex.lines,
        badLines: ex.badLines,
      });
    }
    const future = futureIntents(ex.intents, new Date());
    if (future) {
      throw new ApiError(400, "future_timestamp", "Some lines are dated more than 5 minutes after the hub's clock; nothing was read", {
        intents: future,
      });
    }
    await admit(c, ex.sessionId, ex.cwd);
    const seen = await s.store.seenTranscriptLines(ex.sessionId, ex.lineUuids);
    const fresh = ex.lineUuids.filter((u) => !seen.has(u));
    const intents = ex.intents.filter((i) => !seen.has(i.origin.lineUuid));
    if (intents.length) {
      const payload: ClaudeDeliveryPayload = { sessionId: ex.sessionId, cwd: ex.cwd, gitBranch: ex.gitBranch, intents };
      const deliveryId = `transcript:${ex.sessionId}:${(await sha256Hex(JSON.stringify(fresh))).slice(0, 32)}`;
      await acceptDelivery(s, {
        deliveryId,
        source: "transcript",
        event: "transcript",
        payload,
        emit: { name: "claude/transcript.received", data: { deliveryId, sessionId: ex.sessionId } },
      }, (work) => c.executionCtx.waitUntil(work));
    }
    // Lines are marked seen only after their intents are safely queued (or stored), so a failed post can be retried.
    if (fresh.length) {
      await s.store.recordLineChains(ex.sessionId, ex.lineChains);
      await s.store.recordTranscriptLines(ex.sessionId, fresh);
    }
    return c.json(
      { sessionId: ex.sessionId, lines: ex.lines, accepted: fresh.length, duplicates: ex.lineUuids.length - fresh.length, badLines: ex.badLines, intents: intents.length },
      202,
    );
  })
  .post("/hooks/claude", limitBody, requireScope("ingest"), async (c) => {
    const s = c.get("services");
    const taskList = taskListOf(c);
    const body = await c.req.text();
    let raw: unknown;
    try {
      raw = JSON.parse(body);
    } catch {
      throw new ApiError(400, "malformed_json", "The body is not valid JSON");
    }
    const hook = hookPayload.parse(raw);
    await admit(c, hook.session_id, hook.cwd ?? null);
    // Hook payloads carry no timestamp; the arrival time anchors "by Friday" and "tomorrow".
    const intents = extractHook(raw, { at: new Date().toISOString(), taskList });
    if (!intents.length) return c.json({});
    const deliveryId = `hook:${hook.session_id}:${(await sha256Hex(body)).slice(0, 32)}`;
    const payload: ClaudeDeliveryPayload = { sessionId: hook.session_id, cwd: hook.cwd ?? null, gitBranch: null, intents };
    const work = acceptDelivery(s, {
      deliveryId,
      source: "hook",
      event: hook.hook_event_name,
      payload,
      emit: { name: "claude/hook.received", data: { deliveryId, sessionId: hook.session_id } },
    });
    const slow = new Promise<"slow">((r) => setTimeout(() => r("slow"), HOOK_ANSWER_MS));
    if ((await Promise.race([work, slow])) === "slow") c.executionCtx.waitUntil(work);
    return c.json({});
  });
