// The engine contract on Inngest (@inngest/test, msw for the event API) with the real D1 store (Miniflare's).

import { setupServer } from "msw/node";
import { afterAll, beforeAll } from "vitest";
import { nodeD1 } from "../support/node-d1";
import { engineContract } from "./engine-contract";
import { inngestHarness } from "./inngest-harness";

const server = setupServer();
let d1: Awaited<ReturnType<typeof nodeD1>>;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  d1 = await nodeD1();
});
afterAll(async () => {
  server.close();
  await d1.dispose();
});

engineContract("inngest", async () => inngestHarness(server, d1.db));
