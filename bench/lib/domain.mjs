// The pure extractor and its quality scorer for the bench: Node 20 cannot import TypeScript, so esbuild (shipped with wrangler) bundles them.

import { build } from "esbuild";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { root } from "./hub.mjs";

export async function loadExtraction() {
  const dir = mkdtempSync(join(tmpdir(), "taskhub-bench-esm-"));
  try {
    await build({
      entryPoints: { index: join(root, "src/domain/extract/index.ts"), quality: join(root, "src/domain/extract/quality.ts") },
      bundle: true,
      format: "esm",
      platform: "node",
      outdir: dir,
      logLevel: "error",
    });
    const index = await import(pathToFileURL(join(dir, "index.js")).href);
    const quality = await import(pathToFileURL(join(dir, "quality.js")).href);
    return { ...index, ...quality };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
