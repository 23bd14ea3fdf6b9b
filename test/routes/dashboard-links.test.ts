// Imported links render as links only when they are http(s): a javascript: url shows as text on the board and the task page.
import { expect, it } from "vitest";
import { call } from "../support/hub";

const at = "2026-11-01T00:00:00.000Z";
const records = [
  { type: "project", key: "JSL", name: "Links", description: null, status: "active", repos: [], paths: [], settings: {}, createdAt: at },
  {
    type: "task", key: "JSL-1", title: "Has links", description: null, status: "todo", priority: "medium", assigneeId: null, creatorId: null,
    dueAt: null, tags: [], estimatedHours: null, source: { kind: "api" }, externalKey: null, createdAt: at, updatedAt: at, completedAt: null,
  },
  { type: "link", task: "JSL-1", kind: "pull_request", ref: "acme/x#1", url: "javascript:alert(document.cookie)", state: "open", title: "evil pr", createdAt: at },
  { type: "link", task: "JSL-1", kind: "pull_request", ref: "acme/x#2", url: "https://github.com/acme/x/pull/2", state: "open", title: "good pr", createdAt: at },
];

it("renders an imported javascript: link as text and an https one as a link", async () => {
  const res = await call("/api/import", { method: "POST", body: records.map((r) => JSON.stringify(r)).join("\n") + "\n", headers: { "content-type": "application/x-ndjson" } });
  expect(res.status, await res.clone().text()).toBe(201);
  for (const path of ["/tasks/JSL-1", "/?project=JSL"]) {
    const html = await (await call(path)).text();
    expect(html, path).not.toMatch(/href="\s*javascript:/i);
    expect(html, path).toContain('href="https://github.com/acme/x/pull/2"');
  }
  expect(await (await call("/tasks/JSL-1")).text()).toContain("evil pr");
});
