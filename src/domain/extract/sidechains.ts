// Subagents: which sidechain a line belongs to, how to tag it, and which main-chain task launched it.

import { normalizeTitle } from "../tasks";
import { str, textOf, type LineRecord, type ToolUse } from "./lines";

/** A task of the main chain that is in progress, as a candidate parent. */
export interface OpenItem {
  key: string;
  title: string;
}

interface Launch {
  toolUseId: string;
  subagentType: string | null;
  /** description + prompt, the words a parent task is matched on. */
  words: Set<string>;
  prompt: string;
  inProgressAtLaunch: OpenItem[];
}

export const isLaunchTool = (name: string) => name === "Task" || name === "Agent";

export class Sidechains {
  private chainOfUuid = new Map<string, string>();
  private launches = new Map<string, Launch>();
  private launchOfChain = new Map<string, Launch>();
  private toolUseOfAgent = new Map<string, string>();
  /** Chains of earlier slices' lines, by uuid: a run without agentIds must keep its chain across slices. */
  constructor(private readonly known: ReadonlyMap<string, string> = new Map()) {}
  /** Sidechain lines without an agentId, by uuid: what a later slice needs to resolve its parents. */
  readonly lineChains: Record<string, string> = {};
  /** Parents named by this slice's sidechain lines that neither this slice nor `known` place. */
  readonly unresolved = new Set<string>();

  /** A main-chain Task/Agent call; what was in progress then is the likeliest parent. */
  noteLaunch(use: ToolUse, inProgress: OpenItem[]): void {
    const description = str(use.input.description) ?? "";
    const prompt = str(use.input.prompt) ?? "";
    this.launches.set(use.id, {
      toolUseId: use.id,
      subagentType: str(use.input.subagent_type),
      words: words(`${description} ${prompt}`),
      prompt: prompt.trim(),
      inProgressAtLaunch: inProgress,
    });
  }

  /** Newer builds name the agent (toolUseResult.agentId, agent_progress lines); older ones only chain uuids. */
  noteAgent(agentId: string, toolUseId: string): void {
    if (!this.toolUseOfAgent.has(agentId)) this.toolUseOfAgent.set(agentId, toolUseId);
  }

  /** The chain id of a sidechain line: its agentId, else the uuid of the first line of its run. */
  chainOf(rec: LineRecord): string {
    let chain: string;
    if (rec.agentId) chain = rec.agentId;
    else if (rec.parentUuid && this.chainOfUuid.has(rec.parentUuid)) chain = this.chainOfUuid.get(rec.parentUuid)!;
    else if (rec.parentUuid && this.known.has(rec.parentUuid)) chain = this.known.get(rec.parentUuid)!;
    else if (!rec.parentUuid && rec.uuid) chain = this.startRun(rec, rec.uuid);
    else {
      // The run began in a slice never seen: its parent's uuid names the chain, and later slices inherit it.
      chain = `sidechain:${rec.parentUuid ?? rec.uuid ?? "unknown"}`;
      if (rec.parentUuid) this.unresolved.add(rec.parentUuid);
    }
    if (rec.uuid) {
      this.chainOfUuid.set(rec.uuid, chain);
      if (!rec.agentId) this.lineChains[rec.uuid] = chain;
    }
    return chain;
  }

  private startRun(rec: LineRecord, chain: string): string {
    // The first sidechain line of a run is the launching call's prompt, verbatim.
    const text = textOf(rec.content).trim();
    for (const launch of this.launches.values()) {
      if (launch.prompt && launch.prompt === text && ![...this.launchOfChain.values()].includes(launch)) {
        this.launchOfChain.set(chain, launch);
        break;
      }
    }
    return chain;
  }

  private launchFor(chain: string): Launch | undefined {
    const byRun = this.launchOfChain.get(chain);
    if (byRun) return byRun;
    const toolUseId = this.toolUseOfAgent.get(chain);
    return toolUseId ? this.launches.get(toolUseId) : undefined;
  }

  tags(chain: string): string[] {
    const launch = this.launchFor(chain);
    const tags: string[] = [];
    if (this.toolUseOfAgent.has(chain) || !launch?.subagentType) tags.push(`agent:${chain}`);
    if (launch?.subagentType) tags.push(`agent:${launch.subagentType}`);
    return tags;
  }

  /** The main-chain task this chain's subagent works for, when the transcript shows its launch. */
  parentFor(chain: string, inProgressNow: OpenItem[]): string | undefined {
    const launch = this.launchFor(chain);
    if (!launch) return undefined;
    const candidates = uniqueByKey([...launch.inProgressAtLaunch, ...inProgressNow]);
    let best: OpenItem | undefined;
    let bestScore = 0;
    for (const c of candidates) {
      const score = overlap(words(c.title), launch.words);
      if (score > bestScore) [best, bestScore] = [c, score];
    }
    if (best) return best.key;
    if (launch.inProgressAtLaunch.length === 1) return launch.inProgressAtLaunch[0].key;
    return candidates.length === 1 ? candidates[0].key : undefined;
  }
}

const STOP = new Set(["the", "and", "for", "with", "from", "into", "that", "this", "any", "all", "are", "its", "their"]);

function words(text: string): Set<string> {
  return new Set(normalizeTitle(text).split(" ").filter((w) => w.length > 2 && !STOP.has(w)));
}

function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  return n;
}

function uniqueByKey(items: OpenItem[]): OpenItem[] {
  const seen = new Map<string, OpenItem>();
  for (const i of items) if (!seen.has(i.key)) seen.set(i.key, i);
  return [...seen.values()];
}
