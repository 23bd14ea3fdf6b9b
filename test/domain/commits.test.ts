// What a commit does to the tasks it names, on and off the default branch.
import { describe, expect, it } from "vitest";
import { commitEffects, commitTarget } from "../../src/domain/commits";
import { taskKeyResolver } from "../../src/domain/issue-refs";
import { parseText } from "../../src/domain/refs";

const effects = (message: string, onDefault: boolean, mirrored: Record<string, string> = {}) =>
  commitEffects(parseText(message, { projectKeys: ["HUB"] }), onDefault, taskKeyResolver("acme/app", mirrored));

describe("commitEffects", () => {
  it("closes with a closing word on the default branch", () => {
    expect(effects("Fixes HUB-1", true)).toEqual([expect.objectContaining({ taskKey: "HUB-1", close: true, start: false })]);
  });

  it("only starts with a closing word elsewhere", () => {
    expect(effects("Fixes HUB-1", false)).toEqual([expect.objectContaining({ taskKey: "HUB-1", close: false, start: true })]);
  });

  it("treats Jira's #done like a closing word", () => {
    expect(effects("HUB-2 #done", true)).toEqual([expect.objectContaining({ taskKey: "HUB-2", close: true, start: false })]);
  });

  it("links a mere mention without closing", () => {
    expect(effects("Refs HUB-3", true)).toEqual([expect.objectContaining({ taskKey: "HUB-3", close: false, start: true })]);
  });

  it("treats #done off the default branch as a start", () => {
    expect(effects("HUB-1 #done", false)).toEqual([expect.objectContaining({ close: false, start: true })]);
  });

  it("adds up #time and keeps each #comment for the task they follow", () => {
    const [e] = effects("HUB-1 #time 1h #comment first #time 30m #comment second", false);
    expect(e).toMatchObject({ taskKey: "HUB-1", minutes: 90, comments: ["first", "second"] });
  });

  it("asks for review on #review", () => {
    expect(effects("HUB-2 #review", false)).toEqual([expect.objectContaining({ taskKey: "HUB-2", review: true })]);
  });

  it("resolves #12 to the task mirroring issue 12 of the pushed repository", () => {
    expect(effects("Closes #12", true, { "acme/app#12": "HUB-7" })).toEqual([expect.objectContaining({ taskKey: "HUB-7", close: true })]);
  });

  it("resolves owner/repo#12 of another repository only through its own mirror", () => {
    expect(effects("Closes other/lib#12", true, { "acme/app#12": "HUB-7" })).toEqual([]);
  });
});

describe("commitTarget", () => {
  it("completes an open task", () => {
    expect(commitTarget("review", { close: true, start: false })).toBe("completed");
  });

  it("never reopens finished work", () => {
    expect(commitTarget("cancelled", { close: false, start: true })).toBeNull();
  });

  it("does not move a task under review back to in_progress", () => {
    expect(commitTarget("review", { close: false, start: true })).toBeNull();
  });
});
