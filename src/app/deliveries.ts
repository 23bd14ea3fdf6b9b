// Which deliveries (and the activity of no project) a caller may see: the operator sees all, others those of projects they read.

import { deliveryProjectIds } from "../domain/deliveries";
import { mayOperate } from "../domain/permissions";
import type { Delivery } from "../ports/store";
import type { UseCaseContext } from "./context";
import { readableProjectIds } from "./permissions";

/** How many deliveries are read to fill a non-operator's page, since most may belong to other projects. */
const SCAN_FACTOR = 5;

/** The latest deliveries the caller may see, newest first: a delivery belongs to the projects it touched. */
export async function readableDeliveries(ctx: UseCaseContext, limit: number): Promise<Delivery[]> {
  const { store } = ctx.services;
  if (mayOperate(ctx.asker)) return store.listDeliveries(limit);
  const readable = await readableProjectIds(ctx);
  if (readable !== "all" && !readable.length) return [];
  const [deliveries, projects] = await Promise.all([store.listDeliveries(limit * SCAN_FACTOR), store.listProjects()]);
  const may = (id: string) => readable === "all" || readable.includes(id);
  return deliveries.filter((d) => deliveryProjectIds(d, projects).some(may)).slice(0, limit);
}

/** What the caller may hear of the activity log: rows of projects they read; rows of no project only as the operator. */
export async function activityFilter(ctx: UseCaseContext): Promise<(projectId: string | null) => boolean> {
  if (mayOperate(ctx.asker)) return () => true;
  const readable = await readableProjectIds(ctx);
  return (projectId) => projectId !== null && (readable === "all" || readable.includes(projectId));
}

/** Whether the caller may replay deliveries (the page offers the button only then). */
export const mayReplay = (ctx: Pick<UseCaseContext, "asker">) => mayOperate(ctx.asker);
