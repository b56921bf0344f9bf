import { existsSync } from "node:fs";
import path from "node:path";
import type { Analysis } from "../analysis/types.js";
import { upgradeAnalysis } from "../analysis/upgrade.js";
import { schemaProblem } from "../compare/proposalFile.js";
import type { ModelJson } from "../metrics/modelJson.js";
import { UserError } from "../util/errors.js";
import { readUserJson, schemaOf } from "../util/jsonFile.js";
import type { Log } from "../util/log.js";
import { savedAnalysis, savedModel } from "./savedSchemas.js";

/**
 * The `schema` of a saved file, or one line saying what it is instead: another version of the
 * same file (written by another faultline), another faultline file, or no faultline file at all.
 */
function checkSchema(file: string, json: unknown, expected: string): void {
  const schema = schemaOf(json);
  if (schema === expected) return;
  const kind = expected.replace(/@.*$/, "");
  if (typeof schema === "string" && schema.startsWith(`${kind}@`))
    throw new UserError(
      `${file}: schema ${schema}, but this faultline reads ${expected} (written by another version: analyze again)`,
    );
  if (typeof schema === "string" && schema.startsWith("faultline/"))
    throw new UserError(`${file}: a ${schema} file, not ${expected}`);
  throw new UserError(`${file}: not a faultline ${kind.replace("faultline/", "")} (no "schema": "${expected}")`);
}

/** A saved analysis.json, checked for its schema and every key the reports read. */
export function readAnalysis(file: string): Analysis {
  const json = readUserJson(file);
  checkSchema(file, json, "faultline/analysis@1");
  const parsed = savedAnalysis.safeParse(json);
  if (!parsed.success) throw schemaProblem(file, parsed.error);
  return upgradeAnalysis(json as Analysis);
}

/** Every file index model.json holds points into its `files` (the what-if and the layout follow them). */
function checkIndexes(file: string, m: ModelJson): void {
  const n = m.files.length;
  const check = (key: string, indexes: number[], size = n, what = "file") => {
    const bad = indexes.find((i) => i >= size);
    if (bad !== undefined)
      throw new UserError(`${file}: key "${key}": ${what} index ${bad} is out of range (${size} ${what}s)`);
  };
  m.imports.forEach(([a, b], k) => check(`imports.${k}`, [a, b]));
  m.coupling.edges.forEach(([a, b], k) => check(`coupling.edges.${k}`, [a, b]));
  if (!m.history) return;
  const h = m.history;
  if (h.revisions.length !== n)
    throw new UserError(`${file}: key "history.revisions": ${h.revisions.length} entries for ${n} files`);
  h.changesets.forEach(([, author, files], k) => {
    check(`history.changesets.${k}`, [author], h.authors.length, "author");
    check(`history.changesets.${k}`, files);
  });
}

/** model.json must be the one written with this analysis: the same HEAD, and every file it places. */
function checkMatches(file: string, m: ModelJson, analysisFile: string, a: Analysis): void {
  const again = "the model of another analysis (faultline analyze writes the two together)";
  const head = m.history?.head;
  if (head && a.repo.head && head !== a.repo.head)
    throw new UserError(
      `${file}: made at ${head.slice(0, 12)}, ${analysisFile} at ${a.repo.head.slice(0, 12)}: ${again}`,
    );
  const files = new Set(m.files.map((f) => f.path));
  const placed = [
    ...a.services.flatMap((s) => s.files.map((f) => ({ f, where: `service ${s.name}` }))),
    ...a.kernel.files.map((k) => ({ f: k.path, where: "the kernel" })),
  ];
  const missing = placed.find((p) => !files.has(p.f));
  if (missing) throw new UserError(`${file}: has no ${missing.f} (${missing.where} in ${analysisFile}): ${again}`);
}

/**
 * model.json beside an analysis.json, checked like it and against it. Without one the reports
 * are still written (report.html then draws the ties analysis.json records), with a warning.
 */
export function readModelBeside(analysisFile: string, analysis: Analysis, log: Log): ModelJson | undefined {
  const file = path.join(path.dirname(analysisFile), "model.json");
  if (!existsSync(file)) {
    log.warn(
      `${file}: not found, so report.html draws the ties analysis.json records and its what-if cannot re-score ` +
        "(faultline analyze writes model.json beside analysis.json)",
    );
    return undefined;
  }
  const json = readUserJson(file);
  checkSchema(file, json, "faultline/model@1");
  const parsed = savedModel.safeParse(json);
  if (!parsed.success) throw schemaProblem(file, parsed.error);
  const model = json as ModelJson;
  checkIndexes(file, model);
  checkMatches(file, model, analysisFile, analysis);
  return model;
}
