// Validators shared by the schema and the functions, each with its inferred type beside it.

import { v, type Infer, type VLiteral, type VUnion } from "convex/values";
import { ACTIVITY_ACTIONS } from "../src/domain/activity";
import { DELIVERY_STATUSES } from "../src/domain/deliveries";
import { LINK_KINDS } from "../src/domain/links";
import { ROLES, SCOPES } from "../src/domain/permissions";
import { PROJECT_STATUSES } from "../src/domain/projects";
import { PULL_REQUEST_STATES } from "../src/domain/pull-requests";
import { TIME_SOURCES } from "../src/domain/task-records";
import { PRIORITIES, SOURCE_KINDS, TASK_STATUSES } from "../src/domain/tasks";
import { DIGEST_MODES, EMAIL_KINDS, EMAIL_STATUSES } from "../src/domain/users";

/** A union of the literals a domain constant declares: the one list both stores and the validators read. */
function literals<T extends string>(values: readonly [T, T, ...T[]]): VUnion<T, VLiteral<T>[]> {
  const [a, b, ...rest] = values.map((x) => v.literal(x));
  return v.union(a, b, ...rest);
}

export const vTaskStatus = literals(TASK_STATUSES);
export type TaskStatus = Infer<typeof vTaskStatus>;

export const vPriority = literals(PRIORITIES);
export type Priority = Infer<typeof vPriority>;

export const vSourceKind = literals(SOURCE_KINDS);
export type SourceKind = Infer<typeof vSourceKind>;

export const vScope = literals(SCOPES);
export type Scope = Infer<typeof vScope>;

export const vProjectStatus = literals(PROJECT_STATUSES);
export type ProjectStatus = Infer<typeof vProjectStatus>;

export const vRole = literals(ROLES);
export type Role = Infer<typeof vRole>;

export const vDigest = literals(DIGEST_MODES);
export type Digest = Infer<typeof vDigest>;

export const vLinkKind = literals(LINK_KINDS);
export type LinkKind = Infer<typeof vLinkKind>;

export const vTimeSource = literals(TIME_SOURCES);
export type TimeSource = Infer<typeof vTimeSource>;

export const vDeliveryStatus = literals(DELIVERY_STATUSES);
export type DeliveryStatus = Infer<typeof vDeliveryStatus>;

export const vEmailKind = literals(EMAIL_KINDS);
export type EmailKind = Infer<typeof vEmailKind>;

export const vEmailStatus = literals(EMAIL_STATUSES);
export type EmailStatus = Infer<typeof vEmailStatus>;

export const vPullRequestState = literals(PULL_REQUEST_STATES);

export const vActivityAction = literals(ACTIVITY_ACTIONS);
export type ActivityAction = Infer<typeof vActivityAction>;

/** Free-form JSON objects (activity data, project settings). */
export const vJsonObject = v.record(v.string(), v.any());
export type JsonObject = Infer<typeof vJsonObject>;

// What the functions return: the domain types of src/domain and src/ports/store, so the adapter maps nothing.

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
  parentId: v.nullable(v.string()),
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
  projects: v.nullable(v.array(v.string())),
  createdAt: v.string(),
  lastUsedAt: v.nullable(v.string()),
  revokedAt: v.nullable(v.string()),
  expiresAt: v.nullable(v.string()),
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
  action: vActivityAction,
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
  parent: v.nullable(v.string()),
  subtasks: v.array(v.string()),
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
  projectIds: v.array(v.string()),
  close: v.boolean(),
  start: v.boolean(),
  review: v.optional(v.boolean()),
  comments: v.optional(v.array(v.string())),
  minutes: v.optional(v.number()),
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

// People and members (#6): the User of src/domain/users.ts and the port's Member.

export const vNewUser = {
  email: v.string(),
  name: v.string(),
  githubLogin: v.optional(v.nullable(v.string())),
  timezone: v.string(),
  digest: vDigest,
  digestHour: v.number(),
};

export const vUserPatch = v.object({
  email: v.optional(v.string()),
  name: v.optional(v.string()),
  githubLogin: v.optional(v.nullable(v.string())),
  timezone: v.optional(v.string()),
  digest: v.optional(vDigest),
  digestHour: v.optional(v.number()),
});
export type UserPatch = Infer<typeof vUserPatch>;

export const vUser = v.object({
  id: v.string(),
  email: v.string(),
  name: v.string(),
  githubLogin: v.nullable(v.string()),
  timezone: v.string(),
  digest: vDigest,
  digestHour: v.number(),
  unsubscribed: v.array(vEmailKind),
  lastDigestAt: v.nullable(v.string()),
  createdAt: v.string(),
  updatedAt: v.string(),
});
export type User = Infer<typeof vUser>;

export const vMember = v.object({ userId: v.string(), email: v.string(), name: v.string(), role: vRole });
export type Member = Infer<typeof vMember>;

// Dependencies and digests (#6).

export const vReleased = v.object({
  unblocked: v.array(vTask),
  stillBlocked: v.array(v.object({ task: vTask, blockers: v.array(vTask) })),
});
export type Released = Infer<typeof vReleased>;

export const vBlockerWithWaiting = v.object({ blocker: vTask, waiting: v.array(vTask) });

export const vDigestSections = v.object({
  completed: v.array(vTask),
  inProgress: v.array(vTask),
  dueSoon: v.array(vTask),
  overdue: v.array(vTask),
  blocked: v.array(vTask),
  unblocked: v.array(vTask),
});

// Projects: settings, graph, export and import, reports (#7).

export const vProjectPatch = v.object({
  name: v.optional(v.string()),
  description: v.optional(v.nullable(v.string())),
  status: v.optional(vProjectStatus),
  repos: v.optional(v.array(v.string())),
  paths: v.optional(v.array(v.string())),
  settings: v.optional(vJsonObject),
});
export type ProjectPatch = Infer<typeof vProjectPatch>;

export const vProjectGraph = v.object({
  tasks: v.array(vTask),
  edges: v.array(v.object({ taskId: v.string(), dependsOnId: v.string() })),
});

export const vReportData = v.object({
  completed: v.array(v.object({ projectKey: v.string(), createdAt: v.string(), completedAt: v.string() })),
  time: v.array(v.object({ taskKey: v.string(), title: v.string(), userId: v.nullable(v.string()), minutes: v.number(), at: v.string() })),
  estimates: v.array(
    v.object({
      taskKey: v.string(), title: v.string(), projectKey: v.string(), assigneeId: v.nullable(v.string()), completedAt: v.nullable(v.string()),
      estimatedHours: v.number(), minutes: v.number(),
    }),
  ),
});

/** The records of src/domain/export.ts (zod checks them at the route; this checks their shape at the door). */
export const vExportRecord = v.union(
  v.object({
    type: v.literal("project"), key: v.string(), name: v.string(), description: v.nullable(v.string()), status: vProjectStatus,
    repos: v.array(v.string()), paths: v.array(v.string()), settings: vJsonObject, createdAt: v.string(),
  }),
  v.object({
    type: v.literal("task"), key: v.string(), title: v.string(), description: v.nullable(v.string()), status: vTaskStatus, priority: vPriority,
    assigneeId: v.nullable(v.string()), creatorId: v.nullable(v.string()), dueAt: v.nullable(v.string()), tags: v.array(v.string()),
    estimatedHours: v.nullable(v.number()), source: v.object({ kind: v.string(), ref: v.optional(v.string()) }), externalKey: v.nullable(v.string()),
    parent: v.optional(v.nullable(v.string())), createdAt: v.string(), updatedAt: v.string(), completedAt: v.nullable(v.string()),
  }),
  v.object({ type: v.literal("dependency"), task: v.string(), dependsOn: v.string(), createdAt: v.string() }),
  v.object({ type: v.literal("comment"), task: v.string(), author: v.string(), body: v.string(), createdAt: v.string() }),
  v.object({
    type: v.literal("time"), task: v.string(), userId: v.nullable(v.string()), minutes: v.number(), source: vTimeSource, ref: v.nullable(v.string()),
    createdAt: v.string(),
  }),
  v.object({
    type: v.literal("link"), task: v.string(), kind: vLinkKind, ref: v.string(), url: v.nullable(v.string()), state: v.nullable(v.string()),
    title: v.nullable(v.string()), createdAt: v.string(),
  }),
  v.object({ type: v.literal("activity"), task: v.nullable(v.string()), at: v.string(), actor: v.string(), action: vActivityAction, data: vJsonObject }),
);

// GitHub: issues mirrored as tasks, pull requests and their one comment.

export const vCompactIssue = v.object({
  action: v.string(), repo: v.string(), number: v.number(), url: v.string(), title: v.string(), body: v.string(), open: v.boolean(),
  notPlanned: v.boolean(), assignee: v.nullable(v.string()), actor: v.string(), at: v.nullable(v.string()),
});

export const vPullRequestSync = v.object({
  repo: v.string(),
  number: v.number(),
  url: v.string(),
  title: v.string(),
  base: v.string(),
  event: v.object({ action: v.string(), open: v.boolean(), merged: v.boolean(), draft: v.boolean() }),
  intoDefaultBranch: v.boolean(),
  links: v.array(v.object({ taskKey: v.string(), closes: v.boolean() })),
  projectIds: v.array(v.string()),
  actor: v.string(),
  at: v.string(),
});
export type PullRequestSync = Infer<typeof vPullRequestSync>;

export const vPullRequestOutcome = v.object({ state: vPullRequestState, changes: v.array(vTaskChange), linked: v.array(v.string()) });
export type PullRequestOutcome = Infer<typeof vPullRequestOutcome>;

export const vPullRequestCommentData = v.object({ repo: v.string(), number: v.number(), commentId: v.nullable(v.number()), tasks: v.array(vTask) });

export const vPullRequestCommentOutcome = v.union(
  v.object({ commentId: v.number() }),
  v.object({ skipped: v.boolean(), status: v.nullable(v.number()), message: v.string() }),
);
