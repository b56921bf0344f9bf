import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { isJsonObject, parseJsonc, valueOffsets } from "./jsonc.js";
import { isFile } from "./scopeFiles.js";
import { rejectedSpec, type ConfigSpecs } from "./tsconfigWildcards.js";

/**
 * A tsconfig with its `extends` chain applied, read without TypeScript by TypeScript's rules:
 * relative and absolute bases (arrays too, later ones winning), `${configDir}`, `references`.
 *
 * An `extends` of a package is looked up as TypeScript looks it up, in the plain cases
 * (packageExtends); one found in no `node_modules` (a checkout without `npm install`) is skipped
 * with the warning TypeScript gives, at the same line and column (MissingBase). Anything else it
 * does not follow exactly (a config that is not plain JSON with comments, a package with
 * `exports`, a loop, a missing file) gives undefined: the caller then asks TypeScript, whose
 * errors and warnings are the ones users should see.
 */

/** A package `extends` TypeScript cannot resolve, where it is written. */
export interface MissingBase {
  spec: string;
  file: string;
  line: number;
  column: number;
}

/** A tsconfig after `extends`, with the paths of its project references as written. */
export interface Resolved extends ConfigSpecs {
  references: string[];
}

/** The tsconfig at `abs` with its bases applied; `stack`: the configs extending it, to stop at a loop. */
export function resolveConfig(abs: string, stack: string[], missing: MissingBase[]): Resolved | undefined {
  // jsconfig.json has defaults of its own (allowJs): left to TypeScript
  if (stack.includes(abs) || !isFile(abs) || path.basename(abs) === "jsconfig.json") return undefined;
  const read = readTsconfig(abs);
  if (!read) return undefined;
  const { text, json, opts } = read;
  const dir = path.dirname(abs);
  const targets = baseTargets(json.extends, abs, text, missing);
  if (!targets) return undefined;
  // a base's settings come first, each later one and then the file itself override them
  let base: Resolved = { dir, references: [] };
  for (const target of targets) {
    const parent = resolveConfig(target, [...stack, abs], missing);
    if (!parent) return undefined;
    const { files, include, exclude, outDir, declarationDir, allowJs } = parent;
    base = { ...base, ...defined({ files, include, exclude, outDir, declarationDir, allowJs }) };
  }
  const files = ownSpecs(json, "files", dir);
  const include = ownSpecs(json, "include", dir);
  const exclude = ownSpecs(json, "exclude", dir);
  if (files === null || include === null || exclude === null) return undefined;
  const refs: unknown[] = Array.isArray(json.references) ? json.references : [];
  const references = refs.map((r) => (isJsonObject(r) && typeof r.path === "string" ? r.path : undefined));
  if (references.some((r) => r === undefined)) return undefined;
  return {
    ...base,
    ...defined({
      files,
      include,
      exclude,
      outDir: absOption(opts.outDir, dir),
      declarationDir: absOption(opts.declarationDir, dir),
    }),
    dir,
    allowJs: typeof opts.allowJs === "boolean" ? opts.allowJs : base.allowJs,
    references: references as string[],
  };
}

type Json = Record<string, unknown>;

/** A tsconfig's text and JSON; undefined when it is not an object, or resets with `null` what a base set. */
function readTsconfig(abs: string): { text: string; json: Json; opts: Json } | undefined {
  let text = readFileSync(abs, "utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // TypeScript counts columns without it
  const json = parseJsonc(text);
  if (!isJsonObject(json)) return undefined;
  const opts = isJsonObject(json.compilerOptions) ? json.compilerOptions : {};
  // a null resets what a base set: left to TypeScript
  if (["files", "include", "exclude", "extends"].some((k) => json[k] === null)) return undefined;
  if (["allowJs", "checkJs", "outDir", "declarationDir"].some((k) => opts[k] === null)) return undefined;
  return { text, json, opts };
}

/**
 * The files an `extends` value names, in order. As TypeScript does: every base's path first,
 * recording the packages not installed (skipped), then the caller reads the bases.
 */
function baseTargets(value: unknown, abs: string, text: string, missing: MissingBase[]): string[] | undefined {
  const dir = path.dirname(abs);
  const bases = value === undefined ? [] : Array.isArray(value) ? (value as unknown[]) : [value];
  const targets: string[] = [];
  for (const [k, spec] of bases.entries()) {
    if (typeof spec !== "string") return undefined;
    const target = isPackageSpec(spec) ? packageExtends(spec, dir) : extendsPath(spec, dir);
    if (target === null) {
      // where TypeScript places its warning: the value's opening quote
      const at = valueOffsets(text, "extends");
      if (at?.length !== bases.length) return undefined;
      missing.push({ spec, file: abs, ...lineAndColumn(text, at[k]) });
      continue;
    }
    if (!target) return undefined;
    targets.push(target);
  }
  return targets;
}

/** A `files`, `include` or `exclude` of the file itself, absolute (or `${configDir}`-relative); null: not valid. */
function ownSpecs(json: Json, key: "files" | "include" | "exclude", dir: string): string[] | undefined | null {
  const v = json[key];
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((s) => typeof s === "string")) return null;
  if (v.some((s: string) => rejectedSpec(key, s))) return null;
  return v.map((s: string) => (s.startsWith("${configDir}") || path.isAbsolute(s) ? s : path.join(dir, s)));
}

function absOption(v: unknown, dir: string): string | undefined {
  return typeof v === "string" ? (v.startsWith("${configDir}") ? v : path.resolve(dir, v)) : undefined;
}

/** Not relative, not absolute: TypeScript resolves it as a module (nodeNextJsonConfigResolver). */
function isPackageSpec(spec: string): boolean {
  return !(spec.startsWith("./") || spec.startsWith("../") || path.isAbsolute(spec));
}

/** TypeScript's getExtendsConfigPath for relative and absolute specifiers (packages: packageExtends). */
function extendsPath(spec: string, dir: string): string | undefined {
  let target = path.resolve(dir, spec);
  if (!isFile(target) && !target.endsWith(".json")) target += ".json";
  return isFile(target) ? target : undefined;
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
    if (!isJsonObject(pkg)) return undefined;
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
    if (
      !isJsonObject(pkg) ||
      pkg.exports !== undefined ||
      pkg.typesVersions !== undefined ||
      pkg.tsconfig !== undefined
    )
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

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
