// The parts of GitHub webhook payloads the hub reads, and the compact form stored for the workflows.

import { z } from "zod";

const repository = z.object({
  full_name: z.string(),
  default_branch: z.string().optional(),
  master_branch: z.string().optional(),
  html_url: z.string().optional(),
});

export const pushPayload = z.object({
  ref: z.string(),
  repository,
  pusher: z.object({ name: z.string().optional() }).partial().optional(),
  sender: z.object({ login: z.string() }).partial().optional(),
  commits: z
    .array(
      z.object({
        id: z.string(),
        message: z.string(),
        url: z.string().optional(),
        timestamp: z.string().optional(),
        author: z.object({ name: z.string().optional(), username: z.string().optional() }).partial().optional(),
      }),
    )
    .default([]),
});

export interface CompactPush {
  repo: string;
  defaultBranch: string;
  ref: string;
  actor: string;
  commits: { sha: string; message: string; url: string; at: string | null; author: string | null }[];
}

/** Commit messages are untrusted: each is capped before it is stored. */
const MESSAGE_MAX = 8_000;

export function compactPush(raw: unknown): CompactPush {
  const p = pushPayload.parse(raw);
  const repo = p.repository.full_name;
  return {
    repo,
    defaultBranch: p.repository.default_branch ?? p.repository.master_branch ?? "main",
    ref: p.ref,
    actor: p.sender?.login ?? p.pusher?.name ?? "unknown",
    commits: p.commits.map((c) => ({
      sha: c.id,
      message: c.message.slice(0, MESSAGE_MAX),
      url: c.url ?? `https://github.com/${repo}/commit/${c.id}`,
      at: c.timestamp ?? null,
      author: c.author?.username ?? c.author?.name ?? null,
    })),
  };
}

/** Events the hub acts on; everything else in GitHub's catalog is acknowledged and ignored. */
export const HANDLED_EVENTS = {
  push: "github/push.received",
} as const;
