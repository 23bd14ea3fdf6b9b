// What the reports page counts (src/domain/reports.ts builds it): completions and logged time since a date.

import type { QueryCtx } from "../_generated/server";
import type { Infer } from "convex/values";
import type { vReportData } from "../validators";

/** Rows per report section: twelve weeks of a busy hub fit well within it. */
const REPORT_ROWS = 5000;

export async function reportData(ctx: QueryCtx, since: string): Promise<Infer<typeof vReportData>> {
  const done = await ctx.db
    .query("tasks")
    .withIndex("by_status_completedAt", (q) => q.eq("status", "completed").gte("completedAt", since))
    .take(REPORT_ROWS);
  const entries = await ctx.db.query("timeEntries").withIndex("by_createdAt", (q) => q.gte("createdAt", since)).take(REPORT_ROWS);
  const time = await Promise.all(
    entries.map(async (e) => {
      const t = await ctx.db.get(e.taskId);
      return t ? [{ taskKey: `${t.projectKey}-${t.number}`, title: t.title, userId: e.userId, minutes: e.minutes, at: e.createdAt }] : [];
    }),
  );
  // null sorts before every number, so this reads only the tasks that have an estimate.
  const estimated = await ctx.db.query("tasks").withIndex("by_estimatedHours", (q) => q.gte("estimatedHours", 0)).take(REPORT_ROWS);
  const estimates = await Promise.all(
    estimated.map(async (t) => {
      const logged = await ctx.db.query("timeEntries").withIndex("by_taskId", (q) => q.eq("taskId", t._id)).collect();
      return {
        taskKey: `${t.projectKey}-${t.number}`, title: t.title, projectKey: t.projectKey, assigneeId: t.assigneeId, completedAt: t.completedAt,
        estimatedHours: t.estimatedHours!, minutes: logged.reduce((n, e) => n + e.minutes, 0),
      };
    }),
  );
  return {
    completed: done.map((t) => ({ projectKey: t.projectKey, createdAt: t.createdAt, completedAt: t.completedAt! })),
    time: time.flat(),
    estimates,
  };
}
