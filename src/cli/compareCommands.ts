import { plural, verb } from "../util/plural.js";
import { writeFileSync } from "node:fs";
import { buildRepoModel, scopeOf } from "../analysis/analyze.js";
import { acceptProposal, type AcceptedProposal } from "../compare/accept.js";
import { checkImports, violationKey, type CheckResult } from "../compare/check.js";
import { commonUnassigned, compareProposals } from "../compare/compare.js";
import { exportProposalYaml } from "../compare/exportProposal.js";
import { acceptedJson, fullScope, readProposal, schemaProblem, scopesDiffer } from "../compare/proposalFile.js";
import { emptyPatternWhy, ownerOf, resolveProposal } from "../compare/resolveProposal.js";
import { NO_FILE, tierView } from "../tiers/chosen.js";
import { checkSameRepository } from "../compare/sameRepository.js";
import { fromModelJson, toModelJson } from "../metrics/modelJson.js";
import { comparisonToMarkdown } from "../report/compareFormats.js";
import { readAnalysis } from "../report/savedAnalysis.js";
import { UserError } from "../util/errors.js";
import { analysisFileOf, readUserJson, schemaOf } from "../util/jsonFile.js";
import { analyzeOptionsFrom, withRecordedScope, type AnalyzeFlags } from "./analyzeCommand.js";
import { checkOutFile } from "./outputs.js";
import { checkRepoDir } from "../repo/repoDir.js";
import { stderrLog } from "./log.js";
import type { Io } from "./io.js";

/** Why check refuses an import, after the violation in its text output. */
function reasonOf(v: CheckResult["violations"][number]): string {
  return v.reason === "new-dependency"
    ? `a new dependency (${v.toService} provides it to ${v.providedTo!.join(", ")} only)`
    : "not in the contract";
}

export interface CompareFlags extends AnalyzeFlags {
  format: string;
  /** --repo, when given (the repository otherwise defaults to the current folder) */
  repo?: string;
}

export interface AcceptFlags extends AnalyzeFlags {
  out: string;
  repo?: string;
}

export interface CheckFlags extends AnalyzeFlags {
  proposal: string;
  baseline?: string;
  writeBaseline?: string;
  format: string;
}

function warnProblems(
  log: ReturnType<typeof stderrLog>,
  p: ReturnType<typeof resolveProposal>,
  head: string,
  common: Set<string> = new Set(),
): void {
  if (p.head && head && p.head !== head)
    log.warn(
      `${p.source} was made at ${p.head.slice(0, 12)}, the repo is at ${head.slice(0, 12)}: scored against the repo ` +
        `as it is now`,
    );
  for (const e of p.emptyPatterns) log.warn(`${e.where}: "${e.pattern}" (${ownerOf(e.service)}) ${e.why}`);
  for (const c of p.conflicts)
    log.warn(`${c.where}: ${c.file} is claimed by ${c.services.join(" and ")} (kept in ${c.services[0]})`);
  // a service of no globs (`b: []`), or whose globs match only files others claimed, holds nothing
  for (const s of p.partition.services)
    if (!s.files.length && !p.emptyPatterns.some((e) => e.service === s.name))
      log.warn(`${p.source}: service "${s.name}" holds no analysed file (no globs, or only files others claim)`);
  const unassigned = p.unassigned.filter((f) => !common.has(f));
  if (unassigned.length)
    log.warn(
      `${p.source}: ${plural(unassigned.length, "analysed file")} ` +
        `${verb(unassigned.length, "belongs", "belong")} to no service (e.g. ` +
        `${unassigned.slice(0, 3).join(", ")}): they form the "(unassigned)" group`,
    );
}

export async function runCompare(files: string[], repo: string, flags: CompareFlags, io: Io): Promise<void> {
  if (!["md", "json"].includes(flags.format)) throw new UserError(`--format ${flags.format}: expected md or json`);
  if (files.length < 2)
    throw new UserError("compare needs at least two proposals (analysis.json, proposal.json or YAML)");
  const raws = files.map(readProposal);
  const log = stderrLog(flags, io);
  const root = checkRepoDir(repo);
  checkSameRepository(raws, root, flags.repo !== undefined);
  // the code scored is the scope the first analysis or accepted proposal was made with, as accept and
  // check read it; a scope flag replaces its part
  const scoped = raws.filter((r) => r.scope);
  const recorded = scoped[0]?.scope;
  const other = scoped.find((r) => scopesDiffer(r.scope!, recorded!));
  if (other)
    log.warn(
      `${other.source} was made with another scope than ${scoped[0].source}: all are scored in the scope of ` +
        `${scoped[0].source} (scope flags choose another)`,
    );
  const options = withRecordedScope(analyzeOptionsFrom(repo, flags), flags, root, scoped[0] ?? raws[0]);
  const model = await buildRepoModel(repo, options, log);
  const head = model.history?.head ?? "";
  const analysed = model.coupling.files;
  const resolved = raws.map((r) => resolveProposal(r, analysed, tierView(model.tiers, options.tier)));
  // files none of them puts in a service (an analysis's isolated files) are said once, not per proposal
  const common = commonUnassigned(resolved);
  if (common.size)
    log.warn(
      `${plural(common.size, "analysed file")} ${verb(common.size, "belongs", "belong")} to no service in any of ` +
        `the ${resolved.length} proposals (e.g. ${[...common].slice(0, 3).join(", ")}): ` +
        `they form the "(unassigned)" group`,
    );
  for (const p of resolved) warnProblems(log, p, head, common);
  // scored from the serialised model, exactly as analyze and the HTML what-if score
  const c = compareProposals(fromModelJson(toModelJson(model)), head, resolved);
  io.out(flags.format === "json" ? JSON.stringify(c, null, 2) + "\n" : comparisonToMarkdown(c));
}

export function runProposalExport(file: string, io: Io): void {
  io.out(exportProposalYaml(readAnalysis(analysisFileOf(file))));
}

export async function runProposalAccept(file: string, repo: string, flags: AcceptFlags, io: Io): Promise<void> {
  checkOutFile(`--out ${flags.out}`, flags.out);
  const raw = readProposal(file);
  const log = stderrLog(flags, io);
  const root = checkRepoDir(repo);
  checkSameRepository([raw], root, flags.repo !== undefined);
  // an analysis.json brings the scope it was made with, as accepted.json brings it to check
  const options = withRecordedScope(analyzeOptionsFrom(repo, flags), flags, root, raw);
  const model = await buildRepoModel(repo, options, log);
  const head = model.history?.head ?? "";
  const resolved = resolveProposal(raw, model.coupling.files, tierView(model.tiers, options.tier));
  const accepted = acceptProposal(raw, resolved, model, head, scopeOf(root, options));
  warnProblems(log, resolved, head);
  writeFileSync(flags.out, JSON.stringify(accepted, null, 2) + "\n");
  io.out(
    `wrote ${flags.out}: ${accepted.services.length} services, ` +
      `${accepted.services.reduce((n, s) => n + s.contract.provides.length, 0)} provided symbols frozen\n`,
  );
}

function readAccepted(file: string): AcceptedProposal {
  const json = readUserJson(file, `--proposal ${file}`);
  if (schemaOf(json) !== "faultline/accepted@1")
    throw new UserError(`--proposal ${file}: not an accepted proposal (make one with faultline proposal accept)`);
  const parsed = acceptedJson.safeParse(json);
  if (!parsed.success) throw schemaProblem(`--proposal ${file}`, parsed.error);
  return parsed.data;
}

function readBaseline(file: string | undefined): Set<string> {
  if (!file) return new Set();
  const json = readUserJson(file, `--baseline ${file}`);
  const violations = (json as { violations?: unknown }).violations;
  if (
    schemaOf(json) !== "faultline/baseline@1" ||
    !Array.isArray(violations) ||
    violations.some((v) => typeof v !== "string")
  )
    throw new UserError(`--baseline ${file}: schema faultline/baseline@1 expected`);
  return new Set(violations as string[]);
}

export async function runCheck(repo: string, flags: CheckFlags, io: Io): Promise<number> {
  if (!["text", "json"].includes(flags.format)) throw new UserError(`--format ${flags.format}: expected text or json`);
  if (flags.writeBaseline) checkOutFile(`--write-baseline ${flags.writeBaseline}`, flags.writeBaseline);
  const accepted = readAccepted(flags.proposal);
  const baseline = readBaseline(flags.baseline);
  const log = stderrLog({ quiet: true }, io);
  const root = checkRepoDir(repo);
  // before its scope is applied: another repository's scope may hold no file here, which says less
  const madeAt = {
    source: flags.proposal,
    head: accepted.head,
    services: accepted.services.map((s) => ({ patterns: s.globs })),
    kernel: accepted.kernel.globs,
  };
  checkSameRepository([madeAt], root, true);
  const options = withRecordedScope(analyzeOptionsFrom(repo, flags), flags, root, {
    scope: accepted.scope && fullScope(accepted.scope),
    source: flags.proposal,
  });
  const model = await buildRepoModel(repo, { ...options, history: false }, log);
  const tiers = tierView(model.tiers, options.tier);
  const result = checkImports(accepted, model.imports, model.coupling.files, baseline, (glob) =>
    emptyPatternWhy(glob, tiers),
  );
  if (flags.writeBaseline) {
    writeFileSync(
      flags.writeBaseline,
      JSON.stringify({ schema: "faultline/baseline@1", violations: result.violations.map(violationKey) }, null, 2) +
        "\n",
    );
  }
  const fresh = result.violations.filter((v) => !v.baseline);
  if (flags.format === "json") io.out(JSON.stringify(result, null, 2) + "\n");
  else {
    for (const g of result.emptyGlobs) {
      const since = g.why === NO_FILE ? " (its files deleted since acceptance?)" : "";
      io.err(`warning: --proposal ${flags.proposal}: "${g.glob}" (${ownerOf(g.service)}) ${g.why}${since}\n`);
    }
    const stillUnclaimed = new Set(result.unassignedAtAcceptance);
    for (const f of result.unassigned.filter((x) => !stillUnclaimed.has(x)))
      io.err(
        `warning: ${f} belongs to no service of ${accepted.name} (added since acceptance? add it to a service's ` +
          `globs)\n`,
      );
    if (stillUnclaimed.size)
      io.err(
        `warning: ${plural(stillUnclaimed.size, "file")} no glob of ${accepted.name} claimed at acceptance ` +
          `${verb(stillUnclaimed.size, "is", "are")} still in no service, unguarded: ` +
          `${[...stillUnclaimed].slice(0, 3).join(", ")}${stillUnclaimed.size > 3 ? ", ..." : ""}\n`,
      );
    for (const v of fresh) io.out(`${violationKey(v)}  [${v.fromService} -> ${v.toService}: ${reasonOf(v)}]\n`);
    const known = result.violations.length - fresh.length;
    const verdict = fresh.length
      ? `${fresh.length} violation${fresh.length > 1 ? "s" : ""}`
      : "ok: no imports outside the contracts";
    const recorded = known ? ` (${known} more recorded in the baseline)` : "";
    const written = flags.writeBaseline ? `; baseline written to ${flags.writeBaseline}` : "";
    io.out(`${verdict}${recorded}${written}\n`);
  }
  return fresh.length && !flags.writeBaseline ? 1 : 0;
}
