// POST /bench/seed: fills a project through the Store port for `npm run bench`; admin only, served by bench/worker.ts alone.

import { Hono } from "hono";
import { z } from "zod";
import { requestContext } from "../src/app";
import type { ExportRecord } from "../src/domain/export";
import type { TaskStatus } from "../src/domain/tasks";
import { authenticate, requireScope } from "../src/http/auth";
import type { AppEnv } from "../src/http/context";
import { errorResponse } from "../src/http/errors";

const PRIORITIES = ["low", "medium", "high", "urgent"] as const;
/** A mature project: seven in ten done, a quarter open (15% todo, 5% in progress, 5% in review), so open-task filters are sparse. */
const STATUSES: TaskStatus[] = [...Array<TaskStatus>(14).fill("completed"), "cancelled", "todo", "todo", "todo", "in_progress", "review"];
const WORDS = ["deploy", "parser", "login", "billing", "search", "webhook", "digest", "cache", "export", "migration", "timeout", "dashboard"];
/** Where the seeded history starts; each task is a minute younger than the one before, so created_at is distinct per task. */
const EPOCH = Date.parse("2025-01-01T00:00:00.000Z");

const seedBody = z.object({
  project: z.string().min(1),
  count: z.number().int().min(1).max(200_000),
  /** User ids to spread assignments over (three tasks in ten are assigned); they must exist. */
  assignees: z.array(z.string()).max(50).default([]),
});

/** A fixed scramble of j, so status, priority and assignee vary independently of each other and of the tag (j mod 12). */
const mix = (j: number) => Math.imul(j + 1, 2654435761) >>> 0;

/** Task j of the seeded project, as an export record: the same title and tag scheme bench/store.mjs searches for. */
function seededTask(project: string, j: number, assignees: string[]): ExportRecord {
  const h = mix(j);
  const word = WORDS[j % WORDS.length];
  const status = STATUSES[h % STATUSES.length];
  const at = new Date(EPOCH + j * 60_000).toISOString();
  const assigned = assignees.length > 0 && (h >>> 8) % 10 < 3;
  return {
    type: "task",
    key: `${project}-${j + 1}`,
    title: `Seeded ${word} task ${j}`,
    description: `Bench task ${j} about the ${word} code path`,
    status,
    priority: PRIORITIES[(h >>> 4) % PRIORITIES.length],
    assigneeId: assigned ? assignees[(h >>> 12) % assignees.length] : null,
    creatorId: "token:bench",
    dueAt: null,
    tags: [word],
    estimatedHours: null,
    source: { kind: "manual" },
    externalKey: null,
    createdAt: at,
    updatedAt: at,
    completedAt: status === "completed" ? at : null,
  };
}

/** The seeded project as import records; bench/convex/store.bench-test.ts loads the same into Convex. */
export function seedRecords(project: string, count: number, assignees: string[], at: string): ExportRecord[] {
  return [
    { type: "project", key: project, name: "At scale", description: null, status: "active", repos: [], paths: [`/bench/${project.toLowerCase()}`], settings: {}, createdAt: at },
    ...Array.from({ length: count }, (_, j) => seededTask(project, j, assignees)),
  ];
}

export const SEED_PATH = "/bench/seed";

/** The seeding route, with the app's request context, authentication and error shape. */
export const seed = new Hono<AppEnv>();
seed.use("*", requestContext);
seed.onError((err, c) => errorResponse(c, err));
seed.post(SEED_PATH, authenticate, requireScope("admin"), async (c) => {
  const { project, count, assignees } = seedBody.parse(await c.req.json());
  const at = new Date().toISOString();
  // importProject writes the whole project in one batch: thousands of tasks a second instead of one createTask
  // (three D1 round trips) per task, which took about 20 minutes for 100,000. It needs a project without tasks.
  const result = await c.get("services").store.importProject(seedRecords(project, count, assignees, at), "token:bench", at);
  return c.json({ seeded: result.counts.tasks }, 201);
});
