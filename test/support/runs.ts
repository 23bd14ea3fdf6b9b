// Workflow runs for the run tests: one that completed (a pull request naming a task) and one that failed for good, on Cloudflare Workflows.
import { env, introspectWorkflow } from "cloudflare:test";
import { expect } from "vitest";
import { D1Store } from "../../src/integrations/store-d1";
import { newTask } from "./github-deliveries";
import { pullRequestPayload } from "./github-payloads";
import { createProject, eventually, webhook } from "./hub";
import { send } from "./workflows";

const store = () => new D1Store(env.DB);

/** For a beforeAll: failing runs give up at once rather than after 14 s of backoff; sleeps stay real, so a sleeping run can be cancelled. */
export async function quickFailures(): Promise<void> {
  const introspector = await introspectWorkflow(env.WORKFLOWS);
  await introspector.modifyAll(async (m) => {
    await m.disableRetryDelays();
  });
}

/** A signed pull request naming a task, processed by sync-pull-request; returns the delivery id (also the run's event id). */
export async function processedPullRequest(project: string): Promise<string> {
  const repo = `acme/${project.toLowerCase()}`;
  await createProject(project, { repos: [repo] });
  const key = await newTask(project);
  const delivery = crypto.randomUUID();
  const payload = pullRequestPayload(repo, "opened", { number: Math.floor(Math.random() * 1e6), title: "Work", body: `refs ${key}` });
  expect((await webhook("pull_request", payload, { delivery })).status).toBe(202);
  const id = `github:${delivery}`;
  await eventually(async () => (await store().getRunTrace({ workflow: "sync-pull-request", eventId: id }))?.run.status === "complete", { tries: 200 });
  return id;
}

/** A push delivery whose payload was lost, sent to link-commits: the run fails on every try and marks the delivery failed. */
export async function failedRun(): Promise<string> {
  const id = `github:doomed-${crypto.randomUUID()}`;
  await store().recordDelivery({ id, source: "github", event: "push", payload: null, at: new Date().toISOString() });
  await send("github/push.received", id, { deliveryId: id });
  await eventually(async () => (await store().getRunTrace({ workflow: "link-commits", eventId: id }))?.run.status === "errored", { tries: 300 });
  return id;
}
