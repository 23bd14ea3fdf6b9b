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

async function signIn(page: Page) {
  await page.goto(`${base}/`);
  await page.fill('input[name="token"]', TOKEN);
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
