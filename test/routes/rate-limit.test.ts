import { Hono } from "hono";
import { expect, it } from "vitest";
import type { AppEnv } from "../../src/http/context";
import { errorResponse } from "../../src/http/errors";
import { limitWrites, takeLiveSlot } from "../../src/http/rate-limit";

function app(perMinute: number) {
  const a = new Hono<AppEnv>();
  a.onError((e, c) => errorResponse(c, e));
  a.use("*", async (c, next) => {
    c.set("principal", { tokenId: c.req.header("x-token") ?? "t1", userId: null, scopes: ["write"], name: "t" });
    await next();
  });
  a.use("*", limitWrites(() => ({ name: "writes", perMinute })));
  a.all("*", (c) => c.text("ok"));
  return a;
}

it("the write past the limit is answered 429 with Retry-After", async () => {
  const a = app(2);
  expect((await a.request("/x", { method: "POST" })).status).toBe(200);
  expect((await a.request("/x", { method: "POST" })).status).toBe(200);
  const res = await a.request("/x", { method: "POST" });
  expect(res.status).toBe(429);
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(await res.json()).toMatchObject({ code: "rate_limited" });
});

it("reads are not limited and tokens are counted apart", async () => {
  const a = app(1);
  expect((await a.request("/x", { method: "POST" })).status).toBe(200);
  expect((await a.request("/x")).status).toBe(200);
  expect((await a.request("/x", { method: "POST", headers: { "x-token": "t2" } })).status).toBe(200);
  expect((await a.request("/x", { method: "POST" })).status).toBe(429);
});

it("a live slot whose release never came is free again once it has outlived its stream's lifetime", () => {
  const take = (now: number) => takeLiveSlot("slot-lifetime", 2, now, 30_000);
  take(0);
  const second = take(10_000);
  expect(() => take(20_000)).toThrow(expect.objectContaining({ status: 429 }));
  // The first was never released; past its lifetime it no longer counts, the second still does.
  take(30_000);
  expect(() => take(30_001)).toThrow(expect.objectContaining({ status: 429 }));
  second();
  take(30_002);
});
