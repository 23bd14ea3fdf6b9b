// The store contract on the D1 adapter, in workerd against the migrated test database.
import { env } from "cloudflare:test";
import { D1Store } from "../../src/integrations/store-d1";
import { storeContract } from "./store-contract";

storeContract("d1", () => new D1Store(env.DB));
