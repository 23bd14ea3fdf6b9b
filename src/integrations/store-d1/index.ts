// The D1 store: the embedded default behind the Store port, SQL in migrations/; one file per aggregate of src/ports/store.

import type { Store } from "../../ports/store";
import { activity } from "./activity";
import { deliveries } from "./deliveries";
import { dependencies } from "./dependencies";
import { emails } from "./emails";
import { github } from "./github";
import { heldIntents } from "./held-intents";
import { issueOpenings } from "./issue-openings";
import { metrics } from "./metrics";
import { people } from "./people";
import { projects } from "./projects";
import { runTraces } from "./run-traces";
import { sessions } from "./sessions";
import { sharedLinks } from "./shared-links";
import { taskKeys } from "./task-keys";
import { tasks } from "./tasks";
import { tokens } from "./tokens";

export function d1Store(db: D1Database): Store {
  return {
    name: "d1",
    ...deliveries(db),
    ...tokens(db),
    ...projects(db),
    ...tasks(db),
    ...taskKeys(db),
    ...dependencies(db),
    ...github(db),
    ...issueOpenings(db),
    ...sessions(db),
    ...heldIntents(db),
    ...people(db),
    ...emails(db),
    ...activity(db),
    ...metrics(db),
    ...sharedLinks(db),
    ...runTraces(db),
  };
}

/** `new D1Store(db)`: the Store over one D1 database, its methods the aggregates' own. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface D1Store extends Store {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class D1Store {
  constructor(db: D1Database) {
    Object.assign(this, d1Store(db));
  }
}
