// "10k deliveries": the long fault run (test/faults/long/bad-actors.test.ts) at 10,000 deliveries, timed.
// The figure is the test's own duration as vitest reports it: creating the project, sending all 10,000 deliveries
// (20% redelivered, 5% forged, 32 at a time) and polling the export every 2 s until every genuine one is applied
// exactly once. It excludes starting the hub (reported apart as the wall time of the whole command).

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root } from "./lib/hub.mjs";
import { round } from "./lib/stats.mjs";

export async function benchFaults({ deliveries = 10_000 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "taskhub-bench-faults-"));
  const out = join(dir, "report.json");
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(root, "node_modules/vitest/vitest.mjs"), "run", "-c", "vitest.faults.config.ts", "--reporter=json", `--outputFile=${out}`], {
    cwd: root,
    env: { ...process.env, FAULTS_DELIVERIES: String(deliveries) },
    encoding: "utf8",
  });
  const wall = (performance.now() - t0) / 1000;
  try {
    const report = JSON.parse(readFileSync(out, "utf8"));
    const tests = report.testResults.flatMap((f) => f.assertionResults);
    const test = tests.find((t) => t.title.startsWith(`${deliveries} deliveries`));
    if (!test) throw new Error(`no ${deliveries}-delivery test in the report`);
    if (test.status !== "passed") throw new Error(`the fault run ${test.status}: ${(test.failureMessages ?? []).join(" ").slice(0, 200)}`);
    return {
      name: "10k deliveries",
      unit: "s",
      value: round(test.duration / 1000),
      baseline: null,
      ratio: null,
      detail: { deliveries, redelivered: "20%", forged: "5%", concurrency: 32, wallSeconds: round(wall), command: `FAULTS_DELIVERIES=${deliveries} npm run test:faults`, exitCode: r.status },
    };
  } catch (e) {
    if (r.status !== 0) throw new Error(`${e.message}; vitest exited ${r.status}: ${(r.stderr || r.stdout).slice(-300)}`);
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
