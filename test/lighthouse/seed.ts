// The Lighthouse audit's hub: `npm run dev` seeded the way people use it, so the audited pages carry real content.
import { createHmac } from "node:crypto";
import catalog from "@octokit/webhooks-examples/api.github.com/index.json";
import { startHub, type Hub } from "../browser/hub";

const WEBHOOK_SECRET = "whsec_lighthouse";

export const startSeededHub = () => startHub({ token: "th_admin_lighthouse_token", webhookSecret: WEBHOOK_SECRET });

/** A GitHub push as GitHub sends it (its own example payload), signed with the hub's webhook secret. */
async function pushWebhook(base: string) {
  const push = catalog.find((e) => e.name === "push")!.examples[0];
  const body = JSON.stringify(push);
  const signature = `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(body).digest("hex")}`;
  const res = await fetch(`${base}/webhooks/github`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-github-event": "push", "x-github-delivery": "lighthouse-push-1", "x-hub-signature-256": signature },
    body,
  });
  if (res.status >= 300) throw new Error(`push webhook: ${res.status} ${await res.text()}`);
}

/** Claude Code's PostToolUse hook for a TaskCreate, as the CLI posts it. */
const taskCreateHook = (session: string, subject: string) => ({
  session_id: session,
  hook_event_name: "PostToolUse",
  cwd: "/home/dev/website",
  tool_name: "TaskCreate",
  tool_input: { subject, description: `${subject}, from the plan`, activeForm: subject },
  tool_response: { task: { id: "1", subject } },
});

/**
 * A project as people use it: tasks in every column with priorities, tags, due dates, subtasks and a dependency
 * chain, comments and moves in the timeline; deliveries from Claude Code hooks and a GitHub push on /runs.
 * Returns the key of the busiest task (subtasks, dependencies, comments) for the task page.
 */
export async function seed(hub: Hub): Promise<string> {
  await hub.api("/api/projects", { json: { key: "WEB", name: "Website" } });
  const titles: [string, string, string[]][] = [
    ["Design the landing page", "high", ["design"]],
    ["Build the landing page", "urgent", ["frontend"]],
    ["Write the launch announcement", "medium", ["content"]],
    ["Set up analytics", "low", []],
    ["Launch", "high", ["release"]],
    ["Fix the flaky sign-up test", "medium", ["ci"]],
    ["Compress the hero images", "low", ["perf"]],
    ["Review the pricing copy", "medium", ["content"]],
  ];
  const keys: string[] = [];
  for (const [i, [title, priority, tags]] of titles.entries()) {
    const due = i % 3 === 0 ? new Date(Date.now() + (i - 2) * 86_400_000).toISOString() : undefined;
    keys.push(String((await hub.api("/api/tasks", { json: { project: "WEB", title, priority, tags, dueAt: due } })).key));
  }
  const [design, build, , , launch] = keys;
  for (const title of ["Hero section", "Pricing table", "Footer links"]) {
    keys.push(String((await hub.api("/api/tasks", { json: { project: "WEB", title, priority: "medium", parent: build } })).key));
  }
  await hub.api(`/api/tasks/${build}/dependencies`, { json: { dependsOn: design } });
  await hub.api(`/api/tasks/${launch}/dependencies`, { json: { dependsOn: build } });
  await hub.api(`/api/tasks/${design}`, { method: "PUT", json: { status: "completed" } });
  await hub.api(`/api/tasks/${build}`, { method: "PUT", json: { status: "in_progress" } });
  await hub.api(`/api/tasks/${keys[5]}`, { method: "PUT", json: { status: "review" } });
  await hub.api(`/api/tasks/${keys[8]}`, { method: "PUT", json: { status: "in_progress" } });
  for (const body of ["Mobile first: the hero must fit a 360 px screen.", "Pricing table waits on the copy review."]) {
    await hub.api(`/api/tasks/${build}/comments`, { json: { body } });
  }
  const session = "5f0c1a2e-7b3d-4c8e-9a10-3f2b8d6e4c21";
  for (const subject of ["Add the newsletter form", "Check the page on a phone"]) {
    await hub.api("/hooks/claude", { json: taskCreateHook(session, subject) });
  }
  await pushWebhook(hub.base);
  return build;
}
