// Metadata: priority words, due dates relative to the line, tags from repository and branch.

import { describe, expect, it } from "vitest";
import { extractTranscript } from "../../../src/domain/extract";
import { dueFromText, placeTags, priorityFromText } from "../../../src/domain/extract/metadata";
import { jsonl, upserts, userLine } from "./helpers";

// Wednesday 11 February 2026.
const AT = "2026-02-11T21:18:41.543Z";

describe("priority", () => {
  it.each([
    ["this is urgent", "urgent"],
    ["fix asap", "urgent"],
    ["critical bug in auth", "urgent"],
    ["it's a blocker for the release", "urgent"],
    ["important: rotate the keys", "high"],
    ["high priority: add audit log", "high"],
  ])("reads %j as %s", (text, priority) => {
    expect(priorityFromText(text)).toBe(priority);
  });

  it("leaves priority unset without such words", () => {
    expect(priorityFromText("add a health check")).toBeUndefined();
  });

  it("sets priority on a prose task from its sentence", () => {
    const [u] = upserts(extractTranscript(jsonl(userLine("please fix the login redirect asap"))));
    expect(u.priority).toBe("urgent");
  });
});

describe("due dates", () => {
  it.each([
    ["ship it by Friday", "2026-02-13T23:59:59.000Z"],
    ["tomorrow", "2026-02-12T23:59:59.000Z"],
    ["next week", "2026-02-18T23:59:59.000Z"],
    ["before 2026-03-01", "2026-03-01T23:59:59.000Z"],
  ])("reads %j relative to the line's timestamp", (text, due) => {
    expect(dueFromText(text, AT)).toBe(due);
  });

  it.each(["now", "in 5 minutes", "at 3pm", "Next.js 15.5.2", "spotter-gqc.6"])("reads no due date in %j", (text) => {
    expect(dueFromText(text, AT)).toBeUndefined();
  });

  it("sets the due date on a prose task", () => {
    const [u] = upserts(extractTranscript(jsonl(userLine("please add the export button by Friday", AT))));
    expect(u.dueAt).toBe("2026-02-13T23:59:59.000Z");
  });
});

describe("tags", () => {
  it("names the repository by the basename of cwd and the branch", () => {
    expect(placeTags("/home/dev/projects/taskhub/", "feature/auth")).toEqual(["repo:taskhub", "branch:feature/auth"]);
  });

  it("names no branch for an empty branch or a detached HEAD", () => {
    expect(placeTags("/srv/app", "")).toEqual(["repo:app"]);
    expect(placeTags("/srv/app", "HEAD")).toEqual(["repo:app"]);
  });
});
