// Bundles the explorer into api/static/: explorer.js (every npm dependency inside), explorer.css, index.html.
// Nothing is fetched at run time from anywhere but the cograph app itself.
import { build } from "esbuild";
import { copyFile, mkdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "api", "static");
const built = ["explorer.js", "explorer.js.map", "explorer.js.LEGAL.txt", "explorer.css", "explorer.css.map", "index.html"];

await mkdir(out, { recursive: true });
await Promise.all(built.map((name) => rm(join(out, name), { force: true })));
await build({
  entryPoints: { explorer: join(here, "src", "main.js") },
  bundle: true,
  minify: true,
  sourcemap: true,
  format: "iife",
  target: ["chrome109", "firefox115", "safari16"],
  loader: { ".json": "json" },
  outdir: out,
  legalComments: "linked",
  logLevel: "warning",
});
await build({
  entryPoints: { explorer: join(here, "src", "styles.css") },
  bundle: true,
  minify: true,
  sourcemap: true,
  outdir: out,
  logLevel: "warning",
});
await copyFile(join(here, "src", "index.html"), join(out, "index.html"));
console.log(`explorer built into ${out}`);
