// The Convex store: the Store port over ConvexHttpClient; the functions in convex/ return the port's shapes already.

import { ConvexHttpClient } from "convex/browser";
import type { FunctionArgs, FunctionReference, FunctionReturnType } from "convex/server";
import { ConvexError } from "convex/values";
import { api } from "../../convex/_generated/api";
import { ImportError } from "../domain/export";
import { StoreError, type Store } from "../ports/store";

type Fn = FunctionReference<"query" | "mutation", "public", { secret: string }>;
type ArgsOf<F extends Fn> = Omit<FunctionArgs<F>, "secret">;
// The client's generic signatures do not follow a generic F through; the wrappers' own signatures carry the types.
type Call = (fn: Fn, args: Record<string, unknown>, options?: { skipQueue: boolean }) => Promise<any>;
const STORE_CODES = new Set(["not_found", "conflict", "invalid", "cycle"]);

/** Turns a domain error thrown in convex/model/errors.ts back into the port's StoreError (and a refused import into ImportError). */
function fromConvex(e: unknown): never {
  const data = e instanceof ConvexError ? (e.data as { code?: string; message?: string; details?: unknown; line?: number | null }) : null;
  if (data?.code === "invalid_import") throw new ImportError(data.message ?? "invalid import", data.line ?? null);
  if (data?.code && STORE_CODES.has(data.code)) throw new StoreError(data.code as StoreError["code"], data.message ?? data.code, data.details);
  throw e;
}

export class ConvexStore implements Store {
  readonly name = "convex" as const;
  private readonly client: ConvexHttpClient;

  constructor(url: string, private readonly secret: string, fetchImpl?: typeof fetch) {
    // No logger: function log lines could carry task text; skipConvexDeploymentUrlCheck admits self-hosted and local backends.
    this.client = new ConvexHttpClient(url, { logger: false, skipConvexDeploymentUrlCheck: true, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  }

  private query<F extends FunctionReference<"query", "public", { secret: string }>>(fn: F, args: ArgsOf<F>): Promise<FunctionReturnType<F>> {
    return (this.client.query as Call).call(this.client, fn, { ...args, secret: this.secret }).catch(fromConvex);
  }

  private mutation<F extends FunctionReference<"mutation", "public", { secret: string }>>(fn: F, args: ArgsOf<F>): Promise<FunctionReturnType<F>> {
    // skipQueue: the client is shared by concurrent requests, which must not wait on each other's mutations.
    return (this.client.mutation as Call).call(this.client, fn, { ...args, secret: this.secret }, { skipQueue: true }).catch(fromConvex);
  }

// deliveries (src/ports/store/deliveries.ts, convex/deliveries.ts)
  recordDelivery: Store["recordDelivery"] = (d) => this.mutation(api.deliveries.recordDelivery, d);
  recordDeliveries: Store["recordDeliveries"] = (ds) => this.mutation(api.deliveries.recordDeliveries, { deliveries: [...ds] });
  stuckDeliveries: Store["stuckDeliveries"] = (receivedBefore, limit) => this.query(api.deliveries.stuckDeliveries, { receivedBefore, limit });
  getDelivery: Store["getDelivery"] = (id) => this.query(api.deliveries.getDelivery, { id });
  setDeliveryStatus: Store["setDeliveryStatus"] = async (id, status, error = null) => {
    await this.mutation(api.deliveries.setDeliveryStatus, { id: typeof id === "string" ? id : [...id], status, error });
  };
  listDeliveries: Store["listDeliveries"] = (limit) => this.query(api.deliveries.listDeliveries, { limit });

  // tokens (src/ports/store/tokens.ts, convex/tokens.ts)
  createToken: Store["createToken"] = (t) => this.mutation(api.tokens.createToken, t);
  findTokenByHash: Store["findTokenByHash"] = (hash) => this.query(api.tokens.findTokenByHash, { hash });
  listTokens: Store["listTokens"] = () => this.query(api.tokens.listTokens, {});
  revokeToken: Store["revokeToken"] = (id, at) => this.mutation(api.tokens.revokeToken, { id, at });
  touchToken: Store["touchToken"] = async (id, at) => {
    await this.mutation(api.tokens.touchToken, { id, at });
  };

  // projects (src/ports/store/projects.ts, convex/projects.ts)
  createProject: Store["createProject"] = (p) => this.mutation(api.projects.createProject, p);
  getProject: Store["getProject"] = (key) => this.query(api.projects.getProject, { key });
  listProjects: Store["listProjects"] = () => this.query(api.projects.listProjects, {});
  projectForCwd: Store["projectForCwd"] = (cwd, at) => this.mutation(api.projects.projectForCwd, { cwd, at });
  projectsForRepo: Store["projectsForRepo"] = (fullName) => this.query(api.projects.projectsForRepo, { fullName });
  setMember: Store["setMember"] = (projectKey, userId, role, actor, at) => this.mutation(api.projects.setMember, { projectKey, userId, role, actor, at });
  removeMember: Store["removeMember"] = (projectKey, userId, actor, at) => this.mutation(api.projects.removeMember, { projectKey, userId, actor, at });
  listMembers: Store["listMembers"] = (projectKey) => this.query(api.projects.listMembers, { projectKey });
  roleIn: Store["roleIn"] = (projectId, userId) => this.query(api.projects.roleIn, { projectId, userId });
  rolesOf: Store["rolesOf"] = (userId) => this.query(api.projects.rolesOf, { userId });
  updateProject: Store["updateProject"] = (key, patch, at) => this.mutation(api.projects.updateProject, { key, patch, at });
  exportProject: Store["exportProject"] = (projectKey) => this.query(api.projects.exportProject, { projectKey });
  importProject: Store["importProject"] = (records, actor, at) => this.mutation(api.projects.importProject, { records, actor, at });

  // tasks (src/ports/store/tasks.ts, convex/tasks.ts)
  createTask: Store["createTask"] = (task, actor, at) => this.mutation(api.tasks.createTask, { task, actor, at });
  updateTask: Store["updateTask"] = (key, patch, actor, at) => this.mutation(api.tasks.updateTask, { key, patch, actor, at });
  getTask: Store["getTask"] = (key) => this.query(api.tasks.getTask, { key });
  listTasks: Store["listTasks"] = (filter, limit, cursor) => this.query(api.tasks.listTasks, { filter, limit, cursor });
  cardExtras: Store["cardExtras"] = async (taskIds) =>
    new Map((await this.query(api.tasks.cardExtras, { taskIds })).map(({ taskId, ...extras }) => [taskId, extras]));
  taskById: Store["taskById"] = (id) => this.query(api.tasks.taskById, { id });
  dueBetween: Store["dueBetween"] = (from, to, limit) => this.query(api.tasks.dueBetween, { from, to, limit });
  deleteTask: Store["deleteTask"] = (key, actor, at) => this.mutation(api.tasks.deleteTask, { key, actor, at });
  addComment: Store["addComment"] = (key, body, actor, at) => this.mutation(api.tasks.addComment, { key, body, actor, at });
  importComment: Store["importComment"] = (key, body, externalKey, actor, at) => this.mutation(api.tasks.importComment, { key, body, externalKey, actor, at });
  setCommentExternalKey: Store["setCommentExternalKey"] = (commentId, externalKey) => this.mutation(api.tasks.setCommentExternalKey, { commentId, externalKey });
  addTimeEntry: Store["addTimeEntry"] = (key, entry, actor, at) => this.mutation(api.tasks.addTimeEntry, { key, entry, actor, at });
  taskRecords: Store["taskRecords"] = (key) => this.query(api.tasks.taskRecords, { key });
  watchedTasks: Store["watchedTasks"] = (taskIds) => this.query(api.tasks.watchedTasks, { taskIds });
  reportData: Store["reportData"] = (since) => this.query(api.tasks.reportData, { since });

  // dependencies (src/ports/store/dependencies.ts, convex/dependencies.ts)
  addDependency: Store["addDependency"] = (taskKey, dependsOnKey, actor, at) => this.mutation(api.dependencies.addDependency, { taskKey, dependsOnKey, actor, at });
  removeDependency: Store["removeDependency"] = (taskKey, dependsOnKey, actor, at) => this.mutation(api.dependencies.removeDependency, { taskKey, dependsOnKey, actor, at });
  blockersWithWaiting: Store["blockersWithWaiting"] = (limit) => this.query(api.dependencies.blockersWithWaiting, { limit });
  releaseDependents: Store["releaseDependents"] = (doneTaskId, actor, at) => this.mutation(api.dependencies.releaseDependents, { doneTaskId, actor, at });
  // task keys (src/ports/store/task-keys.ts, convex/taskKeys.ts)
  tasksKeyedUnder: Store["tasksKeyedUnder"] = (prefix, limit) => this.query(api.taskKeys.tasksKeyedUnder, { prefix, limit });
  addTaskKeys: Store["addTaskKeys"] = (keys, at) => this.mutation(api.taskKeys.addTaskKeys, { keys, at });
  knownTaskKeys: Store["knownTaskKeys"] = async (keys) => new Set(keys.length ? await this.query(api.taskKeys.knownTaskKeys, { keys }) : []);

  projectGraph: Store["projectGraph"] = (projectKey) => this.query(api.dependencies.projectGraph, { projectKey });

  // github (src/ports/store/github.ts, convex/github.ts)
  applyCommitRef: Store["applyCommitRef"] = (ref) => this.mutation(api.github.applyCommitRef, { ref });
  tasksForIssues: Store["tasksForIssues"] = (issueIds, projectIds) => this.query(api.github.tasksForIssues, { issueIds, projectIds });
  mirrorIssue: Store["mirrorIssue"] = (issue, actor, at) => this.mutation(api.github.mirrorIssue, { issue, actor, at });
  applyPullRequest: Store["applyPullRequest"] = (pr) => this.mutation(api.github.applyPullRequest, { pr });
  pullRequestComment: Store["pullRequestComment"] = (repo, number) => this.query(api.github.pullRequestComment, { repo, number });
  recordPullRequestComment: Store["recordPullRequestComment"] = async (repo, number, outcome, at) => {
    await this.mutation(api.github.recordPullRequestComment, { repo, number, outcome, at });
  };
  openPullRequestsOf: Store["openPullRequestsOf"] = (taskId) => this.query(api.github.openPullRequestsOf, { taskId });
  linkGitHubItem: Store["linkGitHubItem"] = (link) => this.mutation(api.github.linkGitHubItem, { link });

  // issue openings (src/ports/store/issue-openings.ts, convex/issueOpenings.ts)
  claimIssueOpening: Store["claimIssueOpening"] = (claim) => this.mutation(api.issueOpenings.claimIssueOpening, { claim });
  recordIssueOpened: Store["recordIssueOpened"] = (opened) => this.mutation(api.issueOpenings.recordIssueOpened, { opened });

  // sessions (src/ports/store/sessions.ts, convex/sessions.ts)
  sessionSummary: Store["sessionSummary"] = (sessionId) => this.query(api.sessions.sessionSummary, { sessionId });
  seenTranscriptLines: Store["seenTranscriptLines"] = async (sessionId, uuids) =>
    new Set(await this.query(api.sessions.seenTranscriptLines, { sessionId, uuids }));
  recordTranscriptLines: Store["recordTranscriptLines"] = (sessionId, uuids) => this.mutation(api.sessions.recordTranscriptLines, { sessionId, uuids });
  claimSession: Store["claimSession"] = (sessionId, owner, at) => this.mutation(api.sessions.claimSession, { sessionId, owner, at });
  applyIntents: Store["applyIntents"] = (batch, at) => this.mutation(api.sessions.applyIntents, { batch, at });
  lineChains: Store["lineChains"] = async (sessionId, uuids) =>
    new Map((await this.query(api.sessions.lineChains, { sessionId, uuids })).map((r) => [r.uuid, r.chain]));
  recordLineChains: Store["recordLineChains"] = async (sessionId, chains) => {
    await this.mutation(api.sessions.recordLineChains, { sessionId, chains: Object.entries(chains).map(([uuid, chain]) => ({ uuid, chain })) });
  };

  // held intents (src/ports/store/held-intents.ts, convex/heldIntents.ts)
  holdIntents: Store["holdIntents"] = (sessionId, held, perSession) => this.mutation(api.heldIntents.holdIntents, { sessionId, held, perSession });
  releaseHeldIntents: Store["releaseHeldIntents"] = (projectId, keys) => this.mutation(api.heldIntents.releaseHeldIntents, { projectId, keys });
  pruneHeldIntents: Store["pruneHeldIntents"] = (before, limit) => this.mutation(api.heldIntents.pruneHeldIntents, { before, limit });

  // people (src/ports/store/people.ts, convex/people.ts)
  digestFor: Store["digestFor"] = (userId, range) => this.query(api.people.digestFor, { userId, range });
  createUser: Store["createUser"] = (user, at) => this.mutation(api.people.createUser, { user, at });
  getUser: Store["getUser"] = (id) => this.query(api.people.getUser, { id });
  findUser: Store["findUser"] = (ref) => this.query(api.people.findUser, { ref });
  updateUser: Store["updateUser"] = (id, patch, at) => this.mutation(api.people.updateUser, { id, patch, at });
  unsubscribe: Store["unsubscribe"] = (userId, kind, at) => this.mutation(api.people.unsubscribe, { userId, kind, at });
  listDigestUsers: Store["listDigestUsers"] = () => this.query(api.people.listDigestUsers, {});
  markDigestSent: Store["markDigestSent"] = async (userId, at) => {
    await this.mutation(api.people.markDigestSent, { userId, at });
  };

  // emails (src/ports/store/emails.ts, convex/emails.ts)
  recordEmail: Store["recordEmail"] = (email, at) => this.mutation(api.emails.recordEmail, { email, at });
  listEmails: Store["listEmails"] = (filter, limit) => this.query(api.emails.listEmails, { filter, limit });

  // activity (src/ports/store/activity.ts, convex/activity.ts)
  activitySince: Store["activitySince"] = (afterId, limit, projectId) => this.query(api.activity.activitySince, { afterId, limit, projectId });
  latestActivityId: Store["latestActivityId"] = () => this.query(api.activity.latestActivityId, {});

  // metrics (src/ports/store/metrics.ts, convex/metrics.ts)
  countRequest: Store["countRequest"] = async (r) => {
    await this.mutation(api.metrics.countRequest, { r });
  };
  requestCounts: Store["requestCounts"] = () => this.query(api.metrics.requestCounts, {});
  rollUpRequests: Store["rollUpRequests"] = (before) => this.mutation(api.metrics.rollUpRequests, { before });
  storeCounts: Store["storeCounts"] = (runBounds) => this.query(api.metrics.storeCounts, { runBounds: [...runBounds] });

  // shared links (src/ports/store/shared-links.ts, convex/sharedLinks.ts)
  createSharedLink: Store["createSharedLink"] = (l) => this.mutation(api.sharedLinks.createSharedLink, { l });
  getSharedLink: Store["getSharedLink"] = (id) => this.query(api.sharedLinks.getSharedLink, { id });
  listSharedLinks: Store["listSharedLinks"] = (projectId) => this.query(api.sharedLinks.listSharedLinks, { projectId });
  revokeSharedLink: Store["revokeSharedLink"] = (projectId, id, at) => this.mutation(api.sharedLinks.revokeSharedLink, { projectId, id, at });

  // run traces (src/ports/store/run-traces.ts, convex/runTraces.ts)
  traceRunStarted: Store["traceRunStarted"] = async (r) => {
    await this.mutation(api.runTraces.traceRunStarted, { r });
  };
  traceRunEnded: Store["traceRunEnded"] = async (r) => {
    await this.mutation(api.runTraces.traceRunEnded, { r });
  };
  traceStepStarted: Store["traceStepStarted"] = async (r) => {
    await this.mutation(api.runTraces.traceStepStarted, { r });
  };
  traceStepEnded: Store["traceStepEnded"] = async (r) => {
    await this.mutation(api.runTraces.traceStepEnded, { r });
  };
  getRunTrace: Store["getRunTrace"] = (r) => this.query(api.runTraces.getRunTrace, { r: { workflow: r.workflow, eventId: r.eventId } });
  tracedRuns: Store["tracedRuns"] = (deliveryIds) => this.query(api.runTraces.tracedRuns, { deliveryIds: [...deliveryIds] });
  pruneRunTraces: Store["pruneRunTraces"] = (before, limit) => this.mutation(api.runTraces.pruneRunTraces, { before, limit });
}
