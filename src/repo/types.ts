import type { PackageManifest } from "./json.js";
import type { ts } from "../util/typescript.cjs";

/** A parsed tsconfig, with the resolution defaults of the TypeScript major the repo uses. */
export interface Tsconfig {
  /** repo-relative */
  path: string;
  abs: string;
  dir: string;
  options: ts.CompilerOptions;
  typescriptMajor: number;
  /** absolute paths of the files its program includes */
  fileNames: string[];
  /** absolute paths of referenced tsconfigs */
  references: string[];
}

/** A package of an npm/yarn/pnpm workspace. */
export interface WorkspacePackage {
  name: string;
  /** absolute folder */
  dir: string;
  manifest: PackageManifest;
}

export interface ScopeFile {
  /** repo-relative, `/`-separated */
  path: string;
  abs: string;
  /** the owning tsconfig */
  tsconfig: Tsconfig;
}

/** The repo as the later stages see it: which files are analysed, under which options. */
export interface RepoScope {
  root: string;
  isGit: boolean;
  tsconfigs: Tsconfig[];
  workspaces: WorkspacePackage[];
  /** sorted by path */
  files: ScopeFile[];
  /** repo-relative paths of every visible file (tracked or not ignored) */
  visible: Set<string>;
}
/** A file that recorded parts of a scope (a YAML proposal's `scope`, accepted.json's). */
export interface ScopeSource {
  source: string;
  parts: readonly ("include" | "exclude" | "tsconfigs")[];
}
