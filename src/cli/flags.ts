import type { Command } from "commander";
import { requireCjs } from "../util/cjs.js";
import { DEFAULT_MAX_CHANGESET, DEFAULT_MIN_COMMITS } from "../history/defaults.js";
import { DEFAULT_TEST_GLOBS } from "../repo/defaults.js";

const { InvalidArgumentError, Option } = requireCjs("commander") as typeof import("commander");

export interface ScopeFlags {
  tsconfig?: string[];
  include?: string[];
  exclude?: string[];
}

export const collect = (value: string, previous: string[] = []) => [...previous, value];

export const wholeNumber = (flag: string, min: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${flag} takes a whole number >= ${min}`);
  return n;
};

export const nonNegative = (flag: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`${flag} takes a number >= 0`);
  return n;
};

/** The file-scope flags every command that reads the code shares. */
export function addScopeFlags(cmd: Command): Command {
  return cmd
    .option("--tsconfig <path>", "use this tsconfig instead of discovering them (repeatable)", collect)
    .option("--include <glob>", "only files matching (repeatable)", collect)
    .option("--exclude <glob>", "leave out files matching (repeatable)", collect);
}

/** The flags of every command that runs the analysis (analyze, explain, contract). */
export function addAnalysisFlags(cmd: Command): Command {
  return addScopeFlags(cmd)
    .option(
      "--include-tests",
      `also analyse tests, stories, mocks, fixtures and generated files (default excludes: ` +
        `${DEFAULT_TEST_GLOBS.join(" ")})`,
    )
    .addOption(
      new Option(
        "--tier <tier>",
        "which files services are made of: server-side code, the front end, or all (default server)",
      ).choices(["server", "client", "all"]),
    )
    .option("--since <date>", 'only history after this date, or e.g. "2 years ago" counted back from HEAD\'s date')
    .option("--until <date>", "only history before this date (same forms as --since)")
    .option(
      "--max-changeset <n>",
      `drop commits touching more analysed files than this (default ${DEFAULT_MAX_CHANGESET})`,
      wholeNumber("--max-changeset", 1),
    )
    .option("--no-renames", "do not follow renames in history")
    .option(
      "--min-commits <n>",
      `name no first pick when fewer commits touch the analysed files (default ${DEFAULT_MIN_COMMITS})`,
      wholeNumber("--min-commits", 0),
    )
    .option(
      "--exclude-author <regex>",
      'drop commits whose "Name <email>" matches (repeatable; default: common bots)',
      collect,
    )
    .option("--churn", "add lines added/removed to pain (git numstat: slower)")
    .option(
      "--resolution <r>",
      "the module level's clustering resolution: a number (higher = more, smaller modules) or auto (default)",
    )
    .option("--seed <n>", "seed of the clustering runs (default 1)", wholeNumber("--seed", 0))
    .option("--weights <list>", "signal weights (default structural=1,cochange=1,ownership=0.25,semantic=0.5)")
    .option("--no-cache", "do not read or write the cache")
    .option("--timings", "print wall time and peak memory per stage on stderr")
    .option("--config <file>", "team settings (default <repo>/faultline.config.json)")
    .option("--max-file-size <bytes>", "skip larger files with a warning", wholeNumber("--max-file-size", 1))
    .option("--quiet", "no progress on stderr");
}
