// The reports page's numbers: completions per week per project, time per task and person, cycle time median and p90.

import { csvRows } from "./csv";
import type { EstimatedTask, EstimatesReport } from "./estimates";
import { weekStart } from "./weeks";

/** What a report is computed from, for the tasks and time of the given window (the Store's reportData answers it). */
export interface ReportData {
  completed: { projectKey: string; createdAt: string; completedAt: string }[];
  time: { taskKey: string; title: string; userId: string | null; minutes: number; at: string }[];
  /** Every task with an estimate, with all the time logged on it. */
  estimates: EstimatedTask[];
}

/** The data of the named projects only (a person's readable projects, a shared link's one project). */
export function onlyProjects(data: ReportData, keys: ReadonlySet<string>): ReportData {
  const projectOf = (taskKey: string) => taskKey.slice(0, taskKey.lastIndexOf("-"));
  return {
    completed: data.completed.filter((x) => keys.has(x.projectKey)),
    time: data.time.filter((x) => keys.has(projectOf(x.taskKey))),
    estimates: data.estimates.filter((x) => keys.has(x.projectKey)),
  };
}

export const REPORT_WEEKS = 12;
const WEEK_MS = 7 * 24 * 3600 * 1000;


export function reportSince(now: Date): string {
  return new Date(weekStart(now).getTime() - (REPORT_WEEKS - 1) * WEEK_MS).toISOString();
}

function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  const i = Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

export interface Report {
  weeks: string[]; // ISO dates of each Monday
  completed: { project: string; perWeek: number[] }[];
  timePerTask: { task: string; title: string; minutes: number }[];
  timePerPerson: { person: string; minutes: number }[];
  cycleHours: { median: number | null; p90: number | null; count: number };
}

export function buildReport(data: ReportData, now: Date): Report {
  const first = new Date(reportSince(now)).getTime();
  const weeks = Array.from({ length: REPORT_WEEKS }, (_, i) => new Date(first + i * WEEK_MS).toISOString().slice(0, 10));
  const perProject = new Map<string, number[]>();
  const cycles: number[] = [];
  for (const c of data.completed) {
    const i = Math.floor((new Date(c.completedAt).getTime() - first) / WEEK_MS);
    if (i < 0 || i >= REPORT_WEEKS) continue;
    if (!perProject.has(c.projectKey)) perProject.set(c.projectKey, Array(REPORT_WEEKS).fill(0));
    perProject.get(c.projectKey)![i]++;
    cycles.push((new Date(c.completedAt).getTime() - new Date(c.createdAt).getTime()) / 3_600_000);
  }
  const tasks = new Map<string, { task: string; title: string; minutes: number }>();
  const people = new Map<string, number>();
  for (const t of data.time) {
    const row = tasks.get(t.taskKey) ?? { task: t.taskKey, title: t.title, minutes: 0 };
    row.minutes += t.minutes;
    tasks.set(t.taskKey, row);
    const who = t.userId ?? "(no person)";
    people.set(who, (people.get(who) ?? 0) + t.minutes);
  }
  cycles.sort((a, b) => a - b);
  const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
  return {
    weeks,
    completed: [...perProject].map(([project, perWeek]) => ({ project, perWeek })).sort((a, b) => a.project.localeCompare(b.project)),
    timePerTask: [...tasks.values()].sort((a, b) => b.minutes - a.minutes),
    timePerPerson: [...people].map(([person, minutes]) => ({ person, minutes })).sort((a, b) => b.minutes - a.minutes),
    cycleHours: { median: round(percentile(cycles, 0.5)), p90: round(percentile(cycles, 0.9)), count: cycles.length },
  };
}

/** One CSV with a section column, so a spreadsheet can filter each table. */
export function reportCsv(r: Report, e?: EstimatesReport): string {
  const rows: (string | number)[][] = [["section", "key", "label", "value"]];
  for (const p of r.completed) p.perWeek.forEach((n, i) => rows.push(["completed_per_week", p.project, r.weeks[i], n]));
  for (const t of r.timePerTask) rows.push(["minutes_per_task", t.task, t.title, t.minutes]);
  for (const p of r.timePerPerson) rows.push(["minutes_per_person", p.person, "", p.minutes]);
  rows.push(["cycle_time_hours", "median", "", r.cycleHours.median ?? ""], ["cycle_time_hours", "p90", "", r.cycleHours.p90 ?? ""]);
  for (const [section, list] of [["estimate_by_task", e?.byTask], ["estimate_by_person", e?.byPerson], ["estimate_by_week", e?.byWeek]] as const) {
    for (const x of list ?? []) rows.push([`${section}_estimate_hours`, x.key, x.label, x.estimateH], [`${section}_actual_hours`, x.key, x.label, x.actualH]);
  }
  for (const b of e?.budgets ?? []) rows.push(["budget_hours", b.project, "", b.budgetH ?? ""], ["budget_logged_hours", b.project, "", b.actualH]);
  return csvRows(rows);
}
