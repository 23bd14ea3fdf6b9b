// Who may open a task's GitHub issue: the claim's rules, fresh, held, retried, taken over and final.
import { describe, expect, it } from "vitest";
import { decideIssueClaim, ISSUE_CLAIM_TTL_MS, issueSearchSince, mayRecordIssue, type IssueOpening } from "../../src/domain/issue-openings";

const T0 = "2026-12-01T10:00:00.000Z";
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();
const held = (over: Partial<IssueOpening> = {}): IssueOpening => ({ holder: "a", since: T0, expiresAt: at(ISSUE_CLAIM_TTL_MS), number: null, url: null, ...over });

describe("claiming the opening of a task's issue", () => {
  it("goes to the first to ask, fresh, held until the time to live runs out", () => {
    expect(decideIssueClaim(null, "a", T0)).toEqual({ claim: { state: "won", fresh: true, since: T0 }, write: held() });
  });

  it("holds off another holder while the claim lives", () => {
    expect(decideIssueClaim(held(), "b", at(ISSUE_CLAIM_TTL_MS - 1))).toEqual({ claim: { state: "held", holder: "a", expiresAt: at(ISSUE_CLAIM_TTL_MS) }, write: null });
  });

  it("goes back to its holder on a retry, not fresh, its time to live renewed", () => {
    expect(decideIssueClaim(held(), "a", at(5_000))).toEqual({ claim: { state: "won", fresh: false, since: T0 }, write: held({ expiresAt: at(5_000 + ISSUE_CLAIM_TTL_MS) }) });
  });

  it("is taken over once it expires, keeping when the first try began", () => {
    expect(decideIssueClaim(held(), "b", at(ISSUE_CLAIM_TTL_MS))).toEqual({
      claim: { state: "won", fresh: false, since: T0 },
      write: held({ holder: "b", expiresAt: at(2 * ISSUE_CLAIM_TTL_MS) }),
    });
  });

  it("is final once an issue is recorded, for anyone and at any time", () => {
    const opened = held({ number: 7, url: "https://github.com/acme/app/issues/7" });
    for (const [holder, when] of [["a", T0], ["b", at(100 * ISSUE_CLAIM_TTL_MS)]] as const) {
      expect(decideIssueClaim(opened, holder, when)).toEqual({ claim: { state: "opened", number: 7, url: "https://github.com/acme/app/issues/7" }, write: null });
    }
  });
});

describe("recording the issue opened", () => {
  it("is the holder's, once", () => {
    expect(mayRecordIssue(held(), "a")).toBe(true);
    expect(mayRecordIssue(held(), "b")).toBe(false);
    expect(mayRecordIssue(held({ number: 7 }), "a")).toBe(false);
    expect(mayRecordIssue(null, "a")).toBe(false);
  });
});

describe("where a retry looks for an issue an earlier try opened", () => {
  it("starts an hour before the first claim, for a GitHub clock behind the hub's", () => {
    expect(issueSearchSince(T0)).toBe("2026-12-01T09:00:00.000Z");
  });
});
