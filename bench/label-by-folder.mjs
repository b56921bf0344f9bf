#!/usr/bin/env node
// Labels business domains by the folder each layer names them with: a layer is a glob with one
// `(*)` segment, the domain ("packages/modules/(*)/src/**", "src/api/admin/(*)/**"). Folder
// names fold plural to singular ("orders" -> "order", "categories" -> "category") when the
// singular is also a domain; a domain is kept with >= 3 files in >= 2 layers (a vertical slice).
// usage: node bench/label-by-folder.mjs REPO 'layer/(*)/glob' ['layer/(*)/glob' ...] > labels.json
import { execFileSync } from "node:child_process";
import picomatch from "picomatch";

const [repo, ...layers] = process.argv.slice(2);
if (!repo || layers.length === 0 || !layers.every((l) => l.includes("(*)"))) {
  console.error("usage: node bench/label-by-folder.mjs REPO 'layer/(*)/glob' ['layer/(*)/glob' ...] > labels.json");
  process.exit(2);
}
const files = execFileSync("git", ["ls-files", "-z"], { cwd: repo, encoding: "utf8", maxBuffer: 1 << 28 })
  .split("\0")
  .filter((f) => /\.(ts|tsx)$/.test(f) && !/\.(test|spec)\.|\.d\.ts$|__tests__|__fixtures__|__mocks__/.test(f));
const matchers = layers.map((l) => {
  const isMatch = picomatch(l.replace("(*)", "*"));
  const depth = l.split("/").indexOf("(*)");
  return (f) => (isMatch(f) ? f.split("/")[depth] : undefined);
});
const raw = [];
for (const f of files) {
  for (const [layer, m] of matchers.entries()) {
    const d = m(f);
    if (d && !d.includes(".")) {
      raw.push([f, d, layer]);
      break;
    }
  }
}
const names = new Set(raw.map(([, d]) => d));
const fold = (d) =>
  d.endsWith("ies") && names.has(d.slice(0, -3) + "y")
    ? d.slice(0, -3) + "y"
    : d.endsWith("s") && names.has(d.slice(0, -1))
      ? d.slice(0, -1)
      : d;
const domains = new Map();
for (const [f, d, layer] of raw) {
  const k = fold(d);
  if (!domains.has(k)) domains.set(k, { files: [], layers: new Set() });
  domains.get(k).files.push(f);
  domains.get(k).layers.add(layer);
}
const out = {};
for (const [d, { files: fs, layers: ls }] of [...domains].sort())
  if (fs.length >= 3 && ls.size >= 2) out[d] = fs.sort();
console.log(JSON.stringify(out, null, 2));
console.error(`${Object.values(out).flat().length} files in ${Object.keys(out).length} domains`);
