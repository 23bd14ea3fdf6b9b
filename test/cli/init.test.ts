// `taskhub init`: what it writes into .claude/settings.json, and that it merges instead of clobbering.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, runCli, sandbox } from "./helpers";

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
        UserPromptSubmit: [{ hooks: [HTTP_HOOK] }],
        PostToolUse: [{ matcher: "TaskCreate|TaskUpdate|TodoWrite", hooks: [HTTP_HOOK] }],
        Stop: [{ hooks: [COMMAND_HOOK] }],
        PreCompact: [{ hooks: [COMMAND_HOOK] }],
        SubagentStop: [{ hooks: [COMMAND_HOOK] }],
      },
    });
    expect(run.stdout).toContain("created .claude/settings.json");
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
    expect(after.env).toEqual(mine.env);
    expect(after.hooks.PreToolUse).toEqual(mine.hooks.PreToolUse);
    expect(after.hooks.PostToolUse).toEqual([
      mine.hooks.PostToolUse[0],
      { matcher: "TaskCreate|TaskUpdate|TodoWrite", hooks: [{ type: "command", command: "./notify.sh" }] },
      { matcher: "TaskCreate|TaskUpdate|TodoWrite", hooks: [HTTP_HOOK] },
    ]);
    expect(after.hooks.Stop).toEqual([mine.hooks.Stop[0], { hooks: [COMMAND_HOOK] }]);
    expect(after.hooks.SessionStart).toEqual([{ hooks: [COMMAND_HOOK] }]);
    expect(after.hooks.UserPromptSubmit).toEqual([{ hooks: [HTTP_HOOK] }]);
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
