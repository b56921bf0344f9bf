import path from "node:path";
import { byString } from "../util/order.js";

/**
 * Which files a tsconfig takes, by TypeScript's rules and without TypeScript: its
 * getFileNamesFromConfigSpecs over the repo's visible files. `files` first, then what `include`
 * matches less what `exclude` matches, by the wildcard grammar of its matchFiles (`*`, `?`, `**`,
 * implied `/**\/*` on folders, no dot-folders and no node_modules under wildcards), the default
 * excludes (outDir, declarationDir) and its extension priorities (a.ts hides a.tsx, a.js, a.d.ts).
 */

/** What of a tsconfig, after `extends`, decides its files: specs absolute or `${configDir}`-relative. */
export interface ConfigSpecs {
  dir: string;
  files?: string[];
  include?: string[];
  exclude?: string[];
  /** undefined: not set (a later base or the file itself may set it) */
  allowJs?: boolean;
  /** absolute */
  outDir?: string;
  declarationDir?: string;
}

/** The repo's code files: absolute, `/`-separated, sorted; `js[i]` says whether files[i] is JavaScript. */
export interface CodeFiles {
  files: string[];
  js: boolean[];
}

/** Any extension of GROUPS; without allowJs, not the JavaScript ones */
const CODE_EXTENSION = /\.(?:tsx?|jsx?|[cm][jt]s)$/;
const JS_EXTENSION = /\.[cm]?jsx?$/;
const GROUPS = [
  [".ts", ".tsx", ".d.ts", ".js", ".jsx"],
  [".cts", ".d.cts", ".cjs"],
  [".mts", ".d.mts", ".mjs"],
];

/** The visible files (repo-relative, as git gives them) with an extension some config could list. */
export function codeFiles(root: string, visible: string[]): CodeFiles {
  // most of a repo is not code; git's paths are normalised and `/`-separated, so joining is concatenation
  const prefix = root.split(path.sep).join("/").replace(/\/$/, "") + "/";
  const files = visible
    .filter((p) => CODE_EXTENSION.test(p))
    .map((p) => prefix + p)
    .sort(byString); // fileNames finds folders' files by binary search (already sorted from git: a linear pass)
  return { files, js: files.map((f) => JS_EXTENSION.test(f)) };
}

const DOTDOT_AFTER_RECURSION = /(?:^|\/)\*\*\/(?:.*\/)?\.\.(?:$|\/)/;
const TRAILING_RECURSION = /(?:^|\/)\*\*\/?$/;

/** Specs TypeScript rejects (with a message): `..` after `**`, an include ending in `**`. */
export function rejectedSpec(key: "files" | "include" | "exclude", spec: string): boolean {
  return key !== "files" && (DOTDOT_AFTER_RECURSION.test(spec) || (key === "include" && TRAILING_RECURSION.test(spec)));
}

/** TypeScript's getFileNamesFromConfigSpecs on the code files. */
export function fileNames(c: ConfigSpecs, code: CodeFiles): string[] {
  const configDir = (s: string) =>
    s.startsWith("${configDir}") ? path.join(c.dir, s.slice("${configDir}".length)) : s;
  const literal = (c.files ?? []).map((s) => norm(configDir(s)));
  const includes = c.include ?? (c.files ? [] : [path.join(c.dir, "**/*")]);
  // node_modules and friends are not excludes: the wildcards skip them (IMPLICIT_EXCLUDE)
  const excludes = c.exclude ?? [c.outDir, c.declarationDir].filter((d): d is string => !!d);
  const groups = c.allowJs ? GROUPS : GROUPS.map((g) => g.filter((e) => !JS_EXTENSION.test(e)));
  const matches = wildcardMatches(
    includes.map((s) => norm(configDir(s))),
    excludes.map((s) => norm(configDir(s))),
    c.allowJs === true,
    code,
  );
  const literalSet = new Set(literal);
  const wildcard = new Set<string>();
  for (const file of matches) {
    if (hasHigherPriority(file, groups, literalSet, wildcard)) continue;
    removeLowerPriority(file, groups, wildcard);
    if (!literalSet.has(file)) wildcard.add(file);
  }
  return [...literal, ...wildcard].map((f) => f.split("/").join(path.sep));
}

/**
 * The code files some include matches and no exclude does, in TypeScript's order: grouped by the
 * first include that matches, each group in the order of its folder walk (within a folder, by
 * name), since the priority steps of fileNames depend on it.
 */
function wildcardMatches(includes: string[], excludes: string[], allowJs: boolean, code: CodeFiles): string[] {
  const { files: visible, js } = code;
  // each include is tested only on the files below its literal folder (TypeScript's base paths)
  const includeRes = includes
    .map((spec) => ({ re: wildcardRegex(spec, "files"), under: `${literalFolder(spec)}/` }))
    .filter((r): r is { re: RegExp; under: string } => !!r.re);
  const excludeRe = excludes.map((s) => wildcardRegex(s, "exclude")).filter((r): r is RegExp => !!r);
  // each file's first matching include; `visible` is sorted, so the files below an include's
  // folder are one run of it, found by binary search instead of testing every file
  const first = new Map<string, number>();
  includeRes.forEach((r, k) => {
    for (let i = lowerBound(visible, r.under); i < visible.length && visible[i].startsWith(r.under); i++) {
      const f = visible[i];
      if ((!allowJs && js[i]) || first.has(f) || !r.re.test(f)) continue;
      first.set(f, k);
    }
  });
  const matches: { file: string; include: number }[] = [];
  for (const [file, include] of first) if (!excludeRe.some((re) => re.test(file))) matches.push({ file, include });
  matches.sort((a, b) => a.include - b.include || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return matches.map((m) => m.file);
}

/** The first index of a sorted (code-unit order) list whose entry is not below `key`. */
function lowerBound(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** TypeScript's changeExtension: the path without its known extension (longest listed first), plus ext. */
const KNOWN_EXTENSIONS = [
  ".d.ts",
  ".d.mts",
  ".d.cts",
  ".mjs",
  ".mts",
  ".cjs",
  ".cts",
  ".ts",
  ".js",
  ".tsx",
  ".jsx",
  ".json",
];
function changeExtension(file: string, ext: string): string {
  const known = KNOWN_EXTENSIONS.find((e) => file.endsWith(e));
  return known ? file.slice(0, file.length - known.length) + ext : file;
}

const groupOf = (file: string, groups: string[][]) => groups.find((g) => g.some((e) => file.endsWith(e)));

/** TypeScript's hasFileWithHigherPriorityExtension (a.ts hides a.tsx, a.d.ts, a.js; a.d.ts does not hide a.js). */
function hasHigherPriority(file: string, groups: string[][], literal: Set<string>, wildcard: Set<string>): boolean {
  const group = groupOf(file, groups);
  if (!group) return false;
  for (const ext of group) {
    if (file.endsWith(ext) && (ext !== ".ts" || !file.endsWith(".d.ts"))) return false;
    const higher = changeExtension(file, ext);
    if (literal.has(higher) || wildcard.has(higher)) {
      if (ext === ".d.ts" && (file.endsWith(".js") || file.endsWith(".jsx"))) continue;
      return true;
    }
  }
  return false;
}

/** TypeScript's removeWildcardFilesWithLowerPriorityExtension (here a.d.ts does drop an a.js met before it). */
function removeLowerPriority(file: string, groups: string[][], wildcard: Set<string>): void {
  const group = groupOf(file, groups);
  if (!group) return;
  for (let i = group.length - 1; i >= 0; i--) {
    if (file.endsWith(group[i])) return;
    wildcard.delete(changeExtension(file, group[i]));
  }
}

const RESERVED = /[-/\\^$*+?.()|[\]{}]/g;
const IMPLICIT_EXCLUDE = "(?!(node_modules|bower_components|jspm_packages)(/|$))";

/**
 * TypeScript's getSubPatternFromSpec + getRegularExpressionForWildcard, for absolute specs.
 * "files": the whole path must match; "exclude": the path or a folder above it.
 */
function wildcardRegex(spec: string, usage: "files" | "exclude"): RegExp | undefined {
  const components = spec.split("/");
  const last = components[components.length - 1];
  if (usage !== "exclude" && last === "**") return undefined;
  // a last component without `.`, `*` or `?` is a folder: everything below it
  if (!/[.*?]/.test(last)) components.push("**", "*");
  const single = usage === "files" ? "([^./]|(\\.(?!min\\.js$))?)*" : "[^/]*";
  const double = usage === "files" ? `(/${IMPLICIT_EXCLUDE}[^/.][^/]*)*?` : "(/.+?)?";
  const replace = (c: string) => c.replace(RESERVED, (m) => (m === "*" ? single : m === "?" ? "[^/]" : `\\${m}`));
  let pattern = "";
  let written = false;
  for (const component of components) {
    if (component === "**") {
      pattern += double;
      continue;
    }
    if (written) pattern += "/";
    if (usage === "exclude") {
      pattern += replace(component);
    } else {
      let rest = component;
      let head = "";
      if (rest.startsWith("*")) {
        head = `([^./]${single})?`;
        rest = rest.slice(1);
      } else if (rest.startsWith("?")) {
        head = "[^./]";
        rest = rest.slice(1);
      }
      const body = head + replace(rest);
      if (body !== component) pattern += IMPLICIT_EXCLUDE;
      pattern += body;
    }
    written = true;
  }
  return new RegExp(`^(${pattern})${usage === "exclude" ? "($|/)" : "$"}`);
}

/** The folders of a spec before its first wildcard (a spec without one names a file or a folder: its parent). */
function literalFolder(spec: string): string {
  const parts = spec.split("/");
  const wild = parts.findIndex((c) => /[*?]/.test(c));
  return parts.slice(0, wild < 0 ? parts.length - 1 : wild).join("/");
}

/** Absolute, `/`-separated, `.` and `..` resolved, no trailing slash. */
function norm(p: string): string {
  const n = path.resolve(p).split(path.sep).join("/");
  return n.length > 1 && n.endsWith("/") ? n.slice(0, -1) : n;
}
