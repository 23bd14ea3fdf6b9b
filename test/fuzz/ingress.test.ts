// Fuzz (fast-check): random and mutated transcripts, hook payloads, webhook bodies and API bodies never get a 5xx or a shapeless error.

import fc from "fast-check";
import { expect, it } from "vitest";
import small from "../fixtures/claude/a-todowrite-v2.1.4.jsonl?raw";
import { call, sign, webhook } from "../support/hub";

const RUNS = 40;
/** Generous: workerd shares two cores with other suites; no test asserts time. */
const TIMEOUT_MS = 120_000;
const lines = small.split("\n").filter(Boolean);

/** A 5xx is a bug; any 4xx must carry the error shape. */
async function wellBehaved(res: Response) {
  expect(res.status).toBeLessThan(500);
  if (res.status >= 400) {
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ code: expect.any(String), message: expect.any(String), requestId: expect.any(String) });
  } else await res.body?.cancel();
}

const KEYS = ["type", "message", "sessionId", "uuid", "parentUuid", "cwd", "timestamp", "isSidechain", "toolUseResult", "content", "gitBranch"];

/** A real line with some of its fields replaced by arbitrary JSON, or cut short, or with a byte changed. */
const mutatedLine = fc.oneof(
  fc.tuple(fc.constantFrom(...lines), fc.dictionary(fc.constantFrom(...KEYS), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 3 })).map(([l, over]) => JSON.stringify({ ...JSON.parse(l), ...over })),
  fc.tuple(fc.constantFrom(...lines), fc.nat()).map(([l, n]) => l.slice(0, n % l.length)),
  fc.tuple(fc.constantFrom(...lines), fc.nat(), fc.string({ unit: "binary", minLength: 1, maxLength: 1 })).map(([l, n, ch]) => l.slice(0, n % l.length) + ch + l.slice((n % l.length) + 1)),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
);

// Tokens of their own: the hub limits writes per token, and fuzzing the admin token would starve other tests.
async function freshToken(scopes: string[]) {
  const res = await call("/api/tokens", { method: "POST", json: { name: "fuzz", scopes } });
  return ((await res.json()) as { token: string }).token;
}

it("POST /transcripts: any mix of real, mutated and random lines", async () => {
  const token = await freshToken(["ingest"]);
  await fc.assert(
    fc.asyncProperty(fc.array(mutatedLine, { minLength: 1, maxLength: 12 }), async (ls) => {
      await wellBehaved(await call("/transcripts", { method: "POST", token, body: ls.join("\n"), headers: { "content-type": "application/x-ndjson" } }));
    }),
    { numRuns: RUNS },
  );
}, TIMEOUT_MS);

it("POST /hooks/claude: hook payloads with arbitrary fields", async () => {
  const token = await freshToken(["ingest"]);
  const hook = fc.record(
    {
      session_id: fc.oneof(fc.uuid(), fc.string(), fc.jsonValue()),
      hook_event_name: fc.constantFrom("PostToolUse", "UserPromptSubmit", "Stop", "SessionStart", "x"),
      cwd: fc.oneof(fc.constant("/tmp/fuzz"), fc.string()),
      tool_name: fc.constantFrom("TodoWrite", "TaskCreate", "TaskUpdate", "Bash"),
      tool_input: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.record({ todos: fc.array(fc.record({ content: fc.string(), status: fc.string(), activeForm: fc.string() }), { maxLength: 4 }) }), fc.record({ subject: fc.string(), description: fc.string() })),
      tool_response: fc.jsonValue({ maxDepth: 2 }),
      prompt: fc.string(),
    },
    { requiredKeys: [] },
  );
  await fc.assert(
    fc.asyncProperty(fc.oneof(hook.map((h) => JSON.stringify(h)), fc.string()), async (body) => {
      await wellBehaved(await call("/hooks/claude", { method: "POST", token, body, headers: { "content-type": "application/json" } }));
    }),
    { numRuns: RUNS },
  );
}, TIMEOUT_MS);

it("POST /webhooks/github: signed bodies of any shape, for the events the hub handles", async () => {
  const payload = fc.oneof(
    fc.jsonValue({ maxDepth: 4 }),
    fc.record({ ref: fc.string(), repository: fc.record({ full_name: fc.string(), default_branch: fc.string() }), commits: fc.array(fc.record({ id: fc.string(), message: fc.string() }), { maxLength: 5 }) }, { requiredKeys: [] }),
    fc.record({ action: fc.constantFrom("opened", "closed", "edited", "synchronize"), pull_request: fc.jsonValue({ maxDepth: 2 }), issue: fc.jsonValue({ maxDepth: 2 }), repository: fc.jsonValue({ maxDepth: 2 }) }, { requiredKeys: ["action"] }),
  );
  await fc.assert(
    fc.asyncProperty(fc.constantFrom("push", "pull_request", "issues", "ping", "installation", "star"), payload, async (event, p) => {
      const body = JSON.stringify(p);
      await wellBehaved(await webhook(event, p, { body, signature: sign(body) }));
    }),
    { numRuns: RUNS * 2 },
  );
}, TIMEOUT_MS);

it("REST: arbitrary JSON bodies to every write operation on tasks and projects", async () => {
  const token = await freshToken(["admin"]);
  await call("/api/projects", { method: "POST", token, json: { key: "FUZ", name: "Fuzz" } });
  await call("/api/tasks", { method: "POST", token, json: { project: "FUZ", title: "fuzz target" } });
  const target = fc.constantFrom(
    ["POST", "/api/tasks"], ["PUT", "/api/tasks/FUZ-1"], ["PUT", "/api/tasks/FUZ-1/status"], ["POST", "/api/projects"],
    ["POST", "/api/tasks/FUZ-1/comments"], ["POST", "/api/tasks/FUZ-1/dependencies"], ["POST", "/api/tasks/FUZ-1/time"], ["PUT", "/api/tasks/%E0%A4%A"],
  );
  const body = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc.record({ project: fc.oneof(fc.constant("FUZ"), fc.string()), title: fc.string(), status: fc.string(), priority: fc.string(), dueAt: fc.string(), tags: fc.array(fc.string()), key: fc.string(), name: fc.string() }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
    fc.string(),
  );
  await fc.assert(
    fc.asyncProperty(target, body, async ([method, path], b) => {
      await wellBehaved(await call(path, { method, token, body: b, headers: { "content-type": "application/json" } }));
    }),
    { numRuns: 100 },
  );
}, TIMEOUT_MS);
