import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { byString, toRepoPath } from "../util/paths.js";
import { isFile, NOT_INSTALLED_HINT, referencedTsconfig, type FileListing } from "./scopeFiles.js";

/**
 * The files tsconfigs list, read without TypeScript, for `faultline history`: it needs only
 * which files count, and loading TypeScript (0.15 s with the compile cache) plus parsing every
 * tsconfig with it (0.1 to 0.3 s in a monorepo) was most of what history cost beyond git on a
 * small repo. This follows TypeScript's rules for `files`, `include`, `exclude`, `extends`
 * (relative paths; arrays), `references`, `${configDir}`, the default excludes (outDir,
 * declarationDir), the wildcard grammar of its matchFiles (`*`, `?`, `**`, implied `/**\/*` on
 * folders, no dot-folders and no node_modules under wildcards) and its extension priorities
 * (a.ts hides a.tsx, a.js, a.d.ts). The test suite checks it against
 * TypeScript's own parse of every fixture tsconfig and of generated ones.
 *
 * An `extends` of a package is looked up as TypeScript looks it up, in the plain cases
 * (packageExtends); one found in no `node_modules` (a checkout without `npm install`) is skipped
 * with the warning TypeScript gives, word for word and at the same line and column. Anything else
 * it does not follow exactly (a config that is not plain JSON with comments, a package with
 * `exports`, a loop, a missing file) returns undefined: the caller then asks TypeScript, whose
 * errors and warnings are the ones users should see.
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
  // only names with an extension some config could list (most of a repo is not code); git's
  // paths are normalised and `/`-separated, so joining is concatenation
  const prefix = root.split(path.sep).join("/").replace(/\/$/, "") + "/";
  const files = visible
    .filter((p) => CODE_EXTENSION.test(p))
    .map((p) => prefix + p)
    .sort(byString); // fileNames finds folders' files by binary search (already sorted from git: a linear pass)
  const code = { files, js: files.map((f) => JS_EXTENSION.test(f)) };
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
  // as loadTsconfigs words them: once for each package, where it was first met
  const said = new Set<string>();
  for (const m of missing) {
    const message = `File '${m.spec}' not found.`;
    if (said.has(message)) continue;
    said.add(message);
    warnings.push(`${toRepoPath(root, m.file)}:${m.line}:${m.column}: ${message}${NOT_INSTALLED_HINT}`);
  }
  return out;
}

/** A package `extends` TypeScript cannot resolve, where it is written. */
interface MissingBase {
  spec: string;
  file: string;
  line: number;
  column: number;
}

/** A tsconfig after `extends`: specs with absolute paths (or `${configDir}`-relative ones). */
interface Resolved {
  dir: string;
  files?: string[];
  include?: string[];
  exclude?: string[];
  /** undefined: not set (a later base or the file itself may set it) */
  allowJs?: boolean;
  /** absolute */
  outDir?: string;
  declarationDir?: string;
  references: string[];
}

function resolveConfig(abs: string, stack: string[], missing: MissingBase[]): Resolved | undefined {
  // jsconfig.json has defaults of its own (allowJs): left to TypeScript
  if (stack.includes(abs) || !isFile(abs) || path.basename(abs) === "jsconfig.json") return undefined;
  let text = readFileSync(abs, "utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // TypeScript counts columns without it
  const json = parseJsonc(text);
  if (!isObject(json)) return undefined;
  const dir = path.dirname(abs);
  const opts = isObject(json.compilerOptions) ? json.compilerOptions : {};
  // a null resets what a base set: left to TypeScript
  if (["files", "include", "exclude", "extends"].some((k) => json[k] === null)) return undefined;
  if (["allowJs", "checkJs", "outDir", "declarationDir"].some((k) => opts[k] === null)) return undefined;
  // a base's settings come first, each later one and then the file itself override them
  let base: Resolved = { dir, references: [] };
  const bases = json.extends === undefined ? [] : Array.isArray(json.extends) ? json.extends : [json.extends];
  // as TypeScript does: every base's path first (warning about the ones not installed), then the bases
  const targets: string[] = [];
  for (const [k, spec] of bases.entries()) {
    if (typeof spec !== "string") return undefined;
    const target = isPackageSpec(spec) ? packageExtends(spec, dir) : extendsPath(spec, dir);
    if (target === null) {
      const at = extendsOffsets(text);
      if (at?.length !== bases.length) return undefined;
      missing.push({ spec, file: abs, ...lineAndColumn(text, at[k]) });
      continue;
    }
    if (!target) return undefined;
    targets.push(target);
  }
  for (const target of targets) {
    const parent = resolveConfig(target, [...stack, abs], missing);
    if (!parent) return undefined;
    const { files, include, exclude, outDir, declarationDir, allowJs } = parent;
    base = { ...base, ...defined({ files, include, exclude, outDir, declarationDir, allowJs }) };
  }
  const specs = (key: string): string[] | undefined | null => {
    const v = json[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || !v.every((s) => typeof s === "string")) return null;
    // specs TypeScript rejects (with a message): `..` after `**`, an include ending in `**`
    if (
      key !== "files" &&
      v.some((s: string) => DOTDOT_AFTER_RECURSION.test(s) || (key === "include" && TRAILING_RECURSION.test(s)))
    )
      return null;
    return v.map((s: string) => (s.startsWith("${configDir}") || path.isAbsolute(s) ? s : path.join(dir, s)));
  };
  const files = specs("files");
  const include = specs("include");
  const exclude = specs("exclude");
  if (files === null || include === null || exclude === null) return undefined;
  const absOption = (v: unknown) =>
    typeof v === "string" ? (v.startsWith("${configDir}") ? v : path.resolve(dir, v)) : undefined;
  const refs: unknown[] = Array.isArray(json.references) ? json.references : [];
  const references = refs.map((r) => (isObject(r) && typeof r.path === "string" ? r.path : undefined));
  if (references.some((r) => r === undefined)) return undefined;
  return {
    ...base,
    ...defined({
      files,
      include,
      exclude,
      outDir: absOption(opts.outDir),
      declarationDir: absOption(opts.declarationDir),
    }),
    dir,
    allowJs: typeof opts.allowJs === "boolean" ? opts.allowJs : base.allowJs,
    references: references as string[],
  };
}

/** Not relative, not absolute: TypeScript resolves it as a module (nodeNextJsonConfigResolver). */
function isPackageSpec(spec: string): boolean {
  return !(spec.startsWith("./") || spec.startsWith("../") || path.isAbsolute(spec));
}

/**
 * A package `extends` as TypeScript resolves it from `dir` (nodeNextJsonConfigResolver): the
 * `node_modules` folders in `dir` and above, nearest first, each asked by `inNodeModules`. Null
 * when none has it (TypeScript warns and goes on without it); undefined for what this reader
 * does not follow: "#imports", URLs, a package naming itself through its exports, and whatever
 * `inNodeModules` leaves alone.
 */
function packageExtends(spec: string, dir: string): string | null | undefined {
  if (spec === "" || /[#:\\]/.test(spec)) return undefined;
  const parts = spec.split("/");
  const scoped = spec.startsWith("@");
  if (parts.length < (scoped ? 2 : 1) || parts.some((p) => p === "" || p === "." || p === "..")) return undefined;
  const name = parts.slice(0, scoped ? 2 : 1).join("/");
  const rest = parts.slice(scoped ? 2 : 1).join("/");
  const folders = ancestors(dir);
  const nearest = folders.map((d) => path.join(d, "package.json")).find(isFile);
  if (nearest) {
    const pkg = parseJsonc(readFileSync(nearest, "utf8"));
    if (!isObject(pkg)) return undefined;
    if (
      pkg.exports !== undefined &&
      typeof pkg.name === "string" &&
      (spec === pkg.name || spec.startsWith(`${pkg.name}/`))
    )
      return undefined;
  }
  for (const d of folders) {
    const modules = path.join(d, "node_modules");
    if (path.basename(d) === "node_modules" || !existsSync(modules)) continue;
    const found = inNodeModules(modules, name, rest);
    if (found !== null) return found;
  }
  return null;
}

/** `dir` and every folder above it, nearest first. */
function ancestors(dir: string): string[] {
  const out = [dir];
  for (let d = dir; path.dirname(d) !== d; d = path.dirname(d)) out.push(path.dirname(d));
  return out;
}

/**
 * What TypeScript's lookup finds for a package in one `node_modules` folder, in the plain cases:
 * a package.json without `exports`, `typesVersions` or a `tsconfig` field, a spec naming a
 * `.json` file or a name without dots. The file found, by the path it was found at (the parse
 * host the graph stage gives TypeScript has no realpath, so a symlinked package, as pnpm lays
 * them out, is read where the link is); null when there is nothing of that name (the lookup
 * goes on up); undefined for anything else.
 */
function inNodeModules(modules: string, name: string, rest: string): string | null | undefined {
  const packageDir = path.join(modules, name);
  const packageJson = path.join(packageDir, "package.json");
  if (existsSync(packageJson)) {
    const pkg = parseJsonc(readFileSync(packageJson, "utf8"));
    if (!isObject(pkg) || pkg.exports !== undefined || pkg.typesVersions !== undefined || pkg.tsconfig !== undefined)
      return undefined;
  }
  const candidate = rest ? path.join(packageDir, rest) : packageDir;
  if (rest && existsSync(path.join(candidate, "package.json"))) return undefined;
  // as a file: the spec itself when it names a .json file, else with .json added (a name with
  // other dots first has its extension swapped for .json: left to TypeScript)
  if (candidate.endsWith(".json")) {
    if (isFile(candidate)) return candidate;
    if (existsSync(`${candidate}.json`)) return undefined;
  } else if (path.basename(candidate).includes(".")) {
    return undefined;
  } else if (isFile(`${candidate}.json`)) {
    return `${candidate}.json`;
  }
  // as a folder: its tsconfig.json
  if (!existsSync(candidate)) return null;
  const index = path.join(candidate, "tsconfig.json");
  return isFile(index) ? index : undefined;
}

/**
 * Where the top-level `extends` value(s) start in a tsconfig's text (the opening quote of each
 * string), as TypeScript places its diagnostics. Undefined when `extends` is given twice
 * (TypeScript then reads, and warns about, both).
 */
function extendsOffsets(text: string): number[] | undefined {
  let depth = 0;
  let key: string | undefined; // the string just read at depth 1, a key once a colon follows
  let inExtends = false;
  let found: number[] | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      if (end < 0) return undefined;
      i = end + 1;
    } else if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
      if (inExtends && (depth === 1 || depth === 2)) found!.push(start);
      if (depth === 1 && !inExtends) key = JSON.parse(text.slice(start, i + 1)) as string;
      if (inExtends && depth === 1) inExtends = false;
    } else if (c === ":" && depth === 1 && key !== undefined) {
      if (key === "extends") {
        if (found) return undefined;
        inExtends = true;
        found = [];
      }
      key = undefined;
    } else if (c === "{" || c === "[") {
      depth++;
    } else if (c === "}" || c === "]") {
      depth--;
      if (inExtends && depth === 1) inExtends = false;
    } else if (c === "," && depth === 1) {
      inExtends = false;
      key = undefined;
    }
  }
  return found;
}

/** 1-based line and column of an offset, counting lines as TypeScript does (\n, \r\n, \r, U+2028, U+2029). */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) continue; // counted at the \n
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** TypeScript's getExtendsConfigPath for relative and absolute specifiers (packages: packageExtends). */
function extendsPath(spec: string, dir: string): string | undefined {
  let target = path.resolve(dir, spec);
  if (!isFile(target) && !target.endsWith(".json")) target += ".json";
  return isFile(target) ? target : undefined;
}

const DOTDOT_AFTER_RECURSION = /(?:^|\/)\*\*\/(?:.*\/)?\.\.(?:$|\/)/;
const TRAILING_RECURSION = /(?:^|\/)\*\*\/?$/;

/** TypeScript's own test: does this module's path with its case swapped exist? */
const CASE_SENSITIVE = (() => {
  const me = fileURLToPath(import.meta.url);
  const swapped = me.replace(/\w/g, (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()));
  return swapped === me || !existsSync(swapped);
})();

/** Any extension of GROUPS; without allowJs, not the JavaScript ones */
const CODE_EXTENSION = /\.(?:tsx?|jsx?|[cm][jt]s)$/;
const JS_EXTENSION = /\.[cm]?jsx?$/;
const GROUPS = [
  [".ts", ".tsx", ".d.ts", ".js", ".jsx"],
  [".cts", ".d.cts", ".cjs"],
  [".mts", ".d.mts", ".mjs"],
];

/**
 * TypeScript's getFileNamesFromConfigSpecs, on the visible code files (absolute, `/`-separated,
 * sorted; `js[i]` says whether files[i] is JavaScript).
 */
function fileNames(c: Resolved, { files: visible, js }: { files: string[]; js: boolean[] }): string[] {
  const configDir = (s: string) =>
    s.startsWith("${configDir}") ? path.join(c.dir, s.slice("${configDir}".length)) : s;
  const literal = (c.files ?? []).map((s) => norm(configDir(s)));
  const includes = c.include ?? (c.files ? [] : [path.join(c.dir, "**/*")]);
  // node_modules and friends are not excludes: the wildcards skip them (IMPLICIT_EXCLUDE)
  const excludes = c.exclude ?? [c.outDir, c.declarationDir].filter((d): d is string => !!d);
  const groups = c.allowJs ? GROUPS : GROUPS.map((g) => g.filter((e) => !JS_EXTENSION.test(e)));
  // each include is tested only on the files below its literal folder (TypeScript's base paths)
  const includeRes = includes
    .map((s) => norm(configDir(s)))
    .map((spec) => ({ re: wildcardRegex(spec, "files"), under: `${literalFolder(spec)}/` }))
    .filter((r): r is { re: RegExp; under: string } => !!r.re);
  const excludeRe = excludes.map((s) => wildcardRegex(norm(configDir(s)), "exclude")).filter((r): r is RegExp => !!r);
  // matches in TypeScript's order: grouped by the first include that matches, each group in the
  // order of its folder walk (within a folder, by name), since the priority steps below depend on it
  // each file's first matching include; `visible` is sorted, so the files below an include's
  // folder are one run of it, found by binary search instead of testing every file
  const first = new Map<string, number>();
  includeRes.forEach((r, k) => {
    for (let i = lowerBound(visible, r.under); i < visible.length && visible[i].startsWith(r.under); i++) {
      const f = visible[i];
      if ((!c.allowJs && js[i]) || first.has(f) || !r.re.test(f)) continue;
      first.set(f, k);
    }
  });
  const matches: { file: string; include: number }[] = [];
  for (const [file, include] of first) if (!excludeRe.some((re) => re.test(file))) matches.push({ file, include });
  matches.sort((a, b) => a.include - b.include || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const literalSet = new Set(literal);
  const wildcard = new Set<string>();
  for (const { file } of matches) {
    if (hasHigherPriority(file, groups, literalSet, wildcard)) continue;
    removeLowerPriority(file, groups, wildcard);
    if (!literalSet.has(file)) wildcard.add(file);
  }
  return [...literal, ...wildcard].map((f) => f.split("/").join(path.sep));
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

/** JSON's whitespace and the other characters /\s/ matches, as charCodeAt gives them. */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** JSON with comments and trailing commas, as tsconfigs are written; undefined when it is anything else. */
export function parseJsonc(text: string): unknown {
  // plain JSON (package.json files, many tsconfigs) reads the same either way: no comments, no
  // trailing commas; JSON.parse stops at the first of them
  try {
    return JSON.parse(text);
  } catch {
    // comments, trailing commas, a byte order mark, or not JSON at all: read below
  }
  const n = text.length;
  // past whitespace and comments from i: the next significant character's index
  const skip = (i: number): number => {
    for (;;) {
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      if (text[i] === "/" && text[i + 1] === "/") {
        while (i < n && text[i] !== "\n") i++;
      } else if (text[i] === "/" && text[i + 1] === "*") {
        const end = text.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else {
        return i;
      }
    }
  };
  let out = "";
  let last = ""; // the last character written that is not whitespace
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      last = '"';
      i = j + 1;
    } else if (c === "/" && (text[i + 1] === "/" || text[i + 1] === "*")) {
      if (text[i + 1] === "*" && text.indexOf("*/", i + 2) < 0) return undefined;
      i = skip(i);
    } else if (
      c === "," &&
      (text[skip(i + 1)] === "}" || text[skip(i + 1)] === "]") &&
      last !== "[" &&
      last !== "{" &&
      last !== ","
    ) {
      i++; // a trailing comma after a value (`{,}` stays, and fails as TypeScript fails it)
    } else {
      // up to the next character that may start a string, a comment or a trailing comma
      let j = i + 1;
      for (let d = text.charCodeAt(j); j < n && d !== 0x22 && d !== 0x2f && d !== 0x2c; d = text.charCodeAt(++j));
      out += text.slice(i, j);
      for (let k = j - 1; k >= i; k--) {
        if (isSpace(text.charCodeAt(k))) continue;
        last = text[k];
        break;
      }
      i = j;
    }
  }
  try {
    return JSON.parse(out);
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
