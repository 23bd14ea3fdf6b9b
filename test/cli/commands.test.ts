// The smaller commands (token create) and the command line itself: unknown commands, missing settings.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { GOOD_TOKEN, type Hub, runCli, sandbox, startHub } from "./helpers";

let hub: Hub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

describe("taskhub token create", () => {
  it("asks the hub for a token with the given name and scopes and prints only the token on stdout", async () => {
    hub = await startHub();
    const run = await runCli(["token", "create", "--name", "laptop", "--scopes", "ingest,read"], {
      sandbox: sandbox(),
      env: { TASKHUB_URL: hub.url, TASKHUB_TOKEN: GOOD_TOKEN },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("th_new_token_456\n");
    const [req] = hub.to("/api/tokens");
    expect(req.method).toBe("POST");
    expect(JSON.parse(req.body)).toEqual({ name: "laptop", scopes: ["ingest", "read"] });
  });

  it("exits non-zero with a clear message when the hub refuses the admin token", async () => {
    hub = await startHub();
    const run = await runCli(["token", "create", "--name", "laptop", "--scopes", "ingest"], {
      sandbox: sandbox(),
      env: { TASKHUB_URL: hub.url, TASKHUB_TOKEN: "th_wrong_token_789" },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/401.*unauthorized.*invalid or missing token/);
    expect(run.stderr).not.toContain("th_wrong_token_789");
  });

  it("rejects an unknown scope before calling the hub", async () => {
    hub = await startHub();
    const run = await runCli(["token", "create", "--name", "x", "--scopes", "ingest,root"], {
      sandbox: sandbox(),
      env: { TASKHUB_URL: hub.url, TASKHUB_TOKEN: GOOD_TOKEN },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown scope root/);
    expect(hub.requests).toHaveLength(0);
  });
});

describe("taskhub export and import-project", () => {
  it("writes the hub's NDJSON export of a project to stdout", async () => {
    hub = await startHub();
    const run = await runCli(["export", "--project", "DEMO"], { sandbox: sandbox(), env: { TASKHUB_URL: hub.url, TASKHUB_TOKEN: GOOD_TOKEN } });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('{"kind":"project","key":"DEMO"}\n{"kind":"task","id":"TH-1"}\n');
  });

  it("asks the hub for a tracker's format and writes it like NDJSON", async () => {
    hub = await startHub();
    const run = await runCli(["export", "--project", "DEMO", "--format", "beads"], { sandbox: sandbox(), env: { TASKHUB_URL: hub.url, TASKHUB_TOKEN: GOOD_TOKEN } });
    expect(run.code).toBe(0);
    expect(hub.to("/api/export")[0].query.get("format")).toBe("beads");
  });

  it("writes a backlog export as files under --out DIR, and refuses backlog without --out", async () => {
    hub = await startHub();
    const sb = sandbox();
    const dir = path.join(sb.work, "backlog");
    const run = await runCli(["export", "--project", "DEMO", "--format", "backlog", "--out", dir], { sandbox: sb, env: { TASKHUB_URL: hub.url, TASKHUB_TOKEN: GOOD_TOKEN } });
    expect(run.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "tasks", "task-1 - Demo.md"), "utf8")).toBe("---\nid: task-1\n---\n");
    const bare = await runCli(["export", "--project", "DEMO", "--format", "backlog"], { sandbox: sb, env: { TASKHUB_URL: hub.url, TASKHUB_TOKEN: GOOD_TOKEN } });
    expect(bare.code).toBe(2);
  });

  it("posts a file written by export to /api/import", async () => {
    hub = await startHub();
    const sb = sandbox();
    const file = path.join(sb.work, "demo.ndjson");
    fs.writeFileSync(file, '{"kind":"project","key":"DEMO"}\n{"kind":"task","id":"TH-1"}\n');
    const run = await runCli(["import-project", file], { sandbox: sb, env: { TASKHUB_URL: hub.url, TASKHUB_TOKEN: GOOD_TOKEN } });
    expect(run.code).toBe(0);
    const [req] = hub.to("/api/import");
    expect(req.headers["content-type"]).toBe("application/x-ndjson");
    expect(req.body).toBe(fs.readFileSync(file, "utf8"));
  });

  it("imports a copy under --as with what --claims says about held repositories", async () => {
    hub = await startHub();
    const sb = sandbox();
    const file = path.join(sb.work, "demo.ndjson");
    fs.writeFileSync(file, '{"type":"project","key":"DEMO"}\n');
    const run = await runCli(["import-project", file, "--as", "COPY", "--claims", "drop"], { sandbox: sb, env: { TASKHUB_URL: hub.url, TASKHUB_TOKEN: GOOD_TOKEN } });
    expect(run.code).toBe(0);
    const [req] = hub.to("/api/import");
    expect(Object.fromEntries(req.query)).toEqual({ project: "COPY", claims: "drop" });
  });

  it("refuses an unknown --claims with exit 2 and sends nothing", async () => {
    hub = await startHub();
    const sb = sandbox();
    const file = path.join(sb.work, "demo.ndjson");
    fs.writeFileSync(file, "{}\n");
    const run = await runCli(["import-project", file, "--claims", "steal"], { sandbox: sb, env: { TASKHUB_URL: hub.url, TASKHUB_TOKEN: GOOD_TOKEN } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--claims is one of refuse, move, drop/);
    expect(hub.to("/api/import")).toEqual([]);
  });
});

describe("taskhub command line", () => {
  it("prints the usage on stderr and exits 2 for an unknown command", async () => {
    const run = await runCli(["frobnicate"], { sandbox: sandbox() });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/unknown command: frobnicate/);
    expect(run.stderr).toMatch(/usage: taskhub/);
  });

  it("lists every command in --help", async () => {
    const run = await runCli(["--help"], { sandbox: sandbox() });
    expect(run.code).toBe(0);
    for (const cmd of ["init", "hook", "import [DIR]", "token create", "export", "import-project", "ready", "list", "show KEY", "add \"title\"", "start KEY", "dep add KEY BLOCKER", "prime", "runs [--status S]"]) expect(run.stdout).toContain(cmd);
  });
});
