import type { Command } from "commander";

export interface ScopeFlags {
  tsconfig?: string[];
  include?: string[];
  exclude?: string[];
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The file-scope flags every command that reads the code shares. */
export function addScopeFlags(cmd: Command): Command {
  return cmd
    .option("--tsconfig <path>", "use this tsconfig instead of discovering them (repeatable)", collect)
    .option("--include <glob>", "only files matching (repeatable)", collect)
    .option("--exclude <glob>", "leave out files matching (repeatable)", collect);
}

export { collect };
