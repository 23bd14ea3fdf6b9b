// Worker-test helpers: post a signed GitHub event and wait until its workflow is done with it; make a task to act on.
import { env } from "cloudflare:test";
import { expect } from "vitest";
import { call, createProject, eventually, webhook } from "./hub";

export async function deliver(event: string, payload: unknown): Promise<void> {
  const delivery = crypto.randomUUID();
  expect((await webhook(event, payload, { delivery })).status).toBe(202);
  await eventually(() =>
    env.DB.prepare(`SELECT 1 AS done FROM deliveries WHERE id = ? AND status IN ('processed', 'ignored')`).bind(`github:${delivery}`).first("done"),
  );
}

export async function newTask(project: string, title = "Some work"): Promise<string> {
  const res = await call("/api/tasks", { method: "POST", json: { project, title } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { key: string }).key;
}

/** A project of this repository that mirrors its issues as tasks. */
export async function mirroringProject(key: string, repo: string) {
  await createProject(key, { repos: [repo] });
  const res = await call(`/api/projects/${key}`, { method: "PUT", json: { settings: { mirrorIssues: true } } });
  expect(res.status).toBe(200);
}
