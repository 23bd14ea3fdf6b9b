// Text search takes the caller's words as data: quotes, FTS operators and LIKE wildcards find only themselves.

import { expect, it } from "vitest";
import { call, createProject } from "../support/hub";

const titles = async (q: string) =>
  ((await (await call(`/api/tasks?project=SRCH&q=${encodeURIComponent(q)}`)).json()) as { tasks: { title: string }[] }).tasks.map((t) => t.title).sort();

it("search finds substrings, case-insensitively, and treats operators as text", async () => {
  await createProject("SRCH");
  for (const title of ["Deploy the parser", 'Fix "quoted" OR NOT', "100% done_now", "another deployment"]) {
    expect((await call("/api/tasks", { method: "POST", json: { project: "SRCH", title } })).status).toBe(201);
  }
  expect(await titles("deploy")).toEqual(["Deploy the parser", "another deployment"]);
  expect(await titles('"quoted" OR')).toEqual(['Fix "quoted" OR NOT']);
  expect(await titles("OR NOT")).toEqual(['Fix "quoted" OR NOT']);
  expect(await titles("0% d")).toEqual(["100% done_now"]);
  expect(await titles("%")).toEqual(["100% done_now"]);
  expect(await titles("zzzz*")).toEqual([]);
});
