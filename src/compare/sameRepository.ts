import { existsSync } from "node:fs";
import path from "node:path";
import picomatch from "picomatch";
import { hasCommit, headSha } from "../history/repoState.js";
import { UserError } from "../util/errors.js";
import type { RawProposal } from "./proposalFile.js";

/** What a proposal says of where it was made: its commit, and the paths its globs start from. */
export type MadeAt = Pick<RawProposal, "source" | "head" | "kernel"> & { services: { patterns: string[] }[] };

/** A proposal's files and globs whose fixed part (the file, or the folder a glob starts from) is not in `root`. */
function absentPaths(p: MadeAt, root: string): { absent: number; all: number } {
  const patterns = [...p.services.flatMap((s) => s.patterns), ...p.kernel];
  const absent = patterns.filter((pattern) => !existsSync(path.join(root, picomatch.scan(pattern).base)));
  return { absent: absent.length, all: patterns.length };
}

/**
 * Every proposal that records the commit it was made at (analysis.json, proposal.json, an
 * exported YAML) must be of the repository it is scored against, or each of its paths is a
 * warning and its scores mean nothing. A commit the repository does not have is not enough to
 * tell: a clone that has not fetched it lacks it too. So it takes both: the commit is missing,
 * and most of its paths are not in the work tree. A hand-written proposal records no commit.
 */
export function checkSameRepository(proposals: MadeAt[], root: string, repoGiven: boolean): void {
  const head = headSha(root);
  if (!head) {
    // no git, or no commits: only the paths tell, and a folder holding few of them is the wrong one
    // (run from elsewhere than the repository, without --repo)
    for (const p of proposals) {
      const { absent, all } = absentPaths(p, root);
      if (all > 0 && absent * 2 > all)
        throw new UserError(
          `${p.source}: ${absent} of its ${all} paths are not in ${root}: ` +
            (repoGiven
              ? "is --repo the repository it was made of?"
              : "give the repository it was made of with --repo (the default is the current folder)"),
        );
    }
    return;
  }
  for (const p of proposals) {
    if (!p.head || !/^[0-9a-f]{4,64}$/i.test(p.head) || head.startsWith(p.head) || hasCommit(root, p.head)) continue;
    const { absent, all } = absentPaths(p, root);
    if (absent * 2 <= all) continue; // the same code at a commit not fetched: the "made at" warning says so
    throw new UserError(
      `${p.source}: made from another repository: its commit ${p.head.slice(0, 12)} is not in ${root} (--repo), ` +
        `and ${absent} of its ${all} paths are not there either`,
    );
  }
}
