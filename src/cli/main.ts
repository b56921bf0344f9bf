import path from "node:path";
import { assertTypeScript, requireCjs } from "../util/cjs.js";
import { CODE_MAAT_THRESHOLDS } from "../history/cochange.js";
import { DEFAULT_EXCLUDED_AUTHORS, DEFAULT_MAX_CHANGESET } from "../history/defaults.js";
import { UserError } from "../util/errors.js";
import { processIo, type Io } from "./io.js";
import { addAnalysisFlags, addScopeFlags, collect, nonNegative, wholeNumber } from "./flags.js";

const { Command, CommanderError, Option } = requireCjs("commander") as typeof import("commander");
type Command = import("commander").Command;

// Each command loads its own modules when it runs: `--help` or `history` need not load the
// HTML renderer, YAML, zod or ts-morph's Project layer.
// (those that parse code first check that TypeScript is installed: run.ts says so in one line)
const analyzeCommand = () => (assertTypeScript(), import("./analyzeCommand.js"));
const explainCommand = () => (assertTypeScript(), import("./explainCommand.js"));
const contractCommand = () => (assertTypeScript(), import("./contractCommand.js"));
const graphCommand = () => (assertTypeScript(), import("./graphCommand.js"));
const historyCommand = () => import("./historyCommand.js");
const reportCommand = () => import("./reportCommand.js");
const compare = () => import("./compareCommands.js");

/**
 * The repository a command reads: `--repo DIR`, or (analyze, graph, history, check) the
 * positional argument; both at once must agree.
 */
function repoOf(positional: string | undefined, flags: { repo?: string }): string {
  if (positional !== undefined && flags.repo !== undefined && path.resolve(positional) !== path.resolve(flags.repo))
    throw new UserError(`the repository is given twice ("${positional}" and --repo ${flags.repo}): give it once`);
  return positional ?? flags.repo ?? ".";
}

type Repo = { repo?: string };
type AnalyzeFlags = import("./analyzeCommand.js").AnalyzeFlags;
type CompareFlags = import("./compareCommands.js").CompareFlags;
type AcceptFlags = import("./compareCommands.js").AcceptFlags;
type CheckFlags = import("./compareCommands.js").CheckFlags;
type GraphFlags = import("./graphCommand.js").GraphFlags;
type HistoryFlags = import("./historyCommand.js").HistoryFlags;

const REPO_FLAG = ["--repo <dir>", "the repository folder (default .)"] as const;
/** The analysis explain and contract speak of: its scope and settings, unless a flag gives them. */
const ANALYSIS_FLAG = [
  "--analysis <path>",
  "the analysis to speak of (analysis.json or the folder analyze wrote; default <repo>/.faultline/)",
] as const;

/**
 * An error as one line: a parser's message may quote the input, line breaks, control characters
 * (a binary file read as JSON) and all.
 */
function oneLine(message: string): string {
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u001f\u007f-\u009f]+/g;
  return message.replace(control, " ").replace(/ {2,}/g, " ").trim();
}

/** Commander's usage error ("error: ...", a suggestion on the next line) as faultline's one line. */
function oneLineUsageError(text: string, takesGlobs: (command: string) => boolean): string {
  const lines = text
    .trim()
    .replace(/^error: /, "")
    .split("\n")
    .map((l) => l.trim().replace(/^\(Did you mean (.*)\)$/, "(did you mean $1)"))
    .filter(Boolean);
  // `--include src/**` unquoted: the shell hands over every file it matches, the first as the glob
  const command = /^too many arguments for '([\w-]+)'/.exec(lines[0] ?? "")?.[1];
  if (command && takesGlobs(command)) lines.push("(a glob the shell expanded? quote it, e.g. --include 'src/**')");
  return `faultline: ${lines.join(" ")} (see --help)`;
}

/** Whether the command of that name (at any depth) takes the option. */
function hasOption(program: Command, name: string, flag: string): boolean {
  const all = (c: Command): Command[] => [c, ...c.commands.flatMap(all)];
  return all(program).some((c) => c.name() === name && c.options.some((o) => o.long === flag));
}

/** The CLI as a commander program; every command writes through `io` and sets `exit.code`. */
export function buildProgram(io: Io, exit: { code: number }): Command {
  const program = new Command("faultline")
    .description("Find where a TypeScript monolith should be cut into services.")
    .version("0.1.0")
    .configureOutput({
      writeOut: (text) => io.out(text),
      writeErr: (text) => io.err(text),
      // a usage error on one line, like every other: `faultline: unknown option '--teir' (did you mean --tier?)`
      outputError: (text, write) =>
        write(`${oneLineUsageError(text, (name) => hasOption(program, name, "--include"))}\n`),
    })
    .exitOverride()
    .addHelpText(
      "after",
      [
        "",
        "Environment:",
        "  NO_COLOR=1                     no colour on a terminal",
        "  FAULTLINE_NO_COMPILE_CACHE=1   do not keep TypeScript's compiled code in $TMPDIR between runs",
      ].join("\n"),
    );
  addAnalyze(program, io);
  addExplainAndContract(program, io);
  addCompare(program, io, exit);
  addReport(program, io);
  addGraph(program, io);
  addHistory(program, io);
  return program;
}

function addAnalyze(program: Command, io: Io): void {
  addAnalysisFlags(
    program
      .command("analyze")
      .description(
        "propose candidate services, rank them, draft their contracts; writes analysis.json, report.md, report.html",
      )
      .argument("[repo]", "repository folder (or --repo; default .)"),
  )
    .option(...REPO_FLAG)
    .option("--out <dir>", "where to write analysis.json and the reports (default <repo>/.faultline/)")
    .action(async (repo: string | undefined, flags: AnalyzeFlags & Repo) =>
      (await analyzeCommand()).runAnalyze(repoOf(repo, flags), flags, io),
    );
}

function addExplainAndContract(program: Command, io: Io): void {
  addAnalysisFlags(
    program
      .command("explain")
      .description("why a file sits in its service: strongest ties, runner-up service, what would move it")
      .argument("<file>", "a file of the repo (repo-relative)"),
  )
    .option(...REPO_FLAG)
    .option(...ANALYSIS_FLAG)
    .action(async (file: string, flags: AnalyzeFlags & Repo) =>
      (await explainCommand()).runExplain(file, repoOf(undefined, flags), flags, io),
    );

  addAnalysisFlags(
    program
      .command("contract")
      .description("print a service's draft contract as a TypeScript declaration sketch")
      .argument("<service>", "service id or name"),
  )
    .option(...REPO_FLAG)
    .option(...ANALYSIS_FLAG)
    .action(async (service: string, flags: AnalyzeFlags & Repo) =>
      (await contractCommand()).runContract(service, repoOf(undefined, flags), flags, io),
    );
}

function addCompare(program: Command, io: Io, exit: { code: number }): void {
  addAnalysisFlags(
    program
      .command("compare")
      .description(
        "score proposals side by side (analysis.json, proposal.json, YAML): metrics, MoJoFM, ARI, moved files",
      )
      .argument("<proposals...>", "two or more proposal files (analyze's output folder stands for its analysis.json)"),
  )
    .option(...REPO_FLAG)
    .addOption(new Option("--format <format>", "output format").choices(["md", "json"]).default("md"))
    .action(async (files: string[], flags: CompareFlags & Repo) =>
      (await compare()).runCompare(files, repoOf(undefined, flags), flags, io),
    );

  const proposal = program
    .command("proposal")
    .description("export a machine proposal as YAML, or freeze one for check");
  proposal
    .command("export")
    .description("write analysis.json's services as an editable YAML proposal (globs collapsed by folder) to stdout")
    .argument("<analysis>", "path to analysis.json, or the folder analyze wrote it to")
    .action(async (file: string) => (await compare()).runProposalExport(file, io));
  addAnalysisFlags(
    proposal
      .command("accept")
      .description(
        "freeze a proposal (YAML, proposal.json or analysis.json) with the contracts the current code implies",
      )
      .argument("<proposal>", "proposal file"),
  )
    .requiredOption("--out <file>", "where to write the accepted proposal (accepted.json)")
    .option(...REPO_FLAG)
    .action(async (file: string, flags: AcceptFlags & Repo) =>
      (await compare()).runProposalAccept(file, repoOf(undefined, flags), flags, io),
    );

  addAnalysisFlags(
    program
      .command("check")
      .description("for CI: exit 1 when an import crosses services outside the accepted contracts")
      .argument("[repo]", "repository folder (or --repo; default .)"),
  )
    .option(...REPO_FLAG)
    .requiredOption("--proposal <file>", "accepted.json from faultline proposal accept")
    .option("--baseline <file>", "violations recorded here are accepted")
    .option("--write-baseline <file>", "record the current violations (and exit 0)")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .action(async (repo: string | undefined, flags: CheckFlags & Repo) => {
      exit.code = await (await compare()).runCheck(repoOf(repo, flags), flags, io);
    });
}

function addReport(program: Command, io: Io): void {
  program
    .command("report")
    .description("re-render report.md and report.html from a saved analysis.json (and model.json beside it)")
    .argument("<analysis>", "path to analysis.json, or the folder analyze wrote it to")
    .option("--out <dir>", "where to write (default: the folder of analysis.json)")
    // report shows no progress; --quiet is taken as every other command takes it, so scripts can pass it to all
    .option("--quiet", "no progress on stderr (report shows none)")
    .action(async (file: string, flags: { out?: string }) => (await reportCommand()).runReport(file, flags, io));
}

function addGraph(program: Command, io: Io): void {
  addScopeFlags(
    program
      .command("graph")
      .description("print the import graph, each specifier resolved as TypeScript resolves it")
      .argument("[repo]", "repository folder (or --repo; default .)"),
  )
    .option(...REPO_FLAG)
    .addOption(new Option("--format <format>", "output format").choices(["json", "dot", "mermaid"]).default("json"))
    .option("--through-barrels", "rewrite each imported symbol's edge to the file that defines it")
    .option("--max-file-size <bytes>", "skip larger files with a warning", wholeNumber("--max-file-size", 1), 1_000_000)
    .option("--timings", "print wall time and peak memory per stage on stderr")
    .option("--quiet", "no progress on stderr")
    .action(async (repo: string | undefined, flags: GraphFlags & Repo) =>
      (await graphCommand()).runGraph(repoOf(repo, flags), flags, io),
    );
}

function addHistory(program: Command, io: Io): void {
  addScopeFlags(
    program
      .command("history")
      .description("change frequency, co-change (code-maat's coupling) and ownership from git")
      .argument("[repo]", "repository folder (or --repo; default .)"),
  )
    .option(...REPO_FLAG)
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
    .action(async (repo: string | undefined, flags: HistoryFlags & Repo) =>
      (await historyCommand()).runHistory(repoOf(repo, flags), flags, io),
    );
}

/**
 * A command group named alone (`faultline`, `faultline proposal`) asks for its help: commander
 * would print it on stderr and fail; it is `--help` (stdout, exit 0) instead, for every group.
 */
function helpForBareGroup(program: Command, args: string[]): string[] {
  let command = program;
  for (const arg of args) {
    const sub = command.commands.find((c) => c.name() === arg);
    if (!sub) return args;
    command = sub;
  }
  return command.commands.length ? [...args, "--help"] : args;
}

/** Runs the CLI on `argv` (node, script, args...); returns the exit code. Never exits the process. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const exit = { code: 0 };
  const program = buildProgram(io, exit);
  try {
    await program.parseAsync([...argv.slice(0, 2), ...helpForBareGroup(program, argv.slice(2))]);
    return exit.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version are not errors; usage mistakes are exit 2 (commander already printed them)
      return e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof UserError) {
      io.err(`faultline: ${oneLine(e.message)}\n`);
      return e.exitCode;
    }
    throw e;
  }
}
