// Writes the activity row every task change owes, numbered from one counter so the live feed can resume by id.

import type { ActivityRow } from "../../src/domain/activity";
import type { MutationCtx } from "../_generated/server";

const ACTIVITY_SEQ = "activity";

export async function nextSeq(ctx: MutationCtx, name: string): Promise<number> {
  const counter = await ctx.db.query("counters").withIndex("by_name", (q) => q.eq("name", name)).unique();
  if (!counter) {
    await ctx.db.insert("counters", { name, value: 1 });
    return 1;
  }
  await ctx.db.patch(counter._id, { value: counter.value + 1 });
  return counter.value + 1;
}

export async function writeActivity(
  ctx: MutationCtx,
  a: ActivityRow & { taskKey: string | null },
): Promise<void> {
  await ctx.db.insert("activity", { ...a, seq: await nextSeq(ctx, ACTIVITY_SEQ) });
}
