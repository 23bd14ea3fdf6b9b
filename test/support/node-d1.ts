// A real D1 database for node tests (Miniflare's, the one wrangler dev uses), with migrations/ applied.

import { readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll } from "vitest";
import { fileURLToPath } from "node:url";

const MIGRATIONS = fileURLToPath(new URL("../../migrations", import.meta.url).href);

export async function nodeD1(): Promise<{ db: D1Database; dispose: () => Promise<void> }> {
  const mf = new Miniflare({ modules: true, script: "export default { fetch() { return new Response(null, { status: 404 }) } }", d1Databases: ["DB"] });
  const db = (await mf.getD1Database("DB")) as unknown as D1Database;
  for (const m of await readD1Migrations(MIGRATIONS)) await db.batch(m.queries.map((q) => db.prepare(q)));
  return { db, dispose: () => mf.dispose() };
}

/**
 * The usual world of a node test: msw at the edge (GitHub, Resend, Inngest) and a real D1 behind the
 * store, started before the file's tests and stopped after. `db()` is valid inside tests.
 */
export function edgeAndD1(server: { listen(o: { onUnhandledRequest: "error" }): void; close(): void }) {
  let d1: Awaited<ReturnType<typeof nodeD1>> | null = null;
  beforeAll(async () => {
    server.listen({ onUnhandledRequest: "error" });
    d1 = await nodeD1();
  });
  afterAll(async () => {
    server.close();
    await d1?.dispose();
  });
  return {
    db: () => {
      if (!d1) throw new Error("edgeAndD1: D1 is only there inside tests");
      return d1.db;
    },
  };
}
