/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";
import type * as activity from "../activity.js";
import type * as backfills from "../backfills.js";
import type * as deliveries from "../deliveries.js";
import type * as dependencies from "../dependencies.js";
import type * as emails from "../emails.js";
import type * as github from "../github.js";
import type * as heldIntents from "../heldIntents.js";
import type * as issueOpenings from "../issueOpenings.js";
import type * as lib_hub from "../lib/hub.js";
import type * as metrics from "../metrics.js";
import type * as model_activity from "../model/activity.js";
import type * as model_commits from "../model/commits.js";
import type * as model_dependencies from "../model/dependencies.js";
import type * as model_digest from "../model/digest.js";
import type * as model_docs from "../model/docs.js";
import type * as model_errors from "../model/errors.js";
import type * as model_export from "../model/export.js";
import type * as model_github from "../model/github.js";
import type * as model_graph from "../model/graph.js";
import type * as model_ingest from "../model/ingest.js";
import type * as model_list from "../model/list.js";
import type * as model_parents from "../model/parents.js";
import type * as model_people from "../model/people.js";
import type * as model_projects from "../model/projects.js";
import type * as model_records from "../model/records.js";
import type * as model_release from "../model/release.js";
import type * as model_reports from "../model/reports.js";
import type * as model_tasks from "../model/tasks.js";
import type * as people from "../people.js";
import type * as projects from "../projects.js";
import type * as runTraces from "../runTraces.js";
import type * as sessions from "../sessions.js";
import type * as sharedLinks from "../sharedLinks.js";
import type * as taskKeys from "../taskKeys.js";
import type * as tasks from "../tasks.js";
import type * as tokens from "../tokens.js";
import type * as validators from "../validators.js";

/**
 * A utility for referencing Convex functions in your app's API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
declare const fullApi: ApiFromModules<{
  activity: typeof activity;
  backfills: typeof backfills;
  deliveries: typeof deliveries;
  dependencies: typeof dependencies;
  emails: typeof emails;
  github: typeof github;
  heldIntents: typeof heldIntents;
  issueOpenings: typeof issueOpenings;
  "lib/hub": typeof lib_hub;
  metrics: typeof metrics;
  "model/activity": typeof model_activity;
  "model/commits": typeof model_commits;
  "model/dependencies": typeof model_dependencies;
  "model/digest": typeof model_digest;
  "model/docs": typeof model_docs;
  "model/errors": typeof model_errors;
  "model/export": typeof model_export;
  "model/github": typeof model_github;
  "model/graph": typeof model_graph;
  "model/ingest": typeof model_ingest;
  "model/list": typeof model_list;
  "model/parents": typeof model_parents;
  "model/people": typeof model_people;
  "model/projects": typeof model_projects;
  "model/records": typeof model_records;
  "model/release": typeof model_release;
  "model/reports": typeof model_reports;
  "model/tasks": typeof model_tasks;
  people: typeof people;
  projects: typeof projects;
  runTraces: typeof runTraces;
  sessions: typeof sessions;
  sharedLinks: typeof sharedLinks;
  taskKeys: typeof taskKeys;
  tasks: typeof tasks;
  tokens: typeof tokens;
  validators: typeof validators;
}>;
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;
