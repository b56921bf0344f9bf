import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { UserError } from "../util/errors.js";
import { globMatcher } from "../util/globs.js";
import { byString } from "../util/order.js";
import { toRepoPath } from "../util/paths.js";
import { getOrInsert } from "../util/maps.js";
import type { Log } from "../util/log.js";
import type { ScopeSource } from "./types.js";
import { DEFAULT_TEST_GLOBS } from "./defaults.js";

/**
 * Which files are analysed, given the file lists of the tsconfigs: shared
 * by the scope TypeScript parses (scope.ts) and the one `history` reads without TypeScript
 * (configFiles.ts), so both apply one rule. No TypeScript import here.
 */
export const TS_EXT = /\.(ts|tsx|mts|cts)$/;
export const JS_EXT = /\.(js|jsx|mjs|cjs)$/;
const DECLARATION = /\.d\.(ts|mts|cts)$|\.d\.[^/]*\.ts$/;

export function isDeclarationFile(p: string): boolean {
  return DECLARATION.test(p);
}

const TSCONFIG_NAME = /^tsconfig(\..+)?\.json$/;

/** Said after TypeScript's "File 'x' not found." for an `extends` it cannot resolve (it goes on without it). */
export const NOT_INSTALLED_HINT = " (not installed? continuing with the rest of the config)";

/** The tsconfigs discovery starts from: the ones --tsconfig names, else every tsconfig*.json outside node_modules. */
export function initialTsconfigs(root: string, explicit: string[] | undefined, visible: string[]): string[] {
  if (!explicit)
    return visible.filter((p) => TSCONFIG_NAME.test(path.posix.basename(p)) && !p.split("/").includes("node_modules"));
  return explicit.map((t) => {
    const fromCwd = path.resolve(t);
    const abs = existsSync(fromCwd) ? fromCwd : path.resolve(root, t);
    if (!existsSync(abs)) throw new UserError(`--tsconfig ${t}: file not found`);
    return statSync(abs).isDirectory() ? path.join(abs, "tsconfig.json") : abs;
  });
}

/**
 * The tsconfig a project reference leads to, given the path TypeScript's
 * resolveProjectReferencePath makes of it: that file, else a tsconfig.json in that folder;
 * undefined when neither exists (the reference is skipped).
 */
export function referencedTsconfig(resolved: string): string | undefined {
  const file = isFile(resolved) ? resolved : path.join(resolved, "tsconfig.json");
  return isFile(file) ? file : undefined;
}

/** Whether a regular file (or a link to one) is there. */
export function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** A tsconfig as far as choosing files goes. */
export interface FileListing {
  /** repo-relative */
  path: string;
  /** absolute paths of the files its program includes */
  fileNames: string[];
}

/**
 * The tsconfig that owns a file when several list it: the nearest (deepest folder); among
 * equals `tsconfig.json` first, then by name.
 */
export function compareOwnership(a: FileListing, b: FileListing): number {
  const depth = (t: FileListing) => t.path.split("/").length;
  if (depth(a) !== depth(b)) return depth(b) - depth(a);
  const base = (t: FileListing) => path.posix.basename(t.path);
  if ((base(a) === "tsconfig.json") !== (base(b) === "tsconfig.json")) return base(a) === "tsconfig.json" ? -1 : 1;
  return byString(a.path, b.path);
}

/**
 * The analysed files, sorted by path, each with its owning tsconfig: listed by a tsconfig,
 * visible, not a declaration file, inside --include and outside --exclude, TypeScript (or
 * JavaScript when the owner allows it). `unmatched`: the --include and --exclude globs (the default
 * test globs aside) that no such file matches before either applies: a typo that silently narrows
 * or widens the scope. `ownerless`: given --include, the TypeScript files in scope that no tsconfig includes.
 */
export function selectScopeFiles<T extends FileListing>(
  root: string,
  listings: T[],
  visible: Set<string>,
  opts: { include?: string[]; exclude?: string[] },
  allowJs: (t: T) => boolean,
): { files: { path: string; abs: string; tsconfig: T }[]; unmatched: string[]; ownerless: string[] } {
  const owners = new Map<string, T[]>();
  for (const t of listings) {
    for (const f of t.fileNames) {
      getOrInsert(owners, f, () => []).push(t);
    }
  }
  const include = globMatcher(opts.include, true);
  const exclude = globMatcher(opts.exclude, false);
  // each glob the user gave (not the default test globs), on its own, tried until a file matches it
  const pending = [...(opts.include ?? []), ...(opts.exclude ?? [])]
    .filter((glob) => !DEFAULT_TEST_GLOBS.includes(glob))
    .map((glob) => ({ glob, match: globMatcher([glob], false) }));
  const files: { path: string; abs: string; tsconfig: T }[] = [];
  const owned = new Set<string>();
  const under = root.endsWith(path.sep) ? root : root + path.sep;
  for (const [abs, list] of owners) {
    // the readers give normalised absolute paths: below the root, relative is a slice
    const rel = abs.startsWith(under) ? abs.slice(under.length).split(path.sep).join("/") : toRepoPath(root, abs);
    owned.add(rel);
    if (rel.startsWith("..") || !visible.has(rel) || isDeclarationFile(rel)) continue;
    const owner = list.length > 1 ? list.sort(compareOwnership)[0] : list[0];
    if (!TS_EXT.test(rel) && !(JS_EXT.test(rel) && allowJs(owner))) continue;
    for (let k = pending.length - 1; k >= 0; k--) if (pending[k].match(rel)) pending.splice(k, 1);
    if (!include(rel) || exclude(rel)) continue;
    files.push({ path: rel, abs, tsconfig: owner });
  }
  // given --include, the TypeScript files in it that no tsconfig includes (linkwarden's packages/ with no tsconfig
  // of their own); a whole repository's are its tools' configs and test helpers, not looked for
  const ownerless = opts.include?.length
    ? [...visible]
        .filter((rel) => TS_EXT.test(rel) && !isDeclarationFile(rel) && !owned.has(rel) && include(rel))
        .filter((rel) => !exclude(rel) && !rel.split("/").includes("node_modules"))
        .sort(byString)
    : [];
  return { files: files.sort((a, b) => byString(a.path, b.path)), unmatched: pending.map((p) => p.glob), ownerless };
}

/** Warns about each --include or --exclude glob no file matched. */
export function warnUnmatchedGlobs(
  unmatched: string[],
  opts: { include?: string[]; scopeFrom?: ScopeSource },
  log: Log,
): void {
  for (const glob of unmatched) {
    const key = opts.include?.includes(glob) ? "include" : "exclude";
    const from = opts.scopeFrom?.parts.includes(key)
      ? `scope.${key} in ${opts.scopeFrom.source}`
      : `--${key} or the config's ${key}`;
    log.warn(`${key} glob "${glob}" matches no TypeScript file a tsconfig includes (${from})`);
  }
}
