// A Claude Code post (transcript slice or hook) applied to its session's project: one use case for the ingress consumer and the extract-tasks workflow.

import type { ClaudeDeliveryPayload } from "../domain/deliveries";
import type { TaskIntent } from "../domain/extract/types";
import { byPost, HELD_PER_SESSION, holdBack, keysNeeded, madeKeys, type HeldIntent } from "../domain/held-intents";
import { scopeIntents } from "../domain/trackers/keys";
import type { Store, TaskChange } from "../ports/store";

type PostStore = Pick<Store, "projectForCwd" | "applyIntents" | "knownTaskKeys" | "holdIntents" | "releaseHeldIntents">;

interface Post {
  projectId: string;
  sessionId: string;
  cwd: string | null;
  gitBranch: string | null;
  intents: TaskIntent[];
}

/**
 * The post's intents applied to the project its cwd belongs to (the inbox when none claims it). `at` is the
 * post's time at the door: the queue may hand posts over in any order, so an intent naming a task not yet
 * created waits (domain/held-intents.ts) and applies, in door order, right after the post that creates it.
 */
export async function applySessionPost(store: PostStore, payload: string, at: string): Promise<TaskChange[]> {
  const p = JSON.parse(payload) as ClaudeDeliveryPayload;
  const project = await store.projectForCwd(p.cwd, at);
  const changes = await applyOrHold(store, { projectId: project.id, sessionId: p.sessionId, cwd: p.cwd, gitBranch: p.gitBranch, intents: scopeIntents(project.id, p.intents) }, at);
  return oneChangePerTask(changes);
}

/**
 * Applies what can apply now, holds the rest, then applies what was waiting for the keys this post made. The
 * waiting keys are released again after holding: a create that landed in between (another consumer) released
 * before this post's intents were held, and the store hands each held intent out once, so none is lost or doubled.
 */
async function applyOrHold(store: PostStore, post: Post, at: string): Promise<TaskChange[]> {
  const needed = keysNeeded(post.intents);
  const split = holdBack(post.intents, needed.length ? await store.knownTaskKeys(needed) : new Set());
  const changes = await store.applyIntents({ ...post, intents: split.now }, at);
  if (split.waiting.length) {
    const held = await Promise.all(split.waiting.map(async (w): Promise<HeldIntent> => ({ ...w, id: await heldId(post, w.externalKey, w.intent), projectId: post.projectId, sessionId: post.sessionId, doorAt: at })));
    const { discarded } = await store.holdIntents(post.sessionId, held, HELD_PER_SESSION);
    if (discarded) console.warn(`session ${post.sessionId.slice(0, 80)}: ${discarded} intents discarded, ${HELD_PER_SESSION} already waiting for their tasks`);
  }
  changes.push(...(await releaseHeldFor(store, post.projectId, [...split.now.flatMap(madeKeys), ...split.waiting.map((w) => w.externalKey)])));
  return changes;
}

/**
 * Applies, in door order, what sessions of the project held for tasks under these keys, now that something made
 * them: a session's post, or a create outside any session (`taskhub import` of Claude's list or a tracker). Only
 * the project's own held intents are released, so a task made here never moves for another project's session.
 */
export async function releaseHeldFor(store: PostStore, projectId: string, madeKeys: readonly string[]): Promise<TaskChange[]> {
  const keys = [...new Set(madeKeys)];
  const released = keys.length ? await store.releaseHeldIntents(projectId, keys) : [];
  const changes: TaskChange[] = [];
  for (const held of byPost(released)) {
    const { sessionId, doorAt } = held[0];
    // A released dependency may still wait for its other end: it goes through the same split again.
    changes.push(...(await applyOrHold(store, { projectId, sessionId, cwd: null, gitBranch: null, intents: held.map((h) => h.intent) }, doorAt)));
  }
  return changes;
}

/** The same intent waiting in the same place has the same id, so a replayed post holds nothing twice. */
async function heldId(post: Post, externalKey: string, intent: TaskIntent): Promise<string> {
  const text = JSON.stringify([post.projectId, post.sessionId, externalKey, intent]);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A task created by the post and moved by an intent it released is one change: its first "from", its last state. */
export function oneChangePerTask(changes: TaskChange[]): TaskChange[] {
  const byTask = new Map<string, TaskChange>();
  for (const c of changes) {
    const first = byTask.get(c.task.id);
    byTask.set(c.task.id, first ? { task: c.task, from: first.from } : c);
  }
  return [...byTask.values()];
}
