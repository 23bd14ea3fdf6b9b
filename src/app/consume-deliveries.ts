// The ingress queue's consumer, as use cases: a batch of deliveries stored in one write and started in one call; dead letters recorded.

import type { EventEnvelope, EventName } from "../domain/events";
import type { Services } from "../ports/services";
import type { NewDelivery, Store, TaskChange } from "../ports/store";
import { applyPush } from "./pushes";
import { applySessionPost } from "./session-posts";
import { batchFollowUps } from "../domain/follow-ups";
import type { CompactIssue, CompactPush } from "../domain/github-events";
import { syncingProjectIds } from "./issue-sync-inbound";
import { followUpsOf } from "./task-events";

/** `issueSync: false`: the changes came from GitHub's issues, which have them already (workflows/github-issues.ts). */
type Applied = { status: "processed" | "ignored"; changes: TaskChange[]; issueSync?: false };

/**
 * Deliveries the consumer applies itself, by the event they would start: they need no waiting, no outside
 * service and no retry across steps, so they need no durable run either (their workflows still serve replays
 * and deliveries stored at the door). An applier answers null for a delivery that does need them: it runs.
 * Pull requests and issue comments call GitHub (the PR's comment, who the hub is) or link with retries: they run.
 */
const APPLIERS: Partial<Record<EventName, (s: Services, payload: string, at: string) => Promise<Applied | null>>> = {
  "claude/transcript.received": async (s, payload, at) => ({ status: "processed", changes: await applySessionPost(s.store, payload, at) }),
  "claude/hook.received": async (s, payload, at) => ({ status: "processed", changes: await applySessionPost(s.store, payload, at) }),
  "github/push.received": (s, payload, at) => applyPush(s.store, JSON.parse(payload) as CompactPush, at),
  "github/issues.received": (s, payload, at) => applyMirroredIssue(s.store, JSON.parse(payload) as CompactIssue, at),
};

/**
 * An issue of a repository whose projects only mirror issues: the mirror is a store write (as sync-issues does
 * it). A project that syncs the repository's issues asks GitHub who the hub is first: that issue runs.
 */
async function applyMirroredIssue(store: Store, issue: CompactIssue, at: string): Promise<Applied | null> {
  if ((await syncingProjectIds({ store }, issue.repo)).length) return null;
  const change = await store.mirrorIssue(issue, `github:${issue.actor}`, issue.at ?? at);
  return { status: change ? "processed" : "ignored", changes: change ? [change] : [], issueSync: false };
}

/**
 * Stores the batch (a delivery seen before, by id or body hash, in this batch or earlier, changes nothing), then
 * works every delivery still waiting, including one a failed attempt stored but never finished: one the consumer
 * applies itself (APPLIERS) is applied here, in the order the deliveries came through the door; every other
 * one's workflows start, with the follow-ups of what was applied, in one engine call.
 * Instance ids are the events' ids, so a retried batch starts nothing twice. Runs beyond the engine's launch room
 * stay "received" for the re-emit sweep. Throws when the store or the engine fails: the caller retries.
 */
export async function storeAndStart(s: Services, batch: readonly NewDelivery[]): Promise<{ applied: number; started: number }> {
  if (!batch.length) return { applied: 0, started: 0 };
  const waiting = await s.store.recordDeliveries(batch);
  const payloads = new Map<string, string | null>();
  for (const d of batch) if (!payloads.has(d.id)) payloads.set(d.id, d.payload);
  const events = waiting.map((w) => ({ id: w.id, event: JSON.parse(w.emit) as EventEnvelope }));
  // By the time each came through the door, not the queue's order (Queues promises none): one session's hooks
  // in a batch apply in the order they were posted, so "created" comes before "completed" (wrangler.toml).
  const inline = byDoorTime(events.filter((e) => APPLIERS[e.event.name] && payloads.get(e.id)));
  const runs = events.filter((e) => !inline.includes(e));
  const changes: TaskChange[] = [];
  const fromIssues: TaskChange[] = [];
  const settled: Record<Applied["status"], string[]> = { processed: [], ignored: [] };
  const scoped: Services = { ...s, store: repoScopeOncePerBatch(s.store) };
  for (const e of inline) {
    const applied = await APPLIERS[e.event.name]!(scoped, payloads.get(e.id)!, e.event.ts);
    if (!applied) {
      runs.push(e);
      continue;
    }
    (applied.issueSync === false ? fromIssues : changes).push(...applied.changes);
    settled[applied.status].push(e.id);
  }
  const now = runs.slice(0, await s.engine.launchRoom(runs.length));
  const at = new Date().toISOString();
  // What a push or a session moved follows on as it would from their workflows (task events, issue sync), the
  // whole batch's follow-ups in one batch event: one run per follow-up workflow, not one per task touched.
  const followUps = batchFollowUps([...(await followUpsOf(s.store, changes, at)), ...(await followUpsOf(s.store, fromIssues, at, { issueSync: false }))], at);
  const started = [...now.map((e) => e.event), ...followUps];
  if (started.length) await s.engine.send(started);
  await s.store.setDeliveryStatus(settled.processed, "processed");
  await s.store.setDeliveryStatus(settled.ignored, "ignored");
  await s.store.setDeliveryStatus(now.map((e) => e.id), "emitted");
  return { applied: settled.processed.length + settled.ignored.length, started: now.length };
}

/** Stable: deliveries stamped in the same millisecond keep the batch's order. */
const byDoorTime = <T extends { event: EventEnvelope }>(xs: T[]) => [...xs].sort((a, b) => (a.event.ts < b.event.ts ? -1 : a.event.ts > b.event.ts ? 1 : 0));

/**
 * Which projects claim a repository does not change while a batch is applied (applying a push or a session post
 * never edits a project's repositories), so a burst of pushes to one repository asks the store once, not once a push.
 */
function repoScopeOncePerBatch(store: Store): Store {
  const asked = new Map<string, ReturnType<Store["projectsForRepo"]>>();
  const projectsForRepo: Store["projectsForRepo"] = (repo) => {
    let found = asked.get(repo);
    if (!found) asked.set(repo, (found = store.projectsForRepo(repo)));
    return found;
  };
  return Object.assign(Object.create(store) as Store, { projectsForRepo });
}

/**
 * Deliveries the queue gave up on, kept as "dead" so /runs shows them and the operator can replay them: a new
 * one is recorded dead with its own reason; one already stored but never started is marked dead; one that did
 * start keeps its status (the run tells its own story).
 */
export async function recordDead(s: Services, dead: readonly NewDelivery[]): Promise<void> {
  if (!dead.length) return;
  const stuck = await s.store.recordDeliveries(dead.map((d) => ({ ...d, status: "dead" as const, error: d.error ?? DEAD })));
  await s.store.setDeliveryStatus(stuck.map((d) => d.id), "dead", DEAD);
}

const DEAD = "The ingress queue gave up on this delivery after its retries (dead-lettered)";
