import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import type { Log } from "../util/log.js";
import { getOrInsert } from "../util/maps.js";

/** Bumped when a cached shape changes. */
export const CACHE_VERSION = 8;

/**
 * What a cache must have been written by: this cache version and this very code (a hash of src/
 * taken at build time, scripts/build-id.mjs), so that no result of other code is ever reused.
 */
export const CACHE_WRITER = `${CACHE_VERSION}:${buildId()}`;

function buildId(): string {
  try {
    return (JSON.parse(readFileSync(new URL("../build-id.json", import.meta.url), "utf8")) as { build: string }).build;
  } catch {
    // compiled without `npm run build`: nothing tells which code wrote a cache, so none is reused
    return `unstamped-${process.pid}-${Date.now()}`;
  }
}

export function sha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

/** Per run (its log), the cache folders already said to be another build's. */
const foreignWarned = new WeakMap<Log, Set<string>>();

/**
 * A content-addressed store shared by the stages: one file per namespace (parse, history),
 * v8-serialised, read whole at start and written whole at the end when something changed.
 * A missing, corrupt or foreign-version file is ignored with a warning, never trusted.
 */
export class CacheStore<T> {
  private entries = new Map<string, T>();
  private dirty = false;
  private readonly file: string;

  constructor(
    readonly dir: string | undefined,
    readonly namespace: string,
    private readonly log: Log,
  ) {
    this.file = dir ? path.join(dir, `${namespace}.v8`) : "";
    if (!dir || !existsSync(this.file)) return;
    try {
      const data = v8.deserialize(readFileSync(this.file)) as {
        version: unknown;
        namespace: string;
        entries: Map<string, T>;
      };
      if (data?.version !== CACHE_WRITER || data.namespace !== namespace || !(data.entries instanceof Map)) {
        // after an upgrade every namespace is foreign: one line per folder and run says it
        const warned = getOrInsert(foreignWarned, log, () => new Set<string>());
        if (!warned.has(dir)) log.warn(`cache ${dir} was written by another faultline build: ignored and rebuilt`);
        warned.add(dir);
        return;
      }
      this.entries = data.entries;
    } catch {
      log.warn(`cache ${this.file} is unreadable: ignored and rebuilt`);
    }
  }

  get(key: string): T | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: T): void {
    this.entries.set(key, value);
    this.dirty = true;
  }

  /** Keeps only the given keys (entries of deleted or changed files go). */
  retain(keys: Set<string>): void {
    for (const k of [...this.entries.keys()]) {
      if (!keys.has(k)) {
        this.entries.delete(k);
        this.dirty = true;
      }
    }
  }

  save(): void {
    if (!this.dir || !this.dirty) return;
    try {
      mkdirSync(this.dir, { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, v8.serialize({ version: CACHE_WRITER, namespace: this.namespace, entries: this.entries }));
      renameSync(tmp, this.file); // atomic: a crash never leaves half a cache
      this.dirty = false;
    } catch (e) {
      this.log.warn(`cache ${this.file} could not be written (${(e as Error).message}); the next run starts cold`);
    }
  }
}

/** faultline's folder in a repo, `<repo>/.faultline/`: the cache's home, and analyze's output without --out. */
export function faultlineDir(root: string): string {
  return path.join(root, ".faultline");
}

/** The cache folder of a repo: `<repo>/.faultline/cache` (ignored by git through .faultline/.gitignore). */
export function cacheDirFor(root: string): string {
  return path.join(faultlineDir(root), "cache");
}

/** Makes sure `<repo>/.faultline/` carries its `.gitignore` of `*` before anything is written there. */
export function ensureFaultlineDir(root: string): void {
  const dir = faultlineDir(root);
  mkdirSync(dir, { recursive: true });
  const gi = path.join(dir, ".gitignore");
  if (!existsSync(gi)) writeFileSync(gi, "*\n");
}

const unwritable = new Set<string>();

/**
 * The repo's cache folder, made ready; undefined, with one warning per run, when it cannot be
 * made (a read-only checkout): the analysis then runs as with --no-cache.
 */
export function usableCacheDir(root: string, log: Log): string | undefined {
  const dir = cacheDirFor(root);
  if (unwritable.has(dir)) return undefined;
  try {
    ensureFaultlineDir(root);
    mkdirSync(dir, { recursive: true });
    return dir;
  } catch (e) {
    unwritable.add(dir);
    log.warn(`cache ${dir} cannot be written (${(e as Error).message.split(",")[0]}): running without the cache`);
    return undefined;
  }
}
