// Writes dist/build-id.json: a hash of every file under src/ and of package-lock.json (the
// versions of TypeScript, ts-morph, the clustering). The cache stores it beside its version, so
// a cache written by other code (an upgrade, a rebuild after an edit, new dependencies) is never
// trusted, without anyone having to remember to bump CACHE_VERSION. Run by `npm run build`.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const hash = createHash("sha1");
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else
      hash
        .update(`${path.relative(root, p)}\0`)
        .update(readFileSync(p))
        .update("\0");
  }
};
walk(path.join(root, "src"));
const lock = path.join(root, "package-lock.json");
if (existsSync(lock)) hash.update(readFileSync(lock));
writeFileSync(path.join(root, "dist/build-id.json"), JSON.stringify({ build: hash.digest("hex") }) + "\n");
