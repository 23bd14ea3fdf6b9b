// The Worker's door into Convex: calls travel as HTTP to the named function, and only with HUB_CONVEX_SECRET.
import { expect, it, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import { sameSecret } from "../../convex/lib/hub";
import { ConvexStore } from "../../src/integrations/store-convex";
import { StoreError } from "../../src/ports/store";
import { CONVEX_URL, HUB_CONVEX_SECRET, useConvexBackend } from "../contract/convex-backend";

const backend = useConvexBackend();

it("sends each Store operation as an HTTP call to its Convex function", async () => {
  const store = new ConvexStore(CONVEX_URL, HUB_CONVEX_SECRET);
  await store.createProject({ key: "HUB", name: "Hub", repos: [], paths: [], at: "2030-01-01T00:00:00.000Z" });
  await store.getProject("HUB");
  expect(backend.calls).toEqual(["mutation projects:createProject", "query projects:getProject"]);
});

it("refuses a caller with the wrong secret, and not as a domain error", async () => {
  const store = new ConvexStore(CONVEX_URL, "not-the-secret");
  const e = await store.getProject("HUB").catch((err: unknown) => err);
  expect(e).toBeInstanceOf(Error);
  expect(e).not.toBeInstanceOf(StoreError);
  expect(String((e as Error).message)).toMatch(/HUB_CONVEX_SECRET/);
});

it("refuses every caller when the deployment has no secret set", async () => {
  vi.stubEnv("HUB_CONVEX_SECRET", "");
  await expect(backend.t.query(api.projects.listProjects, { secret: "" })).rejects.toThrow(/HUB_CONVEX_SECRET/);
});

it("compares secrets of different lengths as different", () => {
  expect(sameSecret("abc", "abc")).toBe(true);
  expect(sameSecret("abc", "abcd")).toBe(false);
  expect(sameSecret("", "a")).toBe(false);
  expect(sameSecret("abd", "abc")).toBe(false);
});
