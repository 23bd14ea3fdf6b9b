// Shared links: kept by the hash of their secret, listed per project, revoked by their project's owners.

import type { SharedLink } from "../../domain/shared-links";

export interface SharedLinkStore {
  createSharedLink(l: { projectId: string; secretHash: string; label: string; createdBy: string; expiresAt: string; at: string }): Promise<SharedLink>;
  /** The link and its secret's hash (for a constant-time compare), or null. */
  getSharedLink(id: string): Promise<(SharedLink & { secretHash: string }) | null>;
  /** A project's links, newest first, revoked and expired ones included. */
  listSharedLinks(projectId: string): Promise<SharedLink[]>;
  /** false when there is no such link in that project; revoking twice keeps the first time. */
  revokeSharedLink(projectId: string, id: string, at: string): Promise<boolean>;
}
