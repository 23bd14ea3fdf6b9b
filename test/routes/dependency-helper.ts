// Makes `task` depend on `dependsOn` straight in D1, so these tests do not lean on the dependencies API (#6).
import { env } from "cloudflare:test";
import { call } from "../support/hub";

export async function dependOn(task: string, dependsOn: string) {
  const id = async (key: string) => ((await (await call(`/api/tasks/${key}`)).json()) as { id: string }).id;
  await env.DB.prepare(`INSERT INTO dependencies (task_id, depends_on_id, created_at) VALUES (?, ?, ?)`)
    .bind(await id(task), await id(dependsOn), new Date().toISOString())
    .run();
}
