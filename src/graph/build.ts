import { readFileSync, statSync } from "node:fs";
import { CacheStore, sha1 } from "../cache/store.js";
import type { RepoScope } from "../repo/types.js";
import type { Log } from "../util/log.js";
import { parseModule } from "./parse.js";
import { Resolver } from "./resolve.js";
import type { FileFacts, ModuleRecord } from "./types.js";

export interface BuildOptions {
  /** files larger than this are skipped with a warning (default 1 MB: generated code, bundles) */
  maxFileBytes?: number;
  /** the cache folder; parse results are reused when a file's content and options are unchanged */
  cacheDir?: string;
}

export const DEFAULT_MAX_FILE_BYTES = 1_000_000;

/**
 * Parses every file in scope and resolves each of its specifiers: the import graph's raw
 * material, which every later stage only queries. Syntax errors are warned about; the imports
 * that parse are kept.
 */
export function buildModules(scope: RepoScope, log: Log, opts: BuildOptions = {}): ModuleRecord[] {
  const max = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const resolver = new Resolver(scope);
  const records: ModuleRecord[] = [];
  // Parse results keyed by content and by what decides them (compiler options, ESM/CJS):
  // the syntax walk is the expensive part; resolution always runs, since other files may change.
  const cache = new CacheStore<FileFacts>(opts.cacheDir, "parse", log);
  const optionsKey = new Map(scope.tsconfigs.map((t) => [t, sha1(JSON.stringify(t.options))]));
  const used = new Set<string>();
  let done = 0;
  for (const file of scope.files) {
    if (++done % 500 === 0) log.progress("graph", `${done}/${scope.files.length} files`);
    const size = statSync(file.abs).size;
    if (size > max) {
      log.warn(`${file.path}: skipped, ${size} bytes is over the ${max}-byte limit (--max-file-size)`);
      records.push({ path: file.path, loc: 0, tsconfig: file.tsconfig.path, imports: [], exports: { own: [], named: [], stars: [] } });
      continue;
    }
    const text = readFileSync(file.abs, "utf8");
    const format = resolver.impliedNodeFormat(file);
    const key = `${sha1(text)}:${optionsKey.get(file.tsconfig)}:${format}:${file.path.replace(/^.*\./, "")}`;
    used.add(key);
    let facts = cache.get(key);
    if (!facts) {
      facts = parseModule(file.abs, text, file.tsconfig.options, format);
      cache.set(key, facts);
    }
    if (facts.syntaxErrors.length) {
      const first = facts.syntaxErrors[0];
      const n = facts.syntaxErrors.length;
      log.warn(`${file.path}:${first.line}: ${n} syntax error${n > 1 ? "s" : ""} (${first.message}); kept the imports that parse`);
    }
    records.push({
      path: file.path,
      loc: facts.loc,
      tsconfig: file.tsconfig.path,
      imports: facts.imports.map((imp) => ({ ...imp, target: resolver.resolve(file, imp) })),
      exports: facts.exports,
    });
  }
  cache.retain(used);
  cache.save();
  return records;
}
