#!/usr/bin/env node
// `npm run bench`: measures the hub against its baselines, prints a table and writes bench/results.json.
// BENCH_QUICK=1 runs every figure briefly (a smoke test of the harness, not numbers to publish).
// BENCH_ONLY=extract,quality runs some figures (keys: extract quality webhook paced faults e2e burst store convex); with BENCH_MERGE=1 they replace their own entries in bench/results.json.

import { cpus, totalmem } from "node:os";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { benchImportBurst, benchPushBurst } from "./burst.mjs";
import { benchE2e } from "./e2e.mjs";
import { benchExtraction } from "./extract.mjs";
import { benchExtractionQuality } from "./extraction-quality.mjs";
import { benchFaults } from "./faults.mjs";
import { root, startHub } from "./lib/hub.mjs";
import { benchPaced } from "./paced.mjs";
import { benchStore } from "./store.mjs";
import { benchStoreConvex } from "./store-convex.mjs";
import { benchWebhook } from "./webhook.mjs";

const quick = process.env.BENCH_QUICK === "1";
const only = process.env.BENCH_ONLY?.split(","); // e.g. BENCH_ONLY=webhook,extract,quality
const want = (k) => !only || only.includes(k);
const log = (m) => console.error(m);

/** A figure that fails is reported as failed, with its error, and the run goes on. */
async function attempt(name, unit, fn) {
  try {
    const r = await fn();
    return Array.isArray(r) ? r : [r];
  } catch (e) {
    log(`${name} failed: ${e?.message ?? e}`);
    return [{ name, unit, value: null, baseline: null, ratio: null, detail: { error: String(e?.message ?? e).slice(0, 300) } }];
  }
}

async function withHub(fn) {
  const hub = await startHub();
  try {
    return await fn(hub);
  } finally {
    await hub.stop();
  }
}

const figures = [];
if (want("extract")) {
  log("transcript extraction…");
  figures.push(...(await benchExtraction({ runs: quick ? 2 : 7 })));
}
if (want("quality")) {
  log("extraction quality against the truth files…");
  figures.push(...(await attempt("extraction precision", "%", benchExtractionQuality)));
}
// A fresh hub per group, so one group's backlog of workflow runs does not slow the next.
if (want("webhook")) {
  log("webhook ingest (hub under npm run dev vs Probot)…");
  figures.push(...(await attempt("webhook ingest", "req/s", () => withHub((hub) => benchWebhook(hub, quick ? { runs: 1, seconds: 3, warmup: 1, cpuDeliveries: 300 } : { runs: 3, seconds: 10, warmup: 3, cpuDeliveries: 3_000 })))));
}
if (want("paced")) {
  log("p99 at 200 deliveries/s (paced, open loop)…");
  figures.push(...(await attempt("p99 at 200 deliveries/s", "ms", () => withHub((hub) => benchPaced(hub, quick ? { seconds: 3, warmupSeconds: 1, runs: 1 } : { seconds: 10, warmupSeconds: 2, runs: 3 })))));
}
if (want("faults")) {
  log("10k deliveries (the fault run, FAULTS_DELIVERIES=10000 npm run test:faults)…");
  figures.push(...(await attempt("10k deliveries", "s", () => benchFaults({ deliveries: quick ? 1_000 : 10_000 }))));
}
if (want("e2e") || want("burst")) {
  await withHub(async (hub) => {
    if (want("e2e")) {
      log("end to end…");
      figures.push(...(await attempt("end to end p95", "ms", () => benchE2e(hub, { tries: quick ? 5 : 50 }))));
    }
    if (want("burst")) {
      // The import first: the 2,000-commit push has been seen to exhaust workerd's sockets, which would sink what follows.
      log("import burst…");
      figures.push(...(await attempt("import burst", "s", () => benchImportBurst(hub))));
      log("push burst…");
      figures.push(...(await attempt("push burst", "s", () => benchPushBurst(hub))));
    }
  });
}
if (want("store")) {
  log("store at scale (seeding through the Store port)…");
  figures.push(...(await attempt("store list p95", "ms", () => withHub((hub) => benchStore(hub, { tasks: quick ? 4_000 : Number(process.env.BENCH_TASKS ?? 100_000), unblockTries: quick ? 3 : 20, log })))));
}
if (want("convex")) {
  log("convex store (convex-test)…");
  figures.push(...(await attempt("convex store list p95", "ms", () => benchStoreConvex(quick ? { tasks: 1_000, samples: 10, tries: 1 } : { tasks: Number(process.env.BENCH_CONVEX_TASKS ?? 10_000) }))));
}

const machine = `${cpus()[0]?.model.trim() ?? "unknown CPU"} ×${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}, ${process.platform}`;
const results = { date: new Date().toISOString().slice(0, 10), machine, figures: figures.map(({ detail, ...f }) => ({ ...f, detail })) };

const row = (f) => [f.name, `${f.value} ${f.unit}`, f.baseline ? `${f.baseline.name} ${f.baseline.value}` : "—", f.ratio ?? "—", extra(f)];
function extra(f) {
  const d = f.detail ?? {};
  if (d.error) return `failed: ${d.error.slice(0, 80)}`;
  if (f.name === "webhook ingest") return `p50/p99 ours ${d.ours.p50}/${d.ours.p99} ms, probot ${d.probot.p50}/${d.probot.p99} ms; Miniflare direct ${d.miniflare.rps} req/s (${d.miniflare.ratio}×); /health ${d.health.ours} vs ${d.health.miniflare} direct; peak ${d.peakMemoryMb} MB`;
  if (f.name === "webhook ingest vs runtime floor") return `per run ${d.ratios.join(", ")}; /health p50/p99 ${d.health.p50}/${d.health.p99} ms; goal ${d.goal}×`;
  if (f.name === "webhook cpu per delivery") return `${d.deliveries} pushes × ${d.runs}: ours ${d.ours.join(", ")} ms, probot ${d.probot.join(", ")} ms; GET /health ${d.floor.perRun.join(", ")} ms (${d.floor.vsProbot}× probot); ours above it ${d.aboveFloor.median} ms (${d.aboveFloor.vsProbot}×)`;
  if (f.name.startsWith("p99 at ")) return `median round of ${d.runs}: p50/p90/p99/max ${d.p50}/${d.p90}/${d.p99}/${d.max} ms over ${d.deliveries} at ${d.achievedRate}/s, answers ${JSON.stringify(d.statuses)}; p99 per round ${d.rounds.map((r) => r.p99).join(", ")} ms; at the same pace GET /health p50/p99 ${d.floor.p50}/${d.floor.p99} ms, the push to a path with no route ${d.unrouted.p50}/${d.unrouted.p99} ms`;
  if (f.name === "10k deliveries") return `test time until all applied once; wall ${d.wallSeconds} s with hub start`;
  if (f.name === "end to end p95") return `transcript p50/p95 ${d.transcript.p50}/${d.transcript.p95} ms, push ${d.push.p50}/${d.push.p95} ms`;
  const pp = (x) => `${x.p50}/${x.p95}`;
  if (f.name === "store list p95") return `p50/p95 page ${pp(d.page)}, status+priority ${pp(d.filtered)}, open ${pp(d.open)}, assignee ${pp(d.assignee)} (rare ${pp(d.rareAssignee)}), tag ${pp(d.tagged)} (rare ${pp(d.rareTag)}) ms at ${d.tasks} tasks; seeded in ${d.seeded.seconds} s`;
  if (f.name === "store search p95") return `p50/p95 few matches ${d.search.p50}/${d.search.p95}, one word ${d.searchWord.p50}/${d.searchWord.p95} ms at ${d.tasks} tasks`;
  if (f.name === "completion unblocking 100 dependents") return `p50/p95 ${d.p50}/${d.p95} ms over ${d.tries} tries`;
  if (f.name.startsWith("convex store")) return `${d.scale}: ${Object.entries(d).filter(([, v]) => v?.p95 !== undefined).map(([k, v]) => `${k} ${pp(v)}`).join(", ")} ms p50/p95${d.oneTaskSearchFound !== undefined ? `; a one-task search's first page held ${d.oneTaskSearchFound}` : ""}`;
  if (f.name.startsWith("convex completion")) return `${d.scale}: p50/p95 ${d.p50}/${d.p95} ms over ${d.tries} tries (store only)`;
  if (f.name.startsWith("extraction ")) return `${d.sessions} sessions: ${d.matched} of ${d.extracted} extracted tasks match ${d.truth} true ones, ${d.duplicates} duplicates; prose precision ${d.prosePrecision ?? "—"}% (goal 80)`;
  if (f.name === "adversarial extraction") return `worst of ${Object.keys(d.cases).length} cases at ${d.bytes} bytes: ${d.worstCase}; ${Object.entries(d.cases).map(([k, v]) => `${k} ${v}`).join(", ")}`;
  if (d.peakMemoryMb) return `peak ${d.peakMemoryMb} MB`;
  return "";
}
const rows = [["figure", "value", "baseline", "ratio", "notes"], ...figures.map(row)];
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
for (const r of rows) console.log(r.map((c, i) => String(c).padEnd(widths[i])).join("  "));
console.log(`\n${results.date} · ${machine}`);

const file = join(root, "bench/results.json");
if (!quick && !only) writeFileSync(file, JSON.stringify(results, null, 2) + "\n");
else if (!quick && process.env.BENCH_MERGE === "1") {
  // A partial run replaces only its own figures, each dated, so the file says which run measured what.
  const kept = JSON.parse(readFileSync(file, "utf8"));
  for (const f of results.figures) {
    const dated = { ...f, date: results.date, machine };
    const i = kept.figures.findIndex((k) => k.name === f.name);
    if (i >= 0) kept.figures[i] = dated;
    else kept.figures.push(dated);
  }
  writeFileSync(file, JSON.stringify(kept, null, 2) + "\n");
  console.error(`(partial run: its ${results.figures.length} figures merged into bench/results.json)`);
} else console.error("(quick or partial run: bench/results.json left as it was; BENCH_MERGE=1 merges a partial run's figures)");
