// What hangs off a task besides its links: comments and logged time.

import type { Actor } from "./activity";

export interface Comment {
  id: string;
  author: Actor;
  body: string;
  createdAt: string;
}

export const TIME_SOURCES = ["session", "commit", "manual"] as const;
export type TimeSource = (typeof TIME_SOURCES)[number];

export interface TimeEntry {
  id: string;
  userId: string | null;
  minutes: number;
  source: TimeSource;
  ref: string | null;
  createdAt: string;
}
