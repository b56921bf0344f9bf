import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import type { Analysis } from "../analysis/types.js";
import { upgradeAnalysis } from "../analysis/upgrade.js";
import type { ModelJson } from "../metrics/modelJson.js";
import { writeReports } from "../report/writeReports.js";
import { UserError } from "../util/errors.js";
import { readUserJson, schemaOf } from "../util/jsonFile.js";
import type { Io } from "./io.js";
import { checkOutDir } from "./outputs.js";

/** A saved analysis.json, checked for its schema. */
export function readAnalysis(file: string): Analysis {
  const a = readUserJson(file);
  if (schemaOf(a) !== "faultline/analysis@1")
    throw new UserError(`${file}: not a faultline analysis (schema faultline/analysis@1 expected)`);
  return upgradeAnalysis(a as Analysis);
}

/** model.json beside an analysis.json, when there is one. */
export function readModelBeside(analysisFile: string): ModelJson | undefined {
  const file = path.join(path.dirname(analysisFile), "model.json");
  if (!existsSync(file)) return undefined;
  const m = readUserJson(file);
  if (schemaOf(m) !== "faultline/model@1")
    throw new UserError(`${file}: not a faultline model (schema faultline/model@1 expected)`);
  return m as ModelJson;
}

export function runReport(analysisFile: string, flags: { out?: string }, io: Io): void {
  if (flags.out) checkOutDir(`--out ${flags.out}`, flags.out);
  const analysis = readAnalysis(analysisFile);
  const model = readModelBeside(analysisFile);
  const out = path.resolve(flags.out ?? path.dirname(analysisFile));
  mkdirSync(out, { recursive: true });
  for (const f of writeReports(analysis, model, out)) io.out(`wrote ${f}\n`);
}
