#!/usr/bin/env node
// The #6 check against a running hub (`npm run dev`): deadline, unblocked and one digest per person within
// two minutes, and no second digest after more cron ticks. Usage: HUB_URL=... HUB_ADMIN_TOKEN=... node scripts/check-mail.mjs

const base = process.env.HUB_URL ?? "http://localhost:8787";
const token = process.env.HUB_ADMIN_TOKEN;
if (!token) throw new Error("set HUB_ADMIN_TOKEN");
const WITHIN_MS = 120_000;
const MORE_TICKS_MS = 130_000; // the dev ticker fires every cron each minute: two more ticks

async function api(path, init = {}) {
  const res = await fetch(`${base}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: init.json ? JSON.stringify(init.json) : undefined,
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

const run = Math.random().toString(36).slice(2, 7);
const key = `M${run.toUpperCase().replace(/[^A-Z0-9]/g, "")}`.slice(0, 10);
const hour = new Date().getUTCHours();
await api("/api/projects", { method: "POST", json: { key, name: `mail check ${run}` } });
const person = (name) => api("/api/users", { method: "POST", json: { email: `${name}-${run}@check.test`, name, timezone: "UTC", digest: "daily", digestHour: hour } });
const blockerOwner = await person("blocker");
const dependentOwner = await person("dependent");
const blocker = await api("/api/tasks", { method: "POST", json: { project: key, title: "Blocker due in 90 minutes", assignee: blockerOwner.id, dueAt: new Date(Date.now() + 90 * 60_000).toISOString() } });
const dependent = await api("/api/tasks", { method: "POST", json: { project: key, title: "Dependent", assignee: dependentOwner.email } });
await api(`/api/tasks/${dependent.key}/dependencies`, { method: "POST", json: { dependsOn: blocker.key } });
await api(`/api/tasks/${blocker.key}/status`, { method: "PUT", json: { status: "completed" } });
const started = Date.now();
console.log(`project ${key}: ${blocker.key} (due in 90 min, ${blockerOwner.email}) blocks ${dependent.key} (${dependentOwner.email}); ${blocker.key} completed`);

const mail = async (to) => (await api(`/api/emails?to=${encodeURIComponent(to)}`)).emails;
const want = [
  [blockerOwner.email, "deadline", blocker.key],
  [dependentOwner.email, "unblocked", dependent.key],
  [blockerOwner.email, "digest", null],
  [dependentOwner.email, "digest", null],
];
let missing = want;
while (Date.now() - started < WITHIN_MS) {
  const seen = [...(await mail(blockerOwner.email)), ...(await mail(dependentOwner.email))];
  missing = want.filter(([to, kind, task]) => !seen.some((e) => e.to === to && e.kind === kind && (task === null || e.taskKey === task)));
  if (!missing.length) break;
  await new Promise((r) => setTimeout(r, 2000));
}
if (missing.length) {
  console.error(`FAIL: after ${WITHIN_MS / 1000}s still missing ${JSON.stringify(missing)}`);
  process.exit(1);
}
console.log(`all four emails in GET /api/emails after ${Math.round((Date.now() - started) / 1000)}s; waiting for more ticks`);
await new Promise((r) => setTimeout(r, MORE_TICKS_MS));
for (const to of [blockerOwner.email, dependentOwner.email]) {
  const digests = (await mail(to)).filter((e) => e.kind === "digest");
  if (digests.length !== 1) {
    console.error(`FAIL: ${to} has ${digests.length} digests`);
    process.exit(1);
  }
}
console.log("PASS: one digest per person after more ticks");
for (const to of [blockerOwner.email, dependentOwner.email]) console.log(JSON.stringify(await mail(to), null, 1));
