// The store contract for claims on opening a task's GitHub issue: one winner of a race, retries, takeover, the kept number, project scope.

import { describe, expect, it } from "vitest";
import { ISSUE_CLAIM_TTL_MS } from "../../src/domain/issue-openings";
import type { Kit } from "./store-contract-kit";
import { nextAt } from "./store-fixtures";

const later = (at: string, ms: number) => new Date(Date.parse(at) + ms).toISOString();

export function issueOpeningsContract({ store, project, task }: Kit) {
  /** A task of a project owning a fresh repository, and the claim arguments for it. */
  const claimable = async () => {
    const repo = `acme/${crypto.randomUUID().slice(0, 8)}`;
    const p = await project({ repos: [repo] });
    const t = await task(p.key);
    const claim = (holder: string, at = nextAt()) => store().claimIssueOpening({ taskKey: t.key, repo, projectIds: [p.id], holder, at });
    const record = (holder: string, number: number) => store().recordIssueOpened({ taskKey: t.key, repo, holder, number, url: `https://github.com/${repo}/issues/${number}` });
    return { p, t, repo, claim, record };
  };

  describe("issue openings", () => {
    it("gives the claim to exactly one of several racing holders", async () => {
      const { claim } = await claimable();
      const at = nextAt();
      const claims = await Promise.all(["a", "b", "c", "d"].map((h) => claim(h, at)));
      expect(claims.filter((c) => c?.state === "won")).toEqual([{ state: "won", fresh: true, since: at }]);
      expect(claims.filter((c) => c?.state === "held")).toHaveLength(3);
    });

    it("gives the holder its claim again on a retry, marked as tried before, while others are still held off", async () => {
      const { claim } = await claimable();
      const first = nextAt();
      await claim("a", first);
      expect(await claim("a")).toEqual({ state: "won", fresh: false, since: first });
      expect(await claim("b")).toMatchObject({ state: "held", holder: "a" });
    });

    it("lets another take over a claim whose holder let it expire, keeping when the first try began", async () => {
      const { claim } = await claimable();
      const first = nextAt();
      await claim("dead", first);
      expect(await claim("b", later(first, ISSUE_CLAIM_TTL_MS - 1000))).toMatchObject({ state: "held", holder: "dead" });
      expect(await claim("b", later(first, ISSUE_CLAIM_TTL_MS))).toEqual({ state: "won", fresh: false, since: first });
      expect(await claim("dead", later(first, ISSUE_CLAIM_TTL_MS + 1000))).toMatchObject({ state: "held", holder: "b" });
    });

    it("hands the recorded issue to every later claim, even after expiry, and keeps the first number", async () => {
      const { claim, record, repo } = await claimable();
      const first = nextAt();
      await claim("a", first);
      expect(await record("a", 7)).toBe(true);
      expect(await record("a", 8)).toBe(false);
      const opened = { state: "opened", number: 7, url: `https://github.com/${repo}/issues/7` };
      expect(await claim("b")).toEqual(opened);
      expect(await claim("b", later(first, ISSUE_CLAIM_TTL_MS * 10))).toEqual(opened);
    });

    it("records a number only for the claim's holder", async () => {
      const { claim, record } = await claimable();
      await claim("a");
      expect(await record("b", 7)).toBe(false);
      expect(await claim("b")).toMatchObject({ state: "held", holder: "a" });
    });

    it("refuses a claim on a task outside the projects given, writing nothing, and links nothing there either", async () => {
      const { t, repo, claim } = await claimable();
      const stranger = await project({ repos: ["stranger/public"] });
      const at = nextAt();
      expect(await store().claimIssueOpening({ taskKey: t.key, repo: "stranger/public", projectIds: [stranger.id], holder: "x", at })).toBeNull();
      expect(await store().claimIssueOpening({ taskKey: t.key, repo, projectIds: [stranger.id], holder: "x", at })).toBeNull();
      expect(await store().recordIssueOpened({ taskKey: t.key, repo, holder: "x", number: 9, url: "https://github.com/stranger/public/issues/9" })).toBe(false);
      expect(
        await store().linkGitHubItem({ taskKey: t.key, kind: "issue", ref: "stranger/public#9", projectIds: [stranger.id], url: "https://github.com/stranger/public/issues/9", title: "x", actor: "taskhub", at, by: "sync" }),
      ).toBe(false);
      expect(await claim("mine")).toMatchObject({ state: "won", fresh: true });
      expect((await store().getTask(t.key))!.links).toEqual([]);
    });

    it("answers null for a task that does not exist", async () => {
      const p = await project({ repos: ["acme/none"] });
      expect(await store().claimIssueOpening({ taskKey: `${p.key}-999`, repo: "acme/none", projectIds: [p.id], holder: "a", at: nextAt() })).toBeNull();
    });
  });
}
