import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Analysis } from "../analysis/types.js";
import type { ModelJson } from "../metrics/modelJson.js";
import { writeReports } from "../report/writeReports.js";
import { UserError } from "../util/errors.js";

function readJsonFile(file: string, flag: string): unknown {
  if (!existsSync(file)) throw new UserError(`${flag}: file not found`);
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new UserError(`${flag}: not valid JSON (${(e as Error).message})`);
  }
}

/** A saved analysis.json, checked for its schema. */
export function readAnalysis(file: string): Analysis {
  const a = readJsonFile(file, file) as Analysis;
  if (a?.schema !== "faultline/analysis@1")
    throw new UserError(`${file}: not a faultline analysis (schema faultline/analysis@1 expected)`);
  return a;
}

/** model.json beside an analysis.json, when there is one. */
export function readModelBeside(analysisFile: string): ModelJson | undefined {
  const file = path.join(path.dirname(analysisFile), "model.json");
  if (!existsSync(file)) return undefined;
  const m = readJsonFile(file, file) as ModelJson;
  if (m?.schema !== "faultline/model@1")
    throw new UserError(`${file}: not a faultline model (schema faultline/model@1 expected)`);
  return m;
}

export function runReport(analysisFile: string, flags: { out?: string }): void {
  const analysis = readAnalysis(analysisFile);
  const model = readModelBeside(analysisFile);
  const out = path.resolve(flags.out ?? path.dirname(analysisFile));
  mkdirSync(out, { recursive: true });
  for (const f of writeReports(analysis, model, out)) process.stdout.write(`wrote ${f}\n`);
}
