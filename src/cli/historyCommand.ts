import { toHistoryJson } from "../history/historyJson.js";
import { startHistory } from "../history/readHistory.js";
import { checkRepoDir } from "../repo/repoDir.js";
import { stderrLog } from "./log.js";
import type { ScopeFlags } from "./flags.js";

export interface HistoryFlags extends ScopeFlags {
  since?: string;
  until?: string;
  maxChangeset: number;
  renames: boolean;
  excludeAuthor?: string[];
  churn?: boolean;
  minRevs: number;
  minShared: number;
  minCoupling: number;
  quiet?: boolean;
}

export async function runHistory(repo: string, flags: HistoryFlags): Promise<void> {
  const log = stderrLog(flags);
  const root = checkRepoDir(repo);
  // git log starts first and runs while TypeScript loads the file scope
  const pending = await startHistory(
    root,
    { since: flags.since, until: flags.until, maxChangeset: flags.maxChangeset, renames: flags.renames, excludeAuthors: flags.excludeAuthor, churn: flags.churn },
    log,
  );
  log.progress("repo", repo);
  // TypeScript loads while git log runs
  const { discoverRepo } = await import("../repo/scope.js");
  const scope = discoverRepo(repo, { tsconfigs: flags.tsconfig, include: flags.include, exclude: flags.exclude }, log);
  log.progress("history", `reading git log for ${scope.files.length} files`);
  const history = await pending.collect(new Set(scope.files.map((f) => f.path)));
  log.finish();
  const json = toHistoryJson(history, { minRevs: flags.minRevs, minShared: flags.minShared, minCoupling: flags.minCoupling });
  process.stdout.write(JSON.stringify(json, null, 2) + "\n");
}

