// Shared boards: owners (and the admin) make, list and revoke read-only links to a project; anyone holding a live one reads it.

import { constantTimeEqual } from "../domain/constant-time";
import { SHARE_DAYS_DEFAULT, SHARE_DAYS_MAX, SHARE_LABEL_MAX, shareExpiry, shareState, type SharedLink } from "../domain/shared-links";
import type { Project } from "../ports/store";
import type { Services } from "../ports/services";
import type { UseCaseContext } from "./context";
import { AppError } from "./errors";
import { requireProject } from "./permissions";

/** secretHash: the SHA-256 of the secret the caller puts in the link (the store never sees the secret). */
export async function createShareLink(ctx: UseCaseContext, projectKey: string, input: { label?: string; days?: string | number; secretHash: string }): Promise<SharedLink> {
  const project = await requireProject(ctx, projectKey, "manage");
  const days = input.days === undefined || input.days === "" ? SHARE_DAYS_DEFAULT : Number(input.days);
  if (!Number.isInteger(days) || days < 1 || days > SHARE_DAYS_MAX) {
    throw new AppError("invalid_request", `A link lives 1 to ${SHARE_DAYS_MAX} days`, { days: input.days });
  }
  const label = (input.label ?? "").trim() || "Shared board";
  if (label.length > SHARE_LABEL_MAX) throw new AppError("invalid_request", `A label is at most ${SHARE_LABEL_MAX} characters`);
  const now = new Date();
  return ctx.services.store.createSharedLink({ projectId: project.id, secretHash: input.secretHash, label, createdBy: ctx.actor, expiresAt: shareExpiry(now, days), at: now.toISOString() });
}

/** A project's links, for its owners and the admin. */
export async function listShareLinks(ctx: UseCaseContext, projectKey: string): Promise<SharedLink[]> {
  const project = await requireProject(ctx, projectKey, "manage");
  return ctx.services.store.listSharedLinks(project.id);
}

/** The same list for a page that shows it only to whoever may manage the project: null for anyone else. */
export async function shareLinksOf(ctx: UseCaseContext, project: Project): Promise<SharedLink[] | null> {
  return listShareLinks(ctx, project.key).catch((e: unknown) => {
    if (e instanceof AppError) return null;
    throw e;
  });
}

export async function revokeShareLink(ctx: UseCaseContext, projectKey: string, linkId: string): Promise<void> {
  const project = await requireProject(ctx, projectKey, "manage");
  if (!(await ctx.services.store.revokeSharedLink(project.id, linkId, new Date().toISOString()))) throw new AppError("not_found", "No such link in this project");
}

/**
 * The project a link shows: not_found for an unknown id or a secret that does not match (compared in constant time),
 * gone once it is revoked or expired.
 */
export async function openShareLink(services: Pick<Services, "store">, linkId: string, secretHash: string, now: Date): Promise<{ link: SharedLink; project: Project }> {
  const link = await services.store.getSharedLink(linkId);
  if (!link || !constantTimeEqual(secretHash, link.secretHash)) throw new AppError("not_found", "No such shared link");
  if (shareState(link, now) !== "live") throw new AppError("gone", "This shared link has expired or was revoked");
  const project = (await services.store.listProjects()).find((p) => p.id === link.projectId);
  if (!project) throw new AppError("not_found", "No such shared link");
  const { secretHash: _, ...shown } = link;
  return { link: shown, project };
}
