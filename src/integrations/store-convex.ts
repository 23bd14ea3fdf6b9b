// The Convex store: the Store port over ConvexHttpClient; the functions in convex/ return the port's shapes already.

import { ConvexHttpClient } from "convex/browser";
import type { FunctionArgs, FunctionReference, FunctionReturnType } from "convex/server";
import { ConvexError } from "convex/values";
import { api } from "../../convex/_generated/api";
import { StoreError, type Store } from "../ports/store";

type Fn = FunctionReference<"query" | "mutation", "public", { secret: string }>;
type ArgsOf<F extends Fn> = Omit<FunctionArgs<F>, "secret">;
// The client's generic signatures do not follow a generic F through; the wrappers' own signatures carry the types.
type Call = (fn: Fn, args: Record<string, unknown>, options?: { skipQueue: boolean }) => Promise<any>;
const STORE_CODES = new Set(["not_found", "conflict", "invalid", "cycle"]);

/** Turns a domain error thrown in convex/model/errors.ts back into the port's StoreError. */
function fromConvex(e: unknown): never {
  const data = e instanceof ConvexError ? (e.data as { code?: string; message?: string; details?: unknown }) : null;
  if (data?.code && STORE_CODES.has(data.code)) throw new StoreError(data.code as StoreError["code"], data.message ?? data.code, data.details);
  throw e;
}

/** An operation the port gained that convex/ does not serve yet: it fails loudly rather than pretending. */
const notYet = (op: string) => (): Promise<never> => Promise.reject(new StoreError("invalid", `${op} is not implemented on the Convex store yet`));

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

  recordDelivery: Store["recordDelivery"] = (d) => this.mutation(api.deliveries.recordDelivery, d);
  getDelivery: Store["getDelivery"] = (id) => this.query(api.deliveries.getDelivery, { id });
  setDeliveryStatus: Store["setDeliveryStatus"] = async (id, status, error = null) => {
    await this.mutation(api.deliveries.setDeliveryStatus, { id, status, error });
  };
  listDeliveries: Store["listDeliveries"] = (limit) => this.query(api.deliveries.listDeliveries, { limit });
  seenTranscriptLines: Store["seenTranscriptLines"] = async (sessionId, uuids) =>
    new Set(await this.query(api.deliveries.seenTranscriptLines, { sessionId, uuids }));
  recordTranscriptLines: Store["recordTranscriptLines"] = (sessionId, uuids) => this.mutation(api.deliveries.recordTranscriptLines, { sessionId, uuids });

  createToken: Store["createToken"] = (t) => this.mutation(api.tokens.createToken, t);
  findTokenByHash: Store["findTokenByHash"] = (hash) => this.query(api.tokens.findTokenByHash, { hash });
  listTokens: Store["listTokens"] = () => this.query(api.tokens.listTokens, {});
  revokeToken: Store["revokeToken"] = (id, at) => this.mutation(api.tokens.revokeToken, { id, at });

  createProject: Store["createProject"] = (p) => this.mutation(api.projects.createProject, p);
  getProject: Store["getProject"] = (key) => this.query(api.projects.getProject, { key });
  listProjects: Store["listProjects"] = () => this.query(api.projects.listProjects, {});
  projectForCwd: Store["projectForCwd"] = (cwd, at) => this.mutation(api.projects.projectForCwd, { cwd, at });
  projectsForRepo: Store["projectsForRepo"] = (fullName) => this.query(api.projects.projectsForRepo, { fullName });

  createTask: Store["createTask"] = (task, actor, at) => this.mutation(api.tasks.createTask, { task, actor, at });
  updateTask: Store["updateTask"] = (key, patch, actor, at) => this.mutation(api.tasks.updateTask, { key, patch, actor, at });
  getTask: Store["getTask"] = (key) => this.query(api.tasks.getTask, { key });
  listTasks: Store["listTasks"] = (filter, limit, cursor) => this.query(api.tasks.listTasks, { filter, limit, cursor });
  cardExtras: Store["cardExtras"] = async (taskIds) =>
    new Map((await this.query(api.tasks.cardExtras, { taskIds })).map(({ taskId, ...extras }) => [taskId, extras]));

  applyIntents: Store["applyIntents"] = (batch, at) => this.mutation(api.workflows.applyIntents, { batch, at });
  applyCommitRef: Store["applyCommitRef"] = (ref) => this.mutation(api.workflows.applyCommitRef, { ref });

  recordEmail: Store["recordEmail"] = (email, at) => this.mutation(api.emails.recordEmail, { email, at });
  listEmails: Store["listEmails"] = (filter, limit) => this.query(api.emails.listEmails, { filter, limit });

  activitySince: Store["activitySince"] = (afterId, limit, projectId) => this.query(api.emails.activitySince, { afterId, limit, projectId });

  lineChains: Store["lineChains"] = async (sessionId, uuids) =>
    new Map((await this.query(api.deliveries.lineChains, { sessionId, uuids })).map((r) => [r.uuid, r.chain]));
  recordLineChains: Store["recordLineChains"] = async (sessionId, chains) => {
    await this.mutation(api.deliveries.recordLineChains, { sessionId, chains: Object.entries(chains).map(([uuid, chain]) => ({ uuid, chain })) });
  };
  taskById: Store["taskById"] = (id) => this.query(api.records.taskById, { id });
  addDependency: Store["addDependency"] = (taskKey, dependsOnKey, actor, at) => this.mutation(api.records.addDependency, { taskKey, dependsOnKey, actor, at });
  removeDependency: Store["removeDependency"] = (taskKey, dependsOnKey, actor, at) => this.mutation(api.records.removeDependency, { taskKey, dependsOnKey, actor, at });
  dueBetween: Store["dueBetween"] = (from, to, limit) => this.query(api.records.dueBetween, { from, to, limit });
  deleteTask: Store["deleteTask"] = (key, actor, at) => this.mutation(api.records.deleteTask, { key, actor, at });
  addComment: Store["addComment"] = (key, body, actor, at) => this.mutation(api.records.addComment, { key, body, actor, at });
  addTimeEntry: Store["addTimeEntry"] = (key, entry, actor, at) => this.mutation(api.records.addTimeEntry, { key, entry, actor, at });
  taskRecords: Store["taskRecords"] = (key) => this.query(api.records.taskRecords, { key });
  latestActivityId: Store["latestActivityId"] = () => this.query(api.emails.latestActivityId, {});

  // Not yet served by convex/ (added to the port while the Convex store was written).
  tasksForIssues: Store["tasksForIssues"] = notYet("tasksForIssues");
  createUser: Store["createUser"] = notYet("createUser");
  getUser: Store["getUser"] = notYet("getUser");
  findUser: Store["findUser"] = notYet("findUser");
  updateUser: Store["updateUser"] = notYet("updateUser");
  unsubscribe: Store["unsubscribe"] = notYet("unsubscribe");
  listDigestUsers: Store["listDigestUsers"] = notYet("listDigestUsers");
  markDigestSent: Store["markDigestSent"] = notYet("markDigestSent");
  setMember: Store["setMember"] = notYet("setMember");
  removeMember: Store["removeMember"] = notYet("removeMember");
  listMembers: Store["listMembers"] = notYet("listMembers");
  roleIn: Store["roleIn"] = notYet("roleIn");
  releaseDependents: Store["releaseDependents"] = notYet("releaseDependents");
  digestFor: Store["digestFor"] = notYet("digestFor");
  updateProject: Store["updateProject"] = notYet("updateProject");
  projectGraph: Store["projectGraph"] = notYet("projectGraph");
  exportProject: Store["exportProject"] = notYet("exportProject");
  importProject: Store["importProject"] = notYet("importProject");
  reportData: Store["reportData"] = notYet("reportData");
  applyPullRequest: Store["applyPullRequest"] = notYet("applyPullRequest");
  pullRequestComment: Store["pullRequestComment"] = notYet("pullRequestComment");
  recordPullRequestComment: Store["recordPullRequestComment"] = notYet("recordPullRequestComment");
  mirrorIssue: Store["mirrorIssue"] = notYet("mirrorIssue");
  openPullRequestsOf: Store["openPullRequestsOf"] = notYet("openPullRequestsOf");
}
