// Shared boards: a read-only, expiring, revocable link to one project's board, graph and reports, with no sign-in.
import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { page, postForm, session } from "../support/dashboard";
import { BASE, call, createProject } from "../support/hub";
import { addMember, createTask, createUser, tokenFor } from "../support/people";

const uid = () => crypto.randomUUID().slice(0, 8);

/** Makes a link on the board's form as this session; returns the link's path, or the refusal. */
async function share(project: string, cookie: string, fields: Record<string, string> = {}) {
  const res = await postForm(`/projects/${project}/shared-links`, { label: "For the client", days: "7", ...fields }, cookie, `/?project=${project}`);
  const html = await res.text();
  const url = /value="(http[^"]+\/shared\/[^"]+)"/.exec(html)?.[1];
  return { status: res.status, path: url ? new URL(url).pathname : null, html };
}

const open = (path: string) => SELF.fetch(`${BASE}${path}`, { redirect: "manual" });
const linkId = (path: string) => decodeURIComponent(path.split("/")[2]);

describe("a shared link", () => {
  const A = `SHA${uid().toUpperCase().replace(/[^A-Z]/g, "X")}`.slice(0, 8);
  const B = `SHB${uid().toUpperCase().replace(/[^A-Z]/g, "X")}`.slice(0, 8);
  let admin: string;
  let link: string;
  const personEmail = `dana-${uid()}@example.com`;

  beforeAll(async () => {
    await createProject(A);
    await createProject(B);
    const dana = await createUser(personEmail);
    const parent = await createTask(A, "Ship the shared board", { assignee: dana.id });
    await createTask(A, "Ask ops@example.org about the rollout", { parent: parent.key });
    const blocker = await createTask(A, "Write the migration");
    await call(`/api/tasks/${parent.key}/dependencies`, { method: "POST", json: { dependsOn: blocker.key } });
    await createTask(B, "Secret plans of project B");
    admin = await session();
    const made = await share(A, admin);
    expect(made.status).toBe(201);
    link = made.path!;
  });

  it("shows the project's board to someone with no sign-in", async () => {
    const res = await open(link);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Ship the shared board");
    expect(html).toContain("Write the migration");
    expect(html).not.toContain('name="token"'); // not the sign-in form
  });

  it("shows the graph and the reports of the same project", async () => {
    const graph = await open(`${link}/graph`);
    expect(graph.status).toBe(200);
    expect(await graph.text()).toContain("dependency graph");
    const reports = await open(`${link}/reports`);
    expect(reports.status).toBe(200);
    expect(await reports.text()).toContain("Tasks completed per week");
  });

  it("asks not to be indexed, in a meta tag and a header", async () => {
    for (const path of [link, `${link}/graph`, `${link}/reports`]) {
      const res = await open(path);
      expect(res.headers.get("x-robots-tag"), path).toBe("noindex, nofollow");
      expect(await res.text(), path).toContain('<meta name="robots" content="noindex, nofollow"/>');
    }
  });

  it("has no forms, buttons or inputs that could write", async () => {
    for (const path of [link, `${link}/graph`, `${link}/reports`]) {
      const html = await (await open(path)).text();
      expect(html, path).not.toMatch(/<(form|button|input|select|textarea)\b/i);
      expect(html, path).not.toMatch(/method="post"/i);
    }
  });

  it("shows no email address, not the assignee's nor one written in a title", async () => {
    for (const path of [link, `${link}/graph`, `${link}/reports`]) {
      const html = await (await open(path)).text();
      expect(html, path).not.toContain(personEmail);
      expect(html, path).not.toMatch(/[\w.+-]+@[\w-]+\.[a-z]{2,}/i);
    }
    expect(await (await open(link)).text()).toContain("Ask [email hidden] about the rollout");
  });

  it("for project A shows nothing of project B, whatever the query asks", async () => {
    for (const path of [link, `${link}?project=${B}`, `${link}/graph?project=${B}`, `${link}/reports`]) {
      const html = await (await open(path)).text();
      expect(html, path).not.toContain("Secret plans of project B");
      expect(html, path).not.toContain(`${B}-`);
    }
  });

  it("with a wrong secret or an unknown id is not found", async () => {
    expect((await open(`/shared/${encodeURIComponent(linkId(link))}/${"0".repeat(64)}`)).status).toBe(404);
    expect((await open(`/shared/${crypto.randomUUID()}/${link.split("/")[3]}`)).status).toBe(404);
  });

  it("once expired is gone", async () => {
    const made = await share(A, admin);
    await env.DB.prepare("UPDATE shared_links SET expires_at = ? WHERE id = ?").bind(new Date(Date.now() - 1000).toISOString(), linkId(made.path!)).run();
    const res = await open(made.path!);
    expect(res.status).toBe(410);
    expect(res.headers.get("x-robots-tag")).toBe("noindex, nofollow");
  });

  it("is listed on the project's board and, once revoked there, is gone", async () => {
    const made = await share(A, admin, { label: `Revoke me ${uid()}` });
    const id = linkId(made.path!);
    expect((await open(made.path!)).status).toBe(200);
    const board = await (await page(`/?project=${A}`, admin)).text();
    expect(board).toContain(`data-link="${id}"`);
    const revoked = await postForm(`/projects/${A}/shared-links/${encodeURIComponent(id)}/revoke`, {}, admin, `/?project=${A}`);
    expect(revoked.status).toBe(303);
    expect((await open(made.path!)).status).toBe(410);
    const row = (await (await page(`/?project=${A}`, admin)).text()).split(`data-link="${id}"`)[1].split("</tr>")[0];
    expect(row).toContain("revoked");
    expect(row).not.toContain("Revoke</button>");
  });

  it("keeps only the hash of its secret", async () => {
    const secret = link.split("/")[3];
    const row = await env.DB.prepare("SELECT * FROM shared_links WHERE id = ?").bind(linkId(link)).first<Record<string, unknown>>();
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row!.secret_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("who makes and revokes shared links", () => {
  const P = `SHW${uid().toUpperCase().replace(/[^A-Z]/g, "X")}`.slice(0, 8);
  const as = async (role: "owner" | "member" | "viewer") => {
    const u = await createUser(`${role}-${uid()}@example.com`);
    await addMember(P, u.id, role);
    return session(await tokenFor(u.id, ["write"]));
  };

  beforeAll(async () => {
    await createProject(P);
  });

  it("an owner makes one and sees the list on the board", async () => {
    const owner = await as("owner");
    expect((await share(P, owner)).status).toBe(201);
    expect(await (await page(`/?project=${P}`, owner)).text()).toContain('id="shared-links"');
  });

  it("a member or a viewer may not (403) and is not shown the list", async () => {
    for (const role of ["member", "viewer"] as const) {
      const cookie = await as(role);
      expect((await share(P, cookie)).status, role).toBe(403);
      expect(await (await page(`/?project=${P}`, cookie)).text(), role).not.toContain('id="shared-links"');
    }
  });

  it("someone with no role in the project is told it does not exist (404)", async () => {
    const elsewhere = `SHN${uid().toUpperCase().replace(/[^A-Z]/g, "X")}`.slice(0, 8);
    await createProject(elsewhere);
    const u = await createUser(`stranger-${uid()}@example.com`);
    await addMember(elsewhere, u.id, "owner"); // an owner elsewhere, so the board carries a form and its CSRF token
    const cookie = await session(await tokenFor(u.id, ["write"]));
    const res = await postForm(`/projects/${P}/shared-links`, { days: "7" }, cookie, `/?project=${elsewhere}`);
    expect(res.status).toBe(404);
  });

  it("a member may not revoke an owner's link", async () => {
    const made = await share(P, await as("owner"));
    const member = await as("member");
    const res = await postForm(`/projects/${P}/shared-links/${encodeURIComponent(linkId(made.path!))}/revoke`, {}, member, `/?project=${P}`);
    expect(res.status).toBe(403);
    expect((await open(made.path!)).status).toBe(200);
  });

  it("a link of another project cannot be revoked through this one", async () => {
    const other = `SHO${uid().toUpperCase().replace(/[^A-Z]/g, "X")}`.slice(0, 8);
    await createProject(other);
    const admin = await session();
    const made = await share(other, admin);
    const res = await postForm(`/projects/${P}/shared-links/${encodeURIComponent(linkId(made.path!))}/revoke`, {}, admin, `/?project=${P}`);
    expect(res.status).toBe(404);
    expect((await open(made.path!)).status).toBe(200);
  });

  it("refuses a life outside 1 to 90 days and makes nothing", async () => {
    const admin = await session();
    for (const days of ["0", "91", "abc"]) expect((await share(P, admin, { days })).status, days).toBe(400);
  });
});

describe("shared links over REST", () => {
  const P = `SHR${uid().toUpperCase().replace(/[^A-Z]/g, "X")}`.slice(0, 8);
  beforeAll(async () => {
    await createProject(P);
  });

  it("an owner makes one (the secret answered once), lists it, and revokes it", async () => {
    const u = await createUser(`rest-owner-${uid()}@example.com`);
    await addMember(P, u.id, "owner");
    const token = await tokenFor(u.id, ["write"]);
    const made = await call(`/api/projects/${P}/shared-links`, { method: "POST", token, json: { label: "Board for the client", days: 3 } });
    expect(made.status).toBe(201);
    const { link, url } = (await made.json()) as { link: { id: string; expiresAt: string }; url: string };
    expect(Date.parse(link.expiresAt) - Date.now()).toBeGreaterThan(2.9 * 86_400_000);
    const path = new URL(url).pathname;
    expect((await open(path)).status).toBe(200);
    const listed = (await (await call(`/api/projects/${P}/shared-links`, { token })).json()) as { links: Record<string, unknown>[] };
    expect(listed.links.find((l) => l.id === link.id)).toMatchObject({ label: "Board for the client", revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(path.split("/")[3]); // the secret is never listed
    expect((await call(`/api/projects/${P}/shared-links/${link.id}`, { method: "DELETE", token })).status).toBe(200);
    expect((await open(path)).status).toBe(410);
  });

  it("a member may neither list nor make them (403)", async () => {
    const u = await createUser(`rest-member-${uid()}@example.com`);
    await addMember(P, u.id, "member");
    const token = await tokenFor(u.id, ["write"]);
    expect((await call(`/api/projects/${P}/shared-links`, { token })).status).toBe(403);
    expect((await call(`/api/projects/${P}/shared-links`, { method: "POST", token, json: {} })).status).toBe(403);
  });

  it("refuses a life beyond 90 days (400)", async () => {
    expect((await call(`/api/projects/${P}/shared-links`, { method: "POST", json: { days: 91 } })).status).toBe(400);
  });
});
