// Dependencies between tasks: add (never a cycle), remove, what a completion frees, stale blockers, and a project's graph.

import { v } from "convex/values";
import { hubMutation, hubQuery } from "./lib/hub";
import { addDependency as add, removeDependency as remove } from "./model/dependencies";
import { projectGraph as graph } from "./model/graph";
import { blockersWithWaiting as blockers, releaseDependents as release } from "./model/release";
import { vBlockerWithWaiting, vProjectGraph, vReleased } from "./validators";

const edit = { taskKey: v.string(), dependsOnKey: v.string(), actor: v.string(), at: v.string() };

export const addDependency = hubMutation({
  args: edit,
  returns: v.boolean(),
  handler: (ctx, a) => add(ctx, a.taskKey, a.dependsOnKey, a.actor, a.at),
});

export const removeDependency = hubMutation({
  args: edit,
  returns: v.boolean(),
  handler: (ctx, a) => remove(ctx, a.taskKey, a.dependsOnKey, a.actor, a.at),
});

export const releaseDependents = hubMutation({
  args: { doneTaskId: v.string(), actor: v.string(), at: v.string() },
  returns: vReleased,
  handler: (ctx, a) => release(ctx, a.doneTaskId, a.actor, a.at),
});

export const blockersWithWaiting = hubQuery({
  args: { limit: v.number() },
  returns: v.array(vBlockerWithWaiting),
  handler: (ctx, { limit }) => blockers(ctx, limit),
});

export const projectGraph = hubQuery({ args: { projectKey: v.string() }, returns: vProjectGraph, handler: (ctx, { projectKey }) => graph(ctx, projectKey) });
