// The store contract for Claude Code sessions (#13, #14): one task per intent however it arrives, session owners, hand-made tasks left alone.

import { describe, expect, it } from "vitest";
import type { TaskIntent } from "../../src/domain/extract/types";
import type { Kit } from "./store-contract-kit";
import { nextAt, upsert } from "./store-fixtures";

type Upsert = Extract<TaskIntent, { type: "upsert" }>;
const TITLE = "Implement user authentication for the API";

export function sessionsContract({ store, project, task }: Kit) {
  describe("sessions", () => {
    const said = (s: string) => ({
      prompt: { ...(upsert(s, `prose:${s}:auth`, TITLE, true) as Upsert), source: "prose" as const },
      create: { ...(upsert(s, `task:${s}:1`, TITLE) as Upsert), status: "todo" as const },
      done: { ...(upsert(s, `task:${s}:1`, TITLE) as Upsert), title: undefined, status: "completed" as const },
    });
    const batch = (projectId: string, s: string, intents: TaskIntent[]) => ({ sessionId: s, projectId, cwd: null, gitBranch: null, intents });
    const shown = async (key: string) => (await store().listTasks({ projectKey: key }, 10, null)).items.map((t) => [t.title, t.status]);

    it("makes one task of a prompt and a TaskCreate of the same intent, and the tool's key reaches it", async () => {
      const p = await project();
      const s = crypto.randomUUID();
      const i = said(s);
      await store().applyIntents(batch(p.id, s, [i.prompt]), nextAt());
      await store().applyIntents(batch(p.id, s, [i.create]), nextAt());
      await store().applyIntents(batch(p.id, s, [i.done]), nextAt());
      expect(await shown(p.key)).toEqual([[TITLE, "completed"]]);
    });

    it("keeps one task when the prompt, the TaskCreate and the transcript's echo arrive at once and after", async () => {
      const p = await project();
      const s = crypto.randomUUID();
      const i = said(s);
      await Promise.all([[i.create], [i.prompt], [i.prompt, i.create, i.done]].map((intents) => store().applyIntents(batch(p.id, s, intents), nextAt())));
      await store().applyIntents(batch(p.id, s, [i.prompt]), nextAt()); // the prompt echoed by a later slice
      expect(await shown(p.key)).toEqual([[TITLE, "completed"]]);
    });

    it("matches by title only within the session, never a task made by hand", async () => {
      const p = await project();
      const manual = await task(p.key, TITLE);
      const other = crypto.randomUUID();
      const summary: Upsert = { ...(upsert(other, `compaction:${other}:1`, TITLE, true) as Upsert), source: "compaction", status: "completed" };
      await store().applyIntents(batch(p.id, other, [summary]), nextAt());
      expect((await store().getTask(manual.key))!.status).toBe("todo");
    });

    it("gives a session to its first claimant and tells the next one who owns it", async () => {
      const s = crypto.randomUUID();
      expect(await store().claimSession(s, "token:first", nextAt())).toBe("token:first");
      expect(await store().claimSession(s, "token:second", nextAt())).toBe("token:first");
    });

    it("keeps a session's claim when its intents are applied, and its first project", async () => {
      const p = await project();
      const s = crypto.randomUUID();
      await store().claimSession(s, "user:u1", nextAt());
      await store().applyIntents(batch(p.id, s, [said(s).prompt]), nextAt());
      expect(await store().claimSession(s, "token:other", nextAt())).toBe("user:u1");
    });

    it("keeps the projects a token is limited to, and none for a token of every project", async () => {
      const [limitedHash, openHash] = [crypto.randomUUID(), crypto.randomUUID()];
      await store().createToken({ name: "ci", hash: limitedHash, scopes: ["ingest"], projects: ["HUB"], at: nextAt() });
      await store().createToken({ name: "all", hash: openHash, scopes: ["ingest"], at: nextAt() });
      expect((await store().findTokenByHash(limitedHash))?.projects).toEqual(["HUB"]);
      expect((await store().findTokenByHash(openHash))?.projects).toBeNull();
    });
  });
}
