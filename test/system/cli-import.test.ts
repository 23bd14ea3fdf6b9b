// `taskhub import --from` and `taskhub export --format` against the hub as users run it (wrangler dev), with real tracker files.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHub, type Hub } from "./hub";

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "cli", "taskhub.mjs");
const BEADS = join(ROOT, "test", "fixtures", "trackers", "beads-skyhook.jsonl");

let hub: Hub;
let home: string;

function taskhub(...args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    cwd: home,
    env: { PATH: process.env.PATH, HOME: home, TASKHUB_URL: hub.url, TASKHUB_TOKEN: hub.adminToken },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(async () => {
  hub = await startHub();
  home = mkdtempSync(join(tmpdir(), "taskhub-cli-import-"));
  for (const key of ["BDS", "BDT"]) {
    const res = await fetch(`${hub.url}/api/projects`, {
      method: "POST",
      headers: { authorization: `Bearer ${hub.adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({ key, name: key }),
    });
    expect(res.status).toBe(201);
  }
}, 180_000);

afterAll(async () => {
  await hub?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe("taskhub import --from beads", () => {
  it("imports a real beads file, says what every source value became, and a second run changes nothing", () => {
    const first = taskhub("import", "--from", "beads", BEADS, "--project", "BDS");
    expect(first.code, first.stderr).toBe(0);
    const head = first.stdout.split("\n")[0];
    const tasks = Number(/(\d+) tasks/.exec(head)?.[1]);
    expect(tasks).toBeGreaterThan(0);
    expect(head).toContain(`${tasks} created, 0 updated, 0 unchanged`);
    expect(first.stdout).toMatch(/ {2}status "\w+" ×\d+ → /);

    const again = taskhub("import", "--from", "beads", BEADS, "--project", "BDS");
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.split("\n")[0]).toContain(`0 created, 0 updated, ${tasks} unchanged`);
  }, 180_000);

  it("exports the project as beads, and that file imports elsewhere as the same number of tasks", () => {
    const exported = taskhub("export", "--project", "BDS", "--format", "beads");
    expect(exported.code, exported.stderr).toBe(0);
    const file = join(home, "issues.jsonl");
    writeFileSync(file, exported.stdout);
    const tasks = exported.stdout.trim().split("\n").length;
    const back = taskhub("import", "--from", "beads", file, "--project", "BDT");
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout.split("\n")[0]).toContain(`${tasks} tasks, ${tasks} created`);
  }, 180_000);

  it("an unknown project is a clear error and imports nothing", () => {
    const run = taskhub("import", "--from", "beads", BEADS, "--project", "NOPE");
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/NOPE not found/);
  }, 60_000);
});
