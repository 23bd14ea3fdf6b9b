// Tasks: create, edit, read, list, delete, their comments and time, and the reads the crons, boards and reports make.

import type { Activity, Actor } from "../../domain/activity";
import type { Link } from "../../domain/links";
import type { ReportData } from "../../domain/reports";
import type { Comment, TimeEntry } from "../../domain/task-records";
import type { Priority, Task, TaskDetail, TaskInput, TaskStatus } from "../../domain/tasks";

export interface TaskFilter {
  projectKey?: string;
  status?: TaskStatus[];
  assigneeId?: string;
  priority?: Priority;
  tag?: string;
  q?: string;
  dueBefore?: string;
  dueAfter?: string;
  /** true: only tasks with an open blocker; false: only tasks without one. */
  blocked?: boolean;
  /** Only tasks of these projects (ids): what a person's token may read (domain/permissions.ts readableProjects). */
  projectIds?: string[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface NewTask extends TaskInput {
  projectKey: string;
  /** The parent task's key (same project). */
  parent?: string | null;
}

export interface TaskPatch {
  title?: string;
  description?: string | null;
  priority?: Priority;
  dueAt?: string | null;
  tags?: string[];
  assigneeId?: string | null;
  status?: TaskStatus;
  /** The parent task's key (same project, not the task or one of its subtasks); null detaches. */
  parent?: string | null;
  estimatedHours?: number | null;
}

/** What changed, so the caller can emit events (status.changed, due.changed). */
export interface TaskChange {
  task: Task;
  from: Pick<Task, "status" | "dueAt"> | null; // null when the task was created
}

/** Task ids, each listed once; unknown ids are in neither list. */
export interface WatchedTasks {
  withDependents: string[];
  withOpenPullRequests: string[];
}

export interface TaskStore {
  createTask(t: NewTask, actor: Actor, at: string): Promise<Task>;
  updateTask(key: string, patch: TaskPatch, actor: Actor, at: string): Promise<TaskChange>;
  getTask(key: string): Promise<TaskDetail | null>;
  taskById(id: string): Promise<Task | null>;
  listTasks(filter: TaskFilter, limit: number, cursor: string | null): Promise<Page<Task>>;
  /** What a board card shows besides the task: its links and its latest activity. */
  cardExtras(taskIds: string[]): Promise<Map<string, { links: Link[]; lastActivity: Activity | null }>>;
  /** Removes a task with its comments, time, links and dependencies; the activity log keeps a "deleted" row. */
  deleteTask(key: string, actor: Actor, at: string): Promise<Task>;
  addComment(key: string, body: string, actor: Actor, at: string): Promise<Comment>;
  /** A comment kept under another system's id (a GitHub comment's): null, and nothing written, when one with that key exists. */
  importComment(key: string, body: string, externalKey: string, actor: Actor, at: string): Promise<Comment | null>;
  /** Keeps the id another system gave a hub comment (the GitHub comment it was posted as); false when the comment is unknown or the key taken. */
  setCommentExternalKey(commentId: string, externalKey: string): Promise<boolean>;
  addTimeEntry(key: string, e: { minutes: number; userId: string | null; source: TimeEntry["source"]; ref: string | null }, actor: Actor, at: string): Promise<TimeEntry>;
  /** Comments and time entries of a task, oldest first; null when there is no such task. */
  taskRecords(key: string): Promise<{ comments: Comment[]; timeEntries: TimeEntry[] } | null>;
  /**
   * Which of these tasks a change to them concerns beyond themselves: those other tasks depend on, and
   * those linked to an open pull request. Their events say so, and only those start the follow-up runs.
   */
  watchedTasks(taskIds: string[]): Promise<WatchedTasks>;
  /** Open tasks due in [from, to), earliest first. */
  dueBetween(from: string, to: string, limit: number): Promise<Task[]>;
  reportData(since: string): Promise<ReportData>;
}
