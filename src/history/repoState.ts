import { execFileSync } from "node:child_process";
import type { SimpleGit } from "simple-git";
import { requireCjs } from "../util/cjs.js";
import { gitRefusal } from "../repo/gitRefusal.js";
import { UserError } from "../util/errors.js";

/** simple-git, loaded on first use (the history log is already running by then), through its CommonJS build. */
function gitAt(root: string): SimpleGit {
  const { simpleGit } = requireCjs("simple-git") as typeof import("simple-git");
  return simpleGit({ baseDir: root });
}

export interface RepoState {
  head: string | undefined;
  /** HEAD's committer date, seconds */
  headTime: number;
  shallow: boolean;
  partial: boolean;
}

/**
 * What git says about the repository before the log is read (two git calls at once); `partial`
 * is isPartialClone's answer.
 */
export async function readRepoState(root: string, partial: boolean): Promise<RepoState> {
  const git = gitAt(root);
  const [flags, head] = await Promise.all([
    git.raw(["rev-parse", "--is-inside-work-tree", "--is-shallow-repository"]).then(
      (out) => out.trim().split("\n"),
      (e: Error) => {
        // a repository git refuses to read (another user's) is not "not a git repository"
        const refusal = gitRefusal(e.message, root);
        if (refusal) throw refusal;
        return [];
      },
    ),
    git.raw(["log", "-1", "--format=%H %ct", "HEAD"]).then(
      (out) => out.trim().split(" "),
      () => undefined, // a repository without commits (or no repository: see flags)
    ),
  ]);
  if (flags[0] !== "true") throw new UserError(`${root}: not a git repository (faultline graph works without history)`);
  return { head: head?.[0], headTime: Number(head?.[1] ?? 0), shallow: flags[1] === "true", partial };
}

/** A git command's output (trimmed), run synchronously; undefined when git fails. */
function gitSync(root: string, args: string[]): string | undefined {
  try {
    return execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

/**
 * Whether the repository is a partial (blobless) clone. Asked synchronously, before the log is
 * spawned: rename detection in a partial clone makes git fetch blobs from the remote, which is
 * a write into the analysed repository, so the log must know before it starts.
 */
export function isPartialClone(root: string): boolean {
  // exit 1 (undefined): no such key; or not a repository, which the state queries report
  const out = gitSync(root, ["config", "--get-regexp", "^(extensions\\.partialclone|remote\\..*\\.promisor)$"]);
  return !!out;
}

/** HEAD's sha, asked synchronously (a few milliseconds); undefined without commits or repository. */
export function headSha(root: string): string | undefined {
  return gitSync(root, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]) || undefined;
}

/** Whether the repository holds this commit (a full or abbreviated sha). */
export function hasCommit(root: string, sha: string): boolean {
  return gitSync(root, ["cat-file", "-e", `${sha}^{commit}`]) !== undefined;
}

export async function countCommits(root: string): Promise<number> {
  const out = await gitAt(root).raw(["rev-list", "--count", "HEAD"]);
  return Number(out.trim()) || 0;
}

/** Whether `older` is an ancestor of `newer` (history only moved forward). */
export async function isAncestor(root: string, older: string, newer: string): Promise<boolean> {
  try {
    await gitAt(root).raw(["merge-base", "--is-ancestor", older, newer]);
    return true;
  } catch {
    return false;
  }
}
