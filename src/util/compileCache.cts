import { isAscii } from "node:buffer";
import { createHash } from "node:crypto";
import {
  closeSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import Module, { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import vm from "node:vm";

/** What Module.wrap makes of a CommonJS file: a function of exports, require, module, __filename, __dirname. */
type ModuleWrapper = (
  this: unknown,
  exports: unknown,
  require: NodeJS.Require,
  module: unknown,
  filename: string,
  dirname: string,
) => void;

/**
 * A V8 code cache for the big CommonJS file every command loads (TypeScript's 9 MB). Compiling
 * TypeScript's source takes about 0.2 s of each run; with the code V8 produced on an earlier run,
 * a few hundredths. Node 22 offers this as module.enableCompileCache() (tsc itself turns it on);
 * Node 20 has no such switch, so this does the same for such files.
 *
 * The data is faultline's own compiled code, never the analysed repo's: it lives in the OS temp
 * folder, in a folder per user that must be ours and closed to others (code read from there
 * is trusted), one file per source keyed by its path, size, mtime and the Node version. V8
 * checks the data against the source and flags and rejects what does not fit; the file is then
 * rewritten. FAULTLINE_NO_COMPILE_CACHE=1 (or Node's NODE_DISABLE_COMPILE_CACHE) turns it off.
 */
const dir = cacheDir();

export function requireWithCodeCache(file: string): void {
  const cache = Module as unknown as {
    _cache: Record<string, unknown>;
    _nodeModulePaths(dir: string): string[];
    wrap(src: string): string;
  };
  if (cache._cache[file]) return;
  const source = readSource(file);
  let entry: string | undefined;
  let data: Buffer | undefined;
  if (dir) {
    const { size, mtimeMs } = statSync(file);
    entry = path.join(
      dir,
      createHash("sha1").update(`${process.version}|${process.arch}|${file}|${size}|${mtimeMs}`).digest("hex"),
    );
    data = readOwnFile(entry);
  }
  const script = new vm.Script(cache.wrap(source), { filename: file, cachedData: data });
  const mod = new Module(file) as Module & { filename: string; paths: string[]; loaded: boolean };
  mod.filename = file;
  mod.paths = cache._nodeModulePaths(path.dirname(file));
  cache._cache[file] = mod; // what the file's own requires of it (and later ones) find
  try {
    (script.runInThisContext() as ModuleWrapper).call(
      mod.exports,
      mod.exports,
      createRequire(file),
      mod,
      file,
      path.dirname(file),
    );
  } catch (e) {
    delete cache._cache[file];
    throw e;
  }
  mod.loaded = true;
  if (entry && (data === undefined || script.cachedDataRejected)) {
    const target = entry;
    // at exit, so the data holds the functions this run compiled lazily as well
    process.once("exit", () => {
      try {
        const tmp = `${target}.${process.pid}`;
        writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
        renameSync(tmp, target);
        pruneStale();
      } catch {
        // a cache that cannot be written only costs the next run its speed
      }
    });
  }
}

/**
 * The file's text. TypeScript's 9 MB are plain ASCII: decoded as latin1 (the same string for
 * ASCII) they take a few ms, where Node 20's utf8 read of the same file takes 60 to 100.
 */
function readSource(file: string): string {
  const bytes = readFileSync(file);
  return isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
}

/** The entry's bytes, only when it is a regular file of this user (checked on the open file). */
function readOwnFile(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const st = fstatSync(fd);
    const uid = typeof process.getuid === "function" ? process.getuid() : undefined;
    if (!st.isFile() || (uid !== undefined && st.uid !== uid)) return undefined;
    return readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Entries left by earlier installs (another path, size or Node version) go after 30 days unused. */
function pruneStale(): void {
  if (!dir) return;
  const cutoff = Date.now() - 30 * 86_400_000;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    try {
      if (statSync(p).atimeMs < cutoff && statSync(p).mtimeMs < cutoff) unlinkSync(p);
    } catch {
      // another process removed it
    }
  }
}

function cacheDir(): string | undefined {
  if (process.env.FAULTLINE_NO_COMPILE_CACHE || process.env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const uid = typeof process.getuid === "function" ? process.getuid() : undefined;
  const dir = path.join(tmpdir(), `faultline-compile-cache-${uid ?? "user"}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = lstatSync(dir); // a symlink planted in a shared temp folder is not ours
    if (!st.isDirectory() || (uid !== undefined && st.uid !== uid) || (st.mode & 0o022) !== 0) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}
