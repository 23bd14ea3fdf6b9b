// The store contract on the Convex adapter: its real HTTP calls meet the real functions in convex-test, through msw.
import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, vi } from "vitest";
import { ConvexStore } from "../../src/integrations/store-convex";
import { convexBackend, CONVEX_URL, HUB_CONVEX_SECRET } from "./convex-backend";
import { storeContract } from "./store-contract";

const backend = convexBackend();
const server = setupServer(...backend.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());
beforeEach(() => {
  vi.stubEnv("HUB_CONVEX_SECRET", HUB_CONVEX_SECRET);
  backend.reset();
});

storeContract("convex", () => new ConvexStore(CONVEX_URL, HUB_CONVEX_SECRET));
