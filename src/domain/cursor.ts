// Opaque pagination cursors: the sort position of the last item, so pages stay stable under inserts.

export function encodeCursor(parts: (string | number)[]): string {
  return btoa(JSON.stringify(parts)).replace(/=+$/, "");
}

export function decodeCursor(cursor: string): (string | number)[] | null {
  try {
    const parts = JSON.parse(atob(cursor));
    return Array.isArray(parts) && parts.every((p) => typeof p === "string" || typeof p === "number") ? parts : null;
  } catch {
    return null; // a cursor we did not issue
  }
}

/** A task list cursor as either store issues it: [createdAt, number or creation time, id?]; anything else is not ours. */
export function isTaskCursor(cursor: string): boolean {
  const p = decodeCursor(cursor);
  return !!p && (p.length === 2 || p.length === 3) && typeof p[0] === "string" && typeof p[1] === "number" && (p.length === 2 || typeof p[2] === "string");
}

/** A runs list cursor: the last delivery shown, ["run", receivedAt, id]. */
export const runCursor = (d: { receivedAt: string; id: string }) => encodeCursor(["run", d.receivedAt, d.id]);

/** The position a runs cursor names, or null for one the hub did not issue. */
export function decodeRunCursor(cursor: string): { receivedAt: string; id: string } | null {
  const p = decodeCursor(cursor);
  return p && p.length === 3 && p[0] === "run" && typeof p[1] === "string" && typeof p[2] === "string" ? { receivedAt: p[1], id: p[2] } : null;
}
