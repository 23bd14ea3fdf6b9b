// The dashboard in Debian's Chromium against `npm run dev` on a free port with throwaway state.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startHub, type Hub } from "./hub";

const TOKEN = "th_admin_browser_test_token";
const SHOTS = join(process.cwd(), "test-results", "screenshots");
let base = "";
let hub: Hub;
let browser: Browser;

const api = (path: string, init: { method?: string; json?: unknown } = {}) => hub.api(path, init);

async function signIn(page: Page, token = TOKEN) {
  await page.goto(`${base}/`);
  await page.fill('input[name="token"]', token);
  await page.click('button[type="submit"]');
  await page.waitForSelector(".board");
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  hub = await startHub({ token: TOKEN });
  base = hub.base;
  await api("/api/projects", { json: { key: "WEB", name: "Website" } });
  await api("/api/tasks", { json: { project: "WEB", title: "Design the landing page", priority: "high", tags: ["design"] } });
  await api("/api/tasks", { json: { project: "WEB", title: "Build the landing page", priority: "urgent", dueAt: "2020-01-01T00:00:00Z" } });
  await api("/api/tasks", { json: { project: "WEB", title: "Launch", priority: "medium" } });
  await api("/api/tasks", { json: { project: "WEB", title: "<img src=x onerror=alert(1)>" } });
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

it("signs in with a token and shows the board by status", async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  await signIn(page);
  expect(await page.locator('.col[data-status="todo"] .card').count()).toBe(4);
  await shot(page, "board");
  await page.close();
});

it("a task moved in one tab moves in a second tab without a reload", async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 800 } });
  const one = await context.newPage();
  await signIn(one);
  const two = await context.newPage();
  await two.goto(`${base}/?project=WEB`);
  await two.waitForSelector("#live.on");
  await one.selectOption('.card[data-key="WEB-1"] select[name="status"]', "in_progress");
  await one.waitForSelector('.col[data-status="in_progress"] .card[data-key="WEB-1"]');
  await two.waitForSelector('.col[data-status="in_progress"] .card[data-key="WEB-1"]', { timeout: 5000 });
  await shot(two, "board-second-tab");
  await context.close();
});

it("moving through more pages than a token has live slots, every page goes live", async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  await signIn(page);
  // Each page holds one of the token's 4 slots, and `npm run dev` never says a page left: before, a fifth page got 429
  // and stayed static for good. Now a left page's slot comes back within seconds, and a page refused meanwhile (the
  // page before it left under a second ago) tries again; every page must go live.
  for (const path of ["/?project=WEB", "/runs", "/tasks/WEB-1", "/?project=WEB", "/tasks/WEB-2", "/runs", "/?project=WEB"]) {
    await page.goto(`${base}${path}`);
    await page.waitForSelector("#live.on", { timeout: 15_000 });
  }
  await page.close();
});

it("a title with markup renders as text and runs nothing", async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  let dialogs = 0;
  page.on("dialog", async (d) => {
    dialogs++;
    await d.dismiss();
  });
  await signIn(page);
  await expect(page.locator('.card[data-key="WEB-4"] .title').textContent()).resolves.toBe("<img src=x onerror=alert(1)>");
  await page.goto(`${base}/tasks/WEB-4`);
  await expect(page.locator("h1").textContent()).resolves.toContain("<img src=x onerror=alert(1)>");
  expect(await page.locator("img").count()).toBe(0);
  await shot(page, "task-xss");
  expect(dialogs).toBe(0);
  await page.close();
});

it("the graph draws blocked chains in red", async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  await signIn(page);
  await page.goto(`${base}/tasks/WEB-3`);
  await page.fill('input[name="dependsOn"]', "WEB-2");
  await page.click('text=add blocker');
  await page.goto(`${base}/tasks/WEB-2`);
  await page.fill('input[name="dependsOn"]', "WEB-1");
  await page.click('text=add blocker');
  await page.goto(`${base}/graph?project=WEB`);
  expect(await page.locator("svg .edge.blocking").count()).toBe(2);
  expect(await page.locator('svg .node.blocked[data-key="WEB-3"]').count()).toBe(1);
  await shot(page, "graph");
  await page.close();
});

it("the runs, emails and reports pages render", async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  await signIn(page);
  for (const name of ["runs", "emails", "reports"]) {
    const res = await page.goto(`${base}/${name}`);
    expect(res?.status()).toBe(200);
    await shot(page, name);
  }
  await page.goto(`${base}/tasks/WEB-1`);
  await shot(page, "task");
  await page.close();
});

/** A project of its own per test, so the tests above (which move WEB's cards) do not change what these see. */
async function boardOf(key: string, titles: string[]) {
  await api("/api/projects", { json: { key, name: `Board ${key}` } });
  for (const title of titles) await api("/api/tasks", { json: { project: key, title } });
}
const statusOf = async (key: string) => (await api(`/api/tasks/${key}`)).status;
const focusedKey = (page: Page) => page.locator(".card:focus").getAttribute("data-key");
const focused = (page: Page, attribute: string) => page.locator(":focus").getAttribute(attribute);
const said = (page: Page, text: string) => page.locator("#board-say", { hasText: text }).waitFor();

it("a card dragged to another column moves there, says so, and stays moved", async () => {
  await boardOf("DND", ["Drag me", "Stay"]);
  await api("/api/tasks", { json: { project: "DND", title: "A step of Drag me", parent: "DND-1" } });
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  await signIn(page);
  await page.goto(`${base}/?project=DND`);
  await page.locator('.card[data-key="DND-1"]').dragTo(page.locator('.col[data-status="review"]'));
  await page.waitForSelector('.col[data-status="review"] .card[data-key="DND-1"]');
  await said(page, "DND-1 moved to review");
  expect(await statusOf("DND-1")).toBe("review");
  expect(await statusOf("DND-2")).toBe("todo");
  await page.reload();
  expect(await page.locator('.col[data-status="review"] .card[data-key="DND-1"]').count()).toBe(1);
  expect(await page.locator('.col[data-status="review"] h2 span').textContent()).toBe("1");
  expect(await page.locator('.card[data-key="DND-1"] .subs summary').textContent()).toBe("0/1 subtasks done");
  await shot(page, "board-dragged");
  await page.close();
});

it("j/k move between cards, s reaches the card's status, c the new task, / the search, and Enter opens", async () => {
  await boardOf("KBD", ["Alpha task", "Bravo task", "Charlie task"]);
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  await signIn(page);
  await page.goto(`${base}/?project=KBD`);
  await page.keyboard.press("j");
  expect(await focusedKey(page)).toBe("KBD-1");
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  expect(await focusedKey(page)).toBe("KBD-3");
  await page.keyboard.press("k");
  expect(await focusedKey(page)).toBe("KBD-2");
  await page.keyboard.press("s");
  expect(await focused(page, "aria-label")).toBe("status of KBD-2");
  await page.keyboard.press("Escape");
  await page.keyboard.press("c");
  expect(await focused(page, "id")).toBe("new-title");
  await page.keyboard.type("jk"); // typing is typing, not shortcuts
  expect(await page.inputValue("#new-title")).toBe("jk");
  await page.keyboard.press("Escape");
  await page.keyboard.press("?");
  expect(await page.locator("#board-keys").getAttribute("open")).not.toBeNull();
  await page.keyboard.press("/");
  expect(await focused(page, "id")).toBe("board-q");
  await page.keyboard.type("Bravo");
  await Promise.all([page.waitForURL(/q=Bravo/), page.keyboard.press("Enter")]);
  expect(new URL(page.url()).search).toBe("?project=KBD&q=Bravo"); // empty filter fields stay out of the link
  expect(await page.locator(".board .card").count()).toBe(1);
  await page.keyboard.press("j");
  expect(await focusedKey(page)).toBe("KBD-2");
  await Promise.all([page.waitForURL(/\/tasks\/KBD-2$/), page.keyboard.press("Enter")]);
  await page.close();
});

it("a status chosen on a focused card's select moves the card, and the focus stays there through the live refresh", async () => {
  await boardOf("SEL", ["Pick me"]);
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  await signIn(page);
  await page.goto(`${base}/?project=SEL`);
  await page.waitForSelector("#live.on");
  const before = await page.locator(".board").getAttribute("data-live");
  await page.keyboard.press("j");
  await page.keyboard.press("s");
  await page.selectOption('.card[data-key="SEL-1"] select[name="status"]', "in_progress");
  await said(page, "SEL-1 moved to in progress");
  expect(await page.locator('.col[data-status="in_progress"] .card[data-key="SEL-1"]').count()).toBe(1);
  expect(await focused(page, "aria-label")).toBe("status of SEL-1");
  // The live feed then swaps in the board's fresh markup: the keyboard stays on the same select.
  await page.waitForSelector(`.board:not([data-live="${before}"])`);
  expect(await focused(page, "aria-label")).toBe("status of SEL-1");
  expect(await statusOf("SEL-1")).toBe("in_progress");
  await page.close();
});

it("without JavaScript the select and its button move a task and the filters are a plain GET form", async () => {
  await boardOf("NOJS", ["First plain task", "Second plain task"]);
  const context = await browser.newContext({ viewport: { width: 1400, height: 800 }, javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page);
  await page.goto(`${base}/?project=NOJS`);
  await page.selectOption('.card[data-key="NOJS-1"] select[name="status"]', "review");
  await Promise.all([page.waitForNavigation(), page.click('.card[data-key="NOJS-1"] button[type="submit"]')]);
  expect(new URL(page.url()).search).toBe("?project=NOJS");
  expect(await page.locator('.col[data-status="review"] .card[data-key="NOJS-1"]').count()).toBe(1);
  expect(await statusOf("NOJS-1")).toBe("review");
  await page.fill("#board-q", "Second");
  await page.selectOption('select[name="status"]:not([aria-label])', "open");
  await Promise.all([page.waitForNavigation(), page.click('form[role="search"] button[type="submit"]')]);
  expect(new URL(page.url()).searchParams.get("q")).toBe("Second");
  expect(await page.locator(".board .card").count()).toBe(1);
  expect(await page.locator(".board .col").count()).toBe(3);
  await shot(page, "board-no-js");
  await context.close();
});

it("a drop the hub refuses puts the card back and says why", async () => {
  await boardOf("RO", ["Look, do not touch"]);
  const viewer = await api("/api/users", { json: { email: "viewer@example.com", name: "viewer" } });
  await api(`/api/projects/RO/members/${viewer.id}`, { method: "PUT", json: { role: "viewer" } });
  const { token } = await api("/api/tokens", { json: { name: "viewer", scopes: ["write"], userId: viewer.id } });
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  await signIn(page, String(token));
  await page.goto(`${base}/?project=RO`);
  await page.locator('.card[data-key="RO-1"]').dragTo(page.locator('.col[data-status="completed"]'));
  await said(page, "RO-1 was not moved: Your role in RO does not allow write");
  expect(await page.locator('.col[data-status="todo"] .card[data-key="RO-1"]').count()).toBe(1);
  expect(await page.locator('.card[data-key="RO-1"] select[name="status"]').inputValue()).toBe("todo");
  expect(await page.locator('.col[data-status="completed"] h2 span').textContent()).toBe("0");
  expect(await statusOf("RO-1")).toBe("todo");
  await page.close();
});
