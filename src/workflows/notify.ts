// Who hears about a task (its assignee, else its project's owners) and sending one kind of email to them.

import { composeEmail } from "../app/compose-email";
import type { EmailContext, Rendered } from "../emails/render";
import type { Task } from "../domain/tasks";
import type { EmailKind, User } from "../domain/users";
import type { Store } from "../ports/store";
import type { Services } from "../ports/services";

export async function projectOwners(store: Store, projectKey: string): Promise<User[]> {
  const owners = (await store.listMembers(projectKey)).filter((m) => m.role === "owner");
  return (await Promise.all(owners.map((m) => store.getUser(m.userId)))).filter((u): u is User => !!u);
}

/** The assignee when there is one; otherwise whoever owns the project, so an unassigned task is not forgotten. */
export async function recipientsFor(store: Store, task: Pick<Task, "assigneeId" | "projectKey">): Promise<User[]> {
  const assignee = task.assigneeId ? await store.getUser(task.assigneeId) : null;
  return assignee ? [assignee] : projectOwners(store, task.projectKey);
}

/** Emails of one kind about one task worth checking against: far more than the keys a task can have. */
const LOGGED_MAX = 200;

/** Sends one email per person; the key gets the person's id when there are several, so each is sent once. */
export async function notify(
  services: Services,
  to: User[],
  kind: EmailKind,
  key: string,
  taskId: string | null,
  render: (ctx: EmailContext) => Rendered,
): Promise<number> {
  let sent = 0;
  // The email log is checked first: a provider's own idempotency (Resend's) lapses after a day, while
  // the sweep may look at an overdue task for a week.
  const logged = taskId ? new Set((await services.store.listEmails({ taskId, kind }, LOGGED_MAX)).map((e) => e.idempotencyKey)) : new Set<string>();
  for (const user of to) {
    const email = await composeEmail(services.config, user, kind, to.length > 1 ? `${key}:${user.id}` : key, taskId, render);
    if (!email || logged.has(email.idempotencyKey)) continue;
    const r = await services.mailer.send(email);
    // "failed" was recorded in the email log; only what went out (or into the outbox) counts.
    if (r.status === "sent" || r.status === "queued") sent++;
  }
  return sent;
}
