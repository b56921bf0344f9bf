import { existsSync, statSync } from "node:fs";
import path from "node:path";
import picomatch from "picomatch";
import { UserError } from "../util/errors.js";
import type { Log } from "../util/log.js";
import { toRepoPath } from "../util/paths.js";
import { checkRepoDir } from "./repoDir.js";
import { compareOwnership, loadTsconfigs, tsconfigCandidates, visibleParseHost } from "./tsconfigs.js";
import { withDefaultsOf, BUNDLED_TS_MAJOR, typescriptMajorFor } from "./typescriptVersion.js";
import type { RepoScope, ScopeFile, Tsconfig } from "./types.js";
import { isGitWorkTree, listVisibleFiles } from "./visibleFiles.js";
import { findWorkspaces } from "./workspaces.js";


export interface ScopeOptions {
  /** tsconfig paths (relative to the repo or cwd) that replace discovery */
  tsconfigs?: string[];
  include?: string[];
  exclude?: string[];
}

const TS_EXT = /\.(ts|tsx|mts|cts)$/;
const JS_EXT = /\.(js|jsx|mjs|cjs)$/;
const DECLARATION = /\.d\.(ts|mts|cts)$|\.d\.[^/]*\.ts$/;

export function isDeclarationFile(p: string): boolean {
  return DECLARATION.test(p);
}

/** Finds the repo, its tsconfigs, workspaces and the files in scope (SPEC "Common rules"). */
export function discoverRepo(rootArg: string, opts: ScopeOptions, log: Log): RepoScope {
  const root = checkRepoDir(rootArg);

  const isGit = isGitWorkTree(root);
  const visibleList = listVisibleFiles(root, isGit);
  const visible = new Set(visibleList);

  const explicit = opts.tsconfigs?.map((t) => {
    const fromCwd = path.resolve(t);
    const abs = existsSync(fromCwd) ? fromCwd : path.resolve(root, t);
    if (!existsSync(abs)) throw new UserError(`--tsconfig ${t}: file not found`);
    return statSync(abs).isDirectory() ? path.join(abs, "tsconfig.json") : abs;
  });
  let tsconfigs = loadTsconfigs(root, explicit ?? tsconfigCandidates(visibleList), visibleParseHost(root, visibleList), log);
  if (tsconfigs.length === 0) {
    const hasTs = visibleList.some((p) => TS_EXT.test(p) && !isDeclarationFile(p));
    if (!hasTs) throw new UserError(`${rootArg}: no TypeScript files and no tsconfig.json found`);
    log.warn(`${rootArg}: no tsconfig.json found; analysing every .ts file with TypeScript's default options`);
    tsconfigs = [implicitTsconfig(root, visibleList)];
  }

  const owners = new Map<string, Tsconfig[]>();
  for (const t of tsconfigs) {
    for (const f of t.fileNames) {
      const list = owners.get(f);
      if (list) list.push(t);
      else owners.set(f, [t]);
    }
  }
  const include = opts.include?.length ? picomatch(opts.include, { dot: true }) : () => true;
  const exclude = opts.exclude?.length ? picomatch(opts.exclude, { dot: true }) : () => false;
  const files: ScopeFile[] = [];
  for (const [abs, list] of owners) {
    const rel = toRepoPath(root, abs);
    if (rel.startsWith("..") || !visible.has(rel) || isDeclarationFile(rel)) continue;
    if (!include(rel) || exclude(rel)) continue;
    const owner = list.sort(compareOwnership)[0];
    if (!TS_EXT.test(rel) && !(JS_EXT.test(rel) && owner.options.allowJs)) continue;
    files.push({ path: rel, abs, tsconfig: owner });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (files.length === 0) {
    throw new UserError(`${rootArg}: no TypeScript files in scope (tsconfigs: ${tsconfigs.map((t) => t.path).join(", ")})`);
  }
  return { root, isGit, tsconfigs, workspaces: findWorkspaces(root, visibleList, log), files, visible };
}


function implicitTsconfig(root: string, visible: string[]): Tsconfig {
  const major = typescriptMajorFor(root, root) ?? BUNDLED_TS_MAJOR;
  return {
    path: "(none)",
    abs: path.join(root, "tsconfig.json"),
    dir: root,
    options: withDefaultsOf(major, {}),
    typescriptMajor: major,
    fileNames: visible
      .filter((p) => TS_EXT.test(p) && !p.split("/").includes("node_modules"))
      .map((p) => path.join(root, p)),
    references: [],
  };
}
