// The live feed (/events) gives a page's slot back when the page stops reading, with no word that it left.

import { env } from "cloudflare:test";
import { expect, it } from "vitest";
import { createApp } from "../../src/app";
import { LIVE_PER_TOKEN } from "../../src/routes/dashboard/live";
import { ADMIN_TOKEN } from "../support/hub";

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function openPages(app: ReturnType<typeof createApp>) {
  const open = () => app.request("http://hub.test/events", { headers: auth }, env);
  const readers: ReadableStreamDefaultReader<Uint8Array>[] = [];
  for (let i = 0; i < LIVE_PER_TOKEN; i++) {
    const res = await open();
    expect(res.status).toBe(200);
    readers.push(res.body!.getReader());
  }
  return { open, readers };
}

// Every read is awaited before the next step, so no reader is cancelled while a read is pending (workerd rejects that).
const readOne = async (r: ReadableStreamDefaultReader<Uint8Array>) => new TextDecoder().decode((await r.read()).value);

it("a page that stops reading, with no cancel and no word that it left, gives its slot back within seconds", async () => {
  const app = createApp();
  const { open, readers } = await openPages(app);
  for (const r of readers) expect(await readOne(r)).toContain("retry:");
  // From here no page reads: through wrangler dev's proxy this is all a page that went away looks like.
  expect((await open()).status).toBe(429);
  let again: Response | undefined;
  for (let i = 0; i < 100 && again?.status !== 200; i++) {
    await tick(100);
    again = await open();
  }
  expect(again!.status).toBe(200);
  for (const r of readers) await r.cancel();
  await again!.body!.cancel();
});

it("a page that keeps reading keeps its slot past the time a silent page is given", async () => {
  const app = createApp();
  const { open, readers } = await openPages(app);
  // Six lines each (a comment line every poll when nothing happens) take well past the 3 s a page may leave one unread.
  for (let line = 0; line < 7; line++) await Promise.all(readers.map(readOne));
  const fifth = await open();
  expect(fifth.status).toBe(429);
  expect(await fifth.json()).toMatchObject({ code: "too_many_connections" });
  for (const r of readers) await r.cancel();
  const next = await open();
  expect(next.status).toBe(200);
  await next.body!.cancel();
});

it("a page asking while all slots are held gets the one a page gives back a moment later, not a 429", async () => {
  const app = createApp();
  const { open, readers } = await openPages(app);
  const asking = open();
  await tick(200);
  await readers[0].cancel(); // the page before it goes away just after it asked
  const res = await asking;
  expect(res.status).toBe(200);
  for (const r of readers.slice(1)) await r.cancel();
  await res.body!.cancel();
});
