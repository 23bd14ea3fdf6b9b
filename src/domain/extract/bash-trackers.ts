// Task trackers driven from Bash: beads (`bd …`) and Task Master (`task-master …`) calls become intents keyed by the tracker's ids.

import { LINE_MAX_CHARS, MESSAGE_MAX_CHARS } from "../limits";
import { capText, DESCRIPTION_MAX, type Priority, type TaskStatus, TITLE_MAX } from "../tasks";
import { BEADS_PRIORITY, BEADS_STATUS, beadsKey } from "../trackers/beads";
import { LEGACY_TAG, TASK_MASTER_STATUS, taskmasterKey } from "../trackers/taskmaster";
import { isObj, str, type ToolResult, type ToolUse } from "./lines";
import { shellCommands, type Argv } from "./shell";
import { failed } from "./task-tools";
import type { IntentOrigin, TaskIntent } from "./types";

type Upsert = Extract<TaskIntent, { type: "upsert" }>;
type Depend = Extract<TaskIntent, { type: "depend" }>;

/** The tag Task Master works in unless told otherwise. */
export const TASK_MASTER_DEFAULT_TAG = LEGACY_TAG;

/** What `bd update --status` takes besides the words beads stores. */
const BEADS_CLI_STATUS: Record<string, TaskStatus> = { ...BEADS_STATUS, "in-progress": "in_progress", done: "completed", tombstone: "cancelled" };
const WORDS_PRIORITY: Record<string, Priority> = { high: "high", medium: "medium", low: "low" };

/** Flags that take a value when written apart from it (`-p 1`, `--parent X`); every other flag is a switch. */
const VALUE_FLAGS = new Set([
  "p", "priority", "t", "type", "parent", "d", "description", "body", "title", "l", "labels", "id", "deps", "a", "assignee",
  "s", "status", "r", "reason", "design", "acceptance", "notes", "e", "estimate", "external-ref", "prompt", "tag",
  "depends-on", "dependencies", "f", "file", "blocks", "blocked-by",
]);

interface Parsed {
  positional: string[];
  opts: Map<string, string>;
}

function parseArgs(args: string[]): Parsed {
  const positional: string[] = [];
  const opts = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      positional.push(...args.slice(i + 1));
      break;
    }
    const flag = /^--?([A-Za-z][\w-]*)(?:=|$)/.exec(a);
    if (!flag) {
      positional.push(a);
      continue;
    }
    const name = flag[1];
    const eq = a.indexOf("=");
    if (eq >= 0) opts.set(name, a.slice(eq + 1));
    else if (VALUE_FLAGS.has(name) && i + 1 < args.length) opts.set(name, args[++i]);
    else opts.set(name, "true");
  }
  return { positional, opts };
}

const opt = (p: Parsed, ...names: string[]) => {
  for (const n of names) {
    const v = p.opts.get(n);
    if (v !== undefined) return v;
  }
  return undefined;
};

/** "proj-abc.3" is a child of "proj-abc"; "5.2" of "5". */
export const parentId = (id: string): string | null => {
  const dot = id.lastIndexOf(".");
  return dot > 0 && /^\d+$/.test(id.slice(dot + 1)) ? id.slice(0, dot) : null;
};

const BEADS_ID = /^[A-Za-z][\w-]{0,40}-[a-z0-9]{2,12}(?:\.\d{1,6}){0,4}$/;
/** A beads id that starts a line of text ("X-dov.3: …"). */
const LEADING_BEADS_ID = /^([A-Za-z][\w-]{0,30}-[a-z0-9]{2,12}(?:\.\d{1,6}){0,4})(?=[:\s]|$)/;
const LEADING_TASK_MASTER_ID = /^(?:task|subtask)\s{1,3}#?(\d{1,9}(?:\.\d{1,9}){0,3})(?=[:\s]|$)/i;

type Program = "beads" | "taskmaster";

/** Which tracker a simple command runs, and its arguments after the program name and any global flags. */
function trackerCall(argv: Argv): { program: Program; args: string[] } | null {
  let i = 0;
  while (i < argv.length && /^[A-Za-z_]\w*=/.test(argv[i])) i++; // FOO=bar bd …
  if (argv[i] === "npx" || argv[i] === "bunx" || argv[i] === "pnpx") i++;
  while (argv[i]?.startsWith("-")) i++;
  const name = (argv[i] ?? "").split("/").pop();
  const program: Program | null = name === "bd" ? "beads" : name === "task-master" || name === "task-master-ai" ? "taskmaster" : null;
  if (!program) return null;
  let j = i + 1;
  while (argv[j]?.startsWith("-")) j++; // bd --no-daemon create …
  return { program, args: argv.slice(j) };
}

interface Pending {
  calls: { program: Program; args: string[] }[];
}

/**
 * Pairs Bash calls with their results across lines and keeps each tracker task's latest state. Created ids
 * come from the result ("✓ Created issue: proj-abc"); statuses, parents and dependencies from the commands,
 * once the result shows the call ran. Intents are emitted at the end, one upsert per task with the state
 * the last command left it in, then the dependencies.
 */
export class BashTrackers {
  private pending = new Map<string, Pending>();
  private tasks = new Map<string, Upsert>();
  private depends = new Map<string, Depend>();
  private tag = TASK_MASTER_DEFAULT_TAG;
  private beadsPrefixes = new Set<string>();
  private usedTaskMaster = false;

  onUse(use: ToolUse): void {
    if (use.name !== "Bash") return;
    const command = str(use.input.command);
    if (!command || !(command.includes("bd") || command.includes("task-master"))) return;
    const calls = shellCommands(command).map(trackerCall).filter((c): c is NonNullable<typeof c> => c !== null);
    if (calls.length) this.pending.set(use.id, { calls });
  }

  onResult(result: ToolResult, toolUseResult: unknown, origin: IntentOrigin, tags: string[]): void {
    const pending = this.pending.get(result.toolUseId);
    if (!pending) return;
    this.pending.delete(result.toolUseId);
    if (failed(result, toolUseResult)) return;
    const stdout = isObj(toolUseResult) ? str(toolUseResult.stdout) : null;
    const output = new Output((result.text || stdout || "").slice(0, MESSAGE_MAX_CHARS));
    for (const call of pending.calls) {
      if (call.program === "beads") this.beads(call.args, output, origin, tags);
      else this.taskMaster(call.args, output, origin, tags);
    }
  }

  finish(): TaskIntent[] {
    return [...this.tasks.values(), ...this.depends.values()];
  }

  /**
   * The tracker task a compaction summary's line names by its leading id ("X-dov.3: Fix the parser"), with the
   * rest of the line as its title; null when the line starts with no tracker id this session uses.
   */
  keyForLine(line: string): { externalKey: string; title: string } | null {
    const beads = LEADING_BEADS_ID.exec(line);
    if (beads) {
      const id = beads[1];
      const prefix = id.slice(0, id.lastIndexOf("-"));
      // A dotted id is a tracker's child id in any session; a bare "word-abc" only with a prefix seen here.
      if (parentId(id) || this.beadsPrefixes.has(prefix)) return { externalKey: beadsKey(id), title: restOf(line, beads[0].length) };
    }
    const tm = this.usedTaskMaster ? LEADING_TASK_MASTER_ID.exec(line) : null;
    if (tm) return { externalKey: taskmasterKey(this.tag, tm[1]), title: restOf(line, tm[0].length) };
    return null;
  }

  // ---------------------------------------------------------------- beads

  private beads(args: string[], out: Output, origin: IntentOrigin, tags: string[]): void {
    const [sub, ...rest] = args;
    const p = parseArgs(rest);
    const tracker = [...tags, "tracker:beads"];
    switch (sub) {
      case "create":
      case "new": {
        const title = opt(p, "title") ?? p.positional[0];
        const id = out.next(CREATED_ISSUE) ?? opt(p, "id");
        if (!title?.trim() || !id || !BEADS_ID.test(id)) return;
        const fields: Partial<Upsert> = { title: capText(title, TITLE_MAX), status: "todo" };
        const description = opt(p, "description", "d", "body");
        if (description?.trim()) fields.description = capText(description, DESCRIPTION_MAX);
        const priority = beadsPriority(opt(p, "priority", "p"));
        if (priority) fields.priority = priority;
        const type = opt(p, "type", "t");
        const parent = opt(p, "parent") ?? parentId(id);
        if (parent) fields.parentExternalKey = beadsKey(parent);
        this.put(beadsKey(id), fields, origin, type ? [...tracker, `type:${type}`] : tracker);
        this.noteBeads(id);
        return;
      }
      case "update": {
        const fields: Partial<Upsert> = {};
        const status = BEADS_CLI_STATUS[opt(p, "status", "s") ?? ""];
        if (status) fields.status = status;
        if (opt(p, "claim")) fields.status = "in_progress";
        const title = opt(p, "title");
        if (title?.trim()) fields.title = capText(title, TITLE_MAX);
        const priority = beadsPriority(opt(p, "priority", "p"));
        if (priority) fields.priority = priority;
        const parent = opt(p, "parent");
        if (parent) fields.parentExternalKey = beadsKey(parent);
        for (const id of p.positional.filter((x) => BEADS_ID.test(x))) this.touchBeads(id, fields, origin, tracker);
        return;
      }
      case "close":
      case "done":
        for (const id of p.positional.filter((x) => BEADS_ID.test(x))) this.touchBeads(id, { status: "completed" }, origin, tracker);
        return;
      case "reopen":
        for (const id of p.positional.filter((x) => BEADS_ID.test(x))) this.touchBeads(id, { status: "todo" }, origin, tracker);
        return;
      case "dep": {
        const [verb, ...more] = p.positional;
        const type = opt(p, "type", "t") ?? "blocks";
        if (verb === "add" && BEADS_ID.test(more[0] ?? "") && BEADS_ID.test(more[1] ?? "")) {
          // `bd dep add A B`: A depends on B; with --type parent-child, B is A's parent.
          if (type === "parent-child") this.touchBeads(more[0], { parentExternalKey: beadsKey(more[1]) }, origin, tracker);
          else if (type === "blocks") this.depend(beadsKey(more[0]), beadsKey(more[1]), origin);
          this.noteBeads(more[0], more[1]);
        } else if (BEADS_ID.test(verb ?? "") && BEADS_ID.test(opt(p, "blocks") ?? "")) {
          this.depend(beadsKey(opt(p, "blocks")!), beadsKey(verb), origin); // `bd dep A --blocks B`: B waits for A
        }
        return;
      }
    }
  }

  /** A change to a beads issue, with its parent read from a dotted id. */
  private touchBeads(id: string, fields: Partial<Upsert>, origin: IntentOrigin, tags: string[]): void {
    const parent = parentId(id);
    this.put(beadsKey(id), parent && !fields.parentExternalKey ? { ...fields, parentExternalKey: beadsKey(parent) } : fields, origin, tags);
    this.noteBeads(id);
  }

  private noteBeads(...ids: string[]): void {
    for (const id of ids) this.beadsPrefixes.add(id.slice(0, id.lastIndexOf("-")));
  }

  // ---------------------------------------------------------------- Task Master

  private taskMaster(args: string[], out: Output, origin: IntentOrigin, tags: string[]): void {
    const [sub, ...rest] = args;
    const p = parseArgs(rest);
    const tag = opt(p, "tag") ?? this.tag;
    const tracker = [...tags, "tracker:task-master"];
    const key = (id: string) => taskmasterKey(tag, id);
    this.usedTaskMaster = true;
    switch (sub) {
      case "add-task":
      case "add-subtask": {
        const parent = opt(p, "parent");
        const id = out.next(sub === "add-task" ? CREATED_TASK : CREATED_SUBTASK);
        const text = opt(p, "title") ?? opt(p, "prompt", "p");
        if (!id || !text?.trim()) return;
        const fields: Partial<Upsert> = { title: capText(firstLine(text), TITLE_MAX), status: "todo" };
        const description = opt(p, "description", "d") ?? (opt(p, "title") ? undefined : text);
        if (description?.trim() && description.trim() !== fields.title) fields.description = capText(description, DESCRIPTION_MAX);
        const priority = WORDS_PRIORITY[opt(p, "priority") ?? ""];
        if (priority) fields.priority = priority;
        const parentOf = parent ?? parentId(id);
        if (parentOf) fields.parentExternalKey = key(parentOf);
        this.put(key(id), fields, origin, tracker);
        for (const dep of listOf(opt(p, "dependencies"))) this.depend(key(id), key(dep), origin);
        return;
      }
      case "set-status": {
        const status = TASK_MASTER_STATUS[opt(p, "status", "s") ?? ""];
        if (!status) return;
        for (const id of listOf(opt(p, "id", "i") ?? p.positional[0])) {
          const parent = parentId(id);
          this.put(key(id), parent ? { status, parentExternalKey: key(parent) } : { status }, origin, tracker);
        }
        return;
      }
      case "remove-task":
        for (const id of listOf(opt(p, "id", "i"))) this.put(key(id), { status: "cancelled" }, origin, tracker);
        return;
      case "add-dependency": {
        const id = opt(p, "id", "i");
        for (const dep of listOf(opt(p, "depends-on"))) if (id && TM_ID.test(id)) this.depend(key(id), key(dep), origin);
        return;
      }
      case "use-tag":
        if (p.positional[0]) this.tag = p.positional[0];
        return;
    }
  }

  // ---------------------------------------------------------------- shared

  private put(externalKey: string, fields: Partial<Upsert>, origin: IntentOrigin, tags: string[]): void {
    const before = this.tasks.get(externalKey);
    // Re-inserted, so the emitted order follows each task's latest change (a parent made later comes first when created first).
    const merged: Upsert = { ...(before ?? { type: "upsert", externalKey, source: "task-tool", matchByTitle: false }), ...fields, origin, tags } as Upsert;
    this.tasks.set(externalKey, merged);
  }

  private depend(externalKey: string, dependsOnExternalKey: string, origin: IntentOrigin): void {
    const id = `${externalKey}>${dependsOnExternalKey}`;
    if (externalKey !== dependsOnExternalKey && !this.depends.has(id)) this.depends.set(id, { type: "depend", origin, externalKey, dependsOnExternalKey });
  }
}

const TM_ID = /^\d{1,9}(?:\.\d{1,9}){0,3}$/;
const CREATED_ISSUE = /Created issue:\s{0,4}([A-Za-z][\w-]{0,40}-[a-z0-9]{2,12}(?:\.\d{1,6}){0,4})/;
const CREATED_TASK = /(?:Task\s{1,3}#?|Task ID:\s{0,3}|"id":\s{0,3}"?)(\d{1,9})\b(?:[^\n]{0,40}?(?:Created|Added)|(?!\.\d))/i;
const CREATED_SUBTASK = /(?:Subtask\s{1,3}#?|Subtask ID:\s{0,3}|"id":\s{0,3}"?)(\d{1,9}\.\d{1,9})/i;

/** A call's output, read line by line in order: each create takes the next announcement after the one before. */
class Output {
  private lines: string[];
  private at = 0;
  constructor(text: string) {
    this.lines = text.split("\n").map((l) => l.slice(0, LINE_MAX_CHARS));
  }
  next(pattern: RegExp): string | null {
    for (; this.at < this.lines.length; this.at++) {
      const m = pattern.exec(this.lines[this.at]);
      if (m) {
        this.at++;
        return m[1];
      }
    }
    return null;
  }
}

function beadsPriority(v: string | undefined): Priority | undefined {
  const n = v === undefined ? NaN : Number(v.replace(/^p/i, ""));
  return Number.isInteger(n) && n >= 0 && n < BEADS_PRIORITY.length ? BEADS_PRIORITY[n] : undefined;
}

const listOf = (v: string | undefined) => (v ?? "").split(",").map((x) => x.trim()).filter((x) => TM_ID.test(x));
const firstLine = (text: string) => text.trim().split("\n")[0];
const restOf = (line: string, from: number) => line.slice(from).replace(/^[\s:–—-]{0,8}/, "").trim();
