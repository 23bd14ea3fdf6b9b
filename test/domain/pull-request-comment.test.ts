// The Markdown of the one taskhub comment on a pull request.
import { describe, expect, it } from "vitest";
import { escapeMarkdown, renderPullRequestComment } from "../../src/domain/pull-request-comment";
import { COMMENT_MARKER } from "../../src/ports/github";

const task = { key: "HUB-3", title: "Tidy the pool", status: "in_progress" as const, dueAt: "2026-12-01T17:00:00.000Z" };

describe("renderPullRequestComment", () => {
  it("starts with the marker the adapter finds it by", () => {
    expect(renderPullRequestComment([task]).startsWith(COMMENT_MARKER)).toBe(true);
  });

  it("lists each task with its status and due date", () => {
    expect(renderPullRequestComment([task])).toContain("| HUB-3 | Tidy the pool | In progress | 2026-12-01 |");
  });

  it("links each key to the hub's task page when the hub's URL is known", () => {
    expect(renderPullRequestComment([task], "https://hub.example/")).toContain("[HUB-3](https://hub.example/tasks/HUB-3)");
  });
});

describe("escapeMarkdown", () => {
  it("neutralises HTML, table pipes and mentions", () => {
    expect(escapeMarkdown("<img src=x> | @org/team")).toBe("&#60;img src=x&#62; &#124; &#64;org/team");
  });

  it("caps long titles to one short line", () => {
    expect(escapeMarkdown(`a\n${"b".repeat(500)}`).length).toBeLessThanOrEqual(120);
  });
});
