// POST /bench/seed: fills a project through the Store port for `npm run bench`; admin only, and absent unless TASKHUB_BENCH=1.

import { Hono } from "hono";
import { z } from "zod";
import { requireScope } from "../http/auth";
import type { AppEnv } from "../http/context";
import { ApiError } from "../http/errors";

const PRIORITIES = ["low", "medium", "high", "urgent"] as const;
const WORDS = ["deploy", "parser", "login", "billing", "search", "webhook", "digest", "cache", "export", "migration", "timeout", "dashboard"];
/** Concurrent createTask calls: enough to keep D1 busy, few enough to stay under its statement queue. */
const PARALLEL = 16;

const seedBody = z.object({ project: z.string().min(1), from: z.number().int().min(0), count: z.number().int().min(1).max(5_000) });

export const bench = new Hono<AppEnv>().post("/bench/seed", async (c, next) => {
  // Looks like any unknown route when bench mode is off, so production shows nothing here.
  if (c.get("services").config.TASKHUB_BENCH !== "1") throw new ApiError(404, "not_found", `No route for POST /bench/seed`);
  return next();
}, requireScope("admin"), async (c) => {
  const { project, from, count } = seedBody.parse(await c.req.json());
  const { store } = c.get("services");
  const at = new Date().toISOString();
  for (let i = from; i < from + count; i += PARALLEL) {
    const n = Math.min(PARALLEL, from + count - i);
    await Promise.all(
      Array.from({ length: n }, (_, k) => {
        const j = i + k;
        const word = WORDS[j % WORDS.length];
        return store.createTask(
          { projectKey: project, title: `Seeded ${word} task ${j}`, description: `Bench task ${j} about the ${word} code path`, priority: PRIORITIES[j % 4], tags: [word] },
          "token:bench",
          at,
        );
      }),
    );
  }
  return c.json({ seeded: count }, 201);
});
