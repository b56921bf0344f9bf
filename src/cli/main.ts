import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { CODE_MAAT_THRESHOLDS } from "../history/cochange.js";
import { DEFAULT_EXCLUDED_AUTHORS, DEFAULT_MAX_CHANGESET } from "../history/readHistory.js";
import { UserError } from "../util/errors.js";
import { DEFAULT_TEST_GLOBS } from "../repo/scope.js";
import { runAnalyze } from "./analyzeCommand.js";
import { runGraph } from "./graphCommand.js";
import { runHistory } from "./historyCommand.js";
import { addScopeFlags, collect } from "./scopeFlags.js";

const wholeNumber = (flag: string, min: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${flag} takes a whole number >= ${min}`);
  return n;
};
const number = (flag: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`${flag} takes a number >= 0`);
  return n;
};

export function buildProgram(): Command {
  const program = new Command("faultline")
    .description("Find where a TypeScript monolith should be cut into services.")
    .version("0.1.0")
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)");

  addScopeFlags(
    program
      .command("analyze", { isDefault: false })
      .description("propose candidate services, rank them, draft the first one's contract; writes analysis.json")
      .argument("[repo]", "repository folder", "."),
  )
    .option("--out <dir>", "where to write analysis.json and the reports (default <repo>/.faultline/)")
    .option("--include-tests", `also analyse tests, stories, mocks, fixtures and generated files (default excludes: ${DEFAULT_TEST_GLOBS.join(" ")})`)
    .option("--since <date>", 'only history after this date, or e.g. "2 years ago" counted back from HEAD\'s date')
    .option("--until <date>", "only history before this date (same forms as --since)")
    .option("--max-changeset <n>", `drop commits touching more analysed files than this (default ${DEFAULT_MAX_CHANGESET})`, wholeNumber("--max-changeset", 1))
    .option("--no-renames", "do not follow renames in history")
    .option("--exclude-author <regex>", "drop commits whose \"Name <email>\" matches (repeatable; default: common bots)", collect)
    .option("--churn", "add lines added/removed to pain (git numstat: slower)")
    .option("--resolution <r>", "clustering granularity: a number (higher = more, smaller services) or auto (default)")
    .option("--seed <n>", "seed of the clustering runs (default 1)", wholeNumber("--seed", 0))
    .option("--weights <list>", "signal weights, e.g. structural=1,cochange=1.5,ownership=0.5,semantic=0")
    .option("--no-cache", "do not read or write the cache")
    .option("--timings", "print wall time per stage on stderr")
    .option("--config <file>", "team settings (default <repo>/faultline.config.json)")
    .option("--max-file-size <bytes>", "skip larger files with a warning", wholeNumber("--max-file-size", 1))
    .option("--quiet", "no progress on stderr")
    .action((repo: string, flags) => runAnalyze(repo, flags));

  addScopeFlags(
    program
      .command("graph")
      .description("print the import graph, each specifier resolved as TypeScript resolves it")
      .argument("[repo]", "repository folder", "."),
  )
    .addOption(new Option("--format <format>", "output format").choices(["json", "dot", "mermaid"]).default("json"))
    .option("--through-barrels", "rewrite each imported symbol's edge to the file that defines it")
    .option("--max-file-size <bytes>", "skip larger files with a warning", wholeNumber("--max-file-size", 1), 1_000_000)
    .option("--quiet", "no progress on stderr")
    .action((repo: string, flags) => runGraph(repo, flags));

  addScopeFlags(
    program
      .command("history")
      .description("change frequency, co-change (code-maat's coupling) and ownership from git")
      .argument("[repo]", "repository folder", "."),
  )
    .option("--since <date>", 'only commits after this date, or e.g. "2 years ago" counted back from HEAD\'s date')
    .option("--until <date>", "only commits before this date (same forms as --since)")
    .option("--max-changeset <n>", "drop commits touching more analysed files than this", wholeNumber("--max-changeset", 1), DEFAULT_MAX_CHANGESET)
    .option("--no-renames", "key files by their path at each commit instead of following renames")
    .option("--exclude-author <regex>", `drop commits whose "Name <email>" matches (repeatable; default: ${DEFAULT_EXCLUDED_AUTHORS})`, collect)
    .option("--churn", "also count lines added/removed per file (git numstat: slower)")
    .option("--min-revs <n>", "coupling: minimum average revisions of the pair", number("--min-revs"), CODE_MAAT_THRESHOLDS.minRevs)
    .option("--min-shared <n>", "coupling: minimum shared commits", number("--min-shared"), CODE_MAAT_THRESHOLDS.minShared)
    .option("--min-coupling <pct>", "coupling: minimum degree in percent", number("--min-coupling"), CODE_MAAT_THRESHOLDS.minCoupling)
    .option("--quiet", "no progress on stderr")
    .action((repo: string, flags) => runHistory(repo, flags));

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version are not errors; usage mistakes are exit 2 (commander already printed them)
      return e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof UserError) {
      process.stderr.write(`faultline: ${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`faultline: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 70;
  },
);
