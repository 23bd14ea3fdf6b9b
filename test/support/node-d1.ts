// A real D1 database for node tests (Miniflare's, the one wrangler dev uses), with migrations/ applied.

import { readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { Miniflare } from "miniflare";
import { fileURLToPath } from "node:url";

const MIGRATIONS = fileURLToPath(new URL("../../migrations", import.meta.url).href);

export async function nodeD1(): Promise<{ db: D1Database; dispose: () => Promise<void> }> {
  const mf = new Miniflare({ modules: true, script: "export default { fetch() { return new Response(null, { status: 404 }) } }", d1Databases: ["DB"] });
  const db = (await mf.getD1Database("DB")) as unknown as D1Database;
  for (const m of await readD1Migrations(MIGRATIONS)) await db.batch(m.queries.map((q) => db.prepare(q)));
  return { db, dispose: () => mf.dispose() };
}
