import { startHistory } from "../history/readHistory.js";
import { checkRepoDir } from "../repo/repoDir.js";
import { stderrLog } from "./log.js";
import type { Io } from "./io.js";
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

export async function runHistory(repo: string, flags: HistoryFlags, io: Io): Promise<void> {
  const log = stderrLog(flags, io);
  const root = checkRepoDir(repo);
  // git log starts at once (inside startHistory, before its first await); the state queries
  // then run while the file scope is found
  const started = startHistory(
    root,
    {
      since: flags.since,
      until: flags.until,
      maxChangeset: flags.maxChangeset,
      renames: flags.renames,
      excludeAuthors: flags.excludeAuthor,
      churn: flags.churn,
      bothEnds: true,
    },
    log,
  );
  started.catch(() => undefined); // awaited below; this only keeps Node from calling it unhandled meanwhile
  // git's file list is asked for now too, so that it is ready when the scope needs it
  const { gitFilesAsync } = await import("../repo/visibleFiles.js");
  const gitFiles = gitFilesAsync(root);
  let paths: string[];
  try {
    // loaded after git has started: the log is the longest step, everything else waits behind it
    const { scopePaths } = await import("../repo/scopePaths.js");
    paths = await scopePaths(
      repo,
      { tsconfigs: flags.tsconfig, include: flags.include, exclude: flags.exclude },
      log,
      gitFiles,
    );
  } catch (e) {
    (await started).abandon(); // a repository error from git comes first
    throw e;
  }
  const pending = await started;
  log.progress("history", `reading git log for ${paths.length} files`);
  const history = await pending.collect(new Set(paths));
  log.finish();
  const { toHistoryJson } = await import("../history/historyJson.js");
  const json = toHistoryJson(history, {
    minRevs: flags.minRevs,
    minShared: flags.minShared,
    minCoupling: flags.minCoupling,
  });
  io.out(JSON.stringify(json, null, 2) + "\n");
}
