import { buildModules } from "../graph/build.js";
import { toImportGraph } from "../graph/importGraph.js";
import { discoverRepo } from "../repo/scope.js";
import { graphToDot, graphToMermaid } from "../report/graphFormats.js";
import { UserError } from "../util/errors.js";
import { stderrLog } from "./log.js";
import type { Io } from "./io.js";
import type { ScopeFlags } from "./flags.js";

export interface GraphFlags extends ScopeFlags {
  format: string;
  throughBarrels?: boolean;
  maxFileSize?: number;
  quiet?: boolean;
}

export function runGraph(repo: string, flags: GraphFlags, io: Io): void {
  if (!["json", "dot", "mermaid"].includes(flags.format)) {
    throw new UserError(`--format ${flags.format}: expected json, dot or mermaid`);
  }
  const log = stderrLog(flags, io);
  log.progress("repo", repo);
  const scope = discoverRepo(repo, { tsconfigs: flags.tsconfig, include: flags.include, exclude: flags.exclude }, log);
  log.progress("graph", `${scope.files.length} files, ${scope.tsconfigs.length} tsconfigs`);
  const records = buildModules(scope, log, { maxFileBytes: flags.maxFileSize });
  const graph = toImportGraph(records, { throughBarrels: flags.throughBarrels });
  const out =
    flags.format === "dot"
      ? graphToDot(graph)
      : flags.format === "mermaid"
        ? graphToMermaid(graph)
        : JSON.stringify(graph, null, 2) + "\n";
  log.finish();
  io.out(out);
}
