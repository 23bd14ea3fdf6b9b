// Reads the real tracker files in test/fixtures/trackers (see its README for where each came from).
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../fixtures/trackers/", import.meta.url).href);

export const BEADS_FIXTURES = ["beads-skyhook.jsonl", "beads-icehouse.jsonl"];
export const TASKMASTER_FIXTURES = ["taskmaster-testcraft.json", "taskmaster-ai-coding-assistants-setup.json"];
export const BACKLOG_FIXTURE = "backlog-clustering-tfjs";
export const CLAUDE_FIXTURE = "claude-tasks-time-tracker";

export const fixture = (name: string) => readFileSync(root + name, "utf8");

/** The backlog folder as the importer takes it: config.yml and tasks/*.md, paths relative to the folder. */
export function backlogFiles(dir = BACKLOG_FIXTURE): { path: string; text: string }[] {
  const tasks = readdirSync(`${root}${dir}/tasks`).sort();
  return [{ path: "config.yml", text: fixture(`${dir}/config.yml`) }, ...tasks.map((n) => ({ path: `tasks/${n}`, text: fixture(`${dir}/tasks/${n}`) }))];
}

export function claudeFiles(dir = CLAUDE_FIXTURE): { name: string; text: string }[] {
  return readdirSync(root + dir)
    .sort()
    .map((name) => ({ name, text: fixture(`${dir}/${name}`) }));
}

/** How often each value occurs: the independent count the accounting is checked against. */
export function tally(values: unknown[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[String(v)] = (out[String(v)] ?? 0) + 1;
  return out;
}

/** The accounting's entries as the same kind of tally. */
export const counts = (entries: { value: string; count: number }[]) => Object.fromEntries(entries.map((e) => [e.value, e.count]));
