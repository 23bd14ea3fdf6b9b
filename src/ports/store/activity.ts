// The activity log as a feed: rows after a cursor, and the newest row's id.

import type { Activity } from "../../domain/activity";

export interface ActivityStore {
  activitySince(afterId: number, limit: number, projectId?: string): Promise<Activity[]>;
  /** The id of the newest activity row (0 when none): a page is current up to it, and /events streams what follows. */
  latestActivityId(): Promise<number>;
}
