#!/usr/bin/env node
// Labels business domains by keywords met in each file's path, for repos whose layers name
// domains loosely (a feature folder in the API, a page in the client, a component in a UI lib).
// Per file under the given globs: strip the --strip prefix, then the first rule whose regex
// matches the rest of the path names its domain; files no rule matches stay unlabelled.
// usage: node bench/label-by-keyword.mjs REPO --files GLOB [--files GLOB] [--strip REGEX] name=REGEX ... > labels.json
import { execFileSync } from "node:child_process";
import picomatch from "picomatch";

const args = process.argv.slice(2);
const repo = args.shift();
const globs = [];
const strips = [];
const rules = [];
while (args.length) {
  const a = args.shift();
  if (a === "--files") globs.push(args.shift());
  else if (a === "--strip") strips.push(new RegExp(args.shift()));
  else if (a.includes("=")) rules.push([a.slice(0, a.indexOf("=")), new RegExp(a.slice(a.indexOf("=") + 1), "i")]);
}
if (!repo || globs.length === 0 || rules.length === 0) {
  console.error(
    "usage: node bench/label-by-keyword.mjs REPO --files GLOB [--strip REGEX] name=REGEX ... > labels.json",
  );
  process.exit(2);
}
const inScope = picomatch(globs);
const files = execFileSync("git", ["ls-files", "-z"], { cwd: repo, encoding: "utf8", maxBuffer: 1 << 28 })
  .split("\0")
  .filter(
    (f) => /\.(ts|tsx)$/.test(f) && !/\.(test|spec)\.|\.d\.ts$|__tests__|jest\.config|test-setup/.test(f) && inScope(f),
  );
const out = {};
for (const f of files) {
  const rest = strips.reduce((p, re) => p.replace(re, ""), f);
  const hit = rules.find(([, re]) => re.test(rest));
  if (hit) (out[hit[0]] ??= []).push(f);
}
for (const d of Object.keys(out)) out[d].sort();
const sorted = Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
console.log(JSON.stringify(sorted, null, 2));
console.error(`${Object.values(out).flat().length} files in ${Object.keys(out).length} domains`);
