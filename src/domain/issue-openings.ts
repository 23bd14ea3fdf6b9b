// Who may open a task's GitHub issue: one claim per task and repository, so overlapping or retried sync runs open one issue.

/** How long a claim holds without its holder recording an issue: well beyond one createIssue call, short of leaving a task issueless for long. */
export const ISSUE_CLAIM_TTL_MS = 10 * 60_000;

/** The claim as the store keeps it: who holds it until when, since when anyone has tried, and the issue once GitHub made it. */
export interface IssueOpening {
  holder: string;
  /** When the first claim was made: any issue the hub made for the task in this repository was made since. */
  since: string;
  expiresAt: string;
  number: number | null;
  url: string | null;
}

/**
 * What a claim attempt comes to: the issue is made already (link it); this caller holds the claim (`fresh` when
 * no one tried before, else an earlier try may have made the issue unrecorded: look on GitHub first); or someone
 * else holds it and will link the issue.
 */
export type IssueClaim = { state: "opened"; number: number; url: string } | { state: "won"; fresh: boolean; since: string } | { state: "held"; holder: string; expiresAt: string };

/**
 * The claim `holder` gets at `at` and the row to write for it (null: nothing to write). A recorded issue is final;
 * the same holder (an engine retry of the same step) claims again; anyone takes over a claim whose holder let it expire.
 */
export function decideIssueClaim(current: IssueOpening | null, holder: string, at: string): { claim: IssueClaim; write: IssueOpening | null } {
  const expiresAt = new Date(Date.parse(at) + ISSUE_CLAIM_TTL_MS).toISOString();
  if (!current) return { claim: { state: "won", fresh: true, since: at }, write: { holder, since: at, expiresAt, number: null, url: null } };
  if (current.number !== null) return { claim: { state: "opened", number: current.number, url: current.url ?? "" }, write: null };
  if (current.holder !== holder && Date.parse(current.expiresAt) > Date.parse(at)) return { claim: { state: "held", holder: current.holder, expiresAt: current.expiresAt }, write: null };
  return { claim: { state: "won", fresh: false, since: current.since }, write: { ...current, holder, expiresAt } };
}

/** The number to record for the holder: only the claim's holder records, and only once (the first issue stands). */
export const mayRecordIssue = (current: IssueOpening | null, holder: string) => !!current && current.number === null && current.holder === holder;

/** Where a retry starts looking on GitHub for an issue an earlier try opened: well before the first claim, for clocks that disagree. */
export const issueSearchSince = (since: string) => new Date(Date.parse(since) - 60 * 60_000).toISOString();
