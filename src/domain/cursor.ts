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
