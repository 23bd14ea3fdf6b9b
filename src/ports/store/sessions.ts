// Claude Code sessions: the transcript lines seen, their subagent chains, and the intents a session's slice carries.

import type { Activity } from "../../domain/activity";
import type { TaskIntent } from "../../domain/extract/types";
import type { TaskStatus } from "../../domain/tasks";
import type { TaskChange } from "./tasks";

export interface IntentBatch {
  sessionId: string;
  projectId: string;
  cwd: string | null;
  gitBranch: string | null;
  intents: TaskIntent[];
}

export interface TranscriptChunk {
  sessionId: string;
  newLineUuids: string[];
  duplicates: number;
}

/** What one Claude Code session did: the tasks it created, its latest activity (actor `claude:<id>`), how long it ran. */
export interface SessionSummary {
  id: string;
  projectId: string | null;
  cwd: string | null;
  gitBranch: string | null;
  activeMinutes: number;
  startedAt: string;
  lastAt: string | null;
  created: { key: string; title: string; status: TaskStatus }[];
  /** Newest first, at most SESSION_ACTIVITY_LIMIT rows. */
  activity: Activity[];
}

export const SESSION_ACTIVITY_LIMIT = 200;

export interface SessionStore {
  /** A session's page; null when the hub never saw it. */
  sessionSummary(sessionId: string): Promise<SessionSummary | null>;
  /** Which of these transcript line uuids were recorded before (read only). */
  seenTranscriptLines(sessionId: string, uuids: string[]): Promise<Set<string>>;
  /** Records the uuids of a transcript slice once its intents are safely emitted. */
  recordTranscriptLines(sessionId: string, uuids: string[]): Promise<TranscriptChunk>;
  /** The chains recorded for these sidechain lines (pre-2.1 subagent runs carry no agentId) (#4). */
  lineChains(sessionId: string, uuids: string[]): Promise<Map<string, string>>;
  /** Records each sidechain line's chain once, so a slice that starts inside the run keeps its chain (#4). */
  recordLineChains(sessionId: string, chains: Record<string, string>): Promise<void>;
  /** Claims the session for owner unless another claimed it first; returns the session's owner. */
  claimSession(sessionId: string, owner: string, at: string): Promise<string>;
  /** What a session said (domain/ingest.ts plans it), applied in one transaction per intent. */
  applyIntents(batch: IntentBatch, at: string): Promise<TaskChange[]>;
}
