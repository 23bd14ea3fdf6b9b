// The board for daily use: search and filters kept in the URL, subtasks under their parent, and the status move drag and drop posts.
import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { page, postForm, session } from "../support/dashboard";
import { BASE, call, createProject } from "../support/hub";
import { addMember, createTask, createUser, tokenFor } from "../support/people";

const uid = () => crypto.randomUUID().slice(0, 6);
/** A fresh project key: letters only, so every test file run starts from an empty project. */
const freshKey = (prefix: string) => `${prefix}${uid().toUpperCase().replace(/[^A-Z]/g, "Q")}`.slice(0, 9);

/** The keys of the cards on a board page, column by column. */
const cards = (html: string) => [...html.matchAll(/<article class="card[^"]*" data-key="([^"]+)"/g)].map((m) => m[1]);
const column = (html: string, status: string) => {
  const at = html.indexOf(`data-status="${status}" aria-labelledby`);
  if (at < 0) return null;
  const end = html.indexOf("</section>", at);
  return cards(html.slice(at, end));
};
const statusOf = async (key: string) => ((await (await call(`/api/tasks/${key}`)).json()) as { status: string }).status;

describe("the board's search and filters", () => {
  const P = freshKey("FLT");
  let admin: string;
  let alice: { id: string; email: string };
  let aliceCookie: string;

  beforeAll(async () => {
    await createProject(P);
    alice = await createUser(`alice-${uid()}@example.com`);
    await addMember(P, alice.id, "member");
    aliceCookie = await session(await tokenFor(alice.id));
    await createTask(P, "Design the landing page", { priority: "high", tags: ["design"], assignee: alice.id }); // -1
    await createTask(P, "Write release notes", { description: "Mention the landing redesign" }); // -2
    await createTask(P, "Fix UI glitch", { priority: "urgent" }); // -3
    await createTask(P, "Old chore", { tags: ["design"] }); // -4
    await call(`/api/tasks/${P}-4/status`, { method: "PUT", json: { status: "completed" } });
    admin = await session();
  });

  it("search finds a word in a title or a description, and the box keeps it", async () => {
    const html = await (await page(`/?project=${P}&q=landing`, admin)).text();
    expect(cards(html).sort()).toEqual([`${P}-1`, `${P}-2`]);
    expect(html).toContain('name="q" value="landing"');
    expect(html).toContain("2 tasks match");
  });

  it("a two-letter search still finds its task", async () => {
    expect(cards(await (await page(`/?project=${P}&q=UI`, admin)).text())).toEqual([`${P}-3`]);
  });

  it("status=open shows only the open columns and none of the done tasks", async () => {
    const html = await (await page(`/?project=${P}&status=open`, admin)).text();
    expect(column(html, "completed")).toBeNull();
    expect(column(html, "cancelled")).toBeNull();
    expect(column(html, "todo")!.sort()).toEqual([`${P}-1`, `${P}-2`, `${P}-3`]);
    expect(html).toMatch(/<option value="open" selected="">open<\/option>/);
  });

  it("priority and tag narrow the board and the form shows what is set", async () => {
    const html = await (await page(`/?project=${P}&priority=high&tag=design`, admin)).text();
    expect(cards(html)).toEqual([`${P}-1`]);
    expect(html).toMatch(/<option value="high" selected="">high<\/option>/);
    expect(html).toContain('name="tag" value="design"');
  });

  it("an assignee is found by email, and `me` is the signed-in person", async () => {
    expect(cards(await (await page(`/?project=${P}&assignee=${encodeURIComponent(alice.email)}`, admin)).text())).toEqual([`${P}-1`]);
    expect(cards(await (await page(`/?project=${P}&assignee=me`, aliceCookie)).text())).toEqual([`${P}-1`]);
  });

  it("an assignee nobody is called shows no tasks and says so", async () => {
    const html = await (await page(`/?project=${P}&assignee=nobody%40example.com`, admin)).text();
    expect(cards(html)).toEqual([]);
    expect(html).toMatch(/role="alert">\s*No one on this hub is called nobody@example.com/);
  });

  it("empty fields of the filter form filter nothing", async () => {
    const html = await (await page(`/?project=${P}&q=&status=&assignee=&tag=&priority=&blocked=`, admin)).text();
    expect(cards(html)).toHaveLength(4);
    expect(html).not.toContain("tasks match");
  });

  it("a filter value the form never offers is a 400 with the error shape", async () => {
    const res = await page(`/?project=${P}&priority=extreme`, admin);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "invalid_request", requestId: expect.any(String) });
  });

  it("search text is escaped where the page shows it again", async () => {
    const html = await (await page(`/?project=${P}&q=${encodeURIComponent('"><script>alert(1)</script>')}`, admin)).text();
    expect(html).not.toContain("<script>alert(1)");
    expect(html).toContain("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("an assignee with markup is text in the note that names it", async () => {
    const html = await (await page(`/?project=${P}&assignee=${encodeURIComponent("<b>x</b>")}`, admin)).text();
    expect(html).not.toContain("<b>x</b>");
    expect(html).toContain("No one on this hub is called &lt;b&gt;x&lt;/b&gt;");
  });

  it("blocked=true shows only tasks with an open blocker", async () => {
    await call(`/api/tasks/${P}-3/dependencies`, { method: "POST", json: { dependsOn: `${P}-2` } });
    expect(cards(await (await page(`/?project=${P}&blocked=true`, admin)).text())).toEqual([`${P}-3`]);
  });
});

describe("subtasks on the board", () => {
  const P = freshKey("SUB");
  let html: string;

  beforeAll(async () => {
    await createProject(P);
    await createTask(P, "Launch the site"); // -1
    await createTask(P, "Buy the domain", { parent: `${P}-1` }); // -2
    await createTask(P, "Write the copy", { parent: `${P}-1`, priority: "high" }); // -3
    await call(`/api/tasks/${P}-2/status`, { method: "PUT", json: { status: "completed" } });
    html = await (await page(`/?project=${P}`, await session())).text();
  });

  const cardHtml = (h: string, key: string) => {
    const at = h.indexOf(`data-key="${key}"`);
    return h.slice(at, h.indexOf("</article>", at));
  };

  it("a parent card lists every subtask with its status and how many are done", async () => {
    const parent = cardHtml(html, `${P}-1`);
    expect(parent).toContain("1/2 subtasks done");
    expect(parent).toContain(`<a href="/tasks/${P}-2">${P}-2</a> Buy the domain <span class="badge">completed</span>`);
    expect(parent).toContain(`<a href="/tasks/${P}-3">${P}-3</a> Write the copy <span class="badge">todo</span>`);
  });

  it("a subtask in its parent's column sits right under it, indented; one in another column names its parent", async () => {
    expect(column(html, "todo")).toEqual([`${P}-1`, `${P}-3`]);
    expect(html).toMatch(new RegExp(`class="card p-high subtask" data-key="${P}-3"`));
    expect(cardHtml(html, `${P}-2`)).toContain(`href="/tasks/${P}-1" aria-label="subtask of ${P}-1"`);
  });

  it("a subtask's title with markup is text in its parent's list", async () => {
    const Q = freshKey("SUX");
    await createProject(Q);
    await createTask(Q, "parent");
    await createTask(Q, "<img src=x onerror=alert(1)>", { parent: `${Q}-1` });
    const board = await (await page(`/?project=${Q}`, await session())).text();
    expect(board).not.toContain("<img src=x");
    expect(cardHtml(board, `${Q}-1`)).toContain(`${Q}-2</a> &lt;img src=x onerror=alert(1)&gt; <span class="badge">todo</span>`);
  });

  it("a filter that hides the parent keeps its progress whole and the subtask's parent named", async () => {
    const filtered = await (await page(`/?project=${P}&priority=high`, await session())).text();
    expect(cards(filtered)).toEqual([`${P}-3`]);
    expect(cardHtml(filtered, `${P}-3`)).toContain(`aria-label="subtask of ${P}-1"`);
    const parentOnly = await (await page(`/?project=${P}&q=Launch`, await session())).text();
    expect(cardHtml(parentOnly, `${P}-1`)).toContain("1/2 subtasks done");
  });
});

describe("the status move that drag and drop posts", () => {
  const P = freshKey("DND");
  const OTHER = freshKey("OTH");
  let admin: string;

  beforeAll(async () => {
    await createProject(P);
    await createProject(OTHER);
    for (let i = 0; i < 6; i++) await createTask(P, `card ${i}`);
    admin = await session();
  });

  /** The fetch board-script.ts makes: the card's form, asking for JSON. */
  const move = (key: string, fields: Record<string, string>, cookie: string, from = `/?project=${P}`) => postForm(`/tasks/${key}/status`, fields, cookie, from);
  const moveJson = async (key: string, status: string, cookie: string, csrf: string) =>
    SELF.fetch(`${BASE}/tasks/${key}/status`, {
      method: "POST",
      headers: { cookie, accept: "application/json", "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ status, _csrf: csrf }).toString(),
      redirect: "manual",
    });
  const csrfOf = async (cookie: string, from = `/?project=${P}`) => /name="_csrf" value="([0-9a-f]+)"/.exec(await (await page(from, cookie)).text())![1];

  it("answers JSON with the new status to a page that asks for it, and the task moved", async () => {
    const res = await moveJson(`${P}-1`, "in_progress", admin, await csrfOf(admin));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ key: `${P}-1`, status: "in_progress" });
    expect(await statusOf(`${P}-1`)).toBe("in_progress");
  });

  it("without JavaScript the same form comes back to the filtered board it was posted from", async () => {
    const res = await move(`${P}-2`, { status: "review", back: `/?project=${P}&status=open&q=card` }, admin);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/?project=${P}&status=open&q=card`);
    expect(await statusOf(`${P}-2`)).toBe("review");
  });

  it("the task page's status form comes back to the task page", async () => {
    const html = await (await page(`/tasks/${P}-2`, admin)).text();
    expect(html).toContain(`<input type="hidden" name="back" value="/tasks/${P}-2"/>`);
    const res = await move(`${P}-2`, { status: "in_progress", back: `/tasks/${P}-2` }, admin, `/tasks/${P}-2`);
    expect(res.headers.get("location")).toBe(`/tasks/${P}-2`);
  });

  it("a back address on another site is not followed", async () => {
    for (const away of ["https://evil.example/", "//evil.example/x", "/\\evil.example/x"]) {
      const res = await move(`${P}-2`, { status: "review", back: away }, admin);
      expect(res.headers.get("location"), away).toBe(`/?project=${P}`);
    }
  });

  it("a viewer is refused with 403 and the task stays", async () => {
    const viewer = await createUser(`viewer-${uid()}@example.com`);
    await addMember(P, viewer.id, "viewer");
    const cookie = await session(await tokenFor(viewer.id));
    const res = await moveJson(`${P}-3`, "completed", cookie, await csrfOf(cookie));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: "forbidden" });
    expect(await statusOf(`${P}-3`)).toBe("todo");
  });

  it("a person with no role in the project gets 404, as for a task that does not exist", async () => {
    const stranger = await createUser(`stranger-${uid()}@example.com`);
    await addMember(OTHER, stranger.id, "member");
    const cookie = await session(await tokenFor(stranger.id));
    const res = await moveJson(`${P}-4`, "completed", cookie, await csrfOf(cookie, `/?project=${OTHER}`));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: "not_found", message: `Task ${P}-4 not found` });
    expect(await statusOf(`${P}-4`)).toBe("todo");
  });

  it("a wrong CSRF token is refused with 403 and the task stays", async () => {
    const res = await moveJson(`${P}-5`, "completed", admin, "0".repeat(64));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: "csrf_failed" });
    expect(await statusOf(`${P}-5`)).toBe("todo");
  });

  it("a status the board does not have is a 400 and the task stays", async () => {
    const res = await moveJson(`${P}-6`, "shipped", admin, await csrfOf(admin));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "invalid_request" });
    expect(await statusOf(`${P}-6`)).toBe("todo");
  });
});

describe("the board page's enhancements", () => {
  it("carries its script under the response's CSP nonce, draggable cards and the shortcut list", async () => {
    const P = freshKey("KEY");
    await createProject(P);
    await createTask(P, "one");
    const res = await page(`/?project=${P}`, await session());
    const nonce = /script-src[^;]*'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")![1];
    const html = await res.text();
    expect(html).toMatch(new RegExp(`<script nonce="${nonce.replace(/[+/=]/g, "\\$&")}">\\(function\\(\\)\\{`));
    expect(html).toMatch(new RegExp(`data-key="${P}-1" data-status="todo" tabindex="-1" draggable="true"`));
    expect(html).toContain('id="board-keys"');
    expect(html).toMatch(/<p id="board-say" class="say meta" role="status"><\/p>/);
    expect(html).toContain('id="board-q"');
    expect(html).toContain('id="new-title"');
  });
});
