import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { UserError } from "../util/errors.js";
import { runGraph } from "./graphCommand.js";

const collect = (value: string, previous: string[] = []) => [...previous, value];
const positiveInt = (flag: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`${flag} takes a positive whole number`);
  return n;
};

export function buildProgram(): Command {
  const program = new Command("faultline")
    .description("Find where a TypeScript monolith should be cut into services.")
    .version("0.1.0")
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)");

  program
    .command("graph")
    .description("print the import graph, each specifier resolved as TypeScript resolves it")
    .argument("[repo]", "repository folder", ".")
    .addOption(new Option("--format <format>", "output format").choices(["json", "dot", "mermaid"]).default("json"))
    .option("--through-barrels", "rewrite each imported symbol's edge to the file that defines it")
    .option("--tsconfig <path>", "use this tsconfig instead of discovering them (repeatable)", collect)
    .option("--include <glob>", "only files matching (repeatable)", collect)
    .option("--exclude <glob>", "leave out files matching (repeatable)", collect)
    .option("--max-file-size <bytes>", "skip larger files with a warning", positiveInt("--max-file-size"), 1_000_000)
    .option("--quiet", "no progress on stderr")
    .action((repo: string, flags) => runGraph(repo, flags));

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
