// A tracker's ids are the project's own: `beads:x-1` in one project is not `beads:x-1` in another.
//
// beads, Task Master and Backlog.md number their tasks per repository ("taskmaster:master:1" is in every project
// that uses Task Master), while the stores keep external keys unique across the hub. So a tracker key is stored
// under its project's id, and every surface that shows or exports it shows the tracker's own id again.

import type { TaskIntent } from "../extract/types";

const SCOPED = /^(beads|taskmaster|backlog):/;
const STORED = /^[^/:]+\/((?:beads|taskmaster|backlog):.*)$/s;

/** The key a tracker id is stored under in this project; other keys (sessions', Claude's list, GitHub) pass through. */
export function storedTrackerKey(projectId: string, key: string): string {
  return SCOPED.test(key) ? `${projectId}/${key}` : key;
}

/** The tracker's own id of a stored key (what an export writes back); other keys pass through. */
export function trackerKeyOf(stored: string): string {
  return STORED.exec(stored)?.[1] ?? stored;
}

/** Tasks a tracker (beads, Task Master) owns, stored or said: the tracker's own commands say where they stand. */
export const isTrackerKey = (externalKey: string | null) => !!externalKey && /^(beads|taskmaster):/.test(trackerKeyOf(externalKey));

/** A session's intents with the tracker ids it named stored under the session's project. */
export function scopeIntents(projectId: string, intents: TaskIntent[]): TaskIntent[] {
  const k = (key: string) => storedTrackerKey(projectId, key);
  const parent = (p: string | undefined) => (p === undefined ? {} : { parentExternalKey: k(p) });
  return intents.map((i): TaskIntent => {
    switch (i.type) {
      case "list":
        return { ...i, items: i.items.map((item) => ({ ...item, externalKey: k(item.externalKey) })), ...parent(i.parentExternalKey) };
      case "upsert":
        return { ...i, externalKey: k(i.externalKey), ...parent(i.parentExternalKey) };
      case "depend":
        return { ...i, externalKey: k(i.externalKey), dependsOnExternalKey: k(i.dependsOnExternalKey) };
      default:
        return i;
    }
  });
}
