// Reads a slice of a Claude Code transcript (JSONL) into task intents: todo lists, Task tools, prose, compaction.

import { BashTrackers } from "./bash-trackers";
import { compactionIntents } from "./compaction";
import { isObj, readLine, str, textOf, toolResults, toolUses, type LineRecord, type ToolUse } from "./lines";
import { placeTags } from "./metadata";
import { PlanMode } from "./plan-mode";
import { nextStepIntents, requestIntents } from "./prose";
import { isLaunchTool, Sidechains, type OpenItem } from "./sidechains";
import { TaskTools } from "./task-tools";
import { ActiveTime } from "./time";
import { TitleRules } from "./titles";
import { listIntent } from "./todowrite";
import type { Extraction, IntentOrigin, TaskIntent } from "./types";

export type { Extraction, IntentOrigin, ListItem, TaskIntent } from "./types";

export interface TranscriptOptions {
  /** Chains of sidechain lines posted in earlier slices (Extraction.lineChains), by line uuid. */
  knownChains?: ReadonlyMap<string, string>;
  /** The shared task list the session writes to (CLAUDE_CODE_TASK_LIST_ID; see taskListId). */
  taskList?: string | null;
}

export function extractTranscript(text: string, options: TranscriptOptions = {}): Extraction {
  const x = new TranscriptReader(options);
  for (const line of text.split("\n")) x.read(line);
  return x.finish();
}

const MAIN = "main";

class TranscriptReader {
  private intents: TaskIntent[] = [];
  private lineUuids: string[] = [];
  private sessionId: string | null = null;
  private cwd: string | null = null;
  private gitBranch: string | null = null;
  private lines = 0;
  private badLines = 0;
  private lastOrigin: IntentOrigin | null = null;
  private time = new ActiveTime();
  private sidechains: Sidechains;
  private taskTools: TaskTools;
  private titles = new TitleRules();
  private trackers = new BashTrackers();
  private plans = new PlanMode();
  /** Main-chain work in progress, the candidates for a subagent's parent. */
  private todoInProgress: OpenItem[] = [];
  private taskInProgress = new Map<string, string>();
  private taskTitles = new Map<string, string>();
  /** The main chain's latest assistant text; its "Next steps" count only if the turn ends on it. */
  private lastText: LineRecord | null = null;

  constructor(options: TranscriptOptions) {
    this.sidechains = new Sidechains(options.knownChains);
    this.taskTools = new TaskTools(options.taskList ?? null);
  }

  read(line: string): void {
    if (line.length < 2 && line.trim() === "") return;
    this.lines++;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      this.badLines++;
      return;
    }
    const rec = readLine(raw);
    if (!rec) {
      this.badLines++;
      return;
    }
    this.note(rec);
    if (rec.kind === "assistant") this.assistant(rec);
    else if (rec.kind === "user") this.user(rec);
    else if (rec.kind === "progress") this.progress(rec);
    else if (rec.kind === "system") this.endTurn();
  }

  private note(rec: LineRecord): void {
    if (rec.uuid) this.lineUuids.push(rec.uuid);
    this.sessionId ??= rec.sessionId;
    this.cwd ??= rec.cwd;
    // An empty gitBranch means "not a git checkout", which says nothing.
    if (!this.gitBranch && rec.gitBranch) this.gitBranch = rec.gitBranch;
    this.time.add(rec.at);
    if (rec.uuid && rec.at) this.lastOrigin = this.origin(rec, MAIN);
  }

  private origin(rec: LineRecord, chain: string): IntentOrigin {
    return {
      sessionId: rec.sessionId ?? this.sessionId ?? "",
      lineUuid: rec.uuid ?? "",
      at: rec.at ?? "",
      cwd: rec.cwd ?? this.cwd,
      gitBranch: rec.gitBranch || this.gitBranch,
      chain,
    };
  }

  private tags(rec: LineRecord, chain: string): string[] {
    const tags = placeTags(rec.cwd ?? this.cwd, rec.gitBranch || this.gitBranch);
    return chain === MAIN ? tags : [...tags, ...this.sidechains.tags(chain)];
  }

  private chain(rec: LineRecord): string {
    return rec.sidechain ? this.sidechains.chainOf(rec) : MAIN;
  }

  private emit(intents: TaskIntent[]): void {
    for (const i of this.titles.apply(intents)) this.intents.push(i);
  }

  private assistant(rec: LineRecord): void {
    const chain = this.chain(rec);
    const uses = toolUses(rec.content);
    for (const use of uses) this.toolUse(use, rec, chain);
    if (chain !== MAIN) return;
    // A tool call after the text means the turn went on; only the text a turn ends with lists follow-ups.
    if (uses.length) this.lastText = null;
    else if (textOf(rec.content).trim()) this.lastText = rec;
  }

  private endTurn(): void {
    const rec = this.lastText;
    this.lastText = null;
    if (rec) this.emit(nextStepIntents(textOf(rec.content), this.origin(rec, MAIN), this.tags(rec, MAIN)));
  }

  private toolUse(use: ToolUse, rec: LineRecord, chain: string): void {
    this.trackers.onUse(use);
    this.plans.onUse(use);
    if (use.name === "TodoWrite") return this.todoWrite(use, rec, chain);
    if (isLaunchTool(use.name) && chain === MAIN) return this.sidechains.noteLaunch(use, this.mainInProgress());
    if (use.name !== "TaskCreate" && use.name !== "TaskUpdate") return;
    const intents = this.taskTools.onUse(use, this.origin(rec, chain), this.tags(rec, chain));
    if (chain === MAIN) this.trackTaskProgress(intents);
    this.emit(intents);
  }

  private todoWrite(use: ToolUse, rec: LineRecord, chain: string): void {
    const parent = chain === MAIN ? undefined : this.sidechains.parentFor(chain, this.mainInProgress());
    const intent = listIntent(use.input, this.origin(rec, chain), this.tags(rec, chain), parent);
    if (chain === MAIN) {
      this.todoInProgress = intent.items
        .filter((i) => i.status === "in_progress")
        .map((i) => ({ key: i.externalKey, title: i.title }));
    }
    this.emit([intent]);
  }

  private trackTaskProgress(intents: TaskIntent[]): void {
    for (const i of intents) {
      if (i.type !== "upsert") continue;
      if (i.title) this.taskTitles.set(i.externalKey, i.title);
      if (i.status === "in_progress") this.taskInProgress.set(i.externalKey, this.taskTitles.get(i.externalKey) ?? "");
      else if (i.status) this.taskInProgress.delete(i.externalKey);
    }
  }

  private mainInProgress(): OpenItem[] {
    const tasks = [...this.taskInProgress].map(([key, title]) => ({ key, title }));
    return [...this.todoInProgress, ...tasks];
  }

  private user(rec: LineRecord): void {
    const chain = this.chain(rec);
    const results = toolResults(rec.content);
    for (const r of results) {
      const agentId = isObj(rec.toolUseResult) ? str(rec.toolUseResult.agentId) : null;
      if (agentId && chain === MAIN) this.sidechains.noteAgent(agentId, r.toolUseId);
      const intents = this.taskTools.onResult(r, rec.toolUseResult, this.origin(rec, chain), this.tags(rec, chain));
      if (chain === MAIN) this.trackTaskProgress(intents);
      this.emit(intents);
      this.trackers.onResult(r, rec.toolUseResult, this.origin(rec, chain), this.tags(rec, chain));
      this.emit(this.plans.onResult(r, rec.toolUseResult, this.origin(rec, chain), this.tags(rec, chain)));
    }
    if (results.length) return;
    if (rec.compactSummary) {
      this.emit(compactionIntents(textOf(rec.content), this.origin(rec, chain), this.tags(rec, chain), (line) => this.trackers.keyForLine(line)));
      return;
    }
    // Sidechain "user" lines are the parent agent's prompt, and meta lines are Claude Code's own text.
    if (chain !== MAIN || rec.meta) return;
    this.endTurn();
    this.emit(requestIntents(textOf(rec.content), this.origin(rec, MAIN), this.tags(rec, MAIN)));
  }

  private progress(rec: LineRecord): void {
    if (rec.progressAgentId && rec.parentToolUseId) this.sidechains.noteAgent(rec.progressAgentId, rec.parentToolUseId);
  }

  finish(): Extraction {
    this.endTurn();
    this.emit(this.trackers.finish());
    const intents = this.intents.filter((i) => !this.taskTools.withdrawn.has(i));
    const minutes = this.time.minutes();
    if (minutes > 0 && this.lastOrigin) intents.push({ type: "time", origin: this.lastOrigin, minutes });
    return {
      intents,
      lineUuids: this.lineUuids,
      sessionId: this.sessionId,
      cwd: this.cwd,
      gitBranch: this.gitBranch,
      badLines: this.badLines,
      lines: this.lines,
      lineChains: this.sidechains.lineChains,
      unresolvedParents: [...this.sidechains.unresolved],
    };
  }
}

