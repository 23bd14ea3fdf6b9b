// Plan mode: an approved ExitPlanMode plan becomes tasks, its steps under its title; a rejected plan makes nothing.

import { capMessage, trimEndOf, trimStartOf } from "../limits";
import { capText, DESCRIPTION_MAX, normalizeTitle } from "../tasks";
import { isObj, str, type Obj, type ToolResult, type ToolUse } from "./lines";
import { priorityFromText } from "./metadata";
import { failed } from "./task-tools";
import type { IntentOrigin, TaskIntent } from "./types";

type Upsert = Extract<TaskIntent, { type: "upsert" }>;

export const PLAN_TITLE_MAX = 120;
export const MAX_PLAN_STEPS = 30;
export const planKey = (sessionId: string, title: string) => `plan:${sessionId}:${normalizeTitle(title)}`;
export const planStepKey = (sessionId: string, title: string, step: string) => `${planKey(sessionId, title)}:${normalizeTitle(step)}`;

const APPROVED_PLAN = "## Approved Plan:";
/** Claude Code's words when the person says no; the result is then also an error. */
const REJECTED = /doesn't want to proceed|tool use was rejected|user rejected/i;

/** Sections that hold the work; the others (context, goal, verification, files) describe it. */
const STEP_SECTION = /\b(steps?|implementation|tasks?|to-?dos?|changes|phases?|approach|work|milestones?|action items?)\b/i;
const NOT_STEP_SECTION = /\b(context|background|goals?|overview|summary|verification|verify|testing|tests|files?|risks?|notes?|questions?|issues?|problems?|scope|references?|success criteria|why)\b/i;
const ITEM = /^(\s*)(?:[-*+•]|\d+[.)])\s+(.+)$/;
const NUMBERED_HEADING = /^(?:step|phase|part|stage|milestone)?\s{0,2}\d{1,3}[.):]?\s+/i;

/**
 * Pairs ExitPlanMode calls with their results. The plan is read from the call's input ({plan, planFilePath}
 * in 2.1.3xx, {plan} before), else from the result's toolUseResult.plan or its "## Approved Plan:" text.
 */
export class PlanMode {
  private calls = new Map<string, Obj>();

  onUse(use: ToolUse): void {
    if (use.name === "ExitPlanMode") this.calls.set(use.id, use.input);
  }

  onResult(result: ToolResult, toolUseResult: unknown, origin: IntentOrigin, tags: string[]): Upsert[] {
    const input = this.calls.get(result.toolUseId);
    this.calls.delete(result.toolUseId);
    const approvedText = result.text.includes(APPROVED_PLAN);
    if (!input && !approvedText) return [];
    if (failed(result, toolUseResult) || REJECTED.test(result.text.slice(0, 2_000))) return [];
    const plan =
      str(input?.plan) ?? (isObj(toolUseResult) ? str(toolUseResult.plan) : null) ?? (approvedText ? result.text.slice(result.text.indexOf(APPROVED_PLAN) + APPROVED_PLAN.length) : null);
    return plan ? planIntents(plan, origin, tags) : [];
  }
}

/** The tasks of one approved plan: its steps under a parent titled by the plan, or one task when it has one step or none. */
export function planIntents(planText: string, origin: IntentOrigin, tags: string[]): Upsert[] {
  const plan = capMessage(planText);
  const { title, steps } = readPlan(plan);
  if (!title && !steps.length) return [];
  const name = title ?? steps[0];
  if (steps.length <= 1) return [upsert(planKey(origin.sessionId, name), steps[0] ?? name, plan, origin, tags)];
  const parent = upsert(planKey(origin.sessionId, name), name, plan, origin, tags);
  return [
    parent,
    ...steps.map((step) => ({ ...upsert(planStepKey(origin.sessionId, name, step), step, step, origin, tags), parentExternalKey: parent.externalKey })),
  ];
}

interface Section {
  heading: string;
  level: number;
  /** Top-level list items, and sub-headings that are steps themselves ("### Step 2: …"). */
  items: string[];
  subheadings: string[];
}

/** The plan's first heading (without "Plan:") and its steps. */
export function readPlan(plan: string): { title: string | null; steps: string[] } {
  let title: string | null = null;
  const sections: Section[] = [];
  let section: Section | null = null;
  let indent = -1;
  let fenced = false;
  for (const line of plan.split("\n")) {
    if (/^\s{0,3}(```|~~~)/.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (fenced) continue;
    const heading = headingOf(line);
    if (heading) {
      if (!title && heading.level <= 2 && !sections.length) {
        title = cleanStep(heading.text.replace(/^(?:implementation |execution )?plan\s{0,3}[:—–-]\s{0,3}/i, ""));
        continue;
      }
      const parentIsSteps = section && heading.level > section.level && STEP_SECTION.test(section.heading) && !NOT_STEP_SECTION.test(section.heading);
      if (parentIsSteps && section) section.subheadings.push(heading.text);
      else {
        section = { heading: heading.text, items: [], subheadings: [], level: heading.level };
        sections.push(section);
        indent = -1;
      }
      continue;
    }
    const m = ITEM.exec(line);
    if (!m) continue;
    if (!section) {
      section = { heading: "", items: [], subheadings: [], level: 0 };
      sections.push(section);
    }
    if (indent < 0) indent = m[1].length;
    if (m[1].length === indent) section.items.push(m[2]);
  }
  return { title, steps: pickSteps(sections).map(cleanStep).filter((s): s is string => !!s).slice(0, MAX_PLAN_STEPS) };
}

function pickSteps(sections: Section[]): string[] {
  const isSteps = (s: Section) => STEP_SECTION.test(s.heading) && !NOT_STEP_SECTION.test(s.heading);
  const stepSections = sections.filter(isSteps);
  const fromSteps = stepSections.flatMap((s) => (s.subheadings.length ? s.subheadings : s.items));
  if (fromSteps.length) return fromSteps;
  // "## 1. Add the schema", "## Phase 2: …": numbered sections are the steps.
  const numbered = sections.filter((s) => NUMBERED_HEADING.test(s.heading)).map((s) => s.heading);
  if (numbered.length > 1) return numbered;
  // Otherwise the lists of sections that are not context, goals, files or verification.
  return sections.filter((s) => !NOT_STEP_SECTION.test(s.heading)).flatMap((s) => s.items);
}

function headingOf(line: string): { level: number; text: string } | null {
  if (!line.startsWith("#")) return null;
  const level = line.length - trimStartOf(line, "#").length;
  if (level > 6 || !/\s/.test(line[level] ?? "")) return null;
  return { level, text: trimEndOf(line.slice(level), " \t\r#").trim() };
}

/** "**Step 2:** Add the `users` table — details." → "Add the users table". */
function cleanStep(text: string): string | null {
  let t = text.replace(/[`*_]/g, "").replace(/^\[[ xX]\]\s{0,3}/, "").trim();
  t = t.replace(NUMBERED_HEADING, "").trim();
  t = t.split(/ [—–] /)[0];
  const colon = t.indexOf(": ");
  // "File: path - what" and "Step: …" keep their words after the label; a long lead-in keeps its words before.
  if (colon > 0 && t.slice(0, colon).split(" ").length >= 3) t = t.slice(0, colon);
  t = trimEndOf(t.trim(), ".:;,");
  if (!normalizeTitle(t)) return null;
  return capText(t[0].toUpperCase() + t.slice(1), PLAN_TITLE_MAX);
}

function upsert(externalKey: string, title: string, context: string, origin: IntentOrigin, tags: string[]): Upsert {
  const intent: Upsert = { type: "upsert", origin, externalKey, source: "prose", title, status: "todo", tags: [...tags, "plan"], matchByTitle: true };
  if (context.trim() !== title) intent.description = capText(context, DESCRIPTION_MAX);
  const priority = priorityFromText(title);
  if (priority) intent.priority = priority;
  return intent;
}
