import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { CacheStore, sha1 } from "../cache/store.js";
import type { RepoScope, ScopeFile } from "../repo/types.js";
import type { Log } from "../util/log.js";
import type { ts } from "../util/typescript.cjs";
import { emptyFacts } from "./facts.js";
import { parseModule } from "./parse.js";
import { Resolver } from "./resolve.js";
import type { FileFacts, ImportFact, ModuleRecord, Resolution } from "./types.js";

export interface BuildOptions {
  /** files larger than this are skipped with a warning (default 1 MB: generated code, bundles) */
  maxFileBytes?: number;
  /** the cache folder; parse results are reused when a file's content and options are unchanged */
  cacheDir?: string;
  /** also read each file's identifier vocabulary (for semantic coupling) */
  terms?: boolean;
  /** packages whose imports are checked for elision (tiers: server packages), with `elisionKey` naming the set */
  elisionOf?: (packageName: string) => boolean;
  elisionKey?: string;
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
  // Resolutions depend on which files exist and on the configs, not on file contents: while the
  // file list, tsconfigs and manifests are unchanged, every (folder, specifier) answer is reused.
  const resolveCache = new CacheStore<Map<string, Resolution>>(opts.cacheDir, "resolve", log);
  const world = worldKey(scope);
  const resolved = resolveCache.get(world) ?? new Map<string, Resolution>();
  let resolvedAdded = false;
  const resolve = (file: ScopeFile, imp: ImportFact): Resolution => {
    const form = `${imp.kind === "reference" ? "ref:" : ""}${imp.computed ? "?" : ""}${imp.specifier}`;
    const key = `${file.tsconfig.path}\0${path.dirname(file.abs)}\0${form}\0${imp.mode}`;
    let r = resolved.get(key);
    if (!r) {
      r = resolver.resolve(file, imp);
      resolved.set(key, r);
      resolvedAdded = true;
    }
    return r;
  };
  // Pass 1: read, hash, look up the cache; collect what must be parsed.
  const pending: {
    file: ScopeFile;
    facts?: FileFacts;
    key?: string;
    text?: string;
    format?: ts.ResolutionMode;
    skipped?: string;
  }[] = [];
  const misses: number[] = [];
  for (const file of scope.files) {
    const read = readSource(file.abs, max);
    if (typeof read !== "string") {
      log.warn(`${file.path}: skipped, ${read.why}`);
      pending.push({ file, facts: emptyFacts(), skipped: read.skipped });
      continue;
    }
    const text = read;
    const format = resolver.impliedNodeFormat(file);
    const extension = file.path.replace(/^.*\./, "");
    const reads = `${opts.terms ? ":terms" : ""}${opts.elisionOf ? `:elide-${opts.elisionKey}` : ""}`;
    const key = `${sha1(text)}:${optionsKey.get(file.tsconfig)}:${format}:${extension}${reads}`;
    used.add(key);
    const facts = cache.get(key);
    if (facts) pending.push({ file, facts });
    else {
      misses.push(pending.length);
      pending.push({ file, key, text, format });
    }
  }
  // Pass 2: parse what the cache did not have. (A worker thread for half of it was measured and
  // did not pay on two cores: git log already runs in its own process beside this parse.)
  if (misses.length) log.progress("graph", `parsing ${misses.length} of ${scope.files.length} files`);
  for (const index of misses) {
    const entry = pending[index];
    entry.facts = parseModule(entry.file.abs, entry.text!, entry.file.tsconfig.options, entry.format, {
      terms: opts.terms,
      elisionOf: opts.elisionOf,
    });
    entry.text = undefined;
    cache.set(entry.key!, entry.facts);
  }
  // Pass 3: resolve every specifier, in file order (warnings too, so output is deterministic).
  let done = 0;
  for (const { file, facts, skipped } of pending) {
    if (++done % 250 === 0) log.progress("graph", "resolving imports", { done, total: pending.length });
    if (facts!.syntaxErrors.length) {
      const first = facts!.syntaxErrors[0];
      const n = facts!.syntaxErrors.length;
      log.warn(
        `${file.path}:${first.line}: ${n} syntax error${n > 1 ? "s" : ""} (${first.message}); kept the imports that ` +
          `parse`,
      );
    }
    records.push({
      path: file.path,
      loc: facts!.loc,
      ...(skipped ? { skipped } : {}),
      bindings: facts!.bindings,
      runtime: facts!.runtime,
      data: facts!.data,
      generated: facts!.generated,
      terms: facts!.terms,
      tsconfig: file.tsconfig.path,
      imports: facts!.imports.map((imp) => ({ ...imp, target: resolve(file, imp) })),
      exports: facts!.exports,
    });
  }
  cache.retain(used);
  cache.save();
  if (resolvedAdded) resolveCache.set(world, resolved);
  resolveCache.retain(new Set([world]));
  resolveCache.save();
  return records;
}

/**
 * What every resolution depends on: the files there are, which of them are analysed (an import
 * of a file outside the scope is "not in scope"), the parsed tsconfigs, the manifests, the install.
 */
function worldKey(scope: RepoScope): string {
  const h = createHash("sha1");
  h.update(scope.root);
  for (const f of [...scope.visible].sort()) h.update(`${f}\0`);
  h.update("\0scope\0");
  for (const f of scope.files) h.update(`${f.path}\0${f.tsconfig.path}\0`);
  for (const t of scope.tsconfigs) h.update(`${t.path}\0${JSON.stringify(t.options)}\0${t.typescriptMajor}`);
  for (const w of scope.workspaces) h.update(`${w.dir}\0${JSON.stringify(w.manifest)}`);
  for (const f of ["node_modules/.package-lock.json", "node_modules/.modules.yaml", "node_modules/.yarn-state.yml"]) {
    try {
      h.update(`${f}\0${statSync(path.join(scope.root, f)).mtimeMs}`);
    } catch {
      /* not installed with that client */
    }
  }
  return h.digest("hex");
}

/**
 * A file's text, or why it is skipped: over the size limit (generated code, bundles), or unreadable
 * (a dangling symlink, no permission), which the analysis goes on without.
 */
function readSource(abs: string, max: number): string | { why: string; skipped: string } {
  try {
    const size = statSync(abs).size;
    if (size > max)
      return { why: `${size} bytes is over the ${max}-byte limit (--max-file-size)`, skipped: `over ${max} bytes` };
    return readFileSync(abs, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "error";
    return { why: `cannot be read (${(e as Error).message.split(",")[0]})`, skipped: `unreadable (${code})` };
  }
}
