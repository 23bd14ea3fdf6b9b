// The store contract for task keys (#15 item 4): a task's ids in Claude Code's own list, found by prefix, added once, and only ever its project's.

import { describe, expect, it } from "vitest";
import type { IntentBatch } from "../../src/ports/store";
import type { Kit } from "./store-contract-kit";
import { depend, freshKey, nextAt, upsert } from "./store-fixtures";

const completed = (sessionId: string, externalKey: string) => ({ ...upsert(sessionId, externalKey, ""), title: undefined, status: "completed" as const });

export function taskKeysContract({ store, project, task }: Kit) {
  const batch = (projectId: string, intents: IntentBatch["intents"]): IntentBatch => ({ sessionId: crypto.randomUUID(), projectId, cwd: null, gitBranch: null, intents });

  describe("task keys", () => {
    it("finds every task keyed under a prefix, by its own key or one added, and none keyed under a neighbour", async () => {
      const p = await project();
      const list = `${freshKey("L")}_x`;
      const [made] = (await store().applyIntents(batch(p.id, [upsert(crypto.randomUUID(), `claude:${list}:1`, "Claude's own")]), nextAt())).map((c) => c.task);
      const hub = await task(p.key, "The hub's");
      expect(await store().addTaskKeys([{ taskId: hub.id, externalKey: `claude:${list}:2` }], nextAt())).toEqual([{ taskId: hub.id, externalKey: `claude:${list}:2` }]);
      // '_' is no wildcard, and a longer list name is another list.
      await store().addTaskKeys([{ taskId: hub.id, externalKey: `claude:${list.replace("_", "-")}:3` }, { taskId: hub.id, externalKey: `claude:${list}x:4` }], nextAt());
      const keyed = await store().tasksKeyedUnder(`claude:${list}:`, 100);
      expect(keyed.sort((a, b) => a.externalKey.localeCompare(b.externalKey))).toEqual([
        { taskId: made.id, externalKey: `claude:${list}:1` },
        { taskId: hub.id, externalKey: `claude:${list}:2` },
      ]);
    });

    it("adds a key only once, never one a task already holds as its own, and never to a task that is not there", async () => {
      const p = await project();
      const list = freshKey("L");
      const [own] = (await store().applyIntents(batch(p.id, [upsert(crypto.randomUUID(), `claude:${list}:1`, "Own")]), nextAt())).map((c) => c.task);
      const [a, b] = [await task(p.key, "A"), await task(p.key, "B")];
      await store().addTaskKeys([{ taskId: a.id, externalKey: `claude:${list}:2` }], nextAt());
      const added = await store().addTaskKeys(
        [
          { taskId: b.id, externalKey: `claude:${list}:1` },
          { taskId: b.id, externalKey: `claude:${list}:2` },
          { taskId: crypto.randomUUID(), externalKey: `claude:${list}:3` },
          { taskId: b.id, externalKey: `claude:${list}:4` },
        ],
        nextAt(),
      );
      expect(added).toEqual([{ taskId: b.id, externalKey: `claude:${list}:4` }]);
      const byKey = Object.fromEntries((await store().tasksKeyedUnder(`claude:${list}:`, 100)).map((k) => [k.externalKey, k.taskId]));
      expect(byKey).toEqual({ [`claude:${list}:1`]: own.id, [`claude:${list}:2`]: a.id, [`claude:${list}:4`]: b.id });
    });

    it("lets a session's update and dependency under an added key reach that task", async () => {
      const p = await project();
      const list = freshKey("L");
      const [a, b] = [await task(p.key, "A"), await task(p.key, "B")];
      await store().addTaskKeys([{ taskId: a.id, externalKey: `claude:${list}:1` }, { taskId: b.id, externalKey: `claude:${list}:2` }], nextAt());
      const s = crypto.randomUUID();
      await store().applyIntents(batch(p.id, [completed(s, `claude:${list}:1`), depend(s, `claude:${list}:2`, `claude:${list}:1`)]), nextAt());
      expect(await store().getTask(a.key)).toMatchObject({ status: "completed", blocks: [b.key] });
      expect((await store().listTasks({ projectKey: p.key }, 10, null)).items).toHaveLength(2);
    });

    it("never lets a session of another project reach a task by its key, nor link to it", async () => {
      const [p, q] = [await project(), await project()];
      const list = freshKey("L");
      const a = await task(p.key, "A");
      await store().addTaskKeys([{ taskId: a.id, externalKey: `claude:${list}:1` }], nextAt());
      const s = crypto.randomUUID();
      const [mine] = (await store().applyIntents(batch(q.id, [upsert(s, `claude:${list}:2`, "Q's own")]), nextAt())).map((c) => c.task);
      const changes = await store().applyIntents(batch(q.id, [completed(s, `claude:${list}:1`), depend(s, `claude:${list}:2`, `claude:${list}:1`)]), nextAt());
      expect(changes).toEqual([]);
      expect(await store().getTask(a.key)).toMatchObject({ status: "todo", blocks: [] });
      expect(await store().getTask(mine.key)).toMatchObject({ dependsOn: [] });
      expect((await store().listTasks({ projectKey: q.key }, 10, null)).items.map((t) => t.title)).toEqual(["Q's own"]);
    });

    it("frees a deleted task's keys", async () => {
      const p = await project();
      const list = freshKey("L");
      const a = await task(p.key, "A");
      await store().addTaskKeys([{ taskId: a.id, externalKey: `claude:${list}:1` }], nextAt());
      await store().deleteTask(a.key, "user:contract", nextAt());
      expect(await store().tasksKeyedUnder(`claude:${list}:`, 100)).toEqual([]);
      const b = await task(p.key, "B");
      expect(await store().addTaskKeys([{ taskId: b.id, externalKey: `claude:${list}:1` }], nextAt())).toHaveLength(1);
    });
  });
}
