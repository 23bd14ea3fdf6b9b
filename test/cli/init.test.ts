// `taskhub init`: what it writes into .claude/settings.json, and that it merges instead of clobbering.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, GOOD_TOKEN, runCli, sandbox, startHub } from "./helpers";

const HUB = "https://hub.example.test";
const COMMAND = `node ${CLI} hook --url ${HUB}`;
const HTTP_HOOK = {
  type: "http",
  url: `${HUB}/hooks/claude`,
  headers: { Authorization: "Bearer $TASKHUB_TOKEN" },
  allowedEnvVars: ["TASKHUB_TOKEN"],
  timeout: 5,
};
const COMMAND_HOOK = { type: "command", command: COMMAND, timeout: 5 };
// With the todo tools on (the default), HTTP hooks also name the shared task list its ids belong to.
const LIST_HOOK = {
  type: "http",
  url: `${HUB}/hooks/claude`,
  headers: { Authorization: "Bearer $TASKHUB_TOKEN", "X-Taskhub-Task-List": "$CLAUDE_CODE_TASK_LIST_ID" },
  allowedEnvVars: ["TASKHUB_TOKEN", "CLAUDE_CODE_TASK_LIST_ID"],
  timeout: 5,
};

function settingsOf(dir: string) {
  return JSON.parse(fs.readFileSync(path.join(dir, ".claude", "settings.json"), "utf8"));
}

describe("taskhub init", () => {
  it("creates .claude/settings.json with HTTP hooks, and command hooks where the transcript or context is needed, in an empty directory", async () => {
    const sb = sandbox();
    const run = await runCli(["init", "--url", `${HUB}/`], { sandbox: sb });
    expect(run.code).toBe(0);
    expect(settingsOf(sb.work)).toEqual({
      hooks: {
        SessionStart: [{ hooks: [COMMAND_HOOK] }],
        UserPromptSubmit: [{ hooks: [LIST_HOOK] }],
        PostToolUse: [{ matcher: "TaskCreate|TaskUpdate|TodoWrite", hooks: [LIST_HOOK] }],
        TaskCreated: [{ hooks: [LIST_HOOK] }],
        TaskCompleted: [{ hooks: [LIST_HOOK] }],
        Stop: [{ hooks: [COMMAND_HOOK] }],
        PreCompact: [{ hooks: [COMMAND_HOOK] }],
        SubagentStop: [{ hooks: [COMMAND_HOOK] }],
      },
      env: { CLAUDE_CODE_ENABLE_TODO_TOOLS: "1" },
    });
    expect(run.stdout).toContain("created .claude/settings.json");
    expect(run.stdout).toContain("--no-todo-tools");
  });

  it("names the shared task list after the hub's project for this directory", async () => {
    const hub = await startHub({ project: "HUB" });
    try {
      const sb = sandbox();
      const run = await runCli(["init", "--url", hub.url], { sandbox: sb, env: { TASKHUB_TOKEN: GOOD_TOKEN } });
      expect(run.code).toBe(0);
      expect(settingsOf(sb.work).env).toEqual({ CLAUDE_CODE_ENABLE_TODO_TOOLS: "1", CLAUDE_CODE_TASK_LIST_ID: "HUB" });
      expect(hub.to("/api/context")[0].query.get("cwd")).toBe(fs.realpathSync(sb.work));
    } finally {
      await hub.close();
    }
  });

  it("takes the list's name from --project, and keeps a list id the user set", async () => {
    const sb = sandbox();
    await runCli(["init", "--url", HUB, "--project", "OPS"], { sandbox: sb });
    expect(settingsOf(sb.work).env.CLAUDE_CODE_TASK_LIST_ID).toBe("OPS");
    const mine = sandbox();
    fs.mkdirSync(path.join(mine.work, ".claude"));
    fs.writeFileSync(path.join(mine.work, ".claude", "settings.json"), JSON.stringify({ env: { CLAUDE_CODE_TASK_LIST_ID: "team-list" } }));
    const run = await runCli(["init", "--url", HUB, "--project", "OPS"], { sandbox: mine });
    expect(settingsOf(mine.work).env).toEqual({ CLAUDE_CODE_TASK_LIST_ID: "team-list", CLAUDE_CODE_ENABLE_TODO_TOOLS: "1" });
    expect(run.stdout).toContain("kept env CLAUDE_CODE_TASK_LIST_ID=team-list");
  });

  it("leaves the todo tools and the shared list out with --no-todo-tools", async () => {
    const sb = sandbox();
    const run = await runCli(["init", "--url", HUB, "--project", "OPS", "--no-todo-tools"], { sandbox: sb });
    expect(run.code).toBe(0);
    const after = settingsOf(sb.work);
    expect(after.env).toBeUndefined();
    expect(after.hooks.TaskCreated).toEqual([{ hooks: [HTTP_HOOK] }]);
    expect(after.hooks.UserPromptSubmit).toEqual([{ hooks: [HTTP_HOOK] }]);
  });

  it("takes back the todo-tools switch it set when run again with --no-todo-tools", async () => {
    const sb = sandbox();
    await runCli(["init", "--url", HUB, "--project", "OPS"], { sandbox: sb });
    await runCli(["init", "--url", HUB, "--no-todo-tools"], { sandbox: sb });
    expect(settingsOf(sb.work).env).toEqual({ CLAUDE_CODE_TASK_LIST_ID: "OPS" });
  });

  it("keeps the user's own keys and hooks when merging into an existing settings.json", async () => {
    const sb = sandbox();
    const mine = {
      model: "claude-sonnet-4-6",
      permissions: { allow: ["Bash(npm test)"], deny: [] },
      env: { FOO: "bar" },
      hooks: {
        PostToolUse: [
          { matcher: "Edit|Write", hooks: [{ type: "command", command: "npx prettier --write" }] },
          { matcher: "TaskCreate|TaskUpdate|TodoWrite", hooks: [{ type: "command", command: "./notify.sh" }] },
        ],
        Stop: [{ hooks: [{ type: "command", command: "say done", timeout: 3 }] }],
        PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: "./guard.sh" }] }],
      },
    };
    fs.mkdirSync(path.join(sb.work, ".claude"));
    fs.writeFileSync(path.join(sb.work, ".claude", "settings.json"), JSON.stringify(mine, null, 2));

    const run = await runCli(["init"], { sandbox: sb, env: { TASKHUB_URL: HUB } });
    expect(run.code).toBe(0);
    const after = settingsOf(sb.work);
    expect(after.model).toBe(mine.model);
    expect(after.permissions).toEqual(mine.permissions);
    expect(after.env).toEqual({ ...mine.env, CLAUDE_CODE_ENABLE_TODO_TOOLS: "1" });
    expect(after.hooks.PreToolUse).toEqual(mine.hooks.PreToolUse);
    expect(after.hooks.PostToolUse).toEqual([
      mine.hooks.PostToolUse[0],
      { matcher: "TaskCreate|TaskUpdate|TodoWrite", hooks: [{ type: "command", command: "./notify.sh" }] },
      { matcher: "TaskCreate|TaskUpdate|TodoWrite", hooks: [LIST_HOOK] },
    ]);
    expect(after.hooks.Stop).toEqual([mine.hooks.Stop[0], { hooks: [COMMAND_HOOK] }]);
    expect(after.hooks.SessionStart).toEqual([{ hooks: [COMMAND_HOOK] }]);
    expect(after.hooks.UserPromptSubmit).toEqual([{ hooks: [LIST_HOOK] }]);
  });

  it("changes nothing and says so when run a second time", async () => {
    const sb = sandbox();
    await runCli(["init", "--url", HUB], { sandbox: sb });
    const file = path.join(sb.work, ".claude", "settings.json");
    const first = fs.readFileSync(file, "utf8");
    const second = await runCli(["init", "--url", HUB], { sandbox: sb });
    expect(second.code).toBe(0);
    expect(fs.readFileSync(file, "utf8")).toBe(first);
    expect(second.stdout).toMatch(/nothing changed/);
  });

  it("uses command hooks for every event with --command", async () => {
    const sb = sandbox();
    const run = await runCli(["init", "--url", HUB, "--command"], { sandbox: sb });
    expect(run.code).toBe(0);
    expect(settingsOf(sb.work).hooks).toEqual({
      SessionStart: [{ hooks: [COMMAND_HOOK] }],
      UserPromptSubmit: [{ hooks: [COMMAND_HOOK] }],
      PostToolUse: [{ matcher: "TaskCreate|TaskUpdate|TodoWrite", hooks: [COMMAND_HOOK] }],
      TaskCreated: [{ hooks: [COMMAND_HOOK] }],
      TaskCompleted: [{ hooks: [COMMAND_HOOK] }],
      Stop: [{ hooks: [COMMAND_HOOK] }],
      PreCompact: [{ hooks: [COMMAND_HOOK] }],
      SubagentStop: [{ hooks: [COMMAND_HOOK] }],
    });
  });

  it("replaces its HTTP hooks in place rather than adding command hooks beside them when switching to --command", async () => {
    const sb = sandbox();
    await runCli(["init", "--url", HUB], { sandbox: sb });
    await runCli(["init", "--url", HUB, "--command"], { sandbox: sb });
    const hooks = settingsOf(sb.work).hooks;
    for (const event of ["UserPromptSubmit", "PostToolUse", "Stop"]) {
      expect(hooks[event]).toHaveLength(1);
      expect(hooks[event][0].hooks).toEqual([COMMAND_HOOK]);
    }
  });

  it("puts the --bin command in the command hooks instead of node and this file's path", async () => {
    const sb = sandbox();
    await runCli(["init", "--url", HUB, "--bin", "npx taskhub"], { sandbox: sb });
    expect(settingsOf(sb.work).hooks.SessionStart[0].hooks[0].command).toBe(`npx taskhub hook --url ${HUB}`);
  });

  it("refuses to touch a settings.json that is not valid JSON", async () => {
    const sb = sandbox();
    fs.mkdirSync(path.join(sb.work, ".claude"));
    const file = path.join(sb.work, ".claude", "settings.json");
    fs.writeFileSync(file, "{ not json");
    const run = await runCli(["init", "--url", HUB], { sandbox: sb });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/not valid JSON/);
    expect(fs.readFileSync(file, "utf8")).toBe("{ not json");
  });

  it("exits 2 with a message when no hub URL is given", async () => {
    const sb = sandbox();
    const run = await runCli(["init"], { sandbox: sb });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/TASKHUB_URL/);
    expect(fs.existsSync(path.join(sb.work, ".claude"))).toBe(false);
  });
});
