import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { ts } from "../util/typescript.cjs";
import { UserError } from "../util/errors.js";
import type { Log } from "../util/log.js";
import { byString, toRepoPath } from "../util/paths.js";
import { typescriptMajorFor, withDefaultsOf } from "./typescriptVersion.js";
import type { Tsconfig } from "./types.js";

const TSCONFIG_NAME = /^tsconfig(\..+)?\.json$/;

/** Diagnostics that are not a broken tsconfig: deprecations TS 6 reports for options real repos use, and "no inputs". */
const HARMLESS = new Set([5101, 5107, 5108, 5110, 18003, 5102]);
const CIRCULARITY = 18000;
const FILE_NOT_FOUND = 6053;

export function tsconfigCandidates(visible: string[]): string[] {
  return visible.filter((p) => TSCONFIG_NAME.test(path.posix.basename(p)) && !p.split("/").includes("node_modules"));
}

const parseHost: ts.ParseConfigHost = {
  useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
  readDirectory: ts.sys.readDirectory,
  fileExists: ts.sys.fileExists,
  readFile: ts.sys.readFile,
};

/**
 * Reads and fully parses tsconfigs (extends, include/exclude, references), following project
 * references to configs not found by name. A tsconfig that is not JSON, or whose `extends`
 * loops, is an error naming the file; an `extends` that is not installed is warned about once.
 */
export function loadTsconfigs(root: string, initial: string[], log: Log): Tsconfig[] {
  const queue = initial.map((p) => path.resolve(root, p));
  const seen = new Set<string>();
  const out: Tsconfig[] = [];
  const warned = new Set<string>();
  while (queue.length) {
    const abs = queue.shift()!;
    if (seen.has(abs)) continue;
    seen.add(abs);
    const cfg = parseTsconfig(root, abs, log, warned);
    out.push(cfg);
    for (const ref of cfg.references) queue.push(ref);
  }
  return out.sort((a, b) => byString(a.path, b.path));
}

function parseTsconfig(root: string, abs: string, log: Log, warned: Set<string>): Tsconfig {
  const rel = toRepoPath(root, abs);
  if (!existsSync(abs)) throw new UserError(`${rel}: tsconfig not found`);
  const text = ts.sys.readFile(abs) ?? "";
  const json = ts.parseJsonText(abs, text);
  const syntax = (json as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  if (syntax?.length) throw new UserError(`${rel}:${position(syntax[0])}: not valid JSON: ${message(syntax[0])}`);
  const parsed = ts.parseJsonSourceFileConfigFileContent(json, parseHost, path.dirname(abs), undefined, abs);
  for (const d of parsed.errors) {
    if (HARMLESS.has(d.code)) continue;
    if (d.code === CIRCULARITY) throw new UserError(`${rel}: ${message(d)}`);
    const key = d.code === FILE_NOT_FOUND ? message(d) : `${rel}:${d.code}`;
    if (warned.has(key)) continue;
    warned.add(key);
    const where = d.file ? `${toRepoPath(root, d.file.fileName)}:${position(d)}` : rel;
    const hint = d.code === FILE_NOT_FOUND ? " (not installed? continuing with the rest of the config)" : "";
    log.warn(`${where}: ${message(d)}${hint}`);
  }
  const dir = path.dirname(abs);
  const major = typescriptMajorFor(dir, root);
  const references = (parsed.projectReferences ?? []).map((r) => {
    const p = ts.resolveProjectReferencePath(r);
    return existsSync(p) && statSync(p).isFile() ? p : path.join(p, "tsconfig.json");
  });
  return {
    path: rel,
    abs,
    dir,
    options: withDefaultsOf(major, parsed.options),
    typescriptMajor: major,
    fileNames: parsed.fileNames.map((f) => path.resolve(f)),
    references: references.filter((r) => existsSync(r)),
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

/**
 * The tsconfig that owns a file when several list it: the nearest (deepest folder); among
 * equals `tsconfig.json` first, then by name (SPEC).
 */
export function compareOwnership(a: Tsconfig, b: Tsconfig): number {
  const depth = (t: Tsconfig) => t.path.split("/").length;
  if (depth(a) !== depth(b)) return depth(b) - depth(a);
  const base = (t: Tsconfig) => path.posix.basename(t.path);
  if ((base(a) === "tsconfig.json") !== (base(b) === "tsconfig.json")) return base(a) === "tsconfig.json" ? -1 : 1;
  return byString(a.path, b.path);
}
