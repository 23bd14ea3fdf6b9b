// The store contract for held intents (#17, ordering): a session's update of a task not created yet waits, keyed by
// project and task key, and is handed out once, in door order, only when a task of that project answers to the key.

import { describe, expect, it } from "vitest";
import type { HeldIntent, IntentBatch } from "../../src/ports/store";
import type { Kit } from "./store-contract-kit";
import { freshKey, nextAt, upsert } from "./store-fixtures";

const completed = (sessionId: string, externalKey: string) => ({ ...upsert(sessionId, externalKey, ""), title: undefined, status: "completed" as const });

export function heldIntentsContract({ store, project, task }: Kit) {
  const held = (projectId: string, sessionId: string, externalKey: string, doorAt = nextAt(), seq = 0): HeldIntent => ({
    id: crypto.randomUUID(), projectId, sessionId, externalKey, doorAt, seq, intent: completed(sessionId, externalKey),
  });
  /** A task of the project under this key, as a session's create makes it. */
  const created = async (projectId: string, externalKey: string) => {
    const batch: IntentBatch = { sessionId: crypto.randomUUID(), projectId, cwd: null, gitBranch: null, intents: [upsert(crypto.randomUUID(), externalKey, "Wire the exporter")] };
    return (await store().applyIntents(batch, nextAt()))[0].task;
  };
  const ids = (hs: HeldIntent[]) => hs.map((h) => h.id);

  describe("held intents", () => {
    it("knows a key by a task's own key or one added to it, in any project, and not a key nobody holds", async () => {
      const [a, b] = [await project(), await project()];
      const own = `task:${crypto.randomUUID()}:1`;
      const added = `claude:${freshKey("L")}:1`;
      const unknown = `task:${crypto.randomUUID()}:1`;
      await created(a.id, own);
      const hub = await task(b.key, "The hub's");
      await store().addTaskKeys([{ taskId: hub.id, externalKey: added }], nextAt());
      expect(await store().knownTaskKeys([own, added, unknown])).toEqual(new Set([own, added]));
      expect(await store().knownTaskKeys([])).toEqual(new Set());
    });

    it("hands out a session's held intents once their task appears in the project, in door order, with what they were", async () => {
      const p = await project();
      const s = crypto.randomUUID();
      const key = `task:${s}:1`;
      const [first, second, third] = [nextAt(), nextAt(), nextAt()];
      const hs = [held(p.id, s, key, third), held(p.id, s, key, first, 1), held(p.id, s, key, first, 0), held(p.id, s, key, second)];
      expect(await store().holdIntents(s, hs, 10)).toEqual({ discarded: 0 });
      await created(p.id, key);
      const out = await store().releaseHeldIntents(p.id, [key]);
      expect(ids(out)).toEqual([hs[2].id, hs[1].id, hs[3].id, hs[0].id]);
      expect(out[0]).toEqual(hs[2]);
    });

    it("hands out nothing while no task answers to the key", async () => {
      const p = await project();
      const s = crypto.randomUUID();
      const h = held(p.id, s, `task:${s}:1`);
      await store().holdIntents(s, [h], 10);
      expect(await store().releaseHeldIntents(p.id, [h.externalKey])).toEqual([]);
      await created(p.id, h.externalKey);
      expect(ids(await store().releaseHeldIntents(p.id, [h.externalKey]))).toEqual([h.id]);
    });

    it("hands a held intent out only once", async () => {
      const p = await project();
      const s = crypto.randomUUID();
      const h = held(p.id, s, `task:${s}:1`);
      await store().holdIntents(s, [h], 10);
      await created(p.id, h.externalKey);
      expect(await store().releaseHeldIntents(p.id, [h.externalKey])).toHaveLength(1);
      expect(await store().releaseHeldIntents(p.id, [h.externalKey])).toEqual([]);
    });

    it("keeps an intent held twice under the same id once", async () => {
      const p = await project();
      const s = crypto.randomUUID();
      const h = held(p.id, s, `task:${s}:1`);
      await store().holdIntents(s, [h], 10);
      await store().holdIntents(s, [h], 10);
      await created(p.id, h.externalKey);
      expect(ids(await store().releaseHeldIntents(p.id, [h.externalKey]))).toEqual([h.id]);
    });

    it("never hands an intent held in one project to a task of another project under the same key", async () => {
      const [mine, stranger] = [await project(), await project()];
      const s = crypto.randomUUID();
      const key = `claude:${freshKey("L")}:1`;
      const h = held(stranger.id, s, key);
      await store().holdIntents(s, [h], 10);
      await created(mine.id, key);
      expect(await store().releaseHeldIntents(mine.id, [key])).toEqual([]);
      expect(await store().releaseHeldIntents(stranger.id, [key])).toEqual([]);
    });

    it("holds no more of a session's intents than its room, discarding the rest of the post in order", async () => {
      const p = await project();
      const s = crypto.randomUUID();
      const key = `task:${s}:1`;
      const hs = [0, 1, 2, 3].map((seq) => held(p.id, s, key, nextAt(), seq));
      expect(await store().holdIntents(s, hs.slice(0, 1), 3)).toEqual({ discarded: 0 });
      expect(await store().holdIntents(s, hs.slice(1), 3)).toEqual({ discarded: 1 });
      // Another session has its own room.
      const other = crypto.randomUUID();
      expect(await store().holdIntents(other, [held(p.id, other, `task:${other}:1`)], 3)).toEqual({ discarded: 0 });
      await created(p.id, key);
      expect(ids(await store().releaseHeldIntents(p.id, [key]))).toEqual([hs[0].id, hs[1].id, hs[2].id]);
    });

    it("discards intents held since before the cut, a bounded batch at a time, and keeps the newer", async () => {
      const p = await project();
      const s = crypto.randomUUID();
      const key = `task:${s}:1`;
      // Door times long before any other test's, so the cut takes only these.
      const old = [0, 1, 2].map((ms) => held(p.id, s, key, new Date(Date.UTC(1, 0, 1) + ms).toISOString()));
      const fresh = held(p.id, s, key, new Date(Date.UTC(1, 0, 2)).toISOString());
      await store().holdIntents(s, [...old, fresh], 10);
      const cut = new Date(Date.UTC(1, 0, 1, 12)).toISOString();
      expect(await store().pruneHeldIntents(cut, 2)).toBe(2);
      expect(await store().pruneHeldIntents(cut, 2)).toBe(1);
      expect(await store().pruneHeldIntents(cut, 2)).toBe(0);
      await created(p.id, key);
      expect(ids(await store().releaseHeldIntents(p.id, [key]))).toEqual([fresh.id]);
    });
  });
}
