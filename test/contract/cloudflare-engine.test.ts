// The engine contract on Cloudflare Workflows (the real binding in workerd) with the real D1 store.

import { cloudflareHarness } from "./cloudflare-harness";
import { engineContract } from "./engine-contract";

engineContract("cloudflare", async () => cloudflareHarness());
