// The terminal commands (ready, list, show, add, start/done/cancel, dep add, prime) against the stand-in hub.
import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { deadUrl, GOOD_TOKEN, type Hub, runCli, sandbox, startHub } from "./helpers";

let hub: Hub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

async function hubWithProject() {
  hub = await startHub({ project: "HUB", context: "Open tasks in taskhub project HUB (most urgent first):\n- HUB-1 Fix the leak [todo]" });
  return hub;
}

function cli(args: string[], env: Record<string, string> = {}) {
  return runCli(args, { sandbox: sandbox(), env: { TASKHUB_URL: hub!.url, TASKHUB_TOKEN: GOOD_TOKEN, TZ: "UTC", ...env } });
}

const keysOf = (stdout: string) => stdout.trim().split("\n").map((l) => l.split(" ")[0]);

describe("taskhub ready", () => {
  it("lists the open tasks nothing blocks, most urgent first", async () => {
    const h = await hubWithProject();
    h.tasks.add("HUB", { title: "Low one", priority: "low" });
    h.tasks.add("HUB", { title: "Urgent one", priority: "urgent" });
    h.tasks.add("HUB", { title: "Blocked urgent one", priority: "urgent" });
    h.tasks.add("HUB", { title: "High one", priority: "high" });
    h.tasks.add("HUB", { title: "Finished", priority: "urgent", status: "completed" });
    h.tasks.deps.push(["HUB-3", "HUB-1"]);
    const run = await cli(["ready"]);
    expect(run.code).toBe(0);
    expect(keysOf(run.stdout)).toEqual(["HUB-2", "HUB-4", "HUB-1"]);
  });

  it("asks the hub for the project of the working directory, as the hooks do", async () => {
    const h = await hubWithProject();
    const sb = sandbox();
    await runCli(["ready"], { sandbox: sb, env: { TASKHUB_URL: h.url, TASKHUB_TOKEN: GOOD_TOKEN } });
    expect(h.to("/api/context")[0].query.get("cwd")).toBe(fs.realpathSync(sb.work));
    expect(h.to("/api/tasks")[0].query.get("project")).toBe("HUB");
  });

  it("takes --project over the working directory's project", async () => {
    const h = await hubWithProject();
    h.tasks.projects.add("OPS");
    h.tasks.add("OPS", { title: "Rotate keys" });
    const run = await cli(["ready", "--project", "ops"]);
    expect(keysOf(run.stdout)).toEqual(["OPS-1"]);
    expect(h.to("/api/context")).toHaveLength(0);
  });

  it("says how to name a project when the hub knows none for the directory", async () => {
    hub = await startHub({ project: undefined });
    const run = await cli(["ready"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/the hub knows no project for .*pass --project KEY/);
  });
});

describe("taskhub list", () => {
  it("shows the open tasks by default", async () => {
    const h = await hubWithProject();
    h.tasks.add("HUB", { title: "Open", status: "in_progress" });
    h.tasks.add("HUB", { title: "Done", status: "completed" });
    const run = await cli(["list"]);
    expect(keysOf(run.stdout)).toEqual(["HUB-1"]);
  });

  it("shows only the tasks in the statuses --status names", async () => {
    const h = await hubWithProject();
    h.tasks.add("HUB", { title: "Open" });
    h.tasks.add("HUB", { title: "Done", status: "completed" });
    h.tasks.add("HUB", { title: "Dropped", status: "cancelled" });
    const run = await cli(["list", "--status", "completed,cancelled"]);
    expect(keysOf(run.stdout)).toEqual(["HUB-2", "HUB-3"]);
  });

  it("refuses an unknown status as a usage error, before asking the hub", async () => {
    const h = await hubWithProject();
    const run = await cli(["list", "--status", "doing"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown status doing/);
    expect(h.requests).toHaveLength(0);
  });

  it("--mine lists the tasks assigned to the token's person", async () => {
    const h = await hubWithProject();
    h.tasks.me = { userId: "usr_ada", name: "ada laptop" };
    h.tasks.add("HUB", { title: "Ada's", assigneeId: "usr_ada" });
    h.tasks.add("HUB", { title: "Bob's", assigneeId: "usr_bob" });
    const run = await cli(["list", "--mine"]);
    expect(keysOf(run.stdout)).toEqual(["HUB-1"]);
    expect(h.to("/api/tasks")[0].query.get("assignee")).toBe("usr_ada");
  });

  it("--mine says so when the token belongs to no person", async () => {
    const h = await hubWithProject();
    h.tasks.me = { userId: null, name: "ci" };
    const run = await cli(["list", "--mine"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/this token \(ci\) belongs to no person/);
    expect(h.to("/api/tasks")).toHaveLength(0);
  });

  it("--mine says so when the hub cannot tell whose token it is", async () => {
    await hubWithProject();
    const run = await cli(["list", "--mine"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/cannot tell whose token this is.*--assignee/);
  });

  it("follows the hub's pages to the end", async () => {
    const h = await hubWithProject();
    for (let i = 0; i < 205; i++) h.tasks.add("HUB", { title: `Task ${i}` });
    const run = await cli(["list"]);
    expect(run.stdout.trim().split("\n")).toHaveLength(205);
    expect(h.to("/api/tasks")).toHaveLength(2);
  });

  it("fits each line in 80 columns and prints no control characters from a title", async () => {
    const h = await hubWithProject();
    h.tasks.add("HUB", { title: `Evil \u001b[2J\u001b]0;pwned\u0007 ${"very long title ".repeat(10)}`, dueAt: "2026-12-05T12:00:00.000Z" });
    const run = await cli(["list"]);
    const [line] = run.stdout.split("\n");
    expect(line.length).toBeLessThanOrEqual(80);
    expect(line).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(line).toMatch(/^HUB-1 todo +medium +Evil \[2J ]0;pwned very long .*… 2026-12-05$/);
  });

  it("prints the hub's tasks as a JSON array with --json", async () => {
    const h = await hubWithProject();
    h.tasks.add("HUB", { title: "One", priority: "high" });
    const run = await cli(["list", "--json"]);
    const tasks = JSON.parse(run.stdout);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ key: "HUB-1", title: "One", priority: "high", status: "todo" });
  });
});

describe("taskhub show", () => {
  it("prints a task's fields and what it waits for and blocks", async () => {
    const h = await hubWithProject();
    h.tasks.add("HUB", { title: "Blocker" });
    h.tasks.add("HUB", { title: "Fix the leak", priority: "high", dueAt: "2026-12-05T23:59:59.000Z", description: "It leaks\nin the spool" });
    h.tasks.add("HUB", { title: "Waiter" });
    h.tasks.deps.push(["HUB-2", "HUB-1"], ["HUB-3", "HUB-2"]);
    const run = await cli(["show", "hub-2"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("HUB-2      Fix the leak\n");
    expect(run.stdout).toMatch(/^priority +high$/m);
    expect(run.stdout).toMatch(/^due +2026-12-05$/m);
    expect(run.stdout).toMatch(/^waits for +HUB-1$/m);
    expect(run.stdout).toMatch(/^blocks +HUB-3$/m);
    expect(run.stdout).toContain("\nIt leaks\nin the spool\n");
  });

  it("ends with the task's five latest activities, newest first", async () => {
    const h = await hubWithProject();
    h.tasks.add("HUB", { title: "Busy" });
    const actions = ["created", "status_changed", "commented", "linked", "dependency_added", "unblocked"];
    h.tasks.activity.set(
      "HUB-1",
      actions.map((action, i) => ({ id: i + 1, at: `2026-12-01T10:0${i}:00.000Z`, actor: "token:admin", action, data: {} })).reverse(),
    );
    const run = await cli(["show", "HUB-1"]);
    const tail = run.stdout.trim().split("\n").slice(-5);
    expect(tail.map((l) => l.split("  ").pop())).toEqual(["unblocked", "dependency_added", "linked", "commented", "status_changed"]);
    expect(tail[0]).toBe("2026-12-01 10:05  token:admin  unblocked");
  });

  it("says there is no such task for an unknown key, exit 1", async () => {
    await hubWithProject();
    const run = await cli(["show", "HUB-99"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("taskhub: no task HUB-99\n");
  });

  it("refuses something that is not a task key as a usage error", async () => {
    const h = await hubWithProject();
    const run = await cli(["show", "leak"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not a task key: leak/);
    expect(h.requests).toHaveLength(0);
  });

  it("prints the hub's whole task as JSON with --json", async () => {
    const h = await hubWithProject();
    h.tasks.add("HUB", { title: "Blocker" });
    h.tasks.add("HUB", { title: "Waiter" });
    h.tasks.deps.push(["HUB-2", "HUB-1"]);
    const run = await cli(["show", "HUB-2", "--json"]);
    expect(JSON.parse(run.stdout)).toMatchObject({ key: "HUB-2", dependsOn: ["HUB-1"], blocks: [] });
  });
});

describe("taskhub add", () => {
  const posted = (h: Hub) => JSON.parse(h.to("/api/tasks").find((r) => r.method === "POST")!.body);

  it("creates a task in the directory's project and prints its line", async () => {
    const h = await hubWithProject();
    const run = await cli(["add", "Write the docs"]);
    expect(run.code).toBe(0);
    expect(posted(h)).toEqual({ project: "HUB", title: "Write the docs" });
    expect(run.stdout).toMatch(/^HUB-1 todo +medium +Write the docs\n$/);
  });

  it("sends --priority", async () => {
    const h = await hubWithProject();
    await cli(["add", "Page on-call", "--priority", "urgent"]);
    expect(posted(h).priority).toBe("urgent");
  });

  it("refuses a priority the hub does not have as a usage error", async () => {
    const h = await hubWithProject();
    const run = await cli(["add", "x", "--priority", "p0"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--priority must be one of urgent, high, medium, low, got p0/);
    expect(h.requests).toHaveLength(0);
  });

  it("takes --due as a date that ends where the user is", async () => {
    const h = await hubWithProject();
    const run = await cli(["add", "Ship", "--due", "2026-12-05"], { TZ: "America/New_York" });
    expect(posted(h).dueAt).toBe("2026-12-06T04:59:59.000Z");
    expect(run.stdout).toMatch(/Ship +2026-12-05\n$/);
  });

  it("takes --due as a date-time with its offset", async () => {
    const h = await hubWithProject();
    await cli(["add", "Ship", "--due", "2026-12-05T17:00:00+01:00"]);
    expect(posted(h).dueAt).toBe("2026-12-05T16:00:00.000Z");
  });

  it("refuses a --due that is not a date as a usage error", async () => {
    const h = await hubWithProject();
    const run = await cli(["add", "Ship", "--due", "friday"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--due takes a date/);
    expect(h.requests).toHaveLength(0);
  });

  it("makes the new task a subtask with --parent", async () => {
    const h = await hubWithProject();
    h.tasks.parentMode = "supported";
    h.tasks.add("HUB", { title: "Epic" });
    const run = await cli(["add", "Part one", "--parent", "hub-1", "--json"]);
    expect(run.code).toBe(0);
    expect(posted(h).parent).toBe("HUB-1");
    expect(JSON.parse(run.stdout)).toMatchObject({ key: "HUB-2", parent: "HUB-1" });
  });

  it("creates nothing with --parent when the hub's NewTask has no parent field", async () => {
    const h = await hubWithProject();
    h.tasks.add("HUB", { title: "Epic" });
    const run = await cli(["add", "Part one", "--parent", "HUB-1"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/this hub does not know subtasks yet, so --parent cannot be used; nothing was created/);
    expect(h.tasks.tasks.size).toBe(1);
  });

  it("says subtasks are unknown when the hub refuses parent as a field it does not know", async () => {
    const h = await hubWithProject();
    h.tasks.parentMode = "refused";
    h.tasks.add("HUB", { title: "Epic" });
    const run = await cli(["add", "Part one", "--parent", "HUB-1"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("taskhub: this hub does not know subtasks yet, so --parent cannot be used (The request does not match the schema); nothing was created\n");
    expect(h.tasks.tasks.size).toBe(1);
  });

  it("makes the task --blocks names wait for the new task", async () => {
    const h = await hubWithProject();
    h.tasks.add("HUB", { title: "Release" });
    const run = await cli(["add", "Fix the leak", "--blocks", "HUB-1"]);
    expect(run.code).toBe(0);
    expect(h.tasks.deps).toEqual([["HUB-1", "HUB-2"]]);
    expect(run.stdout).toMatch(/HUB-1 now waits for HUB-2\n$/);
  });

  it("creates nothing when the task --blocks names does not exist", async () => {
    const h = await hubWithProject();
    const run = await cli(["add", "Fix the leak", "--blocks", "HUB-99"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("taskhub: no task HUB-99\n");
    expect(h.tasks.tasks.size).toBe(0);
  });
});

describe("taskhub start, done and cancel", () => {
  for (const [command, status] of [["start", "in_progress"], ["done", "completed"], ["cancel", "cancelled"]]) {
    it(`${command} moves the task to ${status}`, async () => {
      const h = await hubWithProject();
      h.tasks.add("HUB", { title: "Fix the leak" });
      const run = await cli([command, "HUB-1"]);
      expect(run.code).toBe(0);
      expect(h.tasks.tasks.get("HUB-1")!.status).toBe(status);
      expect(run.stdout).toMatch(new RegExp(`^HUB-1 ${status} +medium +Fix the leak\\n$`));
    });
  }

  it("says there is no such task when moving an unknown key", async () => {
    await hubWithProject();
    const run = await cli(["done", "HUB-7"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("taskhub: no task HUB-7\n");
  });
});

describe("taskhub dep add", () => {
  it("makes KEY wait for BLOCKER", async () => {
    const h = await hubWithProject();
    h.tasks.add("HUB", { title: "Blocker" });
    h.tasks.add("HUB", { title: "Waiter" });
    const run = await cli(["dep", "add", "HUB-2", "HUB-1"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("HUB-2 now waits for HUB-1\n");
    expect(h.tasks.deps).toEqual([["HUB-2", "HUB-1"]]);
  });

  it("prints the cycle's path when the dependency would close one, exit 1", async () => {
    const h = await hubWithProject();
    for (const title of ["A", "B", "C"]) h.tasks.add("HUB", { title });
    h.tasks.deps.push(["HUB-2", "HUB-1"], ["HUB-3", "HUB-2"]);
    const run = await cli(["dep", "add", "HUB-1", "HUB-3"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("taskhub: HUB-1 cannot wait for HUB-3: that would close a cycle (each waits for the next): HUB-1 → HUB-3 → HUB-2 → HUB-1\n");
    expect(h.tasks.deps).toHaveLength(2);
  });

  it("names the blocker that does not exist", async () => {
    const h = await hubWithProject();
    h.tasks.add("HUB", { title: "Waiter" });
    const run = await cli(["dep", "add", "HUB-1", "HUB-42"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("taskhub: no task HUB-42\n");
  });
});

describe("taskhub prime", () => {
  it("prints the context the SessionStart hook would give a session in this directory", async () => {
    const h = await hubWithProject();
    const run = await cli(["prime"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${h.context}\n`);
  });
});

describe("taskhub terminal commands and the network", () => {
  it("says the hub cannot be reached, exit 1", async () => {
    const run = await runCli(["ready", "--project", "HUB"], { sandbox: sandbox(), env: { TASKHUB_URL: await deadUrl(), TASKHUB_TOKEN: GOOD_TOKEN } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^taskhub: cannot reach the hub at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)\n$/);
  });
});
