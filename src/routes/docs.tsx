// GET /openapi.json (OpenAPI 3.1 from the routes' own zod schemas) and GET /docs, a page listing every operation.

import { OpenAPIHono } from "@hono/zod-openapi";
import { Hono } from "hono";
import type { AppEnv } from "../http/context";
import { Layout } from "./dashboard/layout";

type Doc = ReturnType<OpenAPIHono["getOpenAPI31Document"]>;
type Operation = { summary?: string; description?: string; tags?: string[]; parameters?: { name: string; in: string }[]; requestBody?: unknown };

export function openapi(routers: OpenAPIHono<AppEnv>[]) {
  let cached: Doc | null = null;
  const document = () => {
    if (cached) return cached;
    const all = new OpenAPIHono<AppEnv>();
    for (const r of routers) all.route("/", r);
    all.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });
    cached = all.getOpenAPI31Document({
      openapi: "3.1.0",
      info: { title: "taskhub", version: "1", description: "Tasks from Claude Code sessions and GitHub. Authenticate with `Authorization: Bearer <token>`." },
      security: [{ bearer: [] }],
    });
    return cached;
  };

  return new Hono<AppEnv>()
    .get("/openapi.json", (c) => c.json(document()))
    .get("/docs", (c) => {
      const ops = Object.entries(document().paths ?? {}).flatMap(([path, item]) =>
        Object.entries(item as Record<string, Operation>).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
      );
      return c.html(
        <Layout nonce={c.get("secureHeadersNonce")} title="API" signedIn={!!c.get("principal")}>
          <h1>REST API</h1>
          <p>
            The machine-readable document is <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Send <code>Authorization: Bearer &lt;token&gt;</code>.
          </p>
          <table class="grid">
            <thead>
              <tr>
                <th>method</th>
                <th>path</th>
                <th>tag</th>
                <th>query / path parameters</th>
              </tr>
            </thead>
            <tbody>
              {ops.map(({ path, method, op }) => (
                <tr>
                  <td>
                    <code class={`m-${method.toLowerCase()}`}>{method}</code>
                  </td>
                  <td>
                    <code>{path}</code>
                  </td>
                  <td>{op.tags?.join(", ")}</td>
                  <td>{(op.parameters ?? []).map((p) => p.name).join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Layout>,
      );
    });
}
