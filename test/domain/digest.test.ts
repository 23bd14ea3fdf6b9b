// Digest decisions: the person's local hour and date, weekly on Mondays, and the sections.
import { describe, expect, it } from "vitest";
import { buildDigest, digestDue, digestSince, isEmptyDigest, localClock, type DigestTask } from "../../src/domain/digest";

const user = { digest: "daily" as const, digestHour: 8, timezone: "America/New_York", lastDigestAt: null };

function task(over: Partial<DigestTask>): DigestTask {
  return {
    id: over.key ?? "x", projectId: "p", projectKey: "HUB", number: 1, key: "HUB-1", title: "T", description: null, status: "todo",
    priority: "medium", assigneeId: "u", creatorId: null, dueAt: null, tags: [], estimatedHours: null, source: { kind: "manual" },
    externalKey: null, parentId: null, createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z", completedAt: null, version: 1, blocked: false, unblockedAt: null, ...over,
  };
}

describe("digest timing", () => {
  it("reads the hour, date and weekday in the person's zone", () => {
    expect(localClock(new Date("2026-03-09T03:30:00Z"), "America/New_York")).toEqual({ date: "2026-03-08", hour: 23, weekday: 7 });
  });

  it("is due when the local hour is the person's digest hour", () => {
    expect(digestDue(user, new Date("2026-03-10T12:15:00Z"))).toEqual({ period: "daily", localDate: "2026-03-10" }); // 08:15 EDT
    expect(digestDue(user, new Date("2026-03-10T08:15:00Z"))).toBeNull();
  });

  it("sends a weekly digest on Mondays only", () => {
    const weekly = { ...user, digest: "weekly" as const };
    expect(digestDue(weekly, new Date("2026-03-09T12:15:00Z"))?.period).toBe("weekly"); // Monday
    expect(digestDue(weekly, new Date("2026-03-10T12:15:00Z"))).toBeNull(); // Tuesday
  });

  it("is not due again on a local day a digest already went out", () => {
    expect(digestDue({ ...user, lastDigestAt: "2026-03-10T12:05:00Z" }, new Date("2026-03-10T12:45:00Z"))).toBeNull();
    expect(digestDue({ ...user, lastDigestAt: "2026-03-09T12:05:00Z" }, new Date("2026-03-10T12:45:00Z"))).not.toBeNull();
  });

  it("sends nothing to a person whose digest is off", () => {
    expect(digestDue({ ...user, digest: "off" }, new Date("2026-03-10T12:15:00Z"))).toBeNull();
  });

  it("counts completions since the last digest, or over the period when there was none", () => {
    const now = new Date("2026-03-10T12:00:00Z");
    expect(digestSince({ lastDigestAt: "2026-03-09T12:00:00Z" }, "daily", now)).toBe("2026-03-09T12:00:00Z");
    expect(digestSince({ lastDigestAt: null }, "weekly", now)).toBe("2026-03-03T12:00:00.000Z");
  });
});

describe("digest sections", () => {
  const now = new Date("2026-03-10T12:00:00Z");
  it("sorts tasks into completed, in progress, due soon, overdue, blocked and newly unblocked", () => {
    const d = buildDigest(
      [
        task({ key: "HUB-1", status: "completed", completedAt: "2026-03-10T09:00:00Z" }),
        task({ key: "HUB-2", status: "completed", completedAt: "2026-03-01T09:00:00Z" }),
        task({ key: "HUB-3", status: "in_progress", dueAt: "2026-03-11T12:00:00Z" }),
        task({ key: "HUB-4", dueAt: "2026-03-09T12:00:00Z" }),
        task({ key: "HUB-5", blocked: true }),
        task({ key: "HUB-6", dueAt: "2026-03-20T12:00:00Z" }),
        task({ key: "HUB-7", unblockedAt: "2026-03-10T08:00:00Z" }),
        task({ key: "HUB-8", unblockedAt: "2026-03-01T08:00:00Z" }),
      ],
      "2026-03-09T12:00:00Z",
      now,
    );
    const keys = Object.fromEntries(Object.entries(d).map(([k, v]) => [k, (v as { key: string }[]).map((t) => t.key)]));
    expect(keys).toEqual({ completed: ["HUB-1"], inProgress: ["HUB-3"], dueSoon: ["HUB-3"], overdue: ["HUB-4"], blocked: ["HUB-5"], unblocked: ["HUB-7"] });
  });

  it("is empty when a person has only open tasks with nothing to say about them", () => {
    expect(isEmptyDigest(buildDigest([task({ key: "HUB-6", dueAt: "2026-03-20T12:00:00Z" })], "2026-03-09T12:00:00Z", now))).toBe(true);
  });
});
