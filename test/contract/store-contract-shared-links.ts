// The store contract for shared links: kept by their secret's hash, listed per project, revoked within their project only.

import { describe, expect, it } from "vitest";
import type { Kit } from "./store-contract-kit";
import { nextAt } from "./store-fixtures";

const hash = () => crypto.randomUUID().replace(/-/g, "").padEnd(64, "0");

export function sharedLinksContract({ store, project }: Kit) {
  describe("shared links", () => {
    const make = async (projectId: string, label = "For the client") =>
      store().createSharedLink({ projectId, secretHash: hash(), label, createdBy: "user:contract", expiresAt: "2999-01-01T00:00:00.000Z", at: nextAt() });

    it("gives back a link by id with its secret's hash", async () => {
      const p = await project();
      const secretHash = hash();
      const l = await store().createSharedLink({ projectId: p.id, secretHash, label: "x", createdBy: "admin", expiresAt: "2999-01-01T00:00:00.000Z", at: nextAt() });
      expect(await store().getSharedLink(l.id)).toEqual({ ...l, secretHash, revokedAt: null });
      expect(await store().getSharedLink(crypto.randomUUID())).toBeNull();
    });

    it("lists a project's links newest first, and none of another project's", async () => {
      const [p, q] = [await project(), await project()];
      const first = await make(p.id, "first");
      const second = await make(p.id, "second");
      await make(q.id, "other");
      expect((await store().listSharedLinks(p.id)).map((l) => l.label)).toEqual(["second", "first"]);
      expect((await store().listSharedLinks(p.id)).map((l) => l.id)).toEqual([second.id, first.id]);
    });

    it("revokes a link once, keeping the first time", async () => {
      const p = await project();
      const l = await make(p.id);
      const [t1, t2] = [nextAt(), nextAt()];
      expect(await store().revokeSharedLink(p.id, l.id, t1)).toBe(true);
      expect(await store().revokeSharedLink(p.id, l.id, t2)).toBe(true);
      expect((await store().getSharedLink(l.id))?.revokedAt).toBe(t1);
    });

    it("does not revoke a link through another project", async () => {
      const [p, q] = [await project(), await project()];
      const l = await make(p.id);
      expect(await store().revokeSharedLink(q.id, l.id, nextAt())).toBe(false);
      expect((await store().getSharedLink(l.id))?.revokedAt).toBeNull();
      expect(await store().revokeSharedLink(p.id, crypto.randomUUID(), nextAt())).toBe(false);
    });
  });
}
