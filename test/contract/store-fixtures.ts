// Builders the store contract uses: unique project keys, rising timestamps, session intents.

import type { TaskIntent } from "../../src/domain/extract/types";

/** A key no other test (or earlier run on the same database) has used. */
export const freshKey = (prefix = "P") => `${prefix}${crypto.randomUUID().replace(/-/g, "").slice(0, 8).toUpperCase()}`;

let tick = 0;
/** Strictly rising ISO times, far enough ahead that "newest first" lists put them on top. */
export const nextAt = () => new Date(Date.UTC(2990, 0, 1) + ++tick * 1000).toISOString();

export const origin = (sessionId: string, at = nextAt(), lineUuid = crypto.randomUUID()) => ({
  sessionId, lineUuid, at, cwd: null, gitBranch: null, chain: "main",
});

export const list = (sessionId: string, items: { key: string; title: string; status?: "todo" | "in_progress" | "completed" }[], at?: string): TaskIntent => ({
  type: "list",
  origin: origin(sessionId, at),
  items: items.map((i) => ({ externalKey: i.key, title: i.title, status: i.status ?? "todo" })),
  tags: [],
});

export const upsert = (sessionId: string, externalKey: string, title: string, matchByTitle = false): TaskIntent => ({
  type: "upsert", origin: origin(sessionId), externalKey, source: "task-tool", title, tags: [], matchByTitle,
});

export const depend = (sessionId: string, externalKey: string, dependsOnExternalKey: string): TaskIntent => ({
  type: "depend", origin: origin(sessionId), externalKey, dependsOnExternalKey,
});
