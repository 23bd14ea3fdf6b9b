// /mcp: Streamable HTTP MCP for Claude: a few tools with compact schemas and answers, behind the same bearer tokens.

import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { addDependency } from "../app/dependencies";
import { readableProjectList, requireProject } from "../app/permissions";
import { addComment } from "../app/task-records";
import { createTask, getTask, listTasks, updateTask } from "../app/tasks";
import { matchProjectByCwd } from "../domain/projects";
import { nextTask, taskLine } from "../domain/next-task";
import { OPEN_STATUSES, PRIORITIES, TASK_STATUSES, capText } from "../domain/tasks";
import { hasScope, requireScope } from "../http/auth";
import type { AppEnv } from "../http/context";
import { ApiError, toApiError } from "../http/errors";
import { useCaseOf } from "../http/permissions";
import { registerRunTools } from "./mcp-runs";

const LIST_LINES = 20;
const text = (t: string) => ({ content: [{ type: "text" as const, text: t }] });

/** Tool failures come back as MCP errors with our error code, so Claude can read what went wrong. */
async function answer(fn: () => Promise<string>) {
  try {
    return text(await fn());
  } catch (e) {
    const err = toApiError(e);
    return { ...text(`${err.code}: ${err.message}`), isError: true };
  }
}

function buildServer(c: Context<AppEnv>) {
  const ctx = useCaseOf(c);
  const server = new McpServer({ name: "taskhub", version: "1.0.0" });
  const mayWrite = () => {
    if (!hasScope(c.get("principal"), "write")) throw new ApiError(403, "forbidden", "This token lacks the write scope");
  };
  const write = async (fn: () => Promise<string>) => answer(async () => (mayWrite(), fn()));
  const key = z.string().describe("e.g. HUB-12");
  const due = z.string().describe("ISO date-time, or empty to clear");
  // A date the tool's caller wrote loosely is normalised; one that is no date at all goes on for the schema to refuse.
  const dueAt = (d: string | undefined) => (d === undefined ? undefined : d === "" ? null : Number.isNaN(Date.parse(d)) ? d : new Date(d).toISOString());

  server.registerTool(
    "list_tasks",
    {
      description: `Tasks, one per line, at most ${LIST_LINES}. Open ones unless status is given.`,
      inputSchema: { project: z.string().optional(), status: z.enum(TASK_STATUSES).optional(), q: z.string().optional().describe("text search"), cursor: z.string().optional() },
    },
    (a) =>
      answer(async () => {
        const page = await listTasks(ctx, { projectKey: a.project, status: a.status ? [a.status] : [...OPEN_STATUSES], q: a.q }, LIST_LINES, a.cursor);
        const more = page.nextCursor ? `\n(more: cursor ${page.nextCursor}, or narrow with project, status or q)` : "";
        return page.items.length ? page.items.map(taskLine).join("\n") + more : "no tasks";
      }),
  );

  server.registerTool("get_task", { description: "One task: details, dependencies, links, recent activity.", inputSchema: { key } }, (a) =>
    answer(async () => {
      const t = await getTask(ctx, a.key);
      return [
        taskLine(t),
        t.description ? capText(t.description, 1500) : null,
        t.tags.length ? `tags: ${t.tags.join(", ")}` : null,
        t.parent ? `subtask of: ${t.parent}` : null,
        t.subtasks.length ? `subtasks: ${t.subtasks.join(", ")}` : null,
        t.dependsOn.length ? `depends on: ${t.dependsOn.join(", ")}` : null,
        t.blocks.length ? `blocks: ${t.blocks.join(", ")}` : null,
        ...t.links.slice(-5).map((l) => `${l.kind}: ${l.url ?? l.ref}`),
        ...t.activity.slice(0, 5).map((x) => `${x.at.slice(0, 16)} ${x.action} by ${x.actor}`),
      ]
        .filter(Boolean)
        .join("\n");
    }),
  );

  server.registerTool(
    "create_task",
    {
      description: "Create a task.",
      inputSchema: {
        project: z.string(), title: z.string(), description: z.string().optional(), priority: z.enum(PRIORITIES).optional(), due: due.optional(),
        parent: z.string().optional().describe("parent task key"),
        estimate: z.number().optional().describe("hours"),
      },
    },
    (a) =>
      write(async () => {
        const t = await createTask(ctx, { project: a.project, title: a.title, description: a.description, priority: a.priority, dueAt: dueAt(a.due), parent: a.parent, estimatedHours: a.estimate });
        return `created ${taskLine(t)}`;
      }),
  );

  server.registerTool(
    "update_task",
    {
      description: "Change a task's status, priority, due date, assignee, title, parent or estimate.",
      inputSchema: {
        key,
        status: z.enum(TASK_STATUSES).optional(),
        priority: z.enum(PRIORITIES).optional(),
        due: due.optional(),
        assignee: z.string().optional().describe("user id or email; empty to clear"),
        title: z.string().optional(),
        parent: z.string().optional().describe("parent task key; empty to detach"),
        estimate: z.number().optional().describe("hours"),
      },
    },
    (a) =>
      write(async () => {
        const assignee = a.assignee === "" ? null : a.assignee;
        const parent = a.parent === "" ? null : a.parent;
        const t = await updateTask(ctx, a.key, { status: a.status, priority: a.priority, dueAt: dueAt(a.due), assignee, title: a.title, parent, estimatedHours: a.estimate });
        return `updated ${taskLine(t)}`;
      }),
  );

  server.registerTool("add_comment", { description: "Comment on a task.", inputSchema: { key, body: z.string() } }, (a) =>
    write(async () => {
      await addComment(ctx, a.key, { body: a.body });
      return `commented on ${a.key}`;
    }),
  );

  server.registerTool("add_dependency", { description: "key depends on dependsOn (it waits for it).", inputSchema: { key, dependsOn: key } }, (a) =>
    write(async () => {
      const added = await addDependency(ctx, a.key, { dependsOn: a.dependsOn });
      return added ? `${a.key} now depends on ${a.dependsOn}` : `${a.key} already depended on ${a.dependsOn}`;
    }),
  );

  server.registerTool(
    "next_task",
    {
      description: "The highest-priority unblocked open task of this repository's project.",
      inputSchema: { cwd: z.string().optional().describe("the repository folder"), project: z.string().optional() },
    },
    (a) =>
      answer(async () => {
        const project = a.project ?? (a.cwd ? matchProjectByCwd(await readableProjectList(ctx), a.cwd)?.key : undefined);
        if (!project) return "no project matches; pass project";
        await requireProject(ctx, project, "read");
        const page = await ctx.services.store.listTasks({ projectKey: project, status: ["todo", "in_progress"], blocked: false }, 200, null);
        const t = nextTask(page.items);
        return t ? taskLine(t) : `nothing open and unblocked in ${project}`;
      }),
  );

  registerRunTools(server, ctx, answer);
  return server;
}

/** Stateless: a server and transport per request, so any isolate can answer any call. */
export const mcp = new Hono<AppEnv>().all("/mcp", requireScope("read"), async (c) => {
  const server = buildServer(c);
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  return transport.handleRequest(c.req.raw);
});
