// Signed GitHub push deliveries: the largest push in @octokit/webhooks-examples, and generated ones.

import { createHmac, randomBytes } from "node:crypto";
import { createRequire } from "node:module";

const examples = createRequire(import.meta.url)("@octokit/webhooks-examples");

export const sign = (secret, body) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

/** The largest push payload GitHub documents, byte for byte as the package ships it. */
export function largestPush() {
  const pushes = examples.find((e) => e.name === "push").examples;
  return pushes.map((p) => JSON.stringify(p)).sort((a, b) => b.length - a.length)[0];
}

export const sha = () => randomBytes(20).toString("hex");

/** A push to the default branch of repo whose commits say what `messages` say. */
export function pushTo(repo, messages) {
  const base = JSON.parse(largestPush());
  const commit = base.commits[0];
  base.ref = "refs/heads/main";
  base.repository = { ...base.repository, full_name: repo, name: repo.split("/")[1], default_branch: "main", master_branch: "main" };
  base.commits = messages.map((message) => ({ ...commit, id: sha(), message, url: `https://github.com/${repo}/commit/x` }));
  base.head_commit = base.commits.at(-1) ?? null;
  return JSON.stringify(base);
}

export function headers(secret, body, event = "push", delivery = crypto.randomUUID()) {
  return { "content-type": "application/json", "x-github-event": event, "x-github-delivery": delivery, "x-hub-signature-256": sign(secret, body) };
}
