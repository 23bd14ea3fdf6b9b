// Driving the Cloudflare engine from workerd tests: sleeps off, events sent as the app sends them, runs awaited.

import { env, introspectWorkflow } from "cloudflare:test";
import { CloudflareEngine } from "../../src/integrations/engine-cloudflare";
import { cronEvent } from "../../src/workflows/define";
import { makeEvent, type EventInput, type EventName } from "../../src/workflows/events";
import { workflows } from "../../src/workflows";
import { eventually } from "./hub";

export const engine = () => new CloudflareEngine(env.WORKFLOWS, workflows);

/**
 * Every instance created from here on runs without waiting out its sleeps. One per test file: the app
 * keeps the binding it first saw, so an introspector made after disposing one would miss its instances.
 */
export async function withoutSleeps() {
  const introspector = await introspectWorkflow(env.WORKFLOWS);
  await introspector.modifyAll(async (m) => {
    await m.disableSleeps();
  });
  let seen = 0;
  const pending: unknown[] = [];
  return {
    introspector,
    /** Waits until `min` instances beyond those already settled exist and all have finished; returns their outputs. */
    async settle(min = 1): Promise<unknown[]> {
      // The introspector learns of new instances asynchronously: wait until the expected ones are known.
      await eventually(async () => introspector.get().length >= seen + min);
      const out: unknown[] = [];
      for (; seen < introspector.get().length; seen++) {
        const i = introspector.get()[seen];
        await i.waitForStatus("complete").catch(async (e) => {
          throw new Error(`${String(e)}: ${JSON.stringify(await i.getError())}`);
        });
        out.push(await i.getOutput());
      }
      return out;
    },
    /**
     * The output of one finished instance whose output has this key (and value, if given; other workflows share triggers):
     * outputs settled but not yet asked for wait in `pending`, so two awaited in turn are both found.
     */
    async outputOf(key: string, value?: unknown): Promise<Record<string, unknown>> {
      const has = (o: unknown) => !!o && typeof o === "object" && key in o && (value === undefined || (o as Record<string, unknown>)[key] === value);
      await eventually(async () => {
        pending.push(...(await this.settle(0)));
        return pending.some(has);
      });
      return pending.splice(pending.findIndex(has), 1)[0] as Record<string, unknown>;
    },
  };
}

export const send = <N extends EventName>(name: N, id: string, data: EventInput<N>) => engine().send([makeEvent(name, id, data, new Date().toISOString())]);

export const tick = (cron: "*/15 * * * *" | "0 * * * *", at = Date.now()) => engine().send([cronEvent(cron, at)]);

/** Emails kept in the outbox with this idempotency key (prefix). */
export const emailKeys = async (prefix: string) =>
  (await env.DB.prepare(`SELECT idempotency_key AS k FROM emails WHERE idempotency_key LIKE ? || '%' ORDER BY k`).bind(prefix).all<{ k: string }>()).results.map((r) => r.k);
