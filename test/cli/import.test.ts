// `taskhub import`: backfilling ~/.claude/projects in whole-line chunks, resumably.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FIXTURES, GOOD_TOKEN, type Hub, type Sandbox, deadUrl, fixtureLines, runCli, sandbox, startHub } from "./helpers";

// The six transcripts under 500 KB (1.8 MB together); the large one is the chunking test's.
const FILES = fs.readdirSync(FIXTURES).filter((n) => n.endsWith(".jsonl") && fs.statSync(path.join(FIXTURES, n)).size < 500_000);
let hub: Hub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

/** Lays the fixtures out the way Claude Code does: a folder per project, subfolders for subagents. */
function fillProjects(sb: Sandbox) {
  const root = path.join(sb.home, ".claude", "projects");
  FILES.forEach((name, i) => {
    const dir = i % 2 ? path.join(root, "-path-to-Demo", "session-a", "subagents") : path.join(root, "-home-marco-projects-spotter");
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(path.join(FIXTURES, name), path.join(dir, name));
  });
  fs.writeFileSync(path.join(root, "-path-to-Demo", "notes.txt"), "not a transcript\n");
  return root;
}

const env = (url: string, token = GOOD_TOKEN) => ({ TASKHUB_URL: url, TASKHUB_TOKEN: token });

describe("taskhub import", () => {
  it("posts every line of every transcript under ~/.claude/projects", async () => {
    hub = await startHub();
    const sb = sandbox();
    fillProjects(sb);
    const run = await runCli(["import"], { sandbox: sb, env: env(hub.url) });
    expect(run.code).toBe(0);
    const expected = FILES.flatMap((n) => fixtureLines(n));
    expect(hub.lines.sort()).toEqual(expected.sort());
    expect(run.stderr).toContain(`${FILES.length}/${FILES.length} files`);
  });

  it("sends nothing on a second run", async () => {
    hub = await startHub();
    const sb = sandbox();
    fillProjects(sb);
    await runCli(["import"], { sandbox: sb, env: env(hub.url) });
    const before = hub.requests.length;
    const again = await runCli(["import"], { sandbox: sb, env: env(hub.url) });
    expect(again.code).toBe(0);
    expect(hub.requests.length).toBe(before);
  });

  it("imports the directory given instead of ~/.claude/projects", async () => {
    hub = await startHub();
    const sb = sandbox();
    const dir = path.join(sb.root, "elsewhere");
    fs.mkdirSync(dir);
    fs.copyFileSync(path.join(FIXTURES, "c-subagent-agent-progress-v2.1.19.jsonl"), path.join(dir, "a.jsonl"));
    const run = await runCli(["import", dir], { sandbox: sb, env: env(hub.url) });
    expect(run.code).toBe(0);
    expect(hub.lines).toEqual(fixtureLines("c-subagent-agent-progress-v2.1.19.jsonl"));
  });

  it("splits a large transcript into chunks of whole lines", async () => {
    hub = await startHub();
    const sb = sandbox();
    const dir = path.join(sb.home, ".claude", "projects", "p");
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(path.join(FIXTURES, "e-large-1.9mb-compaction-tasks-v2.1.42.jsonl"), path.join(dir, "long.jsonl"));
    const chunk = 256 * 1024;
    const run = await runCli(["import"], { sandbox: sb, env: { ...env(hub.url), TASKHUB_CHUNK_BYTES: String(chunk) } });
    expect(run.code).toBe(0);
    const posts = hub.to("/transcripts");
    expect(posts.length).toBeGreaterThan(4);
    for (const p of posts) {
      // A line longer than a chunk travels alone; otherwise no body exceeds the chunk size.
      const lines = p.body.trimEnd().split("\n");
      if (lines.length > 1) expect(Buffer.byteLength(p.body)).toBeLessThanOrEqual(chunk);
      for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    }
    expect(hub.lines).toEqual(fixtureLines("e-large-1.9mb-compaction-tasks-v2.1.42.jsonl"));
  });

  it("exits non-zero with a clear message when the hub refuses the token", async () => {
    hub = await startHub();
    const sb = sandbox();
    fillProjects(sb);
    const run = await runCli(["import"], { sandbox: sb, env: env(hub.url, "th_wrong_token_789") });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/401/);
    expect(run.stderr).toMatch(/TASKHUB_TOKEN/);
    expect(run.stderr).not.toContain("th_wrong_token_789");
  });

  it("resumes after a refused run, sending what the refused run did not", async () => {
    hub = await startHub();
    const sb = sandbox();
    fillProjects(sb);
    await runCli(["import"], { sandbox: sb, env: env(hub.url, "th_wrong_token_789") });
    const run = await runCli(["import"], { sandbox: sb, env: env(hub.url) });
    expect(run.code).toBe(0);
    expect(hub.lines.sort()).toEqual(FILES.flatMap((n) => fixtureLines(n)).sort());
  });
});

describe("taskhub import and the hook's spool", () => {
  it("sends what a hook spooled while the hub was down", async () => {
    const sb = sandbox();
    const lines = fixtureLines("c-subagent-agent-progress-v2.1.19.jsonl");
    const transcript = path.join(sb.home, ".claude", "projects", "p", "s.jsonl");
    fs.mkdirSync(path.dirname(transcript), { recursive: true });
    fs.writeFileSync(transcript, lines.map((l) => `${l}\n`).join(""));
    const input = JSON.stringify({ hook_event_name: "Stop", transcript_path: transcript, cwd: sb.work, session_id: "s" });
    await runCli(["hook"], { sandbox: sb, env: env(await deadUrl()), input });

    hub = await startHub();
    const run = await runCli(["import"], { sandbox: sb, env: env(hub.url) });
    expect(run.code).toBe(0);
    expect(hub.lines).toEqual(lines);
    expect(fs.readdirSync(path.join(sb.state, "spool"))).toEqual([]);
  });
});
