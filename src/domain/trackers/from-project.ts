// A project's export records as tracker tasks, for GET /api/export?format=beads|taskmaster|backlog (toBeads and the others write them).

import type { ExportRecord, RecordOf } from "../export";
import { trackerKeyOf } from "./keys";
import type { TrackerTask } from "./model";

/** A task's tracker key: the one it was imported under, else its hub key (HUB-3). */
const keyOf = (t: RecordOf<"task">) => (t.externalKey ? trackerKeyOf(t.externalKey) : t.key);

export function trackerTasksOf(records: ExportRecord[]): TrackerTask[] {
  const tasks = records.filter((r): r is RecordOf<"task"> => r.type === "task");
  const byKey = new Map(tasks.map((t) => [t.key.toUpperCase(), keyOf(t)]));
  const out = new Map<string, TrackerTask>(
    tasks.map((t) => [
      t.key.toUpperCase(),
      {
        externalKey: keyOf(t),
        title: t.title,
        description: t.description ?? "",
        status: t.status,
        priority: t.priority,
        tags: t.tags,
        ...(t.dueAt ? { dueAt: t.dueAt } : {}),
        ...(t.estimatedHours != null ? { estimatedMinutes: Math.round(t.estimatedHours * 60) } : {}),
        createdAt: t.createdAt,
        updatedAt: t.updatedAt,
        ...(t.completedAt ? { completedAt: t.completedAt } : {}),
        ...(t.parent && byKey.has(t.parent.toUpperCase()) ? { parentExternalKey: byKey.get(t.parent.toUpperCase()) } : {}),
        dependsOn: [],
        links: [],
        comments: [],
        metadata: {},
      },
    ]),
  );
  for (const r of records) {
    if (r.type === "dependency") {
      const blocker = byKey.get(r.dependsOn.toUpperCase());
      if (blocker) out.get(r.task.toUpperCase())?.dependsOn.push(blocker);
    } else if (r.type === "comment") out.get(r.task.toUpperCase())?.comments.push({ author: r.author, body: r.body, at: r.createdAt });
  }
  return [...out.values()];
}
