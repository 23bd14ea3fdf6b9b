// The Store port: whole domain operations, each one transaction, implemented by D1 and Convex.

import type { TaskIntent } from "../domain/extract/types";
import type { Priority, Task, TaskStatus } from "../domain/tasks";
import type { ExportRecord } from "../domain/export";
import type { DigestSections } from "../domain/digest";
import type { Role } from "../domain/permissions";
import type { DigestMode, EmailKind, User } from "../domain/users";
import type { PullRequestState } from "../domain/pull-requests";
import type { CompactIssue } from "../domain/github-events";
import type { Email } from "./mailer";

export type Scope = "ingest" | "read" | "write" | "admin";
export type Actor = string; // "user:<id>", "token:<id>", "admin", "claude:<session>", "github:<login>", "system"

export interface Project {
  id: string;
  key: string;
  name: string;
  description: string | null;
  status: "active" | "completed" | "archived";
  repos: string[];
  paths: string[];
  settings: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface TokenRecord {
  id: string;
  userId: string | null;
  name: string;
  scopes: Scope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface Link {
  kind: "commit" | "pull_request" | "issue" | "session";
  ref: string;
  url: string | null;
  state: string | null;
  title: string | null;
  createdAt: string;
}

export interface Activity {
  id: number;
  at: string;
  actor: Actor;
  action: string;
  taskId: string | null;
  taskKey: string | null;
  projectId: string | null;
  data: Record<string, unknown>;
}

export interface Delivery {
  id: string;
  source: string;
  event: string;
  status: "received" | "emitted" | "processed" | "failed" | "ignored";
  error: string | null;
  payload: string | null;
  receivedAt: string;
}

export interface TaskDetail extends Task {
  links: Link[];
  activity: Activity[];
  dependsOn: string[]; // task keys
  blocks: string[];
}

export interface TaskFilter {
  projectKey?: string;
  status?: TaskStatus[];
  assigneeId?: string;
  priority?: Priority;
  tag?: string;
  q?: string;
  dueBefore?: string;
  dueAfter?: string;
  /** true: only tasks with an open blocker; false: only tasks without one. */
  blocked?: boolean;
  /** Only tasks of these projects (ids): what a person's token may read (domain/permissions.ts readableProjects). */
  projectIds?: string[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface NewTask {
  projectKey: string;
  title: string;
  description?: string | null;
  priority?: Priority;
  dueAt?: string | null;
  tags?: string[];
  assigneeId?: string | null;
}

export interface TaskPatch {
  title?: string;
  description?: string | null;
  priority?: Priority;
  dueAt?: string | null;
  tags?: string[];
  assigneeId?: string | null;
  status?: TaskStatus;
}

/** Task ids, each listed once; unknown ids are in neither list. */
export interface WatchedTasks {
  withDependents: string[];
  withOpenPullRequests: string[];
}

/** What changed, so the caller can emit events (status.changed, due.changed). */
export interface TaskChange {
  task: Task;
  from: Pick<Task, "status" | "dueAt"> | null; // null when the task was created
}

export interface IntentBatch {
  sessionId: string;
  projectId: string;
  cwd: string | null;
  gitBranch: string | null;
  intents: TaskIntent[];
}

export interface CommitRef {
  /** Unique per commit and task: the same commit seen again is not applied twice. */
  sha: string;
  url: string;
  message: string;
  repo: string;
  taskKey: string;
  close: boolean; // closing words and the commit is on the default branch
  start: boolean; // mentioned off the default branch: todo → in_progress
  /** Jira #review: forward to review. The move itself is domain/commits.ts commitTarget. */
  review?: boolean;
  /** Jira #comment texts and #time minutes; applied once per commit and task, however often it is seen. */
  comments?: string[];
  minutes?: number;
  actor: Actor;
  at: string;
}

/** One pull_request event, read: what it links and how it leaves the PR. */
export interface PullRequestSync {
  repo: string;
  number: number;
  url: string;
  title: string;
  base: string;
  /** The store folds this into the state it knows (domain/pull-requests.ts nextPullRequestState). */
  event: { action: string; open: boolean; merged: boolean; draft: boolean };
  intoDefaultBranch: boolean;
  links: { taskKey: string; closes: boolean }[];
  actor: Actor;
  at: string;
}

export interface PullRequestOutcome {
  state: PullRequestState;
  changes: TaskChange[];
  /** Keys of every task the PR links, from this event and earlier ones. */
  linked: string[];
}

/** What the one taskhub comment on a PR lists, and the id to edit it by. */
export interface PullRequestCommentData {
  repo: string;
  number: number;
  commentId: number | null;
  tasks: Task[];
}

/** A link a person asked for in a GitHub comment ("/taskhub link HUB-12"). */
export interface GitHubItemLink {
  taskKey: string;
  kind: "pull_request" | "issue";
  ref: string; // owner/repo#number, lower case
  url: string;
  title: string;
  actor: Actor;
  at: string;
}

export type PullRequestCommentOutcome = { commentId: number } | { skipped: boolean; status: number | null; message: string };

export interface TranscriptChunk {
  sessionId: string;
  newLineUuids: string[];
  duplicates: number;
}

export interface EmailRecord extends Email {
  id: string;
  status: "queued" | "sent" | "failed";
  providerId: string | null;
  error: string | null;
  createdAt: string;
  /** Filled when listed: the key of the task the email is about. */
  taskKey?: string | null;
}

// people, dependencies, deadlines and digests (#6)
export interface NewUser {
  email: string;
  name: string;
  githubLogin?: string | null;
  timezone: string;
  digest: DigestMode;
  digestHour: number;
}

export type UserPatch = Partial<NewUser>;

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
}

/** What a completion did to the tasks that depend on it. */
export interface Released {
  /** Dependents whose every blocker is now done. */
  unblocked: Task[];
  /** Dependents still waiting, with their open blockers. */
  stillBlocked: { task: Task; blockers: Task[] }[];
}

// dashboard, REST and MCP (#7)
export interface Comment {
  id: string;
  author: Actor;
  body: string;
  createdAt: string;
}

export interface TimeEntry {
  id: string;
  userId: string | null;
  minutes: number;
  source: "session" | "commit" | "manual";
  ref: string | null;
  createdAt: string;
}

export interface ProjectPatch {
  name?: string;
  description?: string | null;
  status?: Project["status"];
  repos?: string[];
  paths?: string[];
  settings?: Record<string, unknown>;
}

/** A project's tasks and the dependency edges among them (task depends on dependsOn). */
export interface ProjectGraph {
  tasks: Task[];
  edges: { taskId: string; dependsOnId: string }[];
}

/** What a report is computed from, for the tasks and time of the given window. */
export interface ReportData {
  completed: { projectKey: string; createdAt: string; completedAt: string }[];
  time: { taskKey: string; title: string; userId: string | null; minutes: number; at: string }[];
}

export interface NewDelivery {
  id: string;
  source: string;
  event: string;
  payload: string | null;
  at: string;
  emit?: string | null;
  status?: Delivery["status"];
  error?: string | null;
}

export class StoreError extends Error {
  constructor(
    readonly code: "not_found" | "conflict" | "invalid" | "cycle",
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface Store {
  readonly name: "d1" | "convex";

  // ingress bookkeeping
  /** `emit` is the event envelope (JSON) the delivery starts, kept so a lost emit can be retried. */
  /** A delivery that needs no workflow is recorded with its final `status` (and `error`, the reason) in the same write. */
  recordDelivery(d: NewDelivery): Promise<"new" | "duplicate">;
  /**
   * Delivery runs that may still hold the engine's resources: emitted since `since.running` and not ended,
   * or ended (processed, failed) since `since.ended`; counted up to `cap`.
   */
  deliveryRunsAlive(since: { running: string; ended: string }, cap: number): Promise<number>;
  /** Deliveries still "received" (never emitted) since before `receivedBefore`, oldest first. */
  stuckDeliveries(receivedBefore: string, limit: number): Promise<{ id: string; emit: string }[]>;
  getDelivery(id: string): Promise<Delivery | null>;
  setDeliveryStatus(id: string, status: Delivery["status"], error?: string | null): Promise<void>;
  listDeliveries(limit: number): Promise<Delivery[]>;
  /** Which of these transcript line uuids were recorded before (read only). */
  seenTranscriptLines(sessionId: string, uuids: string[]): Promise<Set<string>>;
  /** Records the uuids of a transcript slice once its intents are safely emitted. */
  recordTranscriptLines(sessionId: string, uuids: string[]): Promise<TranscriptChunk>;
  /** The chains recorded for these sidechain lines (pre-2.1 subagent runs carry no agentId) (#4). */
  lineChains(sessionId: string, uuids: string[]): Promise<Map<string, string>>;
  /** Records each sidechain line's chain once, so a slice that starts inside the run keeps its chain (#4). */
  recordLineChains(sessionId: string, chains: Record<string, string>): Promise<void>;

  // tokens
  createToken(t: { name: string; hash: string; scopes: Scope[]; userId?: string | null; at: string }): Promise<TokenRecord>;
  findTokenByHash(hash: string): Promise<TokenRecord | null>;
  listTokens(): Promise<TokenRecord[]>;
  revokeToken(id: string, at: string): Promise<boolean>;

  // projects
  createProject(p: { key: string; name: string; description?: string | null; repos: string[]; paths: string[]; at: string }): Promise<Project>;
  getProject(key: string): Promise<Project | null>;
  listProjects(): Promise<Project[]>;
  /** The project whose longest path is a prefix of cwd; else INBOX, created on first use. */
  projectForCwd(cwd: string | null, at: string): Promise<Project>;
  projectsForRepo(fullName: string): Promise<Project[]>;

  // tasks
  createTask(t: NewTask, actor: Actor, at: string): Promise<Task>;
  updateTask(key: string, patch: TaskPatch, actor: Actor, at: string): Promise<TaskChange>;
  getTask(key: string): Promise<TaskDetail | null>;
  listTasks(filter: TaskFilter, limit: number, cursor: string | null): Promise<Page<Task>>;
  /** What a board card shows besides the task: its links and its latest activity. */
  cardExtras(taskIds: string[]): Promise<Map<string, { links: Link[]; lastActivity: Activity | null }>>;

  // workflows' domain steps
  applyIntents(batch: IntentBatch, at: string): Promise<TaskChange[]>;
  applyCommitRef(ref: CommitRef): Promise<TaskChange | null>;
  /** Keys of the tasks mirroring these GitHub issues ("owner/repo#12", lower case), by issue id. */
  tasksForIssues(issueIds: string[]): Promise<Record<string, string>>;
  /** Links a PR to its tasks and moves them (Linear's defaults), in one transaction. */
  applyPullRequest(pr: PullRequestSync): Promise<PullRequestOutcome>;
  pullRequestComment(repo: string, number: number): Promise<PullRequestCommentData | null>;
  /** Remembers the comment id, or records the failed/skipped call on each linked task's activity. */
  recordPullRequestComment(repo: string, number: number, outcome: PullRequestCommentOutcome, at: string): Promise<void>;
  /** Creates or updates the task mirroring a GitHub issue, when a project of its repository sets mirrorIssues; null when nothing changed. */
  mirrorIssue(issue: CompactIssue, actor: Actor, at: string): Promise<TaskChange | null>;
  /** Open pull requests linked to a task (at most 50): their comments list it. */
  openPullRequestsOf(taskId: string): Promise<{ repo: string; number: number }[]>;
  /**
   * Which of these tasks a change to them concerns beyond themselves: those other tasks depend on, and
   * those linked to an open pull request. Their events say so, and only those start the follow-up runs.
   */
  watchedTasks(taskIds: string[]): Promise<WatchedTasks>;
  /** Links an issue or PR to a task once; false when the task is unknown or the link exists. */
  linkGitHubItem(link: GitHubItemLink): Promise<boolean>;

  // email log (the outbox, or what Resend was asked to send)
  recordEmail(e: Omit<EmailRecord, "id" | "createdAt">, at: string): Promise<"new" | "duplicate">;
  listEmails(filter: { to?: string; kind?: string; taskId?: string }, limit: number): Promise<EmailRecord[]>;

  // people and projects' members (#6)
  /** StoreError conflict when the email (or GitHub login) is taken. */
  createUser(u: NewUser, at: string): Promise<User>;
  getUser(id: string): Promise<User | null>;
  /** A user by id, email address or GitHub login, the last two in any case (assignees may be given any way; GitHub sign-in uses the login). */
  findUser(ref: string): Promise<User | null>;
  updateUser(id: string, patch: UserPatch, at: string): Promise<User>;
  /** Turns one kind of email off for a person; null when there is no such person. */
  unsubscribe(userId: string, kind: EmailKind, at: string): Promise<User | null>;
  /** People whose digest is not off; digestDue (domain/digest.ts) decides whose hour it is. */
  listDigestUsers(): Promise<User[]>;
  markDigestSent(userId: string, at: string): Promise<void>;
  setMember(projectKey: string, userId: string, role: Role, actor: Actor, at: string): Promise<Member>;
  removeMember(projectKey: string, userId: string, actor: Actor, at: string): Promise<boolean>;
  listMembers(projectKey: string): Promise<Member[]>;
  roleIn(projectId: string, userId: string): Promise<Role | null>;
  /** Every project a person holds a role in: project id → role. */
  rolesOf(userId: string): Promise<Record<string, Role>>;

  // dependencies, deadlines, digests (#6)
  taskById(id: string): Promise<Task | null>;
  /** StoreError cycle (details.path: task keys) when dependsOn already reaches task; false when the edge existed. */
  addDependency(taskKey: string, dependsOnKey: string, actor: Actor, at: string): Promise<boolean>;
  removeDependency(taskKey: string, dependsOnKey: string, actor: Actor, at: string): Promise<boolean>;
  /** After a task is done: which dependents it freed (an "unblocked" activity on each, once) and which still wait. */
  releaseDependents(doneTaskId: string, actor: Actor, at: string): Promise<Released>;
  /** Open tasks that open tasks wait on, each with those waiting (the hourly chase of stale blockers). */
  blockersWithWaiting(limit: number): Promise<{ blocker: Task; waiting: Task[] }[]>;
  /** Open tasks due in [from, to), earliest first. */
  dueBetween(from: string, to: string, limit: number): Promise<Task[]>;
  digestFor(userId: string, range: { since: string; now: string }): Promise<DigestSections>;

  // the live feed
  activitySince(afterId: number, limit: number, projectId?: string): Promise<Activity[]>;

  // dashboard, REST and MCP (#7)
  /** Removes a task with its comments, time, links and dependencies; the activity log keeps a "deleted" row. */
  deleteTask(key: string, actor: Actor, at: string): Promise<Task>;
  addComment(key: string, body: string, actor: Actor, at: string): Promise<Comment>;
  addTimeEntry(key: string, e: { minutes: number; userId: string | null; source: TimeEntry["source"]; ref: string | null }, actor: Actor, at: string): Promise<TimeEntry>;
  /** Comments and time entries of a task, oldest first; null when there is no such task. */
  taskRecords(key: string): Promise<{ comments: Comment[]; timeEntries: TimeEntry[] } | null>;
  updateProject(key: string, patch: ProjectPatch, at: string): Promise<Project>;
  projectGraph(projectKey: string): Promise<ProjectGraph>;
  /** Every record of a project (src/domain/export.ts), in an order import can replay. */
  exportProject(projectKey: string): Promise<ExportRecord[]>;
  /** Loads an export into a project that has no tasks (created when missing). */
  importProject(records: ExportRecord[], actor: Actor, at: string): Promise<{ project: string; counts: Record<string, number> }>;
  reportData(since: string): Promise<ReportData>;
  /** The id of the newest activity row (0 when none): a page is current up to it, and /events streams what follows. */
  latestActivityId(): Promise<number>;
}
