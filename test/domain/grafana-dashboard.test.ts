// The sample Grafana dashboard (docs/grafana/taskhub.json) queries only series /metrics exposes.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect, it } from "vitest";
import { hubFamilies } from "../../src/domain/hub-metrics";

it("names only metrics the scrape exposes", () => {
  const dashboard = JSON.parse(readFileSync(resolve(__dirname, "../../docs/grafana/taskhub.json"), "utf8")) as { panels: { targets: { expr: string }[] }[] };
  const families = hubFamilies({ requests: [], deliveries: [], runs: [], emails: [], tasks: [], intents: [], truncated: [] }, () => []);
  const exposed = new Set(families.flatMap((f) => (f.type === "histogram" ? ["_bucket", "_sum", "_count"].map((s) => f.name + s) : [f.name])));
  const used = dashboard.panels.flatMap((p) => p.targets.flatMap((t) => t.expr.match(/taskhub_[a-z_]+/g) ?? []));
  expect(used.length).toBeGreaterThan(10);
  expect(used.filter((m) => !exposed.has(m))).toEqual([]);
});
