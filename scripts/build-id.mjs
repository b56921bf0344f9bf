// Writes dist/build-id.json: a hash of every file under src/. The cache stores it beside their
// version, so a cache written by other code (an upgrade, a rebuild after an edit) is never
// trusted, without anyone having to remember to bump CACHE_VERSION. Run by `npm run build`.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const hash = createHash("sha1");
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else hash.update(`${path.relative(root, p)}\0`).update(readFileSync(p)).update("\0");
  }
};
walk(path.join(root, "src"));
writeFileSync(path.join(root, "dist/build-id.json"), JSON.stringify({ build: hash.digest("hex") }) + "\n");
