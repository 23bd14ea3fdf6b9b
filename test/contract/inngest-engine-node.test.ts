// The engine contract on Inngest (@inngest/test, msw for the event API) with the real D1 store (Miniflare's).

import { setupServer } from "msw/node";
import { edgeAndD1 } from "../support/node-d1";
import { engineContract } from "./engine-contract";
import { inngestHarness } from "./inngest-harness";

const server = setupServer();
const world = edgeAndD1(server);

engineContract("inngest", async () => inngestHarness(server, world.db()));
