import { mkdirSync } from "node:fs";
import path from "node:path";
import { readAnalysis, readModelBeside } from "../report/savedAnalysis.js";
import { writeReports } from "../report/writeReports.js";
import { analysisFileOf } from "../util/jsonFile.js";
import type { Io } from "./io.js";
import { stderrLog } from "./log.js";
import { checkOutDir } from "./outputs.js";

export function runReport(given: string, flags: { out?: string }, io: Io): void {
  if (flags.out) checkOutDir(`--out ${flags.out}`, flags.out);
  const analysisFile = analysisFileOf(given);
  const analysis = readAnalysis(analysisFile);
  // warnings only: report has no progress to show
  const model = readModelBeside(analysisFile, analysis, stderrLog({ quiet: true }, io));
  const out = path.resolve(flags.out ?? path.dirname(analysisFile));
  mkdirSync(out, { recursive: true });
  for (const f of writeReports(analysis, model, out)) io.out(`wrote ${f}\n`);
}
