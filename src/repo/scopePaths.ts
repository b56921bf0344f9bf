import type { Log } from "../util/log.js";
import { readConfigListings } from "./configFiles.js";
import { checkRepoDir } from "./repoDir.js";
import { initialTsconfigs, selectScopeFiles, warnUnmatchedGlobs } from "./scopeFiles.js";
import type { ScopeOptions } from "./scope.js";
import { isGitWorkTree, listVisibleFiles } from "./visibleFiles.js";

/**
 * The analysed files' repo-relative paths, which is all `faultline history` needs: read from the
 * tsconfigs without TypeScript when they are plain (configFiles.ts), else from TypeScript's own
 * parse (scope.ts), which also reports what is wrong with them. One rule chooses the files either
 * way. The fast path warns, as TypeScript does, about an `extends` of a package that is not
 * installed; it says nothing about options that do not change which files count (an unknown
 * compiler option, a deprecation): `graph` and `analyze` report those.
 */
export async function scopePaths(
  rootArg: string,
  opts: ScopeOptions,
  log: Log,
  gitFiles?: Promise<string[] | undefined>,
): Promise<string[]> {
  const root = checkRepoDir(rootArg);
  // git's file list, if the caller asked for it early (undefined: not a work tree, ask again here)
  const early = await gitFiles;
  const isGit = early !== undefined || isGitWorkTree(root);
  const visible = early ?? listVisibleFiles(root, isGit);
  const warnings: string[] = [];
  const listings = readConfigListings(root, initialTsconfigs(root, opts.tsconfigs, visible), visible, warnings);
  if (listings?.length) {
    const { files, unmatched } = selectScopeFiles(root, listings, new Set(visible), opts, (t) => t.allowJs);
    if (files.length) {
      for (const w of warnings) log.warn(w);
      warnUnmatchedGlobs(unmatched, opts, log);
      return files.map((f) => f.path);
    }
  }
  const { discoverRepo } = await import("./scope.js");
  return discoverRepo(rootArg, opts, log, { isGit, visible }).files.map((f) => f.path);
}
