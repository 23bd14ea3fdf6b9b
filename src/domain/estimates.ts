// Estimates against actuals: where the hours estimated for tasks and the hours logged on them (sessions, #time, by hand) part.

import { weekStart } from "./weeks";

/** A task with an estimate, and every minute ever logged on it (the Store's reportData answers these). */
export interface EstimatedTask {
  taskKey: string;
  title: string;
  projectKey: string;
  assigneeId: string | null;
  completedAt: string | null;
  estimatedHours: number;
  minutes: number;
}

export interface EstimateRow {
  key: string;
  label: string;
  estimateH: number;
  actualH: number;
  /** actual − estimate, in hours: positive is over the estimate. */
  offH: number;
  /** actual ÷ estimate; null when nothing was estimated. */
  ratio: number | null;
}

export interface EstimatesReport {
  /** Tasks furthest off first. */
  byTask: EstimateRow[];
  byPerson: EstimateRow[];
  /** By the week (Monday) the task was completed; open tasks are not in a week yet. */
  byWeek: EstimateRow[];
  /** Per project: its budget (settings.budgetHours) against what was estimated and logged on its estimated tasks. */
  budgets: { project: string; budgetH: number | null; estimateH: number; actualH: number; left: number | null }[];
}

const round = (n: number) => Math.round(n * 10) / 10;

function row(key: string, label: string, estimateH: number, minutes: number): EstimateRow {
  const actualH = minutes / 60;
  return { key, label, estimateH: round(estimateH), actualH: round(actualH), offH: round(actualH - estimateH), ratio: estimateH > 0 ? Math.round((actualH / estimateH) * 100) / 100 : null };
}

function sum(tasks: EstimatedTask[], keyOf: (t: EstimatedTask) => string | null): Map<string, { estimateH: number; minutes: number }> {
  const out = new Map<string, { estimateH: number; minutes: number }>();
  for (const t of tasks) {
    const k = keyOf(t);
    if (k === null) continue;
    const acc = out.get(k) ?? { estimateH: 0, minutes: 0 };
    acc.estimateH += t.estimatedHours;
    acc.minutes += t.minutes;
    out.set(k, acc);
  }
  return out;
}

const furthestOff = (a: EstimateRow, b: EstimateRow) => Math.abs(b.offH) - Math.abs(a.offH) || a.key.localeCompare(b.key);

/** `people`: a user id to the name the report shows; `budgets`: a project key to its budget in hours. */
export function buildEstimates(tasks: EstimatedTask[], people: ReadonlyMap<string, string>, budgets: ReadonlyMap<string, number>): EstimatesReport {
  const byPerson = [...sum(tasks, (t) => t.assigneeId ?? "")].map(([id, s]) => row(id || "(nobody)", id ? (people.get(id) ?? id) : "(nobody)", s.estimateH, s.minutes));
  const byWeek = [...sum(tasks, (t) => (t.completedAt ? weekStart(new Date(t.completedAt)).toISOString().slice(0, 10) : null))]
    .map(([week, s]) => row(week, `week of ${week}`, s.estimateH, s.minutes))
    .sort((a, b) => a.key.localeCompare(b.key));
  const perProject = sum(tasks, (t) => t.projectKey);
  const projects = [...new Set([...perProject.keys(), ...budgets.keys()])].sort();
  return {
    byTask: tasks.map((t) => row(t.taskKey, t.title, t.estimatedHours, t.minutes)).sort(furthestOff),
    byPerson: byPerson.sort(furthestOff),
    byWeek,
    budgets: projects.map((project) => {
      const s = perProject.get(project) ?? { estimateH: 0, minutes: 0 };
      const budgetH = budgets.get(project) ?? null;
      return { project, budgetH, estimateH: round(s.estimateH), actualH: round(s.minutes / 60), left: budgetH === null ? null : round(budgetH - s.minutes / 60) };
    }),
  };
}

/** A project's budget from its settings: a positive number of hours, or none. */
export function budgetOf(settings: Record<string, unknown>): number | null {
  const b = settings.budgetHours;
  return typeof b === "number" && Number.isFinite(b) && b > 0 ? b : null;
}
