// The Cloudflare Workflows engine: one instance per (workflow, event id), so a replayed event is a no-op.

import type { EventEnvelope } from "../../domain/events";
import type { Engine, RunStatus, WorkflowRun } from "../../ports/engine";
import { triggeredBy, type Workflow as WorkflowDef } from "../../ports/workflow";
import type { LaunchLimit } from "./launch-limit";

export interface InstanceParams {
  workflowId: string;
  event: EventEnvelope;
  /** Started under a launch limit: the run tells it when it ends. */
  counted?: boolean;
}

/** Instance ids allow [A-Za-z0-9_-] and 100 characters; a hash keeps long event ids unique. */
export async function instanceId(workflowId: string, eventId: string): Promise<string> {
  const plain = `${workflowId}-${eventId}`.replace(/[^A-Za-z0-9_-]/g, "_");
  if (plain.length <= 100) return plain;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(eventId));
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${workflowId}-${hex}`.slice(0, 100);
}

/** Workflows' instance states, mapped to ours in one place. */
export function runStatusOf(status: InstanceStatus["status"]): RunStatus {
  switch (status) {
    case "queued":
    case "running":
    case "waiting":
    case "paused":
    case "errored":
    case "terminated":
    case "complete":
    case "unknown":
      return status;
    case "waitingForPause":
      return "running"; // still finishing its current step
    default:
      return "unknown";
  }
}

/** Workflows' cap on instances per createBatch call. */
const BATCH_CREATE_MAX = 100;
const ALREADY_EXISTS = /already exists|instance.*exist/i;

export class CloudflareEngine implements Engine {
  readonly name = "cloudflare" as const;
  constructor(
    private readonly binding: Workflow,
    private readonly workflows: readonly WorkflowDef[],
    private readonly limit?: LaunchLimit,
  ) {}

  workflowIds(): string[] {
    return this.workflows.map((w) => w.id).sort();
  }

  /** Every run wanted, unless local Workflows' launch limit is set (`npm run dev`) and reached. */
  async launchRoom(wanted: number): Promise<number> {
    return this.limit ? this.limit.room(wanted) : wanted;
  }

  /** Every run the events start, created in calls of up to 100 instances (createBatch's cap): one call for a queue batch. */
  async send(events: EventEnvelope[]): Promise<void> {
    const wanted: WorkflowInstanceCreateOptions<InstanceParams>[] = [];
    for (const event of events) {
      for (const wf of this.workflows.filter((w) => triggeredBy(w, event))) {
        wanted.push({ id: await instanceId(wf.id, event.id), params: { workflowId: wf.id, event, counted: !!this.limit } });
      }
    }
    const unique = [...new Map(wanted.map((w) => [w.id, w])).values()]; // createBatch refuses one id twice
    for (let i = 0; i < unique.length; i += BATCH_CREATE_MAX) {
      const chunk = unique.slice(i, i + BATCH_CREATE_MAX);
      try {
        await this.binding.createBatch(chunk);
      } catch (e) {
        // Some instance exists (the event was sent before: a retried batch, the re-emit sweep): Workflows refuses
        // the whole call then, so this chunk goes one by one, where an existing instance is skipped.
        if (!ALREADY_EXISTS.test(String((e as Error).message))) throw e;
        for (const one of chunk) await this.createOnce(one);
      }
      await this.limit?.started(chunk.map((c) => c.id!));
    }
  }

  private async createOnce(options: WorkflowInstanceCreateOptions<InstanceParams>): Promise<void> {
    try {
      await this.binding.create(options);
    } catch (e) {
      // The instance exists: this event was sent before, and sending it again must do nothing.
      if (!ALREADY_EXISTS.test(String((e as Error).message))) throw e;
    }
  }

  readonly rerunResends = false;

  async cancel(workflowId: string, eventId: string): Promise<void> {
    await (await this.binding.get(await instanceId(workflowId, eventId))).terminate();
  }

  /** The same instance from its first step: Workflows forgets its step results on restart. */
  async rerun(workflowId: string, eventId: string): Promise<string> {
    await (await this.binding.get(await instanceId(workflowId, eventId))).restart();
    return eventId;
  }

  async status(workflowId: string, eventId: string): Promise<RunStatus> {
    let instance: WorkflowInstance;
    try {
      instance = await this.binding.get(await instanceId(workflowId, eventId));
    } catch (e) {
      // No instance with that id: the event never started this workflow (or its run aged out of retention).
      if (/not.?found|does not exist/i.test(String((e as Error).message))) return "none";
      throw e;
    }
    try {
      return runStatusOf((await instance.status()).status);
    } catch (e) {
      // Created but not yet picked up by local Workflows (a fresh replay or restart): it is waiting to start.
      if (/never started/i.test(String((e as Error).message))) return "queued";
      throw e;
    }
  }

  async runs(event: EventEnvelope): Promise<WorkflowRun[]> {
    const triggered = this.workflows.filter((w) => triggeredBy(w, event));
    return Promise.all(triggered.map(async (w) => ({ workflow: w.id, instance: await instanceId(w.id, event.id), status: await this.status(w.id, event.id) })));
  }
}
