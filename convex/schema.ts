// The whole data model (DESIGN.md §5), the Convex twin of migrations/: one table per D1 table, an index per access path.

import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import {
  vActivityAction, vDeliveryStatus, vDigest, vEmailKind, vEmailStatus, vJsonObject, vLinkKind, vPriority, vProjectStatus, vPullRequestState, vRole, vScope,
  vSourceKind, vTaskIntent, vTaskStatus, vTimeSource,
} from "./validators";

const nullable = v.nullable;

export default defineSchema({
  // People: written by the people API and sign-in; never deleted (tasks keep their assignee).
  users: defineTable({
    email: v.string(), // as given; emailLower is what compares, as D1's COLLATE NOCASE does
    emailLower: v.string(),
    name: v.string(),
    githubLogin: nullable(v.string()),
    githubLoginLower: nullable(v.string()),
    timezone: v.string(),
    digest: vDigest,
    digestHour: v.number(),
    unsubscribed: v.array(v.string()),
    lastDigestAt: nullable(v.string()),
    createdAt: v.string(),
    updatedAt: v.string(),
  })
    .index("by_emailLower", ["emailLower"])
    .index("by_githubLoginLower", ["githubLoginLower"])
    .index("by_digest_digestHour", ["digest", "digestHour"]),

  // API tokens, stored as a SHA-256 hash: written by the token API; revoked, never deleted.
  tokens: defineTable({
    userId: nullable(v.string()),
    name: v.string(),
    hash: v.string(),
    scopes: v.array(vScope),
    projects: v.optional(nullable(v.array(v.string()))), // project keys an ingest may write to; absent or null: every one
    createdAt: v.string(),
    lastUsedAt: nullable(v.string()),
    revokedAt: nullable(v.string()),
    expiresAt: v.optional(nullable(v.string())), // sign-in tokens; absent or null: until revoked
  })
    .index("by_hash", ["hash"])
    .index("by_createdAt", ["createdAt"]),

  // Projects: written by the API (and INBOX on first use); archived, never deleted.
  projects: defineTable({
    key: v.string(),
    name: v.string(),
    description: nullable(v.string()),
    status: vProjectStatus,
    repos: v.array(v.string()), // owner/name, lower case; projectRepos indexes them
    paths: v.array(v.string()),
    settings: vJsonObject,
    createdAt: v.string(),
    updatedAt: v.string(),
  }).index("by_key", ["key"]),

  // One row per (project, repo): the index behind projectsForRepo; written with the project.
  projectRepos: defineTable({ projectId: v.id("projects"), repo: v.string() })
    .index("by_repo", ["repo"])
    .index("by_projectId", ["projectId"]),

  // Who belongs to a project: written by the people API; deleted when someone leaves.
  members: defineTable({ projectId: v.id("projects"), userId: v.id("users"), role: vRole })
    .index("by_projectId_userId", ["projectId", "userId"])
    .index("by_userId", ["userId"]),

  // Tasks: written by every domain step; cancelled, never deleted.
  tasks: defineTable({
    projectId: v.id("projects"),
    projectKey: v.string(), // keys never change; kept here so a task maps without a join
    number: v.number(),
    title: v.string(),
    titleNorm: v.string(),
    description: nullable(v.string()),
    searchText: v.optional(v.string()), // title and description, for search_text; optional so tasks written before it still load
    status: vTaskStatus,
    priority: vPriority,
    assigneeId: nullable(v.string()),
    creatorId: nullable(v.string()),
    dueAt: nullable(v.string()),
    tags: v.array(v.string()),
    estimatedHours: nullable(v.number()),
    sourceKind: vSourceKind,
    sourceRef: nullable(v.string()),
    sessionId: nullable(v.string()),
    chain: nullable(v.string()),
    parentId: nullable(v.id("tasks")),
    externalKey: nullable(v.string()),
    createdAt: v.string(),
    updatedAt: v.string(),
    completedAt: nullable(v.string()),
    version: v.number(),
  })
    .index("by_projectId_number", ["projectId", "number"])
    .index("by_externalKey", ["externalKey"])
    .index("by_estimatedHours", ["estimatedHours"])
    .index("by_parentId_number", ["parentId", "number"])
    .index("by_sessionId_chain_status", ["sessionId", "chain", "status"])
    .index("by_sessionId_status", ["sessionId", "status"])
    .index("by_titleNorm_status", ["titleNorm", "status"])
    .index("by_status_dueAt", ["status", "dueAt"])
    .index("by_assigneeId_status_completedAt", ["assigneeId", "status", "completedAt"])
    .index("by_status_completedAt", ["status", "completedAt"])
    .index("by_status_updatedAt", ["status", "updatedAt"])
    .index("by_createdAt", ["createdAt"])
    .index("by_projectId_createdAt", ["projectId", "createdAt"])
    .index("by_assigneeId_createdAt", ["assigneeId", "createdAt"])
    // A text search finds its matches here, not by walking the list: a sparse match is on the first page (model/list.ts).
    .searchIndex("search_text", { searchField: "searchText", filterFields: ["projectId"] }),

  // task depends on dependsOn: written by the dependency steps, which refuse cycles.
  dependencies: defineTable({ taskId: v.id("tasks"), dependsOnId: v.id("tasks"), createdAt: v.string() })
    .index("by_taskId_dependsOnId", ["taskId", "dependsOnId"])
    .index("by_dependsOnId", ["dependsOnId"]),

  // Comments: written by the API and smart commits; never deleted.
  comments: defineTable({
    taskId: v.id("tasks"),
    author: v.string(),
    body: v.string(),
    externalKey: nullable(v.string()),
    createdAt: v.string(),
  })
    .index("by_taskId_createdAt", ["taskId", "createdAt"])
    .index("by_externalKey", ["externalKey"]),

  // Time logged on tasks: written by sessions, smart commits and the API; never deleted.
  timeEntries: defineTable({
    taskId: v.id("tasks"),
    userId: nullable(v.string()),
    minutes: v.number(),
    source: vTimeSource,
    ref: nullable(v.string()),
    externalKey: nullable(v.string()),
    createdAt: v.string(),
  })
    .index("by_taskId", ["taskId"])
    .index("by_externalKey", ["externalKey"])
    .index("by_createdAt", ["createdAt"]),

  // Commits, PRs, issues and sessions linked to a task: written by the GitHub workflows.
  links: defineTable({
    taskId: v.id("tasks"),
    kind: vLinkKind,
    url: nullable(v.string()),
    ref: v.string(),
    state: nullable(v.string()),
    title: nullable(v.string()),
    closes: v.boolean(), // the linked PR (or commit) completes the task on merge; plain mentions only link
    createdAt: v.string(),
    updatedAt: v.string(),
  })
    .index("by_taskId_kind_ref", ["taskId", "kind", "ref"])
    .index("by_kind_ref", ["kind", "ref"]),

  // Every inbound delivery once (the ingress dedupe): written by ingress, then by the workflows.
  deliveries: defineTable({
    deliveryId: v.string(), // source-scoped: github:<X-GitHub-Delivery>, transcript:<hash>, hook:<hash>
    source: v.string(),
    event: v.string(),
    status: vDeliveryStatus,
    error: nullable(v.string()),
    payload: nullable(v.string()),
    emit: v.optional(nullable(v.string())), // the event envelope it starts, for the re-emit sweep
    bodyHash: v.optional(nullable(v.string())), // SHA-256 of the signed body (GitHub): the same body again is a duplicate
    receivedAt: v.string(),
    updatedAt: v.string(),
  })
    .index("by_deliveryId", ["deliveryId"])
    .index("by_bodyHash", ["bodyHash"])
    .index("by_receivedAt", ["receivedAt"])
    .index("by_status_receivedAt", ["status", "receivedAt"]),

  // Every transcript line seen, once: the per-line idempotency of POST /transcripts.
  transcriptLines: defineTable({ sessionId: v.string(), uuid: v.string() }).index("by_sessionId_uuid", ["sessionId", "uuid"]),

  // The chain (subagent run) of each sidechain line without an agentId: written by POST /transcripts, never deleted.
  transcriptChains: defineTable({ sessionId: v.string(), uuid: v.string(), chain: v.string() }).index("by_sessionId_uuid", ["sessionId", "uuid"]),

  // Pull requests the hub has seen: written by sync-pull-request on every event; never deleted.
  pullRequests: defineTable({
    prId: v.string(), // owner/repo#number, lower case: the ref of its task links
    repo: v.string(),
    number: v.number(),
    url: v.string(),
    title: v.string(),
    state: vPullRequestState,
    base: v.string(),
    commentId: nullable(v.number()),
    createdAt: v.string(),
    updatedAt: v.string(),
  }).index("by_prId", ["prId"]),

  // Claude Code sessions: written by extract-tasks.
  sessions: defineTable({
    sessionId: v.string(),
    projectId: nullable(v.string()),
    userId: nullable(v.string()),
    cwd: nullable(v.string()),
    gitBranch: nullable(v.string()),
    lastLineUuid: nullable(v.string()),
    lastAt: nullable(v.string()),
    activeMinutes: v.number(),
    chains: v.record(v.string(), v.string()), // chain → ISO time of the last list applied
    owner: v.optional(nullable(v.string())), // "user:<id>" or "token:<id>": whoever posted it first (D1 0013)
    createdAt: v.string(),
    updatedAt: v.string(),
  }).index("by_sessionId", ["sessionId"]),

  // Keys a task answers to besides its own externalKey: a Task-tool key that adopted a prose task (D1 0013 task_keys).
  taskKeys: defineTable({
    externalKey: v.string(),
    taskId: v.id("tasks"),
    createdAt: v.string(),
  })
    .index("by_externalKey", ["externalKey"])
    .index("by_taskId", ["taskId"]),

  // The email log (the outbox, or what Resend was asked to send): written by the mailers.
  emails: defineTable({
    to: v.string(),
    toLower: v.string(), // addresses compare without case, as D1's COLLATE NOCASE does
    userId: nullable(v.string()),
    kind: vEmailKind,
    taskId: nullable(v.string()),
    subject: v.string(),
    html: v.string(),
    text: v.string(),
    headers: v.record(v.string(), v.string()),
    idempotencyKey: v.string(),
    status: vEmailStatus,
    providerId: nullable(v.string()),
    error: nullable(v.string()),
    createdAt: v.string(),
    updatedAt: v.string(),
  })
    .index("by_idempotencyKey", ["idempotencyKey"])
    .index("by_createdAt", ["createdAt"])
    .index("by_toLower_createdAt", ["toLower", "createdAt"])
    .index("by_toLower_kind_createdAt", ["toLower", "kind", "createdAt"])
    .index("by_taskId_createdAt", ["taskId", "createdAt"])
    .index("by_taskId_kind_createdAt", ["taskId", "kind", "createdAt"])
    .index("by_kind_createdAt", ["kind", "createdAt"]),

  // The audit log and live feed: one row per task change, written in the same mutation.
  activity: defineTable({
    seq: v.number(), // monotonically increasing: the live feed's cursor (Activity.id)
    at: v.string(),
    actor: v.string(),
    action: vActivityAction,
    taskId: nullable(v.string()),
    taskKey: nullable(v.string()),
    projectId: nullable(v.string()),
    data: vJsonObject,
  })
    .index("by_seq", ["seq"])
    .index("by_taskId_seq", ["taskId", "seq"])
    .index("by_taskId_action_seq", ["taskId", "action", "seq"])
    .index("by_projectId_seq", ["projectId", "seq"])
    .index("by_actor_seq", ["actor", "seq"]),

  // GET /metrics: requests per minute, route, method, status and latency bucket (D1: migrations/0020), bumped by one upsert.
  requestMinutes: defineTable({
    minute: v.string(),
    route: v.string(),
    method: v.string(),
    status: v.number(),
    bucket: v.number(),
    count: v.number(),
    seconds: v.number(),
  }).index("by_key", ["minute", "route", "method", "status", "bucket"]),

  // Shared boards: a read-only link to one project, kept by the hash of its secret (D1: migrations/0021).
  sharedLinks: defineTable({
    linkId: v.string(),
    projectId: v.string(),
    secretHash: v.string(),
    label: v.string(),
    createdBy: v.string(),
    createdAt: v.string(),
    expiresAt: v.string(),
    revokedAt: nullable(v.string()),
  })
    .index("by_linkId", ["linkId"])
    .index("by_projectId_createdAt", ["projectId", "createdAt"]),

  // Held intents (migrations/0024): a session's update of a task not seen created yet, until its create arrives.
  heldIntents: defineTable({
    heldId: v.string(), // a hash of the intent and where it waits: a replayed post holds nothing twice
    projectId: v.string(),
    sessionId: v.string(),
    externalKey: v.string(),
    doorAt: v.string(),
    seq: v.number(),
    intent: vTaskIntent,
  })
    .index("by_heldId", ["heldId"])
    .index("by_projectId_externalKey", ["projectId", "externalKey"])
    .index("by_sessionId", ["sessionId"])
    .index("by_doorAt", ["doorAt"]),

  // Run traces (migrations/0023): each workflow run and its steps as the traced Step saw them; pruned by the roll-up cron.
  runTraces: defineTable({
    workflow: v.string(),
    eventId: v.string(),
    deliveryId: nullable(v.string()),
    engine: v.string(),
    input: v.string(),
    startedAt: v.string(),
    endedAt: nullable(v.string()),
    status: v.union(v.literal("running"), v.literal("complete"), v.literal("errored"), v.literal("terminated")),
    attempts: v.number(),
    error: nullable(v.string()),
  })
    .index("by_workflow_eventId", ["workflow", "eventId"])
    .index("by_deliveryId_startedAt", ["deliveryId", "startedAt"])
    .index("by_startedAt", ["startedAt"]),
  runSteps: defineTable({
    workflow: v.string(),
    eventId: v.string(),
    name: v.string(),
    seq: v.number(),
    kind: v.union(v.literal("run"), v.literal("sleep"), v.literal("send")),
    startedAt: v.string(),
    endedAt: nullable(v.string()),
    attempts: v.number(),
    error: nullable(v.string()),
    input: nullable(v.string()),
    output: nullable(v.string()),
  })
    .index("by_run_name", ["workflow", "eventId", "name"])
    .index("by_run_seq", ["workflow", "eventId", "seq"]),

  // Claims on opening a task's GitHub issue (migrations/0026, domain/issue-openings.ts): one per task and synced repository.
  issueOpenings: defineTable({
    taskId: v.id("tasks"),
    repo: v.string(),
    holder: v.string(),
    since: v.string(),
    expiresAt: v.string(),
    number: nullable(v.number()),
    url: nullable(v.string()),
  }).index("by_taskId_repo", ["taskId", "repo"]),

  // Named counters (the activity sequence): one doc each, bumped inside the mutation that uses it.
  counters: defineTable({ name: v.string(), value: v.number() }).index("by_name", ["name"]),
});
