import { execFile, execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type ignoreModule from "ignore";
import type { Ignore } from "ignore";
import { requireCjs } from "../util/cjs.js";
import { byString } from "../util/order.js";
import { gitRefusal } from "./gitRefusal.js";

/**
 * The repo's files as a user sees them: tracked plus untracked-but-not-ignored, repo-relative.
 * In a git work tree git itself answers (it knows every .gitignore, info/exclude and the
 * global excludes); elsewhere we walk the folder and apply the .gitignore files we meet.
 */
export function listVisibleFiles(root: string, isGit: boolean): string[] {
  return isGit ? gitFiles(root) : walkWithGitignore(root);
}

/** Whether `root` is in a git work tree; git's refusal to read one that is there (gitRefusal) is thrown. */
export function isGitWorkTree(root: string): boolean {
  try {
    const out = execFileSync("git", ["rev-parse", "--is-inside-work-tree"], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return out.trim() === "true";
  } catch (e) {
    // with encoding utf8, the error carries git's stderr as a string (absent when git did not run)
    const refusal = gitRefusal((e as { stderr?: string }).stderr ?? "", root);
    if (refusal) throw refusal;
    return false;
  }
}

// -z and core.quotepath=off: names with spaces, quotes, newlines and unicode come through raw.
// -t tags each name: a deleted-but-still-indexed file comes once as cached (H) and once as
// deleted (R); git's stat of the work tree is cheaper than one existsSync a file. A file a sparse
// checkout leaves out of the work tree comes as skip-worktree (S), and git does not stat it: each costs
// one existsSync (a few milliseconds per thousand), since one marked skip-worktree by hand is there.
const LS_FILES = [
  "-c",
  "core.quotepath=off",
  "ls-files",
  "-t",
  "-z",
  "--cached",
  "--others",
  "--exclude-standard",
  "--deleted",
];

/** How both callers run it: in the repository, a file list as large as git gives. */
const lsOptions = (root: string) => ({ cwd: root, encoding: "utf8" as const, maxBuffer: 1 << 30 });

/** The list from git; git's refusal to list (a corrupt `.git/index`, another owner) is one line for the user. */
function gitFiles(root: string): string[] {
  let out: string;
  try {
    out = execFileSync("git", LS_FILES, { ...lsOptions(root), stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    throw gitRefusal((e as { stderr?: string }).stderr ?? "", root) ?? e;
  }
  return parseLsFiles(out, root);
}

/**
 * The same list, asked without blocking: a caller with git already running starts this first
 * and finds the answer ready when it needs it. Undefined outside a git work tree.
 */
export function gitFilesAsync(root: string): Promise<string[] | undefined> {
  return new Promise((resolve) =>
    execFile("git", LS_FILES, lsOptions(root), (err, out) => resolve(err ? undefined : parseLsFiles(out, root))),
  );
}

function parseLsFiles(out: string, root: string): string[] {
  const seen = new Set<string>();
  const deleted = new Set<string>();
  for (const entry of out.split("\0")) {
    if (entry.length < 3) continue;
    const file = entry.slice(2);
    // skip-worktree: outside a sparse checkout (immich without docs/), or marked so by hand and still on disk
    if (entry[0] === "R" || (entry[0] === "S" && !existsSync(path.join(root, file)))) deleted.add(file);
    else seen.add(file);
  }
  for (const p of deleted) seen.delete(p);
  return [...seen].sort(byString);
}

const ALWAYS_SKIPPED = new Set([".git", "node_modules"]);

function walkWithGitignore(root: string): string[] {
  const ignore = requireCjs("ignore") as typeof ignoreModule;
  const files: string[] = [];
  const walk = (dir: string, rel: string, rules: { base: string; ig: Ignore }[]) => {
    const gi = path.join(dir, ".gitignore");
    if (existsSync(gi)) rules = [...rules, { base: rel, ig: ignore().add(readFileSync(gi, "utf8")) }];
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => byString(a.name, b.name));
    for (const e of entries) {
      if (ALWAYS_SKIPPED.has(e.name)) continue;
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      const isDir = e.isDirectory();
      const ignored = rules.some(({ base, ig }) => {
        const local = base ? childRel.slice(base.length + 1) : childRel;
        return ig.ignores(isDir ? `${local}/` : local);
      });
      if (ignored) continue;
      if (isDir) walk(path.join(dir, e.name), childRel, rules);
      else if (e.isFile()) files.push(childRel);
    }
  };
  walk(root, "", []);
  return files.sort(byString);
}
