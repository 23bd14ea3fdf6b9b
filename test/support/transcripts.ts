// Posting Claude Code transcripts to the hub in workerd, and what the TodoWrite lists in them say the tasks must be.

import { env } from "cloudflare:test";
import { call, eventually, queueDrained } from "./hub";

export interface ApiTask {
  key: string;
  title: string;
  status: string;
  priority: string;
  dueAt: string | null;
  tags: string[];
  source: { kind: string; ref?: string };
}

export const postTranscript = (body: string, token?: string | null) =>
  call("/transcripts", { method: "POST", body, token, headers: { "content-type": "application/x-ndjson" } });

export const postHook = (payload: unknown, token?: string | null) => call("/hooks/claude", { method: "POST", json: payload, token });

/** Waits until every delivery posted so far is stored and worked by its workflow (ingress answers before either). */
export async function settled(): Promise<void> {
  await queueDrained();
  await eventually(
    async () => {
      const row = await env.DB.prepare(`SELECT count(*) AS n FROM deliveries WHERE status IN ('received', 'emitted')`).first<{ n: number }>();
      return row?.n === 0;
    },
    { tries: 600, everyMs: 50 },
  );
}

export async function projectTasks(project: string): Promise<ApiTask[]> {
  const out: ApiTask[] = [];
  let cursor: string | null = null;
  do {
    const res = await call(`/api/tasks?project=${project}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    if (res.status !== 200) throw new Error(`GET /api/tasks: ${res.status} ${await res.text()}`);
    const page = (await res.json()) as { tasks: ApiTask[]; nextCursor: string | null };
    out.push(...page.tasks);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** The fixture as a session of its own, in a folder of its own: tests in one file share a database. */
export function asSession(text: string, sessionId: string, cwd: string): string {
  return text
    .split("\n")
    .map((line) => {
      let raw: Record<string, unknown>;
      try {
        raw = JSON.parse(line);
      } catch {
        return line;
      }
      if (raw && typeof raw === "object" && "sessionId" in raw) {
        raw.sessionId = sessionId;
        if ("cwd" in raw) raw.cwd = cwd;
      }
      return JSON.stringify(raw);
    })
    .join("\n");
}

/** Splits at line boundaries into n slices of about equal line counts. */
export function slices(text: string, n: number): string[] {
  const lines = text.split("\n").filter((l) => l.trim());
  const size = Math.ceil(lines.length / n);
  return Array.from({ length: n }, (_, i) => lines.slice(i * size, (i + 1) * size).join("\n") + "\n").filter((s) => s.trim());
}

const STATUS: Record<string, string> = { pending: "todo", in_progress: "in_progress", completed: "completed" };

export interface ExpectedItem {
  chain: string;
  title: string;
  status: string;
}

/**
 * The latest TodoWrite list of every chain, worked out independently of the extractor: a sidechain line's chain is
 * its agentId, else the first line of its run found by following parentUuid through the whole session.
 */
/** The fixtures' TodoWrite items that are session rituals, not tasks: the extractor leaves them out (issue #14, item 5). */
export const RITUAL_ITEMS = new Set(["Run tests and lint", "Commit and create PR", "Run tests to verify fixes"]);

export function todoTruth(lines: string[], upTo = lines.length): ExpectedItem[] {
  const recs = lines.flatMap((l) => {
    try {
      const r = JSON.parse(l);
      return r && typeof r === "object" ? [r as Record<string, any>] : [];
    } catch {
      return [];
    }
  });
  const byUuid = new Map(recs.filter((r) => r.uuid).map((r) => [r.uuid as string, r]));
  const rootOf = (r: Record<string, any>): string => {
    let cur = r;
    for (let hops = 0; cur.parentUuid && byUuid.get(cur.parentUuid)?.isSidechain && hops < 100_000; hops++) cur = byUuid.get(cur.parentUuid)!;
    return cur.uuid;
  };
  const latest = new Map<string, ExpectedItem[]>();
  const upToUuids = new Set(recs.slice(0, upTo).map((r) => r.uuid));
  for (const r of recs) {
    if (!upToUuids.has(r.uuid)) continue;
    const content = Array.isArray(r.message?.content) ? r.message.content : [];
    for (const b of content) {
      if (b?.type !== "tool_use" || b.name !== "TodoWrite" || !Array.isArray(b.input?.todos)) continue;
      const chain = !r.isSidechain ? "main" : (r.agentId ?? rootOf(r));
      const items = new Map<string, ExpectedItem>();
      for (const t of b.input.todos) {
        const title = String(t?.content ?? "").trim();
        if (title && !RITUAL_ITEMS.has(title)) items.set(title.toLowerCase(), { chain, title, status: STATUS[t.status] ?? "todo" });
      }
      latest.set(chain, [...items.values()]);
    }
  }
  return [...latest.values()].flat();
}

/** How many expected items a task shows (same title and status, each task counted once), and the open tasks left over. */
export function agreement(expected: ExpectedItem[], tasks: ApiTask[]): { agreed: number; total: number; extras: ApiTask[] } {
  const pool = tasks.filter((t) => t.source.kind === "todowrite" && t.status !== "cancelled");
  const used = new Set<ApiTask>();
  let agreed = 0;
  for (const item of expected) {
    const hit = pool.find((t) => !used.has(t) && t.title === item.title && t.status === item.status);
    if (hit) {
      used.add(hit);
      agreed++;
    }
  }
  // Completed items may leave a list for good; an open task no list accounts for is a stale copy or noise.
  return { agreed, total: expected.length, extras: pool.filter((t) => !used.has(t) && t.status !== "completed") };
}
