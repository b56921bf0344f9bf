#!/usr/bin/env node
// Labels the business domain of each file of a layered repo from its own naming, so that
// `npm run bench -- boundaries` can score faultline against it. The rule, per file:
// - under a folder named by a layer's route (routes/api/<name>/...): <name>;
// - otherwise the first word of the file name (camelCase, PascalCase, kebab or snake);
// - plurals fold into singulars ("documents" -> "document");
// a domain is kept when it has >= 3 files in >= 2 different layer folders (a vertical slice).
// usage: node bench/label-by-name.mjs REPO 'layer glob' ['layer glob' ...] > labels.json
import { execFileSync } from "node:child_process";
import path from "node:path";
import picomatch from "picomatch";

const [repo, ...globs] = process.argv.slice(2);
if (!repo || globs.length === 0) {
  console.error("usage: node bench/label-by-name.mjs REPO 'layer glob' ['layer glob' ...] > labels.json");
  process.exit(2);
}
const files = execFileSync("git", ["ls-files", "-z"], { cwd: repo, encoding: "utf8", maxBuffer: 1 << 28 })
  .split("\0")
  .filter((f) => /\.(ts|tsx)$/.test(f) && !/\.(test|spec)\.|\.d\.ts$|__/.test(f) && picomatch(globs)(f));
const word = (f) => {
  const m = /routes\/api\/([^/]+)\//.exec(f);
  const base = m ? m[1] : path.posix.basename(f).replace(/\.(ts|tsx)$/, "");
  if (!m && base === "index") return undefined;
  return base
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)[0]
    .toLowerCase();
};
const layerOf = (f) => globs.findIndex((g) => picomatch(g)(f));
const raw = new Map(files.map((f) => [f, word(f)]).filter(([, w]) => w));
const words = new Set(raw.values());
const fold = (w) =>
  w.endsWith("ies") && words.has(w.slice(0, -3) + "y")
    ? w.slice(0, -3) + "y"
    : w.endsWith("s") && words.has(w.slice(0, -1))
      ? w.slice(0, -1)
      : w;
const domains = new Map();
for (const [f, w] of raw) {
  const d = fold(w);
  if (!domains.has(d)) domains.set(d, []);
  domains.get(d).push(f);
}
const out = {};
for (const [d, fs] of [...domains].sort()) {
  if (fs.length >= 3 && new Set(fs.map(layerOf)).size >= 2) out[d] = fs.sort();
}
console.log(JSON.stringify(out, null, 2));
console.error(`${Object.values(out).flat().length} files in ${Object.keys(out).length} domains`);
