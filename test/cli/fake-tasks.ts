// The stand-in hub's task routes: an in-memory task list answering /api/tasks, its status and dependencies, /api/auth/me
// and /openapi.json's NewTask, with the real routes' statuses, filters and error shape.

export type FakeTask = {
  id: string;
  key: string;
  projectKey: string;
  number: number;
  title: string;
  description: string | null;
  status: string;
  priority: string;
  assigneeId: string | null;
  dueAt: string | null;
  tags: string[];
  parent?: string | null;
};

export type Answer = { status: number; body: unknown } | { status: number; problem: { code: string; message: string; details?: unknown } };

/**
 * How the hub treats `parent` on POST /api/tasks: "supported" (subtasks landed), "stripped" (today's hub: zod drops the
 * unknown field, NewTask does not list it), "refused" (a strict schema's 400, no /openapi.json to read first).
 */
export type ParentMode = "supported" | "stripped" | "refused";

const STATUSES = ["todo", "in_progress", "review", "completed", "cancelled"];
const OPEN = ["todo", "in_progress", "review"];
const PRIORITIES = ["low", "medium", "high", "urgent"];

export class FakeTasks {
  readonly tasks = new Map<string, FakeTask>();
  /** [task, dependsOn] pairs. */
  readonly deps: [string, string][] = [];
  readonly projects = new Set<string>();
  /** A task's activity log as GET /api/tasks/{key} lists it, newest first. */
  readonly activity = new Map<string, { id: number; at: string; actor: string; action: string; data: Record<string, unknown> }[]>();
  /** What GET /api/auth/me answers; undefined: the route does not exist. */
  me: { userId: string | null; name: string } | undefined;
  parentMode: ParentMode = "stripped";

  constructor(projects: string[] = ["HUB"]) {
    for (const p of projects) this.projects.add(p);
  }

  /** Seeds a task as the store would hold it; numbers count up per project. */
  add(projectKey: string, fields: Partial<FakeTask> & { title: string }): FakeTask {
    const number = [...this.tasks.values()].filter((t) => t.projectKey === projectKey).length + 1;
    const t: FakeTask = {
      id: `t_${projectKey}_${number}`, key: `${projectKey}-${number}`, projectKey, number, description: null, status: "todo",
      priority: "medium", assigneeId: null, dueAt: null, tags: [], ...fields,
    };
    this.tasks.set(t.key, t);
    return t;
  }

  private blocked(key: string) {
    return this.deps.some(([t, d]) => t === key && OPEN.includes(this.tasks.get(d)!.status));
  }

  /** From dependsOn, following what each task waits for, back to task: the real store's details.path. */
  private cyclePath(task: string, dependsOn: string): string[] | null {
    if (task === dependsOn) return [task, task];
    const walk = (at: string, path: string[]): string[] | null => {
      if (at === task) return path;
      for (const [t, d] of this.deps) if (t === at && !path.includes(d)) {
        const found = walk(d, [...path, d]);
        if (found) return found;
      }
      return null;
    };
    const p = walk(dependsOn, [dependsOn]);
    return p ? [task, ...p] : null;
  }

  private notFound(key: string): Answer {
    return { status: 404, problem: { code: "not_found", message: `Task ${key} not found` } };
  }

  handle(method: string, url: URL, raw: string): Answer | null {
    const p = url.pathname;
    const body = () => JSON.parse(raw || "{}") as Record<string, unknown>;
    if (method === "GET" && p === "/api/auth/me") {
      return this.me ? { status: 200, body: { ...this.me, scopes: ["read", "write"] } } : { status: 404, problem: { code: "not_found", message: "No route for GET /api/auth/me" } };
    }
    if (method === "GET" && p === "/openapi.json") {
      if (this.parentMode === "refused") return { status: 404, problem: { code: "not_found", message: "No route for GET /openapi.json" } };
      const properties: Record<string, unknown> = { project: {}, title: {}, description: {}, priority: {}, dueAt: {}, tags: {}, assignee: {} };
      if (this.parentMode === "supported") properties.parent = { type: "string" };
      return { status: 200, body: { openapi: "3.1.0", components: { schemas: { NewTask: { type: "object", properties } } } } };
    }
    if (method === "GET" && p === "/api/tasks") return this.list(url.searchParams);
    if (method === "POST" && p === "/api/tasks") return this.create(body());
    const m = /^\/api\/tasks\/([^/]+)(\/status|\/dependencies)?$/.exec(p);
    if (!m) return null;
    const key = decodeURIComponent(m[1]).toUpperCase();
    const t = this.tasks.get(key);
    if (!t) return this.notFound(decodeURIComponent(m[1]));
    if (method === "GET" && !m[2]) {
      const dependsOn = this.deps.filter(([k]) => k === key).map(([, d]) => d);
      const blocks = this.deps.filter(([, d]) => d === key).map(([k]) => k);
      return { status: 200, body: { ...t, links: [], activity: this.activity.get(key) ?? [], dependsOn, blocks } };
    }
    if (method === "PUT" && m[2] === "/status") {
      const { status } = body();
      if (typeof status !== "string" || !STATUSES.includes(status)) return invalid([{ path: ["status"], message: "Invalid option" }]);
      t.status = status;
      return { status: 200, body: t };
    }
    if (method === "POST" && m[2] === "/dependencies") {
      const { dependsOn } = body();
      if (typeof dependsOn !== "string" || !dependsOn.trim()) return invalid([{ path: ["dependsOn"], message: "Too small" }]);
      const blocker = this.tasks.get(dependsOn.toUpperCase());
      if (!blocker) return this.notFound(dependsOn);
      const path = this.cyclePath(t.key, blocker.key);
      if (path) {
        const message = `${t.key} cannot depend on ${blocker.key}: ${path.join(" → ")} would be a cycle`;
        return { status: 409, problem: { code: "dependency_cycle", message, details: { path } } };
      }
      const exists = this.deps.some(([a, b]) => a === t.key && b === blocker.key);
      if (!exists) this.deps.push([t.key, blocker.key]);
      return { status: exists ? 200 : 201, body: { task: t.key, dependsOn: blocker.key, added: !exists } };
    }
    return null;
  }

  private list(q: URLSearchParams): Answer {
    const statuses = q.get("status")?.split(",").map((s) => s.trim());
    if (statuses?.some((s) => !STATUSES.includes(s))) return invalid([{ path: ["status"], message: "Invalid option" }]);
    const limit = Number(q.get("limit") ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) return invalid([{ path: ["limit"], message: "Too big" }]);
    const blocked = q.get("blocked");
    const all = [...this.tasks.values()]
      .filter((t) => !q.get("project") || t.projectKey === q.get("project"))
      .filter((t) => !statuses || statuses.includes(t.status))
      .filter((t) => !q.get("assignee") || t.assigneeId === q.get("assignee"))
      .filter((t) => blocked === null || this.blocked(t.key) === (blocked === "true"))
      .sort((a, b) => a.projectKey.localeCompare(b.projectKey) || a.number - b.number);
    const from = Number(q.get("cursor") ?? 0);
    const page = all.slice(from, from + limit);
    return { status: 200, body: { tasks: page, nextCursor: from + limit < all.length ? String(from + limit) : null } };
  }

  private create(b: Record<string, unknown>): Answer {
    const { project, title, priority, dueAt, parent, ...rest } = b;
    const known = ["description", "tags", "assignee"];
    const unknown = Object.keys(rest).filter((k) => !known.includes(k));
    if (parent !== undefined && this.parentMode === "refused") unknown.push("parent");
    if (unknown.length) return invalid([{ code: "unrecognized_keys", keys: unknown, path: [], message: `Unrecognized key: "${unknown[0]}"` }]);
    if (typeof title !== "string" || !title.trim()) return invalid([{ path: ["title"], message: "Too small" }]);
    if (priority !== undefined && !PRIORITIES.includes(String(priority))) return invalid([{ path: ["priority"], message: "Invalid option" }]);
    if (dueAt != null && (typeof dueAt !== "string" || !/^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:\d{2})$/.test(dueAt))) return invalid([{ path: ["dueAt"], message: "Invalid ISO datetime" }]);
    if (typeof project !== "string" || !this.projects.has(project)) return { status: 404, problem: { code: "not_found", message: `Project ${String(project)} not found` } };
    let parentKey: string | null = null;
    if (parent !== undefined && this.parentMode === "supported") {
      const up = this.tasks.get(String(parent).toUpperCase());
      if (!up) return this.notFound(String(parent));
      parentKey = up.key;
    }
    const t = this.add(project, {
      title: title.trim(), priority: typeof priority === "string" ? priority : "medium", dueAt: typeof dueAt === "string" ? new Date(dueAt).toISOString() : null,
      ...(this.parentMode === "supported" ? { parent: parentKey } : {}),
    });
    return { status: 201, body: t };
  }
}

function invalid(details: unknown[]): Answer {
  return { status: 400, problem: { code: "invalid_request", message: "The request does not match the schema", details } };
}
