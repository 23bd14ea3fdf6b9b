// Runs the engine contract on Inngest in node: @inngest/test executes the functions, msw stands in for Inngest's event API.

import { InngestTestEngine, mockCtx } from "@inngest/test";
import type { InngestFunction } from "inngest";
import { InngestExecutionEngine } from "inngest/internals";
import { http, HttpResponse } from "msw";
import type { SetupServer } from "msw/node";
import type { Env } from "../../src/config";
import { InngestEngine } from "../../src/integrations/engine-inngest";
import { buildServices } from "../../src/services";
import type { EventEnvelope } from "../../src/workflows/events";
import type { EngineHarness, Run } from "./engine-harness";

type InngestEvent = { id?: string; name: string; data?: unknown; ts?: number };
type Trigger = { event?: string; cron?: string; if?: string };
type Output = { result?: unknown; error?: unknown; state: Record<string, Promise<unknown>> };
type MockedStep = { id: string; idIsHashed?: boolean; handler: () => unknown };

const EVENT_KEY = "test-event-key";
const PAUSED = "harness: paused at sleep ";

/**
 * The event API as Inngest documents it: an event whose id was seen before is accepted and starts nothing.
 * Everything sent lands in `sent`, including what workflows send from their steps.
 */
function fakeEventApi() {
  const seen = new Set<string>();
  const sent: InngestEvent[] = [];
  const started: InngestEvent[] = [];
  const handler = http.post(`https://inn.gs/e/${EVENT_KEY}`, async ({ request }) => {
    const body = (await request.json()) as InngestEvent | InngestEvent[];
    const events = Array.isArray(body) ? body : [body];
    for (const e of events) {
      sent.push(e);
      if (e.id && seen.has(e.id)) continue;
      if (e.id) seen.add(e.id);
      started.push(e);
    }
    return HttpResponse.json({ ids: events.map((e) => e.id ?? crypto.randomUUID()), status: 200 });
  });
  return { handler, sent, started, seen };
}

/**
 * A trigger's CEL `if` as Inngest evaluates it, for the subset the engine writes (engine-inngest.ts whenToIf):
 * clauses `(event.data.f == v || ...)` joined by `&&`.
 */
function ifHolds(expr: string | undefined, event: InngestEvent): boolean {
  if (!expr) return true;
  const data = (event.data ?? {}) as Record<string, unknown>;
  return expr.split(" && ").every((clause) =>
    clause.replace(/^\(|\)$/g, "").split(" || ").some((eq) => {
      const m = /^event\.data\.(\w+) == (.+)$/.exec(eq.trim());
      if (!m) throw new Error(`harness: cannot evaluate ${eq}`);
      return data[m[1]] === JSON.parse(m[2]);
    }),
  );
}

const triggersOf = (fn: InngestFunction.Any) => ((fn as unknown as { opts: { triggers?: Trigger[] } }).opts.triggers ?? []);
const retriesOf = (fn: InngestFunction.Any) => (fn as unknown as { opts: { retries?: number } }).opts.retries ?? 3;

/** Successful step results of an execution, as Inngest replays them into the next one. */
async function memoized(state: Record<string, Promise<unknown>>, failed: Set<string>): Promise<MockedStep[]> {
  const out: MockedStep[] = [];
  const failedIds = new Set([...failed].map((name) => InngestExecutionEngine._internals.hashId(name)));
  for (const [id, p] of Object.entries(state)) {
    if (failedIds.has(id)) continue; // a failed step is not memoized: Inngest runs it again on the retry
    try {
      const data = await p;
      out.push({ id, idIsHashed: true, handler: () => data });
    } catch {
      // an errored step has no result to replay
    }
  }
  return out;
}

/**
 * One run as Inngest would drive it: execute, memoize what succeeded, resume a sleep by replaying it as done
 * (sleeps must be mocked with @inngest/test), retry a failed step up to the function's retries.
 */
async function runFunction(fn: InngestFunction.Any, event: InngestEvent, failOnce: string[]): Promise<Omit<Run, "workflowId">> {
  let memo: MockedStep[] = [];
  const resumed = new Set<string>();
  const toFail = new Set(failOnce);
  const failed = new Set<string>();
  let failures = 0;
  for (;;) {
    const paused: string[] = [];
    const steps: string[] = [];
    const injected = [...toFail].map((id) => ({ id, handler: () => { toFail.delete(id); failed.add(id); throw new Error(`injected failure in ${id}`); } }));
    const t = new InngestTestEngine({
      function: fn,
      events: [{ ...event, data: event.data ?? {} } as never],
      steps: [...memo, ...[...resumed].map((id) => ({ id, handler: () => null })), ...injected],
      transformCtx: (raw) => {
        steps.length = 0; // each execution replays the run from the top: keep the last one's log
        const ctx = mockCtx(raw);
        const step = ctx.step as unknown as Record<string, (id: string, ...rest: unknown[]) => unknown>;
        for (const tool of ["run", "sendEvent"]) {
          const real = step[tool];
          step[tool] = (id, ...rest) => (steps.push(id), real(id, ...rest));
        }
        for (const tool of ["sleep", "sleepUntil"]) {
          const real = step[tool];
          step[tool] = (id, ...rest) => {
            steps.push(id);
            if (resumed.has(id)) return real(id, ...rest);
            paused.push(id);
            throw new Error(`${PAUSED}${id}`);
          };
        }
        return ctx;
      },
    });
    const out = (await t.execute()) as Output;
    memo = await memoized(out.state, failed);
    if (!("error" in out) || out.error === undefined) return { status: "complete", output: out.result, steps };
    if (paused.length) {
      paused.forEach((id) => resumed.add(id));
      continue;
    }
    if (++failures > retriesOf(fn)) return { status: "errored", output: out.error, steps };
  }
}

/** `vars` adds settings, e.g. RESEND_API_KEY to run the workflows against the Resend mailer. */
export function inngestHarness(
  server: SetupServer,
  db: D1Database,
  vars: Record<string, string> = {},
): EngineHarness & { sent: InngestEvent[]; drain(from: number): Promise<Run[]>; startedCount(): number } {
  const api = fakeEventApi();
  server.use(api.handler);
  const services = buildServices({ DB: db, ENGINE: "inngest", INNGEST_EVENT_KEY: EVENT_KEY, INNGEST_SIGNING_KEY: "signkey-test-00", ...vars } as unknown as Env);
  const engine = services.engine as InngestEngine;
  const functions = engine.functions(services);

  async function start(event: InngestEvent, failOnce: string[]): Promise<Run[]> {
    const runs: Run[] = [];
    for (const fn of functions.filter((f) => triggersOf(f).some((t) => t.event === event.name && ifHolds(t.if, event)))) {
      runs.push({ workflowId: fn.id(), ...(await runFunction(fn, event, failOnce)) });
    }
    return runs;
  }

  /** Inngest fires crons itself, as inngest/scheduled.timer; the Worker's ticks never reach it. */
  async function tick(e: EventEnvelope, failOnce: string[]): Promise<Run[]> {
    const { cron, scheduledTime } = e.data as { cron: string; scheduledTime: string };
    const runs: Run[] = [];
    for (const fn of functions.filter((f) => triggersOf(f).some((t) => t.cron === cron))) {
      const key = `${fn.id()}:${e.id}`;
      if (api.seen.has(key)) continue; // one run per schedule and tick
      api.seen.add(key);
      const timer = { id: key, name: "inngest/scheduled.timer", data: { cron }, ts: Date.parse(scheduledTime) };
      runs.push({ workflowId: fn.id(), ...(await runFunction(fn, timer, failOnce)) });
    }
    return runs;
  }

  return {
    services,
    sent: api.sent,
    async deliver(events, { failOnce = [] } = {}) {
      const before = api.started.length;
      await engine.send(events);
      const fresh = api.started.slice(before);
      const runs: Run[] = [];
      for (const e of fresh) runs.push(...(await start(e, failOnce)));
      for (const e of events.filter((x) => x.name === "cron/ticked")) runs.push(...(await tick(e, failOnce)));
      return runs;
    },
    /** Runs what events started since `from` (a startedCount()): events a use case sent through the engine itself. */
    startedCount: () => api.started.length,
    async drain(from) {
      const runs: Run[] = [];
      for (const e of api.started.slice(from)) runs.push(...(await start(e, [])));
      return runs;
    },
    async dispose() {},
  };
}
