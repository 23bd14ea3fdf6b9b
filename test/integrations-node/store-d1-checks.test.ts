// The D1 schema's CHECK constraints allow exactly the values the domain declares (statuses, priorities, kinds, roles).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { LINK_KINDS } from "../../src/domain/links";
import { ROLES } from "../../src/domain/permissions";
import { PROJECT_STATUSES } from "../../src/domain/projects";
import { PULL_REQUEST_STATES } from "../../src/domain/pull-requests";
import { TIME_SOURCES } from "../../src/domain/task-records";
import { PRIORITIES, TASK_STATUSES } from "../../src/domain/tasks";
import { DIGEST_MODES } from "../../src/domain/users";

const DOMAIN: Record<string, readonly string[]> = {
  "users.digest": DIGEST_MODES,
  "projects.status": PROJECT_STATUSES,
  "members.role": ROLES,
  "tasks.status": TASK_STATUSES,
  "tasks.priority": PRIORITIES,
  "time_entries.source": TIME_SOURCES,
  "links.kind": LINK_KINDS,
  "pull_requests.state": PULL_REQUEST_STATES,
};

/** Every `column ... CHECK (column IN ('a','b'))` of every CREATE TABLE in migrations/, applied in order, as "table.column" → values. */
function checkLists(): Record<string, string[]> {
  const dir = join(__dirname, "../../migrations");
  const out: Record<string, string[]> = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".sql")).sort()) {
    for (const [, table, body] of readFileSync(join(dir, file), "utf8").matchAll(/CREATE TABLE (?:IF NOT EXISTS )?(\w+) \(([\s\S]*?)\n\);/g)) {
      for (const [, column, values] of body.matchAll(/CHECK \((\w+) IN \(([^)]*)\)\)/g)) {
        out[`${table}.${column}`] = values.split(",").map((v) => v.trim().replace(/^'|'$/g, ""));
      }
    }
  }
  return out;
}

it("finds a CHECK list for each value set the domain declares, and no other", () => {
  expect(Object.keys(checkLists()).sort()).toEqual(Object.keys(DOMAIN).sort());
});

for (const [column, values] of Object.entries(DOMAIN)) {
  it(`allows in ${column} exactly the domain's values`, () => {
    expect(checkLists()[column]).toEqual([...values]);
  });
}
