import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { CacheStore, sha1 } from "../cache/store.js";
import type { RepoScope, ScopeFile } from "../repo/types.js";
import type { Log } from "../util/log.js";
import { parseModule, type ParseJob } from "./parse.js";
import { Resolver } from "./resolve.js";
import type { FileFacts, ImportFact, ModuleRecord, Resolution } from "./types.js";

export interface BuildOptions {
  /** files larger than this are skipped with a warning (default 1 MB: generated code, bundles) */
  maxFileBytes?: number;
  /** the cache folder; parse results are reused when a file's content and options are unchanged */
  cacheDir?: string;
  /** false: parse on the main thread only */
  workers?: boolean;
}

/** Below this many files to parse, starting a worker (it loads TypeScript, ~0.3 s) does not pay. */
const WORKER_THRESHOLD = 400;

/** Parses the jobs, splitting them with one worker thread when there are enough. */
async function parseAll(jobs: ParseJob[], allowWorker: boolean): Promise<FileFacts[]> {
  const parseHere = (list: ParseJob[]) => list.map((j) => parseModule(j.abs, j.text, j.options, j.format));
  if (!allowWorker || jobs.length < WORKER_THRESHOLD) return parseHere(jobs);
  let worker: Worker;
  try {
    worker = new Worker(new URL("./parseWorker.js", import.meta.url));
  } catch {
    return parseHere(jobs);
  }
  // the worker takes the first part while TypeScript loads in it; the main thread, already warm, a bit more
  const cut = Math.floor(jobs.length * 0.45);
  const theirs = new Promise<FileFacts[]>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  worker.postMessage(jobs.slice(0, cut));
  const mine = parseHere(jobs.slice(cut));
  try {
    return [...(await theirs), ...mine];
  } catch {
    return parseHere(jobs); // a worker that failed (e.g. run from sources): parse here instead
  } finally {
    void worker.terminate();
  }
}

export const DEFAULT_MAX_FILE_BYTES = 1_000_000;

/**
 * Parses every file in scope and resolves each of its specifiers: the import graph's raw
 * material, which every later stage only queries. Syntax errors are warned about; the imports
 * that parse are kept.
 */
export async function buildModules(scope: RepoScope, log: Log, opts: BuildOptions = {}): Promise<ModuleRecord[]> {
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
    const key = `${file.tsconfig.path}\0${path.dirname(file.abs)}\0${imp.kind === "reference" ? "ref:" : ""}${imp.computed ? "?" : ""}${imp.specifier}\0${imp.mode}`;
    let r = resolved.get(key);
    if (!r) {
      r = resolver.resolve(file, imp);
      resolved.set(key, r);
      resolvedAdded = true;
    }
    return r;
  };
  // Pass 1: read, hash, look up the cache; collect what must be parsed.
  const pending: { file: ScopeFile; facts?: FileFacts; job?: ParseJob; key?: string }[] = [];
  const misses: { index: number; job: ParseJob }[] = [];
  for (const file of scope.files) {
    const size = statSync(file.abs).size;
    if (size > max) {
      log.warn(`${file.path}: skipped, ${size} bytes is over the ${max}-byte limit (--max-file-size)`);
      pending.push({ file, facts: { imports: [], exports: { own: [], named: [], stars: [] }, loc: 0, syntaxErrors: [], terms: [] } });
      continue;
    }
    const text = readFileSync(file.abs, "utf8");
    const format = resolver.impliedNodeFormat(file);
    const key = `${sha1(text)}:${optionsKey.get(file.tsconfig)}:${format}:${file.path.replace(/^.*\./, "")}`;
    used.add(key);
    const facts = cache.get(key);
    if (facts) pending.push({ file, facts });
    else {
      const job = { abs: file.abs, text, options: file.tsconfig.options, format };
      misses.push({ index: pending.length, job });
      pending.push({ file, key, job });
    }
  }
  // Pass 2: parse the misses, on two cores when there are enough of them to pay for a worker.
  if (misses.length) {
    log.progress("graph", `parsing ${misses.length} of ${scope.files.length} files${misses.length >= WORKER_THRESHOLD && opts.workers !== false ? " on two threads" : ""}`);
    const parsed = await parseAll(misses.map((m) => m.job), opts.workers !== false);
    misses.forEach((m, k) => {
      const entry = pending[m.index];
      entry.facts = parsed[k];
      cache.set(entry.key!, parsed[k]);
    });
  }
  // Pass 3: resolve every specifier, in file order (warnings too, so output is deterministic).
  let done = 0;
  for (const { file, facts } of pending) {
    if (++done % 250 === 0) log.progress("graph", "resolving imports", { done, total: pending.length });
    if (facts!.syntaxErrors.length) {
      const first = facts!.syntaxErrors[0];
      const n = facts!.syntaxErrors.length;
      log.warn(`${file.path}:${first.line}: ${n} syntax error${n > 1 ? "s" : ""} (${first.message}); kept the imports that parse`);
    }
    records.push({
      path: file.path,
      loc: facts!.loc,
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

/** What every resolution depends on: the files there are, the parsed tsconfigs, the manifests, the install. */
function worldKey(scope: RepoScope): string {
  const h = createHash("sha1");
  h.update(scope.root);
  for (const f of [...scope.visible].sort()) h.update(`${f}\0`);
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
