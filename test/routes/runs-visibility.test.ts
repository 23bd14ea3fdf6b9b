// Who sees which deliveries: /runs and the live feed show a person only the projects they read; the operator sees all.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { D1Store } from "../../src/integrations/store-d1";
import { pushPayload } from "../support/github-payloads";
import { call, createProject, eventually, webhook } from "../support/hub";
import { addMember, createTask, createUser, tokenFor } from "../support/people";

/** A signed push to `repo` (naming no task, so it is recorded processed at once); returns the delivery id. */
async function push(repo: string): Promise<string> {
  const delivery = crypto.randomUUID();
  expect((await webhook("push", pushPayload(repo, "refs/heads/main", [{ message: "tidy up" }]), { delivery })).status).toBe(202);
  const id = `github:${delivery}`;
  await eventually(async () => !!(await new D1Store(env.DB).getDelivery(id)));
  return id;
}

/** Two projects, a delivery to each, and a viewer of the first. */
async function setup(tag: string) {
  const [a, b] = [`RV${tag}A`, `RV${tag}B`];
  await createProject(a, { repos: [`acme/${a.toLowerCase()}`] });
  await createProject(b, { repos: [`acme/${b.toLowerCase()}`] });
  const user = await createUser(`rv-${tag.toLowerCase()}@example.com`);
  await addMember(a, user.id, "viewer");
  const ours = await push(`acme/${a.toLowerCase()}`);
  const theirs = await push(`acme/${b.toLowerCase()}`);
  const stray = await push(`acme/nobody-${tag.toLowerCase()}`);
  return { a, b, user, ours, theirs, stray, viewer: await tokenFor(user.id, ["read"]) };
}

const runsHtml = async (token: string) => {
  const res = await call("/runs", { token });
  expect(res.status).toBe(200);
  return res.text();
};

describe("/runs", () => {
  it("shows a person the deliveries of projects they read, and not another project's", async () => {
    const s = await setup("P");
    const html = await runsHtml(s.viewer);
    expect(html).toContain(s.ours);
    expect(html).not.toContain(s.theirs);
  });

  it("hides from a person a delivery that touched no project", async () => {
    const s = await setup("N");
    expect(await runsHtml(s.viewer)).not.toContain(s.stray);
  });

  it("shows the operator (admin, or a write token of no person) every delivery", async () => {
    const s = await setup("O");
    const ops = await call("/api/tokens", { method: "POST", json: { name: "ops", scopes: ["write"] } });
    for (const token of [undefined, ((await ops.json()) as { token: string }).token]) {
      const html = await runsHtml(token ?? "test-admin-token");
      for (const id of [s.ours, s.theirs, s.stray]) expect(html).toContain(id);
    }
  });

  it("offers a person no replay button, even for a failed delivery of their project", async () => {
    const s = await setup("R");
    await new D1Store(env.DB).setDeliveryStatus(s.ours, "failed", "GitHub was down");
    const owner = await tokenFor(s.user.id, ["write"]);
    await addMember(s.a, s.user.id, "owner");
    const html = await runsHtml(owner);
    expect(html).toContain(s.ours);
    expect(html).not.toContain("/replay");
  });
});

/** Reads /events until `until` appears in the stream; returns what was read. Rows come in id order, so all that
 *  was recorded before `until` has been heard (or withheld) by then. */
async function listen(token: string, after: number, act: () => Promise<unknown>, until: string): Promise<string> {
  const res = await call(`/events?after=${after}`, { token });
  const reader = res.body!.getReader();
  await act();
  let text = "";
  while (!text.includes(until)) {
    const chunk = await reader.read();
    if (chunk.done) break;
    text += new TextDecoder().decode(chunk.value);
  }
  await reader.cancel(); // with no read pending: workerd rejects one still waiting ("Stream was cancelled")
  return text;
}

describe("/events", () => {
  it("tells a person nothing of another project's activity", async () => {
    const s = await setup("E");
    const after = await new D1Store(env.DB).latestActivityId();
    const heard = await listen(s.viewer, after, async () => {
      await createTask(s.b, "secret elsewhere");
      await createTask(s.a, "visible here");
    }, `${s.a}-`);
    expect(heard).toContain(`${s.a}-`);
    expect(heard).not.toContain(`${s.b}-`);
  });
});
