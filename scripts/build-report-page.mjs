// Builds report.html's page script and stylesheet into dist/report/html/ (page.js, page.css), which
// src/report/html/render.ts inlines into every report. Run by `npm run build` / prepare / pretest
// after tsc. The script bundles graphology, sigma and faultline's own src/metrics code (the
// what-if scores with the CLI's formulas), for browsers, as one IIFE: no modules, no eval.
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outdir = path.join(root, "dist/report/html");

/**
 * src/metrics reaches src/util/paths.ts (for `byString`), which imports node:path for functions
 * the page never calls; they are tree-shaken, and node:* resolves to an empty module.
 */
const nodeStub = {
  name: "node-builtins-stub",
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: "node-stub" }));
    b.onLoad({ filter: /.*/, namespace: "node-stub" }, () => ({ contents: "export default {};", loader: "js" }));
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  minify: true,
  legalComments: "eof",
  logLevel: "warning",
  target: ["chrome110", "firefox110", "safari16"],
};

await build({
  ...common,
  entryPoints: { page: "src/report/html/page/main.ts" },
  outdir,
  format: "iife",
  platform: "browser",
  charset: "ascii",
  define: { "process.env.NODE_ENV": '"production"' },
  plugins: [nodeStub],
});
await build({ ...common, entryPoints: { page: "src/report/html/page/styles.css" }, outdir, bundle: false });

for (const file of ["page.js", "page.css"]) {
  const text = readFileSync(path.join(outdir, file), "utf8");
  // inlined into <script>/<style>: these sequences would end the element early
  if (/<\/(script|style)|<!--/i.test(text)) {
    console.error(`build-report-page: ${file} contains "</script", "</style" or "<!--"`);
    process.exit(1);
  }
  if (/\beval\(|new Function\(/.test(text)) {
    console.error(`build-report-page: ${file} uses eval or new Function, which the report's CSP forbids`);
    process.exit(1);
  }
}
