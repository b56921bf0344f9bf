import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { toRepoPath } from "../util/paths.js";
import { NOT_INSTALLED_HINT, referencedTsconfig, type FileListing } from "./scopeFiles.js";
import { resolveConfig, type MissingBase } from "./tsconfigExtends.js";
import { codeFiles, fileNames } from "./tsconfigWildcards.js";

/**
 * The files tsconfigs list, read without TypeScript, for `faultline history`: it needs only
 * which files count, and loading TypeScript (0.15 s with the compile cache) plus parsing every
 * tsconfig with it (0.1 to 0.3 s in a monorepo) was most of what history cost beyond git on a
 * small repo. Each config is read with its `extends` chain (tsconfigExtends.ts), its files chosen
 * by TypeScript's include/exclude/files rules (tsconfigWildcards.ts), and its `references`
 * followed. The test suite checks it against TypeScript's own parse of every fixture tsconfig
 * and of generated ones. Where it cannot decide it returns undefined and the caller asks
 * TypeScript, whose errors and warnings are the ones users should see.
 */
export interface ConfigListing extends FileListing {
  abs: string;
  allowJs: boolean;
}

export function readConfigListings(
  root: string,
  initial: string[],
  visible: string[],
  warnings: string[] = [],
): ConfigListing[] | undefined {
  // TypeScript matches case-insensitively there (and lowercases names): left to it
  if (!CASE_SENSITIVE) return undefined;
  const code = codeFiles(root, visible);
  const queue = initial.map((p) => path.resolve(root, p));
  const seen = new Set<string>();
  const out: ConfigListing[] = [];
  const missing: MissingBase[] = [];
  while (queue.length) {
    const abs = queue.shift()!;
    if (seen.has(abs)) continue;
    seen.add(abs);
    const config = resolveConfig(abs, [], missing);
    if (!config) return undefined;
    out.push({
      path: toRepoPath(root, abs),
      abs,
      allowJs: config.allowJs === true,
      fileNames: fileNames(config, code),
    });
    for (const ref of config.references) {
      // TypeScript's resolveProjectReferencePath: a path not ending in .json names a folder
      const named = path.resolve(path.dirname(abs), ref);
      const file = referencedTsconfig(ref.endsWith(".json") ? named : path.join(named, "tsconfig.json"));
      if (file) queue.push(file);
    }
  }
  warnings.push(...missingWarnings(root, missing));
  return out;
}

/** As loadTsconfigs words them: once for each package, where it was first met. */
function missingWarnings(root: string, missing: MissingBase[]): string[] {
  const said = new Set<string>();
  const out: string[] = [];
  for (const m of missing) {
    const message = `File '${m.spec}' not found.`;
    if (said.has(message)) continue;
    said.add(message);
    out.push(`${toRepoPath(root, m.file)}:${m.line}:${m.column}: ${message}${NOT_INSTALLED_HINT}`);
  }
  return out;
}

/** TypeScript's own test: does this module's path with its case swapped exist? */
const CASE_SENSITIVE = (() => {
  const me = fileURLToPath(import.meta.url);
  const swapped = me.replace(/\w/g, (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()));
  return swapped === me || !existsSync(swapped);
})();
