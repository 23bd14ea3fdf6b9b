// The Store port: whole domain operations, each one transaction, implemented by D1 and Convex; one interface per aggregate.

import type { ActivityStore } from "./activity";
import type { DeliveryStore } from "./deliveries";
import type { DependencyStore } from "./dependencies";
import type { EmailStore } from "./emails";
import type { GitHubStore } from "./github";
import type { HeldIntentStore } from "./held-intents";
import type { IssueOpeningStore } from "./issue-openings";
import type { MetricsStore } from "./metrics";
import type { PeopleStore } from "./people";
import type { ProjectStore } from "./projects";
import type { RunTraceStore } from "./run-traces";
import type { SessionStore } from "./sessions";
import type { SharedLinkStore } from "./shared-links";
import type { TaskKeyStore } from "./task-keys";
import type { TaskStore } from "./tasks";
import type { TokenStore } from "./tokens";

export type Store = { readonly name: "d1" | "convex" } & DeliveryStore &
  TokenStore &
  ProjectStore &
  TaskStore &
  TaskKeyStore &
  DependencyStore &
  GitHubStore &
  IssueOpeningStore &
  SessionStore &
  HeldIntentStore &
  PeopleStore &
  EmailStore &
  ActivityStore &
  MetricsStore &
  SharedLinkStore &
  RunTraceStore;

export { StoreError } from "./errors";
export type { ActivityStore } from "./activity";
export type { DeliveryStore, NewDelivery } from "./deliveries";
export type { DependencyStore } from "./dependencies";
export type { EmailRecord, EmailStore } from "./emails";
export type { GitHubItemLink, GitHubStore, PullRequestCommentData, PullRequestCommentOutcome, PullRequestOutcome, PullRequestSync } from "./github";
export type { HeldIntent, HeldIntentStore } from "./held-intents";
export type { IssueOpeningStore } from "./issue-openings";
export type { MetricsStore, RequestCount, RequestSample, RunCount, StoreCounts } from "./metrics";
export type { NewUser, PeopleStore, UserPatch } from "./people";
export type { NewProject, ProjectPatch, ProjectStore } from "./projects";
export type { RunKey, RunTraceStore } from "./run-traces";
export type { IntentBatch, SessionStore, SessionSummary, TranscriptChunk } from "./sessions";
export { SESSION_ACTIVITY_LIMIT } from "./sessions";
export type { SharedLinkStore } from "./shared-links";
export type { TaskKey, TaskKeyStore } from "./task-keys";
export type { NewTask, Page, TaskChange, TaskFilter, TaskPatch, TaskStore, WatchedTasks } from "./tasks";
export type { Scope, TokenRecord, TokenStore } from "./tokens";

// Domain shapes the port speaks in, re-exported so `import ... from "ports/store"` keeps working.
export type { Activity, Actor } from "../../domain/activity";
export type { CommitRef } from "../../domain/commits";
export type { Delivery } from "../../domain/deliveries";
export type { ProjectGraph } from "../../domain/graph";
export type { Link } from "../../domain/links";
export type { Member } from "../../domain/permissions";
export type { Project } from "../../domain/projects";
export type { Released } from "../../domain/release";
export type { SharedLink } from "../../domain/shared-links";
export type { ReportData } from "../../domain/reports";
export type { Comment, TimeEntry } from "../../domain/task-records";
export type { TaskDetail } from "../../domain/tasks";
