import { execFileSync } from "node:child_process";
import path from "node:path";
import { UserError } from "../util/errors.js";
import { plural, verb } from "../util/plural.js";
import type { Log } from "../util/log.js";
import { DEFAULT_TEST_GLOBS } from "./defaults.js";
import { checkRepoDir } from "./repoDir.js";
import { initialTsconfigs, isDeclarationFile, selectScopeFiles, TS_EXT, warnUnmatchedGlobs } from "./scopeFiles.js";
import { loadTsconfigs, visibleParseHost, warnOnce } from "./tsconfigs.js";
import { withDefaultsOf, BUNDLED_TS_MAJOR, typescriptMajorFor } from "./typescriptVersion.js";
import type { RepoScope, ScopeSource, Tsconfig } from "./types.js";
import { isGitWorkTree, listVisibleFiles } from "./visibleFiles.js";
import { findWorkspaces } from "./workspaces.js";

export interface ScopeOptions {
  /** tsconfig paths (relative to the repo or cwd) that replace discovery */
  tsconfigs?: string[];
  include?: string[];
  exclude?: string[];
  /** the file that recorded some of these parts, named in messages about them */
  scopeFrom?: ScopeSource;
}

/**
 * Finds the repo, its tsconfigs, workspaces and the files in scope.
 * `listed`: the repo's visible files when the caller has already asked git for them.
 */
export function discoverRepo(
  rootArg: string,
  opts: ScopeOptions,
  log: Log,
  listed?: { isGit: boolean; visible: string[] },
): RepoScope {
  const root = checkRepoDir(rootArg);

  const isGit = listed?.isGit ?? isGitWorkTree(root);
  const visibleList = listed?.visible ?? listVisibleFiles(root, isGit);
  const visible = new Set(visibleList);

  const loaded = loadTsconfigs(
    root,
    initialTsconfigs(root, opts.tsconfigs, visibleList),
    visibleParseHost(root, visibleList),
  );
  let tsconfigs = loaded.tsconfigs;
  if (tsconfigs.length === 0) {
    const hasTs = visibleList.some((p) => TS_EXT.test(p) && !isDeclarationFile(p));
    if (!hasTs) throw new UserError(`${rootArg}: no TypeScript files and no tsconfig.json found`);
    log.warn(
      `${rootArg}: no tsconfig.json found; analysing every .ts file with TypeScript's default options` +
        (isGit ? insideRepository(root) : ""),
    );
    tsconfigs = [implicitTsconfig(root, visibleList)];
  }

  const { files, unmatched, ownerless } = selectScopeFiles(root, tsconfigs, visible, opts, (t) => !!t.options.allowJs);
  // a scope given: its files that no tsconfig includes are left out, which it says
  if (ownerless.length) warnOwnerless(ownerless, log);
  // what TypeScript said of a config matters where it owns analysed files (all of them, when none is: they may say why)
  const used = new Set(files.map((f) => f.tsconfig.path));
  warnOnce(loaded, (t) => files.length === 0 || used.has(t), log);
  if (files.length === 0) {
    const own = (opts.exclude ?? []).filter((g) => !DEFAULT_TEST_GLOBS.includes(g));
    const globs = [...(opts.include ?? []).map((g) => `include ${g}`), ...own.map((g) => `exclude ${g}`)];
    // the globs are the likelier cause; of many tsconfigs, a few say where the files were looked for
    const shown = tsconfigs.slice(0, 3).map((t) => t.path);
    const more = tsconfigs.length > shown.length ? ` and ${tsconfigs.length - shown.length} more` : "";
    throw new UserError(
      `${rootArg}: no TypeScript files in ${opts.scopeFrom ? `the scope ${opts.scopeFrom.source} records` : "scope"} ` +
        `(${globs.length ? `${globs.join(", ")}; ` : ""}tsconfigs: ${shown.join(", ")}${more})`,
    );
  }
  warnUnmatchedGlobs(unmatched, opts, log);
  return { root, isGit, tsconfigs, workspaces: findWorkspaces(root, visibleList, log), files, visible };
}

/**
 * Where a folder analysed on its own sits in a larger work tree, whose tsconfigs (and path aliases) it leaves out:
 * how to analyse it with them. "" at the top of its work tree.
 */
function insideRepository(root: string): string {
  let top: string;
  try {
    top = execFileSync("git", ["rev-parse", "--show-toplevel"], { cwd: root, encoding: "utf8", stdio: "pipe" }).trim();
  } catch {
    return "";
  }
  const sub = path.relative(top, root).split(path.sep).join("/");
  if (sub === "" || sub.startsWith("..")) return "";
  const command = `faultline analyze ${top} --include '${sub}/**'`;
  return ` (it is the folder ${sub} of the repository ${top}: \`${command}\` reads its tsconfigs)`;
}

function warnOwnerless(ownerless: string[], log: Log): void {
  const few = ownerless.slice(0, 3).join(", ") + (ownerless.length > 3 ? ` and ${ownerless.length - 3} more` : "");
  log.warn(
    `${plural(ownerless.length, "TypeScript file")} in scope ${verb(ownerless.length, "belongs", "belong")} to no ` +
      `tsconfig and ${verb(ownerless.length, "is", "are")} left out (${few}): a tsconfig that includes them, ` +
      "or --tsconfig, takes them in",
  );
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
