import { existsSync } from "node:fs";
import path from "node:path";
import { ts } from "../util/typescript.cjs";
import { UserError } from "../util/errors.js";
import type { Log } from "../util/log.js";
import { byString } from "../util/order.js";
import { toRepoPath } from "../util/paths.js";
import { NOT_INSTALLED_HINT, referencedTsconfig } from "./scopeFiles.js";
import { typescriptMajorFor, withDefaultsOf } from "./typescriptVersion.js";
import type { Tsconfig } from "./types.js";
import { getOrInsert } from "../util/maps.js";

/**
 * Diagnostics that are not a broken tsconfig: deprecations TS 6 reports for options real repos
 * use, and "no inputs".
 */
const HARMLESS = new Set([5101, 5107, 5108, 5110, 18003, 5102]);
const CIRCULARITY = 18000;
const FILE_NOT_FOUND = 6053;

type Entries = { files: string[]; directories: string[] };
type MatchFiles = (
  path: string,
  extensions: readonly string[] | undefined,
  excludes: readonly string[] | undefined,
  includes: readonly string[] | undefined,
  useCaseSensitiveFileNames: boolean,
  currentDirectory: string,
  depth: number | undefined,
  getFileSystemEntries: (path: string) => Entries,
  realpath: (path: string) => string,
) => string[];

/**
 * How tsconfigs see the folder tree: the repo's visible files (git's list), not a walk of the
 * disk. Only visible files are ever in scope, so the answer is the same, and the walk (every
 * tsconfig of a monorepo walks its whole subtree, build output included) is what parsing them
 * spent its time on. The include/exclude matching stays TypeScript's own (its internal
 * matchFiles, the function ts.sys.readDirectory calls); folders outside the repo are empty.
 */
export function visibleParseHost(root: string, visible: string[]): ts.ParseConfigHost {
  const matchFiles = (ts as unknown as { matchFiles?: MatchFiles }).matchFiles;
  const fallback: ts.ParseConfigHost = {
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
    readDirectory: (...args) => ts.sys.readDirectory(...args),
    fileExists: (file) => ts.sys.fileExists(file),
    readFile: (file) => ts.sys.readFile(file),
  };
  if (typeof matchFiles !== "function") return fallback;
  const base = root.split(path.sep).join("/");
  const building = new Map<string, { files: string[]; directories: Set<string> }>();
  const dirOf = (d: string) => getOrInsert(building, d, () => ({ files: [], directories: new Set<string>() }));
  dirOf(base);
  for (const rel of visible) {
    const parts = rel.split("/");
    let d = base;
    for (let i = 0; i < parts.length - 1; i++) {
      dirOf(d).directories.add(parts[i]);
      d = `${d}/${parts[i]}`;
    }
    dirOf(d).files.push(parts[parts.length - 1]);
  }
  const dirs = new Map<string, Entries>();
  for (const [d, e] of building) dirs.set(d, { files: e.files, directories: [...e.directories] });
  const none: Entries = { files: [], directories: [] };
  // TypeScript asks with absolute, normalised paths; anything else is resolved first
  const entries = (p: string): Entries => dirs.get(p) ?? dirs.get(path.resolve(p).split(path.sep).join("/")) ?? none;
  return {
    ...fallback,
    readDirectory: (dir, extensions, excludes, includes, depth) =>
      matchFiles(
        dir,
        extensions,
        excludes,
        includes,
        ts.sys.useCaseSensitiveFileNames,
        ts.sys.getCurrentDirectory(),
        depth,
        entries,
        (p) => p,
      ),
  };
}

/** What TypeScript said of a tsconfig or a base it extends (an `extends` not installed). */
export interface TsconfigWarning {
  /** the file it is about (absolute): the tsconfig, or a base it extends */
  about: string;
  /** one warning per key, however many tsconfigs share the base it is about */
  key: string;
  text: string;
}

/** The tsconfigs read, what TypeScript said of them, and the files each reads (itself and its bases, absolute). */
export interface LoadedTsconfigs {
  tsconfigs: Tsconfig[];
  warnings: TsconfigWarning[];
  reads: Map<string, string[]>;
}

/**
 * Reads and fully parses tsconfigs (extends, include/exclude, references), following project
 * references to configs not found by name. A tsconfig that is not JSON, or whose `extends`
 * loops, is an error naming the file; what else TypeScript says (an `extends` that is not installed)
 * comes back as warnings, for the caller to give once for the configs that own analysed files.
 */
export function loadTsconfigs(root: string, initial: string[], host: ts.ParseConfigHost): LoadedTsconfigs {
  const queue = initial.map((p) => path.resolve(root, p));
  const seen = new Set<string>();
  const out: Tsconfig[] = [];
  const warnings: TsconfigWarning[] = [];
  const reads = new Map<string, string[]>();
  // a monorepo's tsconfigs mostly extend one base: TypeScript parses it once with this
  const extended = new Map<string, ts.ExtendedConfigCacheEntry>();
  while (queue.length) {
    const abs = queue.shift()!;
    if (seen.has(abs)) continue;
    seen.add(abs);
    const cfg = parseTsconfig(root, abs, host, extended, warnings, reads);
    out.push(cfg);
    for (const ref of cfg.references) queue.push(ref);
  }
  return { tsconfigs: out.sort((a, b) => byString(a.path, b.path)), warnings, reads };
}

/**
 * Each warning once, of those about a file a used tsconfig reads (itself or a base it extends: TypeScript
 * says a shared base's problem only for the first config it parses), in the order they were found.
 */
export function warnOnce(loaded: LoadedTsconfigs, used: (tsconfig: string) => boolean, log: Log): void {
  const read = new Set([...loaded.reads].flatMap(([config, files]) => (used(config) ? files : [])));
  const given = new Set<string>();
  for (const w of loaded.warnings) {
    if (!read.has(w.about) || given.has(w.key)) continue;
    given.add(w.key);
    log.warn(w.text);
  }
}

function parseTsconfig(
  root: string,
  abs: string,
  host: ts.ParseConfigHost,
  extended: Map<string, ts.ExtendedConfigCacheEntry>,
  warnings: TsconfigWarning[],
  reads: Map<string, string[]>,
): Tsconfig {
  const rel = toRepoPath(root, abs);
  if (!existsSync(abs)) throw new UserError(`${rel}: tsconfig not found`);
  const text = ts.sys.readFile(abs) ?? "";
  const json = ts.parseJsonText(abs, text);
  const syntax = (json as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  if (syntax?.length) throw new UserError(`${rel}:${position(syntax[0])}: not valid JSON: ${message(syntax[0])}`);
  const parsed = ts.parseJsonSourceFileConfigFileContent(
    json,
    host,
    path.dirname(abs),
    undefined,
    abs,
    undefined,
    undefined,
    extended,
  );
  for (const d of parsed.errors) {
    if (HARMLESS.has(d.code)) continue;
    if (d.code === CIRCULARITY) throw new UserError(`${rel}: ${message(d)}`);
    const key = d.code === FILE_NOT_FOUND ? message(d) : `${rel}:${d.code}`;
    const where = d.file ? `${toRepoPath(root, d.file.fileName)}:${position(d)}` : rel;
    const hint = d.code === FILE_NOT_FOUND ? NOT_INSTALLED_HINT : "";
    warnings.push({ about: d.file ? path.resolve(d.file.fileName) : abs, key, text: `${where}: ${message(d)}${hint}` });
  }
  reads.set(rel, [abs, ...((json as ts.TsConfigSourceFile).extendedSourceFiles ?? []).map((f) => path.resolve(f))]);
  const dir = path.dirname(abs);
  const major = typescriptMajorFor(dir, root);
  const references = (parsed.projectReferences ?? [])
    .map((r) => referencedTsconfig(ts.resolveProjectReferencePath(r)))
    .filter((r): r is string => r !== undefined);
  return {
    path: rel,
    abs,
    dir,
    options: withDefaultsOf(major, parsed.options),
    typescriptMajor: major,
    fileNames: parsed.fileNames.map((f) => path.resolve(f)),
    references,
  };
}

function message(d: ts.Diagnostic): string {
  return ts.flattenDiagnosticMessageText(d.messageText, " ");
}

function position(d: ts.Diagnostic): string {
  if (!d.file || d.start === undefined) return "1";
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${line + 1}:${character + 1}`;
}
