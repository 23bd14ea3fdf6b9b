// `taskhub hook`: SessionStart context, transcript shipping by offset, the spool, and never failing Claude.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { GOOD_TOKEN, type Hub, type Sandbox, deadUrl, fixtureLines, runCli, sandbox, startHub } from "./helpers";

const FIXTURE = "a-todowrite-v2.1.4.jsonl";
let hub: Hub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

function hookEnv(url: string, token = GOOD_TOKEN) {
  // A dead hub refuses at once, so these cost nothing there; a stand-in on a loaded machine needs more than 300 ms.
  return { TASKHUB_URL: url, TASKHUB_TOKEN: token, TASKHUB_CONTEXT_TIMEOUT_MS: "1500", TASKHUB_HOOK_DEADLINE_MS: "2500" };
}

function sessionStart(cwd: string) {
  return JSON.stringify({ session_id: "s1", transcript_path: "/nonexistent.jsonl", cwd, hook_event_name: "SessionStart", source: "startup" });
}

function postToolUse(sb: Sandbox, transcript: string) {
  return JSON.stringify({
    session_id: "s1",
    transcript_path: transcript,
    cwd: sb.work,
    hook_event_name: "PostToolUse",
    tool_name: "TodoWrite",
    tool_input: { todos: [{ content: "write tests", status: "in_progress", activeForm: "Writing tests" }] },
    tool_response: {},
  });
}

/** A transcript holding the first `n` lines of the fixture, as Claude Code writes it: one JSON object per line. */
function writeTranscript(sb: Sandbox, lines: string[]) {
  const file = path.join(sb.home, ".claude", "projects", "-path-to-Demo", "session.jsonl");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, lines.map((l) => `${l}\n`).join(""));
  return file;
}

function appendTranscript(file: string, lines: string[]) {
  fs.appendFileSync(file, lines.map((l) => `${l}\n`).join(""));
}

function spooled(sb: Sandbox) {
  const dir = path.join(sb.state, "spool");
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith(".ndjson")) : [];
}

describe("taskhub hook", () => {
  it("prints the hub's context as SessionStart additionalContext", async () => {
    hub = await startHub({ context: "Open tasks:\n- [ ] write the CLI (TH-1)" });
    const sb = sandbox();
    const run = await runCli(["hook"], { sandbox: sb, env: hookEnv(hub.url), input: sessionStart("/path/to/Demo") });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      hookSpecificOutput: { hookEventName: "SessionStart", additionalContext: "Open tasks:\n- [ ] write the CLI (TH-1)" },
    });
    const [req] = hub.to("/api/context");
    expect(req.query.get("cwd")).toBe("/path/to/Demo");
    expect(req.headers.authorization).toBe(`Bearer ${GOOD_TOKEN}`);
  });

  it("prints nothing at SessionStart when the project has no open tasks", async () => {
    hub = await startHub({ context: "" });
    const run = await runCli(["hook"], { sandbox: sandbox(), env: hookEnv(hub.url), input: sessionStart("/path/to/Demo") });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
  });

  it("prints nothing and exits 0 at SessionStart when the hub is down", async () => {
    const run = await runCli(["hook"], { sandbox: sandbox(), env: hookEnv(await deadUrl()), input: sessionStart("/path/to/Demo") });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
  });

  it("posts the hook JSON as received to /hooks/claude", async () => {
    hub = await startHub();
    const sb = sandbox();
    const input = postToolUse(sb, writeTranscript(sb, fixtureLines(FIXTURE).slice(0, 3)));
    const run = await runCli(["hook"], { sandbox: sb, env: hookEnv(hub.url), input });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(hub.to("/hooks/claude").map((r) => r.body)).toEqual([input]);
  });

  it("posts only the transcript lines added since its last call", async () => {
    hub = await startHub();
    const sb = sandbox();
    const all = fixtureLines(FIXTURE);
    const transcript = writeTranscript(sb, all.slice(0, 10));
    await runCli(["hook"], { sandbox: sb, env: hookEnv(hub.url), input: postToolUse(sb, transcript) });
    appendTranscript(transcript, all.slice(10, 15));
    await runCli(["hook"], { sandbox: sb, env: hookEnv(hub.url), input: postToolUse(sb, transcript) });
    await runCli(["hook"], { sandbox: sb, env: hookEnv(hub.url), input: postToolUse(sb, transcript) });

    const posts = hub.to("/transcripts");
    expect(posts).toHaveLength(2);
    expect(posts[0].headers["content-type"]).toBe("application/x-ndjson");
    expect(posts[0].body).toBe(all.slice(0, 10).join("\n") + "\n");
    expect(posts[1].body).toBe(all.slice(10, 15).join("\n") + "\n");
  });

  it("posts the subagent's own transcript named by SubagentStop after the session's", async () => {
    hub = await startHub();
    const sb = sandbox();
    const all = fixtureLines(FIXTURE);
    const transcript = writeTranscript(sb, all.slice(0, 5));
    const agent = path.join(path.dirname(transcript), "session", "subagents", "agent-a1.jsonl");
    fs.mkdirSync(path.dirname(agent), { recursive: true });
    fs.writeFileSync(agent, all.slice(5, 8).map((l) => `${l}\n`).join(""));
    const payload = { session_id: "s1", transcript_path: transcript, agent_transcript_path: agent, cwd: sb.work, hook_event_name: "SubagentStop", agent_id: "a1" };
    await runCli(["hook"], { sandbox: sb, env: hookEnv(hub.url), input: JSON.stringify(payload) });

    expect(hub.to("/transcripts").map((p) => p.body)).toEqual([all.slice(0, 5).join("\n") + "\n", all.slice(5, 8).join("\n") + "\n"]);
  });

  it("holds back a last line that is still being written", async () => {
    hub = await startHub();
    const sb = sandbox();
    const all = fixtureLines(FIXTURE);
    const transcript = writeTranscript(sb, all.slice(0, 2));
    const half = Math.floor(all[2].length / 2);
    fs.appendFileSync(transcript, all[2].slice(0, half));
    await runCli(["hook"], { sandbox: sb, env: hookEnv(hub.url), input: postToolUse(sb, transcript) });
    fs.appendFileSync(transcript, `${all[2].slice(half)}\n`);
    await runCli(["hook"], { sandbox: sb, env: hookEnv(hub.url), input: postToolUse(sb, transcript) });

    expect(hub.to("/transcripts").map((r) => r.body)).toEqual([all.slice(0, 2).join("\n") + "\n", `${all[2]}\n`]);
  });

  it("spools the lines when the hub is down and sends the spool first on the next call", async () => {
    const sb = sandbox();
    const all = fixtureLines(FIXTURE);
    const transcript = writeTranscript(sb, all.slice(0, 10));
    const down = await runCli(["hook"], { sandbox: sb, env: hookEnv(await deadUrl()), input: postToolUse(sb, transcript) });
    expect(down.code).toBe(0);
    expect(down.stdout).toBe("");
    expect(spooled(sb)).toHaveLength(1);

    hub = await startHub();
    appendTranscript(transcript, all.slice(10, 12));
    await runCli(["hook"], { sandbox: sb, env: hookEnv(hub.url), input: postToolUse(sb, transcript) });
    expect(hub.to("/transcripts").map((r) => r.body)).toEqual([
      all.slice(0, 10).join("\n") + "\n",
      all.slice(10, 12).join("\n") + "\n",
    ]);
    expect(spooled(sb)).toHaveLength(0);
  });

  it("exits 0 silently when the hub refuses the token, keeping the lines in the spool", async () => {
    hub = await startHub();
    const sb = sandbox();
    const transcript = writeTranscript(sb, fixtureLines(FIXTURE).slice(0, 5));
    const badToken = "th_wrong_token_789";
    const run = await runCli(["hook"], { sandbox: sb, env: hookEnv(hub.url, badToken), input: postToolUse(sb, transcript) });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).not.toContain(badToken);
    expect(hub.to("/transcripts")).toHaveLength(1);
    expect(spooled(sb)).toHaveLength(1);
  });

  it("exits 0 silently on input that is not JSON", async () => {
    hub = await startHub();
    const run = await runCli(["hook"], { sandbox: sandbox(), env: hookEnv(hub.url), input: "not json" });
    expect(run).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(hub.requests).toHaveLength(0);
  });
});
