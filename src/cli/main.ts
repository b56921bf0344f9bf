import { requireCjs } from "../util/cjs.js";
import { CODE_MAAT_THRESHOLDS } from "../history/cochange.js";
import { DEFAULT_EXCLUDED_AUTHORS, DEFAULT_MAX_CHANGESET } from "../history/defaults.js";
import { UserError } from "../util/errors.js";
import { addAnalysisFlags, addScopeFlags, collect, nonNegative, wholeNumber } from "./flags.js";

const { Command, CommanderError, Option } = requireCjs("commander") as typeof import("commander");
type Command = import("commander").Command;

// Each command loads its own modules when it runs: `--help` or `history` need not load the
// HTML renderer, YAML, zod or ts-morph's Project layer.
const runAnalyze: typeof import("./analyzeCommand.js").runAnalyze = async (...a) =>
  (await import("./analyzeCommand.js")).runAnalyze(...a);
const runExplain: typeof import("./explainCommand.js").runExplain = async (...a) =>
  (await import("./explainCommand.js")).runExplain(...a);
const runContract: typeof import("./contractCommand.js").runContract = async (...a) =>
  (await import("./contractCommand.js")).runContract(...a);
const runGraph: typeof import("./graphCommand.js").runGraph = async (...a) =>
  (await import("./graphCommand.js")).runGraph(...a);
const runHistory: typeof import("./historyCommand.js").runHistory = async (...a) =>
  (await import("./historyCommand.js")).runHistory(...a);
const runReport = async (...a: Parameters<typeof import("./reportCommand.js").runReport>) =>
  (await import("./reportCommand.js")).runReport(...a);
const compare = () => import("./compareCommands.js");

export function buildProgram(): Command {
  const program = new Command("faultline")
    .description("Find where a TypeScript monolith should be cut into services.")
    .version("0.1.0")
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText(
      "after",
      "\nEnvironment:\n  NO_COLOR=1                     no colour on a terminal\n  FAULTLINE_NO_COMPILE_CACHE=1   do not keep TypeScript's compiled code in $TMPDIR between runs",
    );

  addAnalysisFlags(
    program
      .command("analyze")
      .description(
        "propose candidate services, rank them, draft their contracts; writes analysis.json, report.md, report.html",
      )
      .argument("[repo]", "repository folder", "."),
  )
    .option("--out <dir>", "where to write analysis.json and the reports (default <repo>/.faultline/)")
    .action((repo: string, flags) => runAnalyze(repo, flags));

  addAnalysisFlags(
    program
      .command("explain")
      .description("why a file sits in its service: strongest ties, runner-up service, what would move it")
      .argument("<file>", "a file of the repo (repo-relative)")
      .argument("[repo]", "repository folder", "."),
  ).action((file: string, repo: string, flags) => runExplain(file, repo, flags));

  addAnalysisFlags(
    program
      .command("contract")
      .description("print a service's draft contract as a TypeScript declaration sketch")
      .argument("<service>", "service id or name")
      .argument("[repo]", "repository folder", "."),
  ).action((service: string, repo: string, flags) => runContract(service, repo, flags));

  addAnalysisFlags(
    program
      .command("compare")
      .description(
        "score proposals side by side (analysis.json, proposal.json, YAML): metrics, MoJoFM, ARI, moved files",
      )
      .argument("<proposals...>", "two or more proposal files"),
  )
    .option("--repo <dir>", "the repository the proposals are scored against", ".")
    .addOption(new Option("--format <format>", "output format").choices(["md", "json"]).default("md"))
    .action(async (files: string[], flags) => (await compare()).runCompare(files, flags));

  const proposal = program
    .command("proposal")
    .description("export a machine proposal as YAML, or freeze one for check");
  proposal
    .command("export")
    .description("write analysis.json's services as an editable YAML proposal (globs collapsed by folder) to stdout")
    .argument("<analysis>", "path to analysis.json")
    .action(async (file: string) => (await compare()).runProposalExport(file));
  addAnalysisFlags(
    proposal
      .command("accept")
      .description(
        "freeze a proposal (YAML, proposal.json or analysis.json) with the contracts the current code implies",
      )
      .argument("<proposal>", "proposal file"),
  )
    .requiredOption("--out <file>", "where to write the accepted proposal (accepted.json)")
    .option("--repo <dir>", "the repository", ".")
    .action(async (file: string, flags) => (await compare()).runProposalAccept(file, flags));

  addAnalysisFlags(
    program
      .command("check")
      .description("for CI: exit 1 when an import crosses services outside the accepted contracts")
      .argument("[repo]", "repository folder", "."),
  )
    .requiredOption("--proposal <file>", "accepted.json from faultline proposal accept")
    .option("--baseline <file>", "violations recorded here are accepted")
    .option("--write-baseline <file>", "record the current violations (and exit 0)")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .action(async (repo: string, flags) => {
      process.exitCode = await (await compare()).runCheck(repo, flags);
    });

  program
    .command("report")
    .description("re-render report.md and report.html from a saved analysis.json (and model.json beside it)")
    .argument("<analysis>", "path to analysis.json")
    .option("--out <dir>", "where to write (default: the folder of analysis.json)")
    .action((file: string, flags) => runReport(file, flags));

  addScopeFlags(
    program
      .command("graph")
      .description("print the import graph, each specifier resolved as TypeScript resolves it")
      .argument("[repo]", "repository folder", "."),
  )
    .addOption(new Option("--format <format>", "output format").choices(["json", "dot", "mermaid"]).default("json"))
    .option("--through-barrels", "rewrite each imported symbol's edge to the file that defines it")
    .option("--max-file-size <bytes>", "skip larger files with a warning", wholeNumber("--max-file-size", 1), 1_000_000)
    .option("--timings", "print wall time and peak memory per stage on stderr")
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
    .option(
      "--max-changeset <n>",
      "drop commits touching more analysed files than this",
      wholeNumber("--max-changeset", 1),
      DEFAULT_MAX_CHANGESET,
    )
    .option("--no-renames", "key files by their path at each commit instead of following renames")
    .option(
      "--exclude-author <regex>",
      `drop commits whose "Name <email>" matches (repeatable; default: ${DEFAULT_EXCLUDED_AUTHORS})`,
      collect,
    )
    .option("--churn", "also count lines added/removed per file (git numstat: slower)")
    .option(
      "--min-revs <n>",
      "coupling: minimum average revisions of the pair",
      nonNegative("--min-revs"),
      CODE_MAAT_THRESHOLDS.minRevs,
    )
    .option(
      "--min-shared <n>",
      "coupling: minimum shared commits",
      nonNegative("--min-shared"),
      CODE_MAAT_THRESHOLDS.minShared,
    )
    .option(
      "--min-coupling <pct>",
      "coupling: minimum degree in percent",
      nonNegative("--min-coupling"),
      CODE_MAAT_THRESHOLDS.minCoupling,
    )
    .option("--timings", "print wall time and peak memory per stage on stderr")
    .option("--quiet", "no progress on stderr")
    .action((repo: string, flags) => runHistory(repo, flags));

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    process.exitCode = 0;
    await program.parseAsync(argv);
    return Number(process.exitCode ?? 0);
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

// `faultline graph | head`: a closed pipe ends the output, not the process with a stack trace
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`faultline: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 70;
  },
);
