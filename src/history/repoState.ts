import { simpleGit } from "simple-git";
import { UserError } from "../util/errors.js";

export interface RepoState {
  head: string | undefined;
  /** HEAD's committer date, seconds */
  headTime: number;
  shallow: boolean;
  partial: boolean;
}

/** What git says about the repository before the log is read. */
export async function readRepoState(root: string): Promise<RepoState> {
  const git = simpleGit({ baseDir: root });
  let isRepo = false;
  try {
    isRepo = (await git.raw(["rev-parse", "--is-inside-work-tree"])).trim() === "true";
  } catch {
    isRepo = false;
  }
  if (!isRepo) throw new UserError(`${root}: not a git repository (faultline graph works without history)`);
  let head: string | undefined;
  let headTime = 0;
  try {
    const out = (await git.raw(["log", "-1", "--format=%H %ct", "HEAD"])).trim();
    const [sha, ct] = out.split(" ");
    head = sha;
    headTime = Number(ct);
  } catch {
    head = undefined; // a repository without commits
  }
  const shallow = (await git.raw(["rev-parse", "--is-shallow-repository"]).catch(() => "false")).trim() === "true";
  const promisor = await git.raw(["config", "--get-regexp", "^(extensions\\.partialclone|remote\\..*\\.promisor)$"]).catch(() => "");
  return { head, headTime, shallow, partial: promisor.trim() !== "" };
}

/** Merge commits in the range, for skipped.merges (the log itself runs with --no-merges). */
export async function countMerges(root: string, rangeArgs: string[]): Promise<number> {
  const out = await simpleGit({ baseDir: root }).raw(["rev-list", "--count", "--merges", ...rangeArgs, "HEAD"]);
  return Number(out.trim()) || 0;
}

export async function countCommits(root: string): Promise<number> {
  const out = await simpleGit({ baseDir: root }).raw(["rev-list", "--count", "HEAD"]);
  return Number(out.trim()) || 0;
}

/** Whether `older` is an ancestor of `newer` (history only moved forward). */
export async function isAncestor(root: string, older: string, newer: string): Promise<boolean> {
  try {
    await simpleGit({ baseDir: root }).raw(["merge-base", "--is-ancestor", older, newer]);
    return true;
  } catch {
    return false;
  }
}
