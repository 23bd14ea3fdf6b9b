// The activity feed on D1: rows after a cursor, and the newest row's id.

import type { ActivityStore } from "../../ports/store";
import { ACTIVITY_COLUMNS, ACTIVITY_FROM, toActivity, type ActivityRow } from "./model/rows";

export function activity(db: D1Database): ActivityStore {
  return {
    async activitySince(afterId, limit, projectId) {
      const { results } = await db
        .prepare(`SELECT ${ACTIVITY_COLUMNS} ${ACTIVITY_FROM} WHERE a.id > ? AND (? IS NULL OR a.project_id = ?) ORDER BY a.id LIMIT ?`)
        .bind(afterId, projectId ?? null, projectId ?? null, limit)
        .all<ActivityRow>();
      return results.map(toActivity);
    },

    async latestActivityId() {
      return (await db.prepare(`SELECT COALESCE(MAX(id), 0) AS id FROM activity`).first<{ id: number }>())?.id ?? 0;
    },
  };
}
