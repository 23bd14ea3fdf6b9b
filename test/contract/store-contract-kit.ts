// What the store contract's suites share: the store under test, builders for projects, tasks and people, and an error matcher.

import { expect } from "vitest";
import type { NewTask, Project, Store } from "../../src/ports/store";
import { StoreError } from "../../src/ports/store";
import type { Task } from "../../src/domain/tasks";
import type { User } from "../../src/domain/users";
import { freshKey, nextAt } from "./store-fixtures";

export const rejectsWith = async (p: Promise<unknown>, code: StoreError["code"]) => {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(StoreError);
  expect((e as StoreError).code).toBe(code);
};

export interface Kit {
  /** The store of the running test (a fresh one per test on Convex; D1 keeps one database). */
  store(): Store;
  project(over?: { repos?: string[]; paths?: string[] }): Promise<Project>;
  task(projectKey: string, title?: string, extra?: Partial<NewTask>): Promise<Task>;
  user(over?: Partial<{ email: string; githubLogin: string | null; digest: User["digest"] }>): Promise<User>;
}

export function kit(current: () => Store): Kit {
  return {
    store: current,
    project: (over = {}) => current().createProject({ key: freshKey(), name: "Contract", repos: over.repos ?? [], paths: over.paths ?? [], at: nextAt() }),
    task: (projectKey, title = "Write the contract", extra = {}) => current().createTask({ projectKey, title, ...extra }, "user:contract", nextAt()),
    user: (over = {}) =>
      current().createUser(
        { email: `${crypto.randomUUID()}@Example.com`, name: "Dana", githubLogin: null, timezone: "Europe/Berlin", digest: "daily", digestHour: 8, ...over },
        nextAt(),
      ),
  };
}
