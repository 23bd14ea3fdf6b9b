// The store contract on the Convex adapter: its real HTTP calls meet the real functions in convex-test, through msw.
import { ConvexStore } from "../../src/integrations/store-convex";
import { CONVEX_URL, HUB_CONVEX_SECRET, useConvexBackend } from "./convex-backend";
import { storeContract } from "./store-contract";

useConvexBackend();

storeContract("convex", () => new ConvexStore(CONVEX_URL, HUB_CONVEX_SECRET));
