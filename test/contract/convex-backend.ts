// A stand-in Convex deployment: msw answers ConvexHttpClient's /api/query and /api/mutation by running the real functions in convex-test.
/// <reference types="vite/client" />

import { convexTest, type TestConvex } from "convex-test";
import { makeFunctionReference } from "convex/server";
import { ConvexError, convexToJson, jsonToConvex, type JSONValue } from "convex/values";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, vi } from "vitest";
import schema from "../../convex/schema";

export const CONVEX_URL = "https://taskhub-test.convex.cloud";
export const HUB_CONVEX_SECRET = "contract-secret";

const modules = import.meta.glob("../../convex/**/*.ts");

/** Convex's answer for a function that threw: HTTP 560 with the message and, for ConvexError, its data. */
const STATUS_UDF_FAILED = 560;

export function convexBackend() {
  let t: TestConvex<typeof schema> = convexTest(schema, modules);
  const calls: string[] = [];
  const run = (kind: "query" | "mutation") =>
    http.post(`${CONVEX_URL}/api/${kind}`, async ({ request }) => {
      const { path, args } = (await request.json()) as { path: string; args: [JSONValue] };
      calls.push(`${kind} ${path}`);
      const ref = makeFunctionReference<typeof kind>(path) as any;
      try {
        const value = kind === "query" ? await t.query(ref, jsonToConvex(args[0]) as any) : await t.mutation(ref, jsonToConvex(args[0]) as any);
        return HttpResponse.json({ status: "success", value: convexToJson(value ?? null), logLines: [] });
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        const errorData = e instanceof ConvexError ? { errorData: convexToJson(e.data) } : {};
        return HttpResponse.json({ status: "error", errorMessage: message, ...errorData, logLines: [] }, { status: STATUS_UDF_FAILED });
      }
    });
  return {
    handlers: [run("query"), run("mutation")],
    calls,
    /** A fresh, empty deployment. */
    reset() {
      t = convexTest(schema, modules);
      calls.length = 0;
    },
    get t() {
      return t;
    },
  };
}

/**
 * The stand-in deployment for one test file: msw serves it for the file's tests, and each test starts from an
 * empty database with the hub secret set on the Convex side.
 */
export function useConvexBackend() {
  const backend = convexBackend();
  const server = setupServer(...backend.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());
  beforeEach(() => {
    vi.stubEnv("HUB_CONVEX_SECRET", HUB_CONVEX_SECRET);
    backend.reset();
  });
  return backend;
}
