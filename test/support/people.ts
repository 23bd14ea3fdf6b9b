// People for the #6 tests: users made through the API, tokens that act as them, memberships.

import { call } from "./hub";

export async function createUser(email: string, extra: Record<string, unknown> = {}) {
  const res = await call("/api/users", { method: "POST", json: { email, name: email.split("@")[0], ...extra } });
  if (res.status !== 201) throw new Error(`createUser ${email}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<{ id: string; email: string; name: string; unsubscribed: string[] }>;
}

export async function tokenFor(userId: string, scopes: string[] = ["write"]): Promise<string> {
  const res = await call("/api/tokens", { method: "POST", json: { name: `as-${userId}`, scopes, userId } });
  return ((await res.json()) as { token: string }).token;
}

export async function addMember(project: string, userId: string, role: "owner" | "member" | "viewer") {
  const res = await call(`/api/projects/${project}/members/${userId}`, { method: "PUT", json: { role } });
  if (res.status !== 200) throw new Error(`addMember: ${res.status} ${await res.text()}`);
}

export async function createTask(project: string, title: string, extra: Record<string, unknown> = {}) {
  const res = await call("/api/tasks", { method: "POST", json: { project, title, ...extra } });
  if (res.status !== 201) throw new Error(`createTask: ${res.status} ${await res.text()}`);
  return res.json() as Promise<{ id: string; key: string; assigneeId: string | null; dueAt: string | null }>;
}

export async function emails(query: Record<string, string> = {}) {
  const res = await call(`/api/emails?${new URLSearchParams(query)}`);
  return ((await res.json()) as { emails: { id: string; to: string; kind: string; subject: string; taskKey: string | null; status: string }[] }).emails;
}
