// Bundles the explorer into api/static/: early.js (the first request, sent before the bundle is evaluated),
// explorer.js (every npm dependency inside), explorer.css, index.html,
// and GraphiQL for /graphql (graphiql.js, graphiql.css, graphiql.html), and documents.json: every GraphQL
// document the page sends ({name: text}), which the server reads to keep the default matrix ahead of need. Nothing is fetched at run time from
// anywhere but the cograph app itself. Source maps (megabytes, and the whole source) are written only with
// COGRAPH_SOURCEMAPS=1, for debugging; a production build has none to serve.
import { build } from "esbuild";
import { copyFile, mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "api", "static");
const built = [
  "early.js", "early.js.map", "explorer.js", "explorer.js.map", "explorer.js.LEGAL.txt", "explorer.css", "explorer.css.map", "index.html",
  "graphiql.js", "graphiql.js.map", "graphiql.js.LEGAL.txt", "graphiql.css", "graphiql.css.map", "graphiql.html",
  "documents.json",
];
const sourcemap = process.env.COGRAPH_SOURCEMAPS === "1";

await mkdir(out, { recursive: true });
await Promise.all(built.map((name) => rm(join(out, name), { force: true })));
await build({
  entryPoints: { early: join(here, "src", "early.js"), explorer: join(here, "src", "main.js") },
  bundle: true,
  minify: true,
  sourcemap,
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
  sourcemap,
  outdir: out,
  logLevel: "warning",
});
await build({
  entryPoints: { graphiql: join(here, "src", "graphiql.js") },
  bundle: true,
  minify: true,
  sourcemap,
  format: "iife",
  target: ["chrome109", "firefox115", "safari16"],
  define: { "process.env.NODE_ENV": '"production"' },  // React's production build
  outdir: out,
  legalComments: "linked",
  logLevel: "warning",
});
const queries = await import("./src/queries.js");
const documents = Object.fromEntries(Object.entries(queries).filter(([, value]) => typeof value === "string"));
await writeFile(join(out, "documents.json"), JSON.stringify(documents));
await copyFile(join(here, "src", "index.html"), join(out, "index.html"));
await copyFile(join(here, "src", "graphiql.html"), join(out, "graphiql.html"));
console.log(`explorer built into ${out}`);
