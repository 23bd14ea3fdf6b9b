// Validators shared by the schema and the functions, each with its inferred type beside it.

import { v, type Infer } from "convex/values";

export const vTaskStatus = v.union(v.literal("todo"), v.literal("in_progress"), v.literal("review"), v.literal("completed"), v.literal("cancelled"));
export type TaskStatus = Infer<typeof vTaskStatus>;

export const vPriority = v.union(v.literal("low"), v.literal("medium"), v.literal("high"), v.literal("urgent"));
export type Priority = Infer<typeof vPriority>;

export const vSourceKind = v.union(
  v.literal("manual"), v.literal("todowrite"), v.literal("task-tool"), v.literal("prose"),
  v.literal("compaction"), v.literal("github-issue"), v.literal("import"),
);
export type SourceKind = Infer<typeof vSourceKind>;

export const vScope = v.union(v.literal("ingest"), v.literal("read"), v.literal("write"), v.literal("admin"));
export type Scope = Infer<typeof vScope>;

export const vProjectStatus = v.union(v.literal("active"), v.literal("completed"), v.literal("archived"));
export type ProjectStatus = Infer<typeof vProjectStatus>;

export const vRole = v.union(v.literal("owner"), v.literal("member"), v.literal("viewer"));
export type Role = Infer<typeof vRole>;

export const vDigest = v.union(v.literal("off"), v.literal("daily"), v.literal("weekly"));
export type Digest = Infer<typeof vDigest>;

export const vLinkKind = v.union(v.literal("commit"), v.literal("pull_request"), v.literal("issue"), v.literal("session"));
export type LinkKind = Infer<typeof vLinkKind>;

export const vTimeSource = v.union(v.literal("session"), v.literal("commit"), v.literal("manual"));
export type TimeSource = Infer<typeof vTimeSource>;

export const vDeliveryStatus = v.union(v.literal("received"), v.literal("emitted"), v.literal("processed"), v.literal("failed"), v.literal("ignored"));
export type DeliveryStatus = Infer<typeof vDeliveryStatus>;

export const vEmailKind = v.union(
  v.literal("deadline"), v.literal("overdue"), v.literal("unblocked"), v.literal("nudge"), v.literal("escalation"), v.literal("digest"),
);
export type EmailKind = Infer<typeof vEmailKind>;

export const vEmailStatus = v.union(v.literal("queued"), v.literal("sent"), v.literal("failed"));
export type EmailStatus = Infer<typeof vEmailStatus>;

/** Free-form JSON objects (activity data, project settings). */
export const vJsonObject = v.record(v.string(), v.any());
export type JsonObject = Infer<typeof vJsonObject>;

// What the functions return: the domain types of src/ports/store.ts, so the adapter maps nothing.

export const vTask = v.object({
  id: v.string(),
  projectId: v.string(),
  projectKey: v.string(),
  number: v.number(),
  key: v.string(),
  title: v.string(),
  description: v.nullable(v.string()),
  status: vTaskStatus,
  priority: vPriority,
  assigneeId: v.nullable(v.string()),
  creatorId: v.nullable(v.string()),
  dueAt: v.nullable(v.string()),
  tags: v.array(v.string()),
  estimatedHours: v.nullable(v.number()),
  source: v.object({ kind: vSourceKind, ref: v.optional(v.string()) }),
  externalKey: v.nullable(v.string()),
  createdAt: v.string(),
  updatedAt: v.string(),
  completedAt: v.nullable(v.string()),
  version: v.number(),
});
export type Task = Infer<typeof vTask>;

export const vTaskChange = v.object({
  task: vTask,
  from: v.nullable(v.object({ status: vTaskStatus, dueAt: v.nullable(v.string()) })),
});
export type TaskChange = Infer<typeof vTaskChange>;

export const vProject = v.object({
  id: v.string(),
  key: v.string(),
  name: v.string(),
  description: v.nullable(v.string()),
  status: vProjectStatus,
  repos: v.array(v.string()),
  paths: v.array(v.string()),
  settings: vJsonObject,
  createdAt: v.string(),
  updatedAt: v.string(),
});
export type Project = Infer<typeof vProject>;

export const vToken = v.object({
  id: v.string(),
  userId: v.nullable(v.string()),
  name: v.string(),
  scopes: v.array(vScope),
  createdAt: v.string(),
  lastUsedAt: v.nullable(v.string()),
  revokedAt: v.nullable(v.string()),
});
export type Token = Infer<typeof vToken>;

export const vLink = v.object({
  kind: vLinkKind,
  ref: v.string(),
  url: v.nullable(v.string()),
  state: v.nullable(v.string()),
  title: v.nullable(v.string()),
  createdAt: v.string(),
});
export type Link = Infer<typeof vLink>;

export const vActivity = v.object({
  id: v.number(),
  at: v.string(),
  actor: v.string(),
  action: v.string(),
  taskId: v.nullable(v.string()),
  taskKey: v.nullable(v.string()),
  projectId: v.nullable(v.string()),
  data: vJsonObject,
});
export type Activity = Infer<typeof vActivity>;

export const vDelivery = v.object({
  id: v.string(),
  source: v.string(),
  event: v.string(),
  status: vDeliveryStatus,
  error: v.nullable(v.string()),
  payload: v.nullable(v.string()),
  receivedAt: v.string(),
});
export type Delivery = Infer<typeof vDelivery>;

export const vTaskDetail = v.object({
  ...vTask.fields,
  links: v.array(vLink),
  activity: v.array(vActivity),
  dependsOn: v.array(v.string()),
  blocks: v.array(v.string()),
});
export type TaskDetail = Infer<typeof vTaskDetail>;

export const vEmailIn = {
  to: v.string(),
  userId: v.optional(v.nullable(v.string())),
  kind: vEmailKind,
  taskId: v.optional(v.nullable(v.string())),
  subject: v.string(),
  html: v.string(),
  text: v.string(),
  headers: v.optional(v.record(v.string(), v.string())),
  idempotencyKey: v.string(),
  status: vEmailStatus,
  providerId: v.nullable(v.string()),
  error: v.nullable(v.string()),
};

export const vEmailRecord = v.object({ ...vEmailIn, id: v.string(), createdAt: v.string() });
export type EmailRecord = Infer<typeof vEmailRecord>;

// What the Worker sends: the intents extracted from a Claude Code session (src/domain/extract/types.ts).

export const vIntentOrigin = v.object({
  sessionId: v.string(),
  lineUuid: v.string(),
  at: v.string(),
  cwd: v.nullable(v.string()),
  gitBranch: v.nullable(v.string()),
  chain: v.string(),
});

export const vTaskIntent = v.union(
  v.object({
    type: v.literal("list"),
    origin: vIntentOrigin,
    items: v.array(v.object({ externalKey: v.string(), title: v.string(), status: vTaskStatus, priority: v.optional(vPriority) })),
    tags: v.array(v.string()),
    parentExternalKey: v.optional(v.string()),
  }),
  v.object({
    type: v.literal("upsert"),
    origin: vIntentOrigin,
    externalKey: v.string(),
    source: v.union(v.literal("task-tool"), v.literal("prose"), v.literal("compaction")),
    title: v.optional(v.string()),
    description: v.optional(v.string()),
    status: v.optional(vTaskStatus),
    priority: v.optional(vPriority),
    dueAt: v.optional(v.string()),
    tags: v.array(v.string()),
    matchByTitle: v.boolean(),
    parentExternalKey: v.optional(v.string()),
  }),
  v.object({ type: v.literal("depend"), origin: vIntentOrigin, externalKey: v.string(), dependsOnExternalKey: v.string() }),
  v.object({ type: v.literal("time"), origin: vIntentOrigin, minutes: v.number() }),
);
export type TaskIntent = Infer<typeof vTaskIntent>;

export const vIntentBatch = v.object({
  sessionId: v.string(),
  projectId: v.string(),
  cwd: v.nullable(v.string()),
  gitBranch: v.nullable(v.string()),
  intents: v.array(vTaskIntent),
});
export type IntentBatch = Infer<typeof vIntentBatch>;

export const vCommitRef = v.object({
  sha: v.string(),
  url: v.string(),
  message: v.string(),
  repo: v.string(),
  taskKey: v.string(),
  close: v.boolean(),
  start: v.boolean(),
  actor: v.string(),
  at: v.string(),
});
export type CommitRef = Infer<typeof vCommitRef>;

export const vComment = v.object({ id: v.string(), author: v.string(), body: v.string(), createdAt: v.string() });
export type Comment = Infer<typeof vComment>;

export const vTimeEntry = v.object({
  id: v.string(),
  userId: v.nullable(v.string()),
  minutes: v.number(),
  source: vTimeSource,
  ref: v.nullable(v.string()),
  createdAt: v.string(),
});
export type TimeEntry = Infer<typeof vTimeEntry>;
