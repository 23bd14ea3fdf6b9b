// The layers of src/, checked on every import line (type imports included): no cycles, no arrow against the layers.

import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "../..");
const SRC = join(ROOT, "src");

/**
 * domain (with emails/, a rendering library) imports nothing of ours; ports import domain; app imports ports
 * and domain; workflows import app, ports, domain; integrations import ports and domain; routes and http import
 * app, ports, domain. config.ts (the environment, typed once) imports nothing of ours and anything but domain may
 * read its types. services.ts composes the adapters; app.ts and index.ts are the entry it feeds; nothing else
 * imports them.
 */
type Layer = "domain" | "config" | "ports" | "app" | "workflows" | "integrations" | "http" | "root";
const MAY_IMPORT: Record<Layer, Layer[]> = {
  domain: ["domain"],
  config: [],
  ports: ["ports", "domain", "config"],
  app: ["app", "ports", "domain", "config"],
  workflows: ["workflows", "app", "ports", "domain", "config"],
  integrations: ["integrations", "ports", "domain", "config"],
  http: ["http", "app", "ports", "domain", "config"],
  root: ["root", "config", "http", "app", "ports", "domain", "workflows", "integrations"],
};

function layerOf(file: string): Layer {
  const [top] = file.split("/");
  // worker-configuration.d.ts is what `wrangler types` generates: the bindings config.ts types Env with.
  if (file === "config.ts" || file === "worker-configuration.d.ts") return "config";
  if (file === "services.ts" || file === "app.ts" || file === "index.ts") return "root";
  if (top === "domain" || top === "emails") return "domain";
  if (top === "ports") return "ports";
  if (top === "app") return "app";
  if (top === "workflows") return "workflows";
  if (top === "integrations") return "integrations";
  if (top === "http" || top === "routes") return "http";
  throw new Error(`src/${file} is in no layer: give it one in test/architecture/layers.test.ts`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

/** `from "./x"` ends every import and export-from, on one line or the last of several; `import "./x"` has no from. */
const SPECIFIER = /(?:\bfrom\s*|^\s*import\s*|\bimport\()\s*["'](\.[^"']*)["']/;

function resolveImport(fromFile: string, spec: string): string | null {
  const base = resolve(dirname(fromFile), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts"), join(base, "index.tsx")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function importsOf(file: string): string[] {
  const out: string[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const m = SPECIFIER.exec(line);
    if (!m) continue;
    const target = resolveImport(file, m[1]);
    if (target && target.startsWith(SRC + "/")) out.push(relative(SRC, target));
  }
  return out;
}

type Graph = Map<string, string[]>;
const graph: Graph = new Map(filesUnder(SRC).map((f) => [relative(SRC, f), importsOf(f)]));

/** One cycle, as the files of a path that ends where it starts, or null. */
function findCycle(graph: Graph): string[] | null {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (f: string): string[] | null => {
    state.set(f, "open");
    stack.push(f);
    for (const to of graph.get(f) ?? []) {
      if (state.get(to) === "open") return [...stack.slice(stack.indexOf(to)), to];
      if (!state.has(to)) {
        const found = visit(to);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(f, "done");
    return null;
  };
  for (const f of graph.keys()) {
    if (!state.has(f)) {
      const found = visit(f);
      if (found) return found;
    }
  }
  return null;
}

/** Every import against the layers, as its edge. */
function against(graph: Graph): string[] {
  const out: string[] = [];
  for (const [from, tos] of graph) {
    for (const to of tos) {
      const a = layerOf(from);
      const b = layerOf(to);
      if (!MAY_IMPORT[a].includes(b)) out.push(`src/${from} (${a}) → src/${to} (${b})`);
    }
  }
  return out;
}

const pathOf = (cycle: string[] | null) => cycle?.map((f) => `src/${f}`).join(" → ") ?? null;

describe("the checks themselves", () => {
  it("report a cycle as the path of its edges", () => {
    const g: Graph = new Map([["domain/a.ts", ["domain/b.ts"]], ["domain/b.ts", ["domain/c.ts"]], ["domain/c.ts", ["domain/a.ts"]]]);
    expect(pathOf(findCycle(g))).toBe("src/domain/a.ts → src/domain/b.ts → src/domain/c.ts → src/domain/a.ts");
  });

  it("report a type import of the composition root from a workflow, and of an adapter from a route", () => {
    const g: Graph = new Map([["workflows/x.ts", ["services.ts"]], ["routes/y.ts", ["integrations/engine-inngest.ts", "app/tasks.ts"]]]);
    expect(against(g)).toEqual(["src/workflows/x.ts (workflows) → src/services.ts (root)", "src/routes/y.ts (http) → src/integrations/engine-inngest.ts (integrations)"]);
  });
});

describe("src/ layers", () => {
  it("reads the imports of every file, multi-line and type-only ones included", () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get("services.ts")).toContain("ports/store.ts");
    expect(graph.get("index.ts")).toContain("app.ts");
  });

  it("has no import cycle", () => {
    expect(pathOf(findCycle(graph))).toBeNull();
  });

  it("has no import against the layers", () => {
    expect(against(graph)).toEqual([]);
  });
});
