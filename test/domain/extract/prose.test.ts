// Prose: explicit requests and end-of-turn "Next steps" become tasks; everything that is not a person speaking does not.

import { describe, expect, it } from "vitest";
import { extractTranscript } from "../../../src/domain/extract";
import { assistantText, jsonl, SESSION, toolUse, upserts, userLine } from "./helpers";

const titlesFromPrompt = (content: unknown, extra = {}) =>
  upserts(extractTranscript(jsonl(userLine(content, undefined, extra))), "prose").map((u) => u.title ?? "");

describe("requests a person types", () => {
  it.each([
    ["I need to implement user authentication for the API", "Implement user authentication for the API"],
    ["TODO: migrate the sessions table to UUID keys", "Migrate the sessions table to UUID keys"],
    ["Looks good. Let's also add a retry to the webhook sender.", "Add a retry to the webhook sender"],
    ["please add pagination to /api/tasks", "Add pagination to /api/tasks"],
    ["Can you write tests for the digest scheduler?", "Write tests for the digest scheduler"],
    ["could you please set up CI for the worker, thanks", "Set up CI for the worker"],
  ])("reads %j as a task", (prompt, title) => {
    expect(titlesFromPrompt(prompt)).toEqual([title]);
  });

  it("keys a request by session and normalised title, matching by title", () => {
    const [u] = upserts(extractTranscript(jsonl(userLine("please add pagination to /api/tasks"))));
    expect(u).toMatchObject({ externalKey: `prose:${SESSION}:add pagination to api tasks`, source: "prose", status: "todo", matchByTitle: true });
  });

  it("caps a long title at 120 characters", () => {
    const titles = titlesFromPrompt(`please add ${"a very long clause ".repeat(20)}`);
    expect(titles).toHaveLength(1);
    expect(titles[0].length).toBeLessThanOrEqual(120);
  });

  it.each([
    "can you check the logs?",
    "please fix it",
    "let's see what happens",
    "mix phx.server doesnt seem to start",
    "start phoenix in background",
    "I want to understand why this fails",
  ])("does not read %j as a task", (prompt) => {
    expect(titlesFromPrompt(prompt)).toEqual([]);
  });
});

describe("text that is not a person speaking", () => {
  it("skips slash commands and their wrappers", () => {
    expect(titlesFromPrompt("/review please add tests")).toEqual([]);
    expect(titlesFromPrompt("<command-message>init</command-message>\n<command-name>/init</command-name>\n<command-args>please add tests</command-args>")).toEqual([]);
  });

  it("skips local command output", () => {
    expect(titlesFromPrompt("<local-command-stdout>please add a token</local-command-stdout>")).toEqual([]);
  });

  it("skips system reminders inside a prompt but keeps the request around them", () => {
    const prompt = "<system-reminder>TODO: refactor everything</system-reminder>\nplease add a health check endpoint";
    expect(titlesFromPrompt(prompt)).toEqual(["Add a health check endpoint"]);
  });

  it("skips code blocks", () => {
    expect(titlesFromPrompt("why does this fail?\n```\n// TODO: add caching\nplease add(x)\n```")).toEqual([]);
  });

  it("skips task notifications", () => {
    expect(titlesFromPrompt("<task-notification>\n<summary>please add logs</summary>\n</task-notification>\nRead the output file")).toEqual([]);
  });

  it("skips interrupted-request markers and hook feedback", () => {
    expect(titlesFromPrompt([{ type: "text", text: "[Request interrupted by user]" }])).toEqual([]);
    expect(titlesFromPrompt("Stop hook feedback:\nplease add tests before stopping")).toEqual([]);
  });

  it("skips tool output even when it reads like a request", () => {
    const x = extractTranscript(jsonl(userLine([{ type: "tool_result", tool_use_id: "t1", content: "TODO: add caching\nplease add tests" }])));
    expect(upserts(x)).toHaveLength(0);
  });

  it("skips meta lines such as expanded slash-command prompts", () => {
    expect(titlesFromPrompt([{ type: "text", text: "Please add a CLAUDE.md file" }], { isMeta: true })).toEqual([]);
  });

  it("skips a subagent's prompt, which the parent agent wrote", () => {
    expect(titlesFromPrompt("please add a summary of the scripts", { isSidechain: true })).toEqual([]);
  });
});

describe("next steps the assistant lists at the end of a turn", () => {
  const turnEnd = "Done. The endpoint works.\n\n**Next steps:**\n1. Add rate limiting to the login endpoint\n2. **Write integration tests** — cover the refresh flow\n3. Let me know if you want me to deploy?";

  it("reads each item of the list as a task", () => {
    const x = extractTranscript(jsonl(assistantText(turnEnd)));
    expect(upserts(x, "prose").map((u) => u.title)).toEqual(["Add rate limiting to the login endpoint", "Write integration tests"]);
  });

  it("ignores the list when the turn goes on with a tool call", () => {
    const x = extractTranscript(jsonl(assistantText(turnEnd), toolUse("Bash", { command: "ls" }, "toolu_1")));
    expect(upserts(x)).toHaveLength(0);
  });

  it("reads the list when the person speaks next", () => {
    const x = extractTranscript(jsonl(assistantText(turnEnd), userLine("thanks")));
    expect(upserts(x)).toHaveLength(2);
  });

  it("ignores a heading with a long list, which is a plan rather than follow-ups", () => {
    const long = `Next steps:\n${Array.from({ length: 12 }, (_, i) => `- Step number ${i}`).join("\n")}`;
    expect(upserts(extractTranscript(jsonl(assistantText(long))))).toHaveLength(0);
  });

  it("ignores bullet lists under other headings", () => {
    expect(upserts(extractTranscript(jsonl(assistantText("Changes:\n- Added rate limiting\n- Fixed tests"))))).toHaveLength(0);
  });
});
