// The store contract for people (#6): users, email preferences, members and roles, what a completion frees, blockers, digests.

import { describe, expect, it } from "vitest";
import type { Kit } from "./store-contract-kit";
import { rejectsWith } from "./store-contract-kit";
import { freshKey, nextAt } from "./store-fixtures";

const NO_ID = "00000000-0000-4000-8000-000000000000";

export function peopleContract({ store, project, task, user }: Kit) {
  describe("people", () => {
    it("creates a person with no email turned off and no digest sent, and finds them by id", async () => {
      const u = await user({ githubLogin: "Dana-Dev" });
      expect(u).toMatchObject({ name: "Dana", githubLogin: "Dana-Dev", digest: "daily", digestHour: 8, unsubscribed: [], lastDigestAt: null });
      expect(u.email).toMatch(/@Example\.com$/);
      expect(await store().getUser(u.id)).toEqual(u);
    });

    it("refuses a second person with the same email in any case as a conflict", async () => {
      const u = await user();
      await rejectsWith(user({ email: u.email.toUpperCase() }), "conflict");
    });

    it("refuses a second person with the same GitHub login in any case as a conflict", async () => {
      const login = `dev-${crypto.randomUUID().slice(0, 8)}`;
      await user({ githubLogin: login });
      await rejectsWith(user({ githubLogin: login.toUpperCase() }), "conflict");
    });

    it("finds a person by id or by email in any case, and null for neither", async () => {
      const u = await user();
      expect((await store().findUser(u.id))?.id).toBe(u.id);
      expect((await store().findUser(` ${u.email.toLowerCase()} `))?.id).toBe(u.id);
      expect(await store().findUser(`${crypto.randomUUID()}@example.com`)).toBeNull();
      expect(await store().getUser(NO_ID)).toBeNull();
    });

    it("finds a person by GitHub login in any case (GitHub sign-in)", async () => {
      const login = `Gh-${crypto.randomUUID().slice(0, 8)}`;
      const u = await user({ githubLogin: login });
      expect((await store().findUser(login.toUpperCase()))?.id).toBe(u.id);
    });

    it("updates a person's settings and stamps the change", async () => {
      const u = await user();
      const at = nextAt();
      const after = await store().updateUser(u.id, { name: "Dana B", digest: "weekly", digestHour: 17, timezone: "UTC" }, at);
      expect(after).toMatchObject({ id: u.id, email: u.email, name: "Dana B", digest: "weekly", digestHour: 17, timezone: "UTC", updatedAt: at });
    });

    it("refuses to update a person who does not exist as not found", async () => {
      await rejectsWith(store().updateUser(NO_ID, { name: "x" }, nextAt()), "not_found");
    });

    it("refuses to give a person an email someone else holds as a conflict", async () => {
      const [a, b] = [await user(), await user()];
      await rejectsWith(store().updateUser(b.id, { email: a.email.toLowerCase() }, nextAt()), "conflict");
    });

    it("turns one kind of email off once, however often the link is followed, and null for nobody", async () => {
      const u = await user();
      await store().unsubscribe(u.id, "nudge", nextAt());
      expect((await store().unsubscribe(u.id, "nudge", nextAt()))?.unsubscribed).toEqual(["nudge"]);
      expect(await store().unsubscribe(NO_ID, "nudge", nextAt())).toBeNull();
    });

    it("lists for the digest sweep the people whose digest is not off", async () => {
      const [daily, weekly, off] = [await user(), await user({ digest: "weekly" }), await user({ digest: "off" })];
      const ids = (await store().listDigestUsers()).map((u) => u.id);
      expect(ids).toEqual(expect.arrayContaining([daily.id, weekly.id]));
      expect(ids).not.toContain(off.id);
    });

    it("marks a digest sent, and never moves the mark back", async () => {
      const u = await user();
      const [early, late] = [nextAt(), nextAt()];
      await store().markDigestSent(u.id, late);
      await store().markDigestSent(u.id, early);
      expect((await store().getUser(u.id))?.lastDigestAt).toBe(late);
    });
  });

  describe("members", () => {
    it("sets and changes a member's role, lists members by email, and answers their roles", async () => {
      const p = await project();
      const [a, b] = [await user({ email: `b-${crypto.randomUUID()}@x.io` }), await user({ email: `a-${crypto.randomUUID()}@x.io` })];
      await store().setMember(p.key, a.id, "viewer", "admin", nextAt());
      expect(await store().setMember(p.key, a.id, "owner", "admin", nextAt())).toEqual({ userId: a.id, email: a.email, name: "Dana", role: "owner" });
      await store().setMember(p.key.toLowerCase(), b.id, "member", "admin", nextAt());
      expect((await store().listMembers(p.key)).map((m) => [m.userId, m.role])).toEqual([[b.id, "member"], [a.id, "owner"]]);
      expect(await store().roleIn(p.id, a.id)).toBe("owner");
      expect(await store().rolesOf(b.id)).toEqual({ [p.id]: "member" });
    });

    it("refuses a member who is not a person, or a project that does not exist, as not found", async () => {
      const p = await project();
      const u = await user();
      await rejectsWith(store().setMember(p.key, NO_ID, "member", "admin", nextAt()), "not_found");
      await rejectsWith(store().setMember(freshKey("Z"), u.id, "member", "admin", nextAt()), "not_found");
      await rejectsWith(store().listMembers(freshKey("Z")), "not_found");
    });

    it("removes a member once, logs it, and leaves them no role", async () => {
      const p = await project();
      const u = await user();
      await store().setMember(p.key, u.id, "member", "admin", nextAt());
      expect(await store().removeMember(p.key, u.id, "admin", nextAt())).toBe(true);
      expect(await store().removeMember(p.key, u.id, "admin", nextAt())).toBe(false);
      expect(await store().roleIn(p.id, u.id)).toBeNull();
      expect(await store().rolesOf(u.id)).toEqual({});
      expect((await store().activitySince(0, 10, p.id)).map((a) => a.action)).toEqual(["member_set", "member_removed"]);
    });
  });

  describe("what a completion frees", () => {
    it("frees a dependent whose only blocker is done, with one unblocked row however often it is replayed", async () => {
      const p = await project();
      const [a, b] = [await task(p.key, "waits"), await task(p.key, "blocks")];
      await store().addDependency(a.key, b.key, "user:contract", nextAt());
      await store().updateTask(b.key, { status: "completed" }, "user:contract", nextAt());
      const first = await store().releaseDependents(b.id, "system", nextAt());
      expect(first.unblocked.map((t) => t.key)).toEqual([a.key]);
      expect(first.stillBlocked).toEqual([]);
      await store().releaseDependents(b.id, "system", nextAt());
      const unblocked = (await store().activitySince(0, 50, p.id)).filter((x) => x.action === "unblocked");
      expect(unblocked).toEqual([expect.objectContaining({ taskId: a.id, data: { by: b.key, byId: b.id } })]);
    });

    it("keeps waiting a dependent that has another open blocker, and names it", async () => {
      const p = await project();
      const [a, b, c] = [await task(p.key, "waits"), await task(p.key, "done one"), await task(p.key, "open one")];
      await store().addDependency(a.key, b.key, "user:contract", nextAt());
      await store().addDependency(a.key, c.key, "user:contract", nextAt());
      await store().updateTask(b.key, { status: "completed" }, "user:contract", nextAt());
      const r = await store().releaseDependents(b.id, "system", nextAt());
      expect(r.unblocked).toEqual([]);
      expect(r.stillBlocked.map((s) => [s.task.key, s.blockers.map((x) => x.key)])).toEqual([[a.key, [c.key]]]);
    });

    it("frees nothing when the task is not done (reopened since) or unknown", async () => {
      const p = await project();
      const [a, b] = [await task(p.key), await task(p.key)];
      await store().addDependency(a.key, b.key, "user:contract", nextAt());
      expect(await store().releaseDependents(b.id, "system", nextAt())).toEqual({ unblocked: [], stillBlocked: [] });
      expect(await store().releaseDependents(NO_ID, "system", nextAt())).toEqual({ unblocked: [], stillBlocked: [] });
    });

    it("lists open blockers with the open tasks waiting on them, and not finished ones", async () => {
      const p = await project();
      const [w1, w2, open, done, w3] = await Promise.all(["w1", "w2", "open", "done", "w3"].map((t) => task(p.key, t)));
      await store().addDependency(w1.key, open.key, "user:contract", nextAt());
      await store().addDependency(w2.key, open.key, "user:contract", nextAt());
      await store().addDependency(w3.key, done.key, "user:contract", nextAt());
      await store().updateTask(done.key, { status: "completed" }, "user:contract", nextAt());
      const mine = (await store().blockersWithWaiting(1000)).filter((g) => g.blocker.projectId === p.id);
      expect(mine.map((g) => [g.blocker.key, g.waiting.map((w) => w.key).sort()])).toEqual([[open.key, [w1.key, w2.key].sort()]]);
    });
  });

  describe("digests", () => {
    it("sorts a person's tasks into done since, in progress, overdue and blocked", async () => {
      const p = await project();
      const u = await user();
      const since = nextAt();
      const mine = (title: string, extra = {}) => task(p.key, title, { assigneeId: u.id, ...extra });
      const [done, doing, late, blocked, blocker] = [
        await mine("done"), await mine("doing"), await mine("late", { dueAt: "2000-01-01T00:00:00.000Z" }), await mine("blocked"), await task(p.key, "blocker"),
      ];
      await store().updateTask(done.key, { status: "completed" }, "user:contract", nextAt());
      await store().updateTask(doing.key, { status: "in_progress" }, "user:contract", nextAt());
      await store().addDependency(blocked.key, blocker.key, "user:contract", nextAt());
      const d = await store().digestFor(u.id, { since, now: nextAt() });
      const keys = (xs: { key: string }[]) => xs.map((x) => x.key);
      expect([keys(d.completed), keys(d.inProgress), keys(d.overdue), keys(d.blocked), keys(d.dueSoon)]).toEqual([
        [done.key], [doing.key], [late.key], [blocked.key], [],
      ]);
    });

    it("has nothing to say to a person with no tasks", async () => {
      const u = await user();
      const d = await store().digestFor(u.id, { since: nextAt(), now: nextAt() });
      expect(Object.values(d).every((xs) => xs.length === 0)).toBe(true);
    });
  });
}
