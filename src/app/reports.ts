// The reports page's numbers for a set of projects: what the caller may read, or the one project a shared link shows.

import { budgetOf, buildEstimates, type EstimatesReport } from "../domain/estimates";
import { buildReport, onlyProjects, reportSince, type Report } from "../domain/reports";
import type { Project, Store } from "../ports/store";

export interface Reports {
  report: Report;
  estimates: EstimatesReport;
}

/** `projects`: the projects counted; "all" counts every project (the operator's view). */
export async function reportsFor(store: Store, projects: Project[] | "all", now: Date): Promise<Reports> {
  const data = await store.reportData(reportSince(now));
  const shown = projects === "all" ? await store.listProjects() : projects;
  const mine = projects === "all" ? data : onlyProjects(data, new Set(shown.map((p) => p.key)));
  const { estimates } = mine;
  const budgets = new Map(shown.flatMap((p) => (budgetOf(p.settings) === null ? [] : [[p.key, budgetOf(p.settings)!] as const])));
  // Names for the people the estimates name, from the projects' members (never their email addresses).
  const people = new Map<string, string>();
  for (const key of new Set(estimates.filter((e) => e.assigneeId).map((e) => e.projectKey))) {
    for (const m of await store.listMembers(key)) people.set(m.userId, m.name);
  }
  return {
    report: buildReport(mine, now),
    estimates: buildEstimates(estimates, people, budgets),
  };
}
