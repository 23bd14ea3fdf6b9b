// The Store contract: what every Store adapter promises, run on D1 (workerd) and Convex (convex-test over HTTP).

import { beforeEach, describe, expect, it } from "vitest";
import { StoreError, type Store } from "../../src/ports/store";
import { githubContract } from "./store-contract-github";
import { heldIntentsContract } from "./store-contract-held-intents";
import { issueOpeningsContract } from "./store-contract-issue-openings";
import { kit, rejectsWith } from "./store-contract-kit";
import { metricsContract } from "./store-contract-metrics";
import { runTracesContract } from "./store-contract-run-traces";
import { sharedLinksContract } from "./store-contract-shared-links";
import { peopleContract } from "./store-contract-people";
import { projectsContract } from "./store-contract-projects";
import { sessionsContract } from "./store-contract-sessions";
import { subtasksContract } from "./store-contract-subtasks";
import { taskKeysContract } from "./store-contract-task-keys";
import { depend, freshKey, list, nextAt, upsert } from "./store-fixtures";

export function storeContract(name: string, makeStore: () => Store | Promise<Store>) {
  describe(`${name} store contract`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });

    const project = (over: { repos?: string[]; paths?: string[] } = {}) =>
      store.createProject({ key: freshKey(), name: "Contract", repos: over.repos ?? [], paths: over.paths ?? [], at: nextAt() });
    const task = (projectKey: string, title = "Write the contract", extra = {}) =>
      store.createTask({ projectKey, title, ...extra }, "user:contract", nextAt());

    describe("deliveries", () => {
      it("records a delivery once and calls the second sighting a duplicate", async () => {
        const id = `test:${crypto.randomUUID()}`;
        expect(await store.recordDelivery({ id, source: "test", event: "ping", payload: "{}", at: nextAt() })).toBe("new");
        expect(await store.recordDelivery({ id, source: "test", event: "ping", payload: "{}", at: nextAt() })).toBe("duplicate");
      });

      it("keeps the first payload when a duplicate arrives", async () => {
        const id = `test:${crypto.randomUUID()}`;
        await store.recordDelivery({ id, source: "test", event: "ping", payload: "first", at: nextAt() });
        await store.recordDelivery({ id, source: "test", event: "ping", payload: "second", at: nextAt() });
        expect(await store.getDelivery(id)).toMatchObject({ id, source: "test", event: "ping", status: "received", payload: "first", error: null });
      });

      it("answers null for a delivery it never saw", async () => {
        expect(await store.getDelivery(`test:${crypto.randomUUID()}`)).toBeNull();
      });

      it("records a delivery's status and error", async () => {
        const id = `test:${crypto.randomUUID()}`;
        await store.recordDelivery({ id, source: "test", event: "ping", payload: null, at: nextAt() });
        await store.setDeliveryStatus(id, "failed", "boom");
        expect(await store.getDelivery(id)).toMatchObject({ status: "failed", error: "boom" });
      });

      it("lists deliveries newest first, up to the limit", async () => {
        const ids = [0, 1, 2].map(() => `test:${crypto.randomUUID()}`);
        for (const id of ids) await store.recordDelivery({ id, source: "test", event: "ping", payload: null, at: nextAt() });
        expect((await store.listDeliveries(2)).map((d) => d.id)).toEqual([ids[2], ids[1]]);
      });

      it("records a delivery that needs no workflow with its final status and reason", async () => {
        const id = `test:${crypto.randomUUID()}`;
        await store.recordDelivery({ id, source: "test", event: "star", payload: null, at: nextAt(), status: "ignored", error: "not an event the hub acts on" });
        expect(await store.getDelivery(id)).toMatchObject({ status: "ignored", error: "not an event the hub acts on" });
      });

      it("lists deliveries never emitted, received before the cut-off, with their event", async () => {
        const stuck = `test:${crypto.randomUUID()}`;
        const emitted = `test:${crypto.randomUUID()}`;
        await store.recordDelivery({ id: stuck, source: "test", event: "push", payload: null, emit: '{"id":"e1"}', at: "2001-01-01T00:00:00.000Z" });
        await store.recordDelivery({ id: emitted, source: "test", event: "push", payload: null, emit: '{"id":"e2"}', at: "2001-01-01T00:00:01.000Z" });
        await store.setDeliveryStatus(emitted, "emitted");
        const found = await store.stuckDeliveries("2001-01-02T00:00:00.000Z", 100);
        expect(found).toContainEqual({ id: stuck, emit: '{"id":"e1"}' });
        expect(found.map((d) => d.id)).not.toContain(emitted);
      });

      it("does not let a late 'emitted' undo a delivery its run already processed", async () => {
        const id = `test:${crypto.randomUUID()}`;
        await store.recordDelivery({ id, source: "test", event: "push", payload: null, emit: "{}", at: nextAt() });
        await store.setDeliveryStatus(id, "processed");
        await store.setDeliveryStatus(id, "emitted");
        expect(await store.getDelivery(id)).toMatchObject({ status: "processed" });
        await store.setDeliveryStatus(id, "failed", "replayed and failed");
        await store.setDeliveryStatus(id, "emitted");
        expect(await store.getDelivery(id)).toMatchObject({ status: "emitted" });
      });

      it("calls a delivery with a new id but the body of one already recorded a duplicate, and records nothing", async () => {
        const [first, again] = [`test:${crypto.randomUUID()}`, `test:${crypto.randomUUID()}`];
        const bodyHash = crypto.randomUUID();
        expect(await store.recordDelivery({ id: first, source: "test", event: "push", payload: "{}", bodyHash, at: nextAt() })).toBe("new");
        expect(await store.recordDelivery({ id: again, source: "test", event: "push", payload: "{}", bodyHash, at: nextAt() })).toBe("duplicate");
        expect(await store.getDelivery(again)).toBeNull();
      });

      it("records a batch once per id and per body hash, and returns what waits for its emit once each", async () => {
        const [a, b, c, settled] = [1, 2, 3, 4].map(() => `test:${crypto.randomUUID()}`);
        const hash = crypto.randomUUID();
        const d = (id: string, extra: object = {}) => ({ id, source: "test", event: "push", payload: `{"of":"${id}"}`, emit: `{"id":"${id}"}`, at: nextAt(), ...extra });
        const waiting = await store.recordDeliveries([d(a), d(a), d(b, { bodyHash: hash }), d(c, { bodyHash: hash }), d(settled, { emit: null, status: "ignored" })]);
        expect(waiting.sort((x, y) => x.id.localeCompare(y.id))).toEqual([{ id: a, emit: `{"id":"${a}"}` }, { id: b, emit: `{"id":"${b}"}` }].sort((x, y) => x.id.localeCompare(y.id)));
        expect(await store.getDelivery(c)).toBeNull();
        expect(await store.getDelivery(settled)).toMatchObject({ status: "ignored" });
        // Seen again (a retried batch): a delivery still waiting comes back; one emitted since does not.
        await store.setDeliveryStatus([b], "emitted");
        expect(await store.recordDeliveries([d(a), d(b)])).toEqual([{ id: a, emit: `{"id":"${a}"}` }]);
      });

      it("sets the status of many deliveries in one call", async () => {
        const ids = [`test:${crypto.randomUUID()}`, `test:${crypto.randomUUID()}`];
        for (const id of ids) await store.recordDelivery({ id, source: "test", event: "ping", payload: "{}", at: nextAt() });
        await store.setDeliveryStatus(ids, "dead", "gave up");
        for (const id of ids) expect(await store.getDelivery(id)).toMatchObject({ status: "dead", error: "gave up" });
      });

      it("records deliveries without a body hash each by its id alone", async () => {
        const ids = [`test:${crypto.randomUUID()}`, `test:${crypto.randomUUID()}`];
        for (const id of ids) expect(await store.recordDelivery({ id, source: "test", event: "ping", payload: "{}", at: nextAt() })).toBe("new");
      });

      it("does not list a delivery received after the cut-off", async () => {
        const id = `test:${crypto.randomUUID()}`;
        await store.recordDelivery({ id, source: "test", event: "push", payload: null, emit: "{}", at: "2001-01-03T00:00:00.000Z" });
        expect((await store.stuckDeliveries("2001-01-02T12:00:00.000Z", 100)).map((d) => d.id)).not.toContain(id);
      });
    });

    describe("transcript lines", () => {
      it("records each line once and counts the ones seen before", async () => {
        const session = crypto.randomUUID();
        await store.recordTranscriptLines(session, ["a", "b"]);
        const chunk = await store.recordTranscriptLines(session, ["b", "c"]);
        expect(chunk).toEqual({ sessionId: session, newLineUuids: ["c"], duplicates: 1 });
      });

      it("reports as seen only the lines recorded for that session", async () => {
        const [s1, s2] = [crypto.randomUUID(), crypto.randomUUID()];
        await store.recordTranscriptLines(s1, ["x", "y"]);
        expect(await store.seenTranscriptLines(s1, ["x", "z"])).toEqual(new Set(["x"]));
        expect(await store.seenTranscriptLines(s2, ["x"])).toEqual(new Set());
      });
    });

    describe("tokens", () => {
      it("finds a token by its hash and never hands the hash back", async () => {
        const hash = crypto.randomUUID();
        const made = await store.createToken({ name: "ci", hash, scopes: ["read", "ingest"], at: nextAt() });
        const found = await store.findTokenByHash(hash);
        expect(found).toEqual(made);
        expect(found).toMatchObject({ name: "ci", scopes: ["read", "ingest"], userId: null, revokedAt: null });
        expect(JSON.stringify(found)).not.toContain(hash);
      });

      it("answers null for a hash it does not hold", async () => {
        expect(await store.findTokenByHash(crypto.randomUUID())).toBeNull();
      });

      it("revokes a token once", async () => {
        const hash = crypto.randomUUID();
        const t = await store.createToken({ name: "old", hash, scopes: ["admin"], at: nextAt() });
        const at = nextAt();
        expect(await store.revokeToken(t.id, at)).toBe(true);
        expect(await store.revokeToken(t.id, nextAt())).toBe(false);
        expect((await store.findTokenByHash(hash))?.revokedAt).toBe(at);
      });

      it("keeps a token's expiry", async () => {
        const hash = crypto.randomUUID();
        const expiresAt = "2031-01-01T12:00:00.000Z";
        const made = await store.createToken({ name: "github:ada", hash, scopes: ["write"], expiresAt, at: nextAt() });
        expect(made.expiresAt).toBe(expiresAt);
        expect(await store.findTokenByHash(hash)).toMatchObject({ expiresAt });
        expect((await store.createToken({ name: "ci", hash: crypto.randomUUID(), scopes: ["read"], at: nextAt() })).expiresAt).toBeNull();
      });

      it("records when a token was last used", async () => {
        const hash = crypto.randomUUID();
        const t = await store.createToken({ name: "busy", hash, scopes: ["read"], at: nextAt() });
        const at = nextAt();
        await store.touchToken(t.id, at);
        expect((await store.findTokenByHash(hash))?.lastUsedAt).toBe(at);
      });

      it("lists the tokens it holds", async () => {
        const t = await store.createToken({ name: "listed", hash: crypto.randomUUID(), scopes: ["write"], at: nextAt() });
        expect((await store.listTokens()).map((x) => x.id)).toContain(t.id);
      });
    });

    describe("projects", () => {
      it("creates a project, finds it by key in any case, and keeps repos in lower case", async () => {
        const p = await project({ repos: ["Acme/Hub"], paths: ["/src/hub"] });
        expect(await store.getProject(p.key.toLowerCase())).toEqual(p);
        expect(p).toMatchObject({ status: "active", repos: ["acme/hub"], paths: ["/src/hub"], settings: {} });
      });

      it("refuses a second project with the same key as a conflict", async () => {
        const p = await project();
        await rejectsWith(store.createProject({ key: p.key, name: "Again", repos: [], paths: [], at: nextAt() }), "conflict");
      });

      it("answers null for a project key it does not hold", async () => {
        expect(await store.getProject(freshKey("Z"))).toBeNull();
      });

      it("lists projects in key order", async () => {
        const a = await store.createProject({ key: freshKey("A"), name: "a", repos: [], paths: [], at: nextAt() });
        const b = await store.createProject({ key: freshKey("B"), name: "b", repos: [], paths: [], at: nextAt() });
        const keys = (await store.listProjects()).map((p) => p.key);
        expect(keys.indexOf(a.key)).toBeLessThan(keys.indexOf(b.key));
        expect(keys).toEqual([...keys].sort());
      });

      it("places a folder in the project with the longest matching path, not a sibling with a longer name", async () => {
        const dir = `/w/${crypto.randomUUID()}`;
        const outer = await project({ paths: [dir] });
        const inner = await project({ paths: [`${dir}/app`] });
        expect((await store.projectForCwd(`${dir}/app/src`, nextAt())).id).toBe(inner.id);
        expect((await store.projectForCwd(`${dir}/apple`, nextAt())).id).toBe(outer.id);
      });

      it("puts unclaimed folders in one INBOX project, created on first use", async () => {
        const first = await store.projectForCwd(`/nowhere/${crypto.randomUUID()}`, nextAt());
        const second = await store.projectForCwd(null, nextAt());
        expect(first.key).toBe("INBOX");
        expect(second.id).toBe(first.id);
      });

      it("finds the projects of a repository whatever its case", async () => {
        const repo = `acme/${crypto.randomUUID()}`;
        const p = await project({ repos: [repo] });
        expect((await store.projectsForRepo(repo.toUpperCase())).map((x) => x.id)).toEqual([p.id]);
        expect(await store.projectsForRepo(`acme/${crypto.randomUUID()}`)).toEqual([]);
      });
    });

    describe("tasks", () => {
      it("numbers tasks per project from one and keys them by project", async () => {
        const p = await project();
        const a = await task(p.key, "First");
        const b = await task(p.key, "Second", { priority: "high", tags: ["x"] });
        expect([a.key, b.key]).toEqual([`${p.key}-1`, `${p.key}-2`]);
        expect(b).toMatchObject({ projectId: p.id, status: "todo", priority: "high", tags: ["x"], creatorId: "user:contract", version: 1 });
      });

      it("refuses a task in a project that does not exist as not found", async () => {
        await rejectsWith(task(freshKey("Z")), "not_found");
      });

      it("writes one created activity row with each new task", async () => {
        const p = await project();
        const t = await task(p.key);
        const rows = await store.activitySince(0, 10, p.id);
        expect(rows.map((a) => [a.action, a.taskId, a.taskKey])).toEqual([["created", t.id, t.key]]);
      });

      it("moves a task, says where it came from, and logs the move", async () => {
        const p = await project();
        const t = await task(p.key);
        const at = nextAt();
        const change = await store.updateTask(t.key, { status: "completed" }, "user:contract", at);
        expect(change.from).toEqual({ status: "todo", dueAt: null });
        expect(change.task).toMatchObject({ status: "completed", completedAt: at, version: 2 });
        const detail = await store.getTask(t.key);
        expect(detail!.activity[0]).toMatchObject({ action: "status_changed", actor: "user:contract", data: { changes: { status: ["todo", "completed"] } } });
      });

      it("writes nothing when an edit changes nothing", async () => {
        const p = await project();
        const t = await task(p.key, "Same");
        const change = await store.updateTask(t.key, { title: "Same" }, "user:contract", nextAt());
        expect(change.task.version).toBe(1);
        expect(await store.activitySince(0, 10, p.id)).toHaveLength(1);
      });

      it("refuses to edit a task that does not exist as not found", async () => {
        const p = await project();
        await rejectsWith(store.updateTask(`${p.key}-99`, { title: "x" }, "user:contract", nextAt()), "not_found");
      });

      it("shows a task with its links, activity and dependencies, and null for an unknown key", async () => {
        const p = await project();
        const t = await task(p.key, "Detailed", { description: "why" });
        const detail = await store.getTask(t.key.toLowerCase());
        expect(detail).toMatchObject({ ...t, links: [], dependsOn: [], blocks: [] });
        expect(detail!.activity).toHaveLength(1);
        expect(await store.getTask(`${p.key}-42`)).toBeNull();
      });

      it("pages through a project's tasks with cursors, each task once, in creation order", async () => {
        const p = await project();
        const made = [];
        for (let i = 0; i < 5; i++) made.push((await task(p.key, `Task ${i}`)).key);
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page: Awaited<ReturnType<Store["listTasks"]>> = await store.listTasks({ projectKey: p.key }, 2, cursor);
          seen.push(...page.items.map((t) => t.key));
          cursor = page.nextCursor;
          pages++;
        } while (cursor && pages < 10);
        expect(seen).toEqual(made);
        expect(pages).toBe(3);
      });

      it("filters tasks by status, priority, tag and text", async () => {
        const p = await project();
        const a = await task(p.key, "Fix the login form", { priority: "urgent", tags: ["auth"] });
        const b = await task(p.key, "Write docs", { description: "mention LOGIN too" });
        await store.updateTask(b.key, { status: "in_progress" }, "user:contract", nextAt());
        const keys = async (f: object) => (await store.listTasks({ projectKey: p.key, ...f }, 10, null)).items.map((t) => t.key);
        expect(await keys({ status: ["in_progress"] })).toEqual([b.key]);
        expect(await keys({ priority: "urgent" })).toEqual([a.key]);
        expect(await keys({ tag: "auth" })).toEqual([a.key]);
        expect(await keys({ q: "login" })).toEqual([a.key, b.key]);
        expect(await keys({ status: ["completed"] })).toEqual([]);
      });

      it("filters tasks by due window and by whether an open task blocks them", async () => {
        const p = await project();
        const a = await task(p.key, "due soon", { dueAt: "3000-01-02T00:00:00.000Z" });
        const b = await task(p.key, "due later", { dueAt: "3000-02-01T00:00:00.000Z" });
        const c = await task(p.key, "blocker");
        await store.addDependency(a.key, c.key, "user:contract", nextAt());
        const keys = async (f: object) => (await store.listTasks({ projectKey: p.key, ...f }, 10, null)).items.map((t) => t.key);
        expect(await keys({ dueAfter: "3000-01-01T00:00:00.000Z", dueBefore: "3000-01-03T00:00:00.000Z" })).toEqual([a.key]);
        expect(await keys({ blocked: true })).toEqual([a.key]);
        expect(await keys({ blocked: false })).toEqual([b.key, c.key]);
      });

      it("gives each board card its links and its latest activity", async () => {
        const p = await project();
        const t = await task(p.key);
        await store.applyCommitRef({ sha: "abc123", url: "https://x/c/abc123", message: "touch it\n\nbody", repo: "acme/hub", taskKey: t.key, projectIds: [p.id], close: false, start: false, actor: "github:dev", at: nextAt() });
        const extras = await store.cardExtras([t.id]);
        expect(extras.get(t.id)!.links.map((l) => [l.kind, l.ref, l.title])).toEqual([["commit", "abc123", "touch it"]]);
        expect(extras.get(t.id)!.lastActivity).toMatchObject({ action: "linked", taskId: t.id });
      });
    });

    describe("session intents", () => {
      it("creates the tasks of a todo list once, however often the list is applied", async () => {
        const p = await project();
        const s = crypto.randomUUID();
        const items = [{ key: `${s}:1`, title: "Plan" }, { key: `${s}:2`, title: "Build" }];
        const first = await store.applyIntents({ sessionId: s, projectId: p.id, cwd: null, gitBranch: null, intents: [list(s, items)] }, nextAt());
        const again = await store.applyIntents({ sessionId: s, projectId: p.id, cwd: null, gitBranch: null, intents: [list(s, items)] }, nextAt());
        // The port promises one change per task, in no particular order.
        expect(first.map((c) => [c.task.title, c.from]).sort()).toEqual([["Build", null], ["Plan", null]]);
        expect(again).toEqual([]);
        expect((await store.listTasks({ projectKey: p.key }, 10, null)).items).toHaveLength(2);
      });

      it("moves listed tasks forward and cancels the ones a newer list drops", async () => {
        const p = await project();
        const s = crypto.randomUUID();
        const batch = (intents: Parameters<Store["applyIntents"]>[0]["intents"]) => ({ sessionId: s, projectId: p.id, cwd: null, gitBranch: null, intents });
        await store.applyIntents(batch([list(s, [{ key: `${s}:1`, title: "Keep" }, { key: `${s}:2`, title: "Drop" }])]), nextAt());
        const changes = await store.applyIntents(batch([list(s, [{ key: `${s}:1`, title: "Keep", status: "in_progress" }])]), nextAt());
        expect(changes.map((c) => [c.task.title, c.from?.status, c.task.status]).sort()).toEqual([
          ["Drop", "todo", "cancelled"],
          ["Keep", "todo", "in_progress"],
        ]);
      });

      it("folds a task said again under another key into the open task with the same title", async () => {
        const p = await project();
        const s = crypto.randomUUID();
        const batch = { sessionId: s, projectId: p.id, cwd: null, gitBranch: null };
        await store.applyIntents({ ...batch, intents: [upsert(s, `${s}:a`, "Ship the release")] }, nextAt());
        await store.applyIntents({ ...batch, intents: [upsert(s, `${s}:b`, "ship the RELEASE!", true)] }, nextAt());
        expect((await store.listTasks({ projectKey: p.key }, 10, null)).items).toHaveLength(1);
      });

      it("records a dependency a session states and refuses the edge that would close a cycle", async () => {
        const p = await project();
        const s = crypto.randomUUID();
        const batch = { sessionId: s, projectId: p.id, cwd: null, gitBranch: null };
        await store.applyIntents({ ...batch, intents: [upsert(s, `${s}:a`, "Alpha"), upsert(s, `${s}:b`, "Beta")] }, nextAt());
        await store.applyIntents({ ...batch, intents: [depend(s, `${s}:a`, `${s}:b`), depend(s, `${s}:b`, `${s}:a`)] }, nextAt());
        const [a, b] = [await store.getTask(`${p.key}-1`), await store.getTask(`${p.key}-2`)];
        expect([a!.dependsOn, a!.blocks]).toEqual([[b!.key], []]);
        expect([b!.dependsOn, b!.blocks]).toEqual([[], [a!.key]]);
      });

      it("sums up a session: the tasks it created, what it changed newest first, and none of another session's", async () => {
        const p = await project();
        const s = crypto.randomUUID();
        const batch = (intents: Parameters<Store["applyIntents"]>[0]["intents"]) => ({ sessionId: s, projectId: p.id, cwd: "/w", gitBranch: "main", intents });
        await store.applyIntents(batch([list(s, [{ key: `${s}:1`, title: "Plan" }])]), nextAt());
        await store.applyIntents(batch([list(s, [{ key: `${s}:1`, title: "Plan", status: "in_progress" }])]), nextAt());
        await task(p.key);
        const sum = await store.sessionSummary(s);
        expect(sum).toMatchObject({ id: s, projectId: p.id, cwd: "/w", gitBranch: "main", activeMinutes: 0 });
        expect(sum!.created).toEqual([{ key: `${p.key}-1`, title: "Plan", status: "in_progress" }]);
        expect(sum!.activity.map((a) => a.action)).toEqual(["status_changed", "created"]);
        expect(sum!.activity.every((a) => a.actor === `claude:${s}`)).toBe(true);
        expect(await store.sessionSummary(crypto.randomUUID())).toBeNull();
      });
    });

    describe("commits", () => {
      const ref = (p: { id: string }, taskKey: string, over: object = {}) => ({
        sha: crypto.randomUUID().replace(/-/g, ""), url: "https://github.com/acme/hub/commit/1", message: "Fixes it", repo: "acme/hub",
        taskKey, projectIds: [p.id], close: true, start: false, actor: "github:dev", at: nextAt(), ...over,
      });

      it("completes a task when a closing commit reaches the default branch, and only once", async () => {
        const p = await project();
        const t = await task(p.key);
        const r = ref(p, t.key);
        const change = await store.applyCommitRef(r);
        expect(change).toMatchObject({ from: { status: "todo" }, task: { key: t.key, status: "completed" } });
        expect(await store.applyCommitRef({ ...r, at: nextAt() })).toBeNull();
        expect((await store.getTask(t.key))!.links).toEqual([expect.objectContaining({ kind: "commit", ref: r.sha, state: "closed" })]);
      });

      it("starts a todo task that a commit off the default branch mentions", async () => {
        const p = await project();
        const t = await task(p.key);
        const change = await store.applyCommitRef(ref(p, t.key, { close: false, start: true }));
        expect(change).toMatchObject({ from: { status: "todo" }, task: { status: "in_progress" } });
      });

      it("ignores a commit that names a task it does not hold", async () => {
        const p = await project();
        expect(await store.applyCommitRef(ref(p, `${p.key}-7`))).toBeNull();
      });
    });

    describe("emails", () => {
      const email = (over: object = {}) => ({
        to: "Dev@Example.com", kind: "digest" as const, subject: "Your day", html: "<p>hi</p>", text: "hi",
        idempotencyKey: `digest:${crypto.randomUUID()}`, status: "queued" as const, providerId: null, error: null, ...over,
      });

      it("records an email once per idempotency key", async () => {
        const e = email();
        expect(await store.recordEmail(e, nextAt())).toBe("new");
        expect(await store.recordEmail({ ...e, subject: "again" }, nextAt())).toBe("duplicate");
      });

      it("lists a recipient's emails newest first, any case of address, filtered by kind", async () => {
        const to = `${crypto.randomUUID()}@Example.com`;
        await store.recordEmail(email({ to, kind: "deadline", subject: "one" }), nextAt());
        await store.recordEmail(email({ to, kind: "digest", subject: "two" }), nextAt());
        await store.recordEmail(email({ to, kind: "deadline", subject: "three" }), nextAt());
        expect((await store.listEmails({ to: to.toLowerCase() }, 10)).map((e) => e.subject)).toEqual(["three", "two", "one"]);
        expect((await store.listEmails({ to, kind: "deadline" }, 1)).map((e) => e.subject)).toEqual(["three"]);
      });
    });

    describe("dependencies", () => {
      it("records that a task depends on another, once", async () => {
        const p = await project();
        const [a, b] = [await task(p.key, "A"), await task(p.key, "B")];
        expect(await store.addDependency(a.key, b.key, "user:contract", nextAt())).toBe(true);
        expect(await store.addDependency(a.key, b.key, "user:contract", nextAt())).toBe(false);
        expect((await store.getTask(a.key))!.dependsOn).toEqual([b.key]);
      });

      it("refuses an edge that closes a cycle and names the path it would close", async () => {
        const p = await project();
        const [a, b, c] = [await task(p.key, "A"), await task(p.key, "B"), await task(p.key, "C")];
        await store.addDependency(a.key, b.key, "user:contract", nextAt());
        await store.addDependency(b.key, c.key, "user:contract", nextAt());
        const e = await store.addDependency(c.key, a.key, "user:contract", nextAt()).catch((err: unknown) => err);
        expect(e).toBeInstanceOf(StoreError);
        expect(e).toMatchObject({ code: "cycle", details: { path: [c.key, a.key, b.key, c.key] } });
      });

      it("refuses a task that depends on itself", async () => {
        const p = await project();
        const a = await task(p.key);
        await rejectsWith(store.addDependency(a.key, a.key, "user:contract", nextAt()), "cycle");
      });

      it("refuses a dependency on a task that does not exist as not found", async () => {
        const p = await project();
        const a = await task(p.key);
        await rejectsWith(store.addDependency(a.key, `${p.key}-99`, "user:contract", nextAt()), "not_found");
      });

      it("removes a dependency once and logs the removal", async () => {
        const p = await project();
        const [a, b] = [await task(p.key, "A"), await task(p.key, "B")];
        await store.addDependency(a.key, b.key, "user:contract", nextAt());
        expect(await store.removeDependency(a.key, b.key, "user:contract", nextAt())).toBe(true);
        expect(await store.removeDependency(a.key, b.key, "user:contract", nextAt())).toBe(false);
        expect((await store.getTask(a.key))!.activity.map((x) => x.action)).toEqual(["dependency_removed", "dependency_added", "created"]);
      });
    });

    describe("comments, time and deletion", () => {
      it("keeps a task's comments and time entries oldest first, each with an activity row", async () => {
        const p = await project();
        const t = await task(p.key);
        await store.addComment(t.key, "first", "user:contract", nextAt());
        await store.addComment(t.key, "second", "user:contract", nextAt());
        const entry = await store.addTimeEntry(t.key, { minutes: 30, userId: null, source: "manual", ref: null }, "user:contract", nextAt());
        const records = await store.taskRecords(t.key);
        expect(records!.comments.map((c) => [c.body, c.author])).toEqual([["first", "user:contract"], ["second", "user:contract"]]);
        expect(records!.timeEntries).toEqual([entry]);
        expect((await store.activitySince(0, 10, p.id)).map((a) => a.action)).toEqual(["created", "commented", "commented", "time_logged"]);
      });

      it("refuses a time entry that is not a positive whole number of minutes", async () => {
        const p = await project();
        const t = await task(p.key);
        await rejectsWith(store.addTimeEntry(t.key, { minutes: 0, userId: null, source: "manual", ref: null }, "user:contract", nextAt()), "invalid");
      });

      it("refuses comments on a task that does not exist, and has no records for it", async () => {
        const p = await project();
        await rejectsWith(store.addComment(`${p.key}-5`, "hi", "user:contract", nextAt()), "not_found");
        expect(await store.taskRecords(`${p.key}-5`)).toBeNull();
      });

      it("deletes a task with its dependencies and keeps a deleted row in the log", async () => {
        const p = await project();
        const [a, b] = [await task(p.key, "A"), await task(p.key, "B")];
        await store.addDependency(a.key, b.key, "user:contract", nextAt());
        expect((await store.deleteTask(b.key, "user:contract", nextAt())).id).toBe(b.id);
        expect(await store.getTask(b.key)).toBeNull();
        expect((await store.getTask(a.key))!.dependsOn).toEqual([]);
        expect((await store.activitySince(0, 10, p.id)).at(-1)).toMatchObject({ action: "deleted", taskId: b.id });
      });
    });

    describe("reads for workflows", () => {
      it("finds a task by id, and null for an id it never issued", async () => {
        const p = await project();
        const t = await task(p.key);
        expect(await store.taskById(t.id)).toEqual(t);
        expect(await store.taskById("no-such-task")).toBeNull();
      });

      it("lists open tasks due in a window, earliest first", async () => {
        const p = await project();
        const base = Date.UTC(3100, 0, 1) + Math.floor(Math.random() * 1e9) * 1000;
        const iso = (h: number) => new Date(base + h * 3600_000).toISOString();
        const late = await task(p.key, "late", { dueAt: iso(5) });
        const early = await task(p.key, "early", { dueAt: iso(1) });
        const done = await task(p.key, "done", { dueAt: iso(2) });
        await task(p.key, "outside", { dueAt: iso(10) });
        await store.updateTask(done.key, { status: "completed" }, "user:contract", nextAt());
        expect((await store.dueBetween(iso(0), iso(6), 10)).map((t) => t.key)).toEqual([early.key, late.key]);
      });

      it("keeps the first chain recorded for a transcript line", async () => {
        const s = crypto.randomUUID();
        await store.recordLineChains(s, { l1: "agent-a" });
        await store.recordLineChains(s, { l1: "agent-b", l2: "agent-b" });
        expect(await store.lineChains(s, ["l1", "l2", "l3"])).toEqual(new Map([["l1", "agent-a"], ["l2", "agent-b"]]));
      });

      it("names the newest activity id, where a feed starts", async () => {
        const p = await project();
        await task(p.key);
        const [last] = (await store.activitySince(0, 1000, p.id)).slice(-1);
        expect(await store.latestActivityId()).toBeGreaterThanOrEqual(last.id);
      });
    });

    describe("activity feed", () => {
      it("resumes after the last id it handed out, in order", async () => {
        const p = await project();
        const t = await task(p.key);
        await store.updateTask(t.key, { priority: "low" }, "user:contract", nextAt());
        await store.updateTask(t.key, { title: "Renamed" }, "user:contract", nextAt());
        const all = await store.activitySince(0, 10, p.id);
        expect(all.map((a) => a.action)).toEqual(["created", "updated", "updated"]);
        expect(all.map((a) => a.id)).toEqual([...all.map((a) => a.id)].sort((x, y) => x - y));
        expect((await store.activitySince(all[0].id, 10, p.id)).map((a) => a.id)).toEqual([all[1].id, all[2].id]);
      });

      it("keeps other projects' activity out of a project's feed", async () => {
        const [p, q] = [await project(), await project()];
        await task(p.key);
        await task(q.key);
        expect((await store.activitySince(0, 10, p.id)).every((a) => a.projectId === p.id)).toBe(true);
      });
    });

    // People, dependencies' release, digests (#6); GitHub's issues and pull requests; project settings, graph, export and reports (#7).
    const k = kit(() => store);
    peopleContract(k);
    githubContract(k);
    issueOpeningsContract(k);
    projectsContract(k);
    sessionsContract(k);
    subtasksContract(k);
    metricsContract(k);
    sharedLinksContract(k);
    runTracesContract(k);
    taskKeysContract(k);
    heldIntentsContract(k);
  });
}
