// Reading one Claude Code session's page: what it created and changed, for callers who may read its project.

import type { SessionSummary } from "../ports/store";
import type { UseCaseContext } from "./context";
import { AppError } from "./errors";
import { readableProjectIds } from "./permissions";

/** A session of a project the caller cannot read is as missing as one never seen; rows of other projects are left out. */
export async function readSession(ctx: UseCaseContext, sessionId: string): Promise<SessionSummary> {
  const missing = () => new AppError("not_found", `Session ${sessionId.slice(0, 80)} not found`);
  if (!sessionId || sessionId.length > 200) throw missing();
  const [s, readable] = await Promise.all([ctx.services.store.sessionSummary(sessionId), readableProjectIds(ctx)]);
  if (!s) throw missing();
  if (readable === "all") return s;
  if (!s.projectId || !readable.includes(s.projectId)) throw missing();
  return { ...s, activity: s.activity.filter((a) => a.projectId === null || readable.includes(a.projectId)) };
}
