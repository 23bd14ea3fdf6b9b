// The Cloudflare Workflows engine: one instance per (workflow, event id), so a replayed event is a no-op.

import { LaunchWindow } from "../domain/launch-window";
import { EngineBusyError, type Engine, type RunStatus } from "../ports/engine";
import { deliveryOf, triggeredBy, type Workflow as WorkflowDef } from "../workflows/define";
import type { EventEnvelope } from "../workflows/events";

export interface InstanceParams {
  workflowId: string;
  event: EventEnvelope;
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

/** How long local Workflows keeps a finished instance's database open (miniflare's engine grace period). */
export const INSTANCE_LINGER_MS = 5 * 60_000;
/** A delivery's run that never says it ended gives its slot back this long after it started. */
const MAX_RUN_MS = 15 * 60_000;

const windows = new Map<number, LaunchWindow>();

/**
 * One window per Worker instance (isolate), shared by every request and run it serves (locally the Workflow
 * class runs in the same isolate as the fetch handler, so runs report their end to the window that started them).
 */
export function launchWindow(limit: number | undefined): LaunchWindow | undefined {
  if (!limit) return undefined;
  if (!windows.has(limit)) windows.set(limit, new LaunchWindow(limit, INSTANCE_LINGER_MS, MAX_RUN_MS));
  return windows.get(limit);
}

export class CloudflareEngine implements Engine {
  readonly name = "cloudflare" as const;
  constructor(
    private readonly binding: Workflow,
    private readonly workflows: readonly WorkflowDef[],
    private readonly window?: LaunchWindow,
  ) {}

  async send(events: EventEnvelope[]): Promise<void> {
    for (const event of events) {
      for (const wf of this.workflows.filter((w) => triggeredBy(w, event))) {
        const id = await instanceId(wf.id, event.id);
        // Only a delivery's run waits: its event is stored with it for the sweep to send again. Crons (the sweep
        // among them) and the task events runs send have no such record, and are few next to deliveries.
        if (this.window && deliveryOf(event) && !this.window.take(id, Date.now())) {
          throw new EngineBusyError(`${this.window.limit} delivery runs are running or ended under ${INSTANCE_LINGER_MS / 60_000} minutes ago; ${id} waits`);
        }
        try {
          await this.binding.create({ id, params: { workflowId: wf.id, event } satisfies InstanceParams });
        } catch (e) {
          // The instance exists: this event was sent before, and sending it again must do nothing.
          if (/already exists|instance.*exist/i.test(String((e as Error).message))) continue;
          throw e;
        }
      }
    }
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
    return runStatusOf((await instance.status()).status);
  }
}
