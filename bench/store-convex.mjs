// The Convex store at the scale convex-test holds (10,000 tasks by default): runs bench/convex/ in vitest and reports its figures.

import { spawn } from "node:child_process";
import { join } from "node:path";
import { root } from "./lib/hub.mjs";

/** Runs the vitest bench in its own process (convex-test needs vitest's edge runtime) and reads its one result line. */
function runVitest(env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, "node_modules/vitest/vitest.mjs"), "run", "-c", "bench/convex/vitest.config.ts"], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("exit", (code) => {
      const line = out.split("\n").find((l) => l.includes("CONVEX_BENCH "));
      if (code !== 0 || !line) return reject(new Error(`convex bench exited with ${code}: ${out.slice(-300)}`));
      resolve(JSON.parse(line.slice(line.indexOf("CONVEX_BENCH ") + "CONVEX_BENCH ".length)));
    });
  });
}

export async function benchStoreConvex({ tasks = 10_000, samples = 50, tries = 5 } = {}) {
  const r = await runVitest({ BENCH_CONVEX_TASKS: String(tasks), BENCH_CONVEX_SAMPLES: String(samples), BENCH_CONVEX_TRIES: String(tries) });
  const listP95 = Math.max(...Object.values(r.lists).map((l) => l.p95));
  const searchP95 = Math.max(r.search.search.p95, r.search.searchWord.p95);
  const ratio = (v, goal) => Math.round((v / goal) * 100) / 100;
  // convex-test resolves every index range by iterating and sorting the whole table (node_modules/convex-test
  // _resolveQuerySource), so each call costs O(tasks) whatever the index: these figures say how the functions behave
  // at this scale (short pages, what a search finds), not how fast a Convex deployment answers.
  const scale = `convex-test, ${r.tasks} tasks`;
  process.stderr.write(`convex bench: ${JSON.stringify(r)}\n`);
  return [
    { name: "convex store list p95", unit: "ms", value: listP95, baseline: { name: "goal", value: 50 }, ratio: ratio(listP95, 50), detail: { scale, ...r.lists, samples: r.samples, seeded: r.seeded } },
    { name: "convex store search p95", unit: "ms", value: searchP95, baseline: { name: "goal", value: 50 }, ratio: ratio(searchP95, 50), detail: { scale, ...r.search, samples: r.samples } },
    { name: "convex completion releasing 100 dependents", unit: "ms", value: r.complete.p95, baseline: { name: "goal", value: 1000 }, ratio: ratio(r.complete.p95, 1000), detail: { scale, ...r.complete, what: "updateTask to completed, then releaseDependents; no workflow engine in convex-test" } },
  ];
}
