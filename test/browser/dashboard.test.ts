// The dashboard in Debian's Chromium against `npm run dev` on a free port with throwaway state.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";

const TOKEN = "th_admin_browser_test_token";
const SHOTS = join(process.cwd(), "test-results", "screenshots");
let base = "";
let hub: ChildProcess;
let state = "";
let browser: Browser;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

async function api(path: string, init: { method?: string; json?: unknown } = {}) {
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? (init.json ? "POST" : "GET"),
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    body: init.json ? JSON.stringify(init.json) : undefined,
  });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, unknown>>;
}

async function signIn(page: Page) {
  await page.goto(`${base}/`);
  await page.fill('input[name="token"]', TOKEN);
  await page.click('button[type="submit"]');
  await page.waitForSelector(".board");
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  state = mkdtempSync(join(tmpdir(), "taskhub-browser-"));
  const port = await freePort();
  base = `http://localhost:${port}`;
  hub = spawn(process.execPath, ["scripts/dev.mjs"], {
    env: { ...process.env, PORT: String(port), TASKHUB_STATE_DIR: state, HUB_ADMIN_TOKEN: TOKEN, HUB_SECRET: "browser-test-secret" },
    stdio: "ignore",
    detached: true,
  });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
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
  if (hub?.pid) process.kill(-hub.pid, "SIGTERM");
  await new Promise((r) => setTimeout(r, 1000));
  rmSync(state, { recursive: true, force: true });
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
