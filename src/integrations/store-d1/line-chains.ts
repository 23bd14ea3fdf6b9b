// Which subagent chain each sidechain transcript line was read into, kept across the slices of a session.

export async function lineChains(db: D1Database, sessionId: string, uuids: string[]): Promise<Map<string, string>> {
  if (!uuids.length) return new Map();
  const { results } = await db
    .prepare(`SELECT uuid, chain FROM transcript_chains WHERE session_id = ? AND uuid IN (SELECT value FROM json_each(?))`)
    .bind(sessionId, JSON.stringify(uuids))
    .all<{ uuid: string; chain: string }>();
  return new Map(results.map((r) => [r.uuid, r.chain]));
}

export async function recordLineChains(db: D1Database, sessionId: string, chains: Record<string, string>): Promise<void> {
  const rows = Object.entries(chains).map(([uuid, chain]) => ({ uuid, chain }));
  if (!rows.length) return;
  // The first reading of a line wins: a re-post of the same line must not move it to another chain.
  await db
    .prepare(
      `INSERT OR IGNORE INTO transcript_chains (session_id, uuid, chain)
       SELECT ?, json_extract(value, '$.uuid'), json_extract(value, '$.chain') FROM json_each(?)`,
    )
    .bind(sessionId, JSON.stringify(rows))
    .run();
}
