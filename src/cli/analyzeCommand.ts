import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { analyzeOutputs, scopeOf, type AnalyzeOptions } from "../analysis/analyze.js";
import { DEFAULT_SEED } from "../analysis/options.js";
import type { Analysis, RecordedScope } from "../analysis/types.js";
import { DEFAULT_MAX_CHANGESET } from "../history/defaults.js";
import { analysisFileOf } from "../util/jsonFile.js";
import { CONFIG_FILE, loadConfig } from "../config/config.js";
import { DEFAULT_WEIGHTS, SIGNALS, type Weights } from "../coupling/types.js";
import { checkRepoDir } from "../repo/repoDir.js";
import { UserError } from "../util/errors.js";
import { stderrLog } from "./log.js";
import type { ScopeFlags } from "./flags.js";
import { ensureFaultlineDir, faultlineDir, usableCacheDir } from "../cache/store.js";
import { writeReports } from "../report/writeReports.js";
import { readAnalysis } from "../report/savedAnalysis.js";
import { fullScope } from "../compare/proposalFile.js";
import { checkSameRepository, type MadeAt } from "../compare/sameRepository.js";
import type { Log } from "../util/log.js";
import { checkOutDir } from "./outputs.js";
import { printSummary } from "./summary.js";
import type { Io } from "./io.js";
import type { TierChoice } from "../tiers/types.js";

export interface AnalyzeFlags extends ScopeFlags {
  out?: string;
  /** explain and contract: the analysis (analysis.json or its folder) whose services to speak of */
  analysis?: string;
  includeTests?: boolean;
  since?: string;
  until?: string;
  maxChangeset?: number;
  renames: boolean;
  excludeAuthor?: string[];
  churn?: boolean;
  resolution?: string;
  seed?: number;
  weights?: string;
  cache: boolean;
  timings?: boolean;
  quiet?: boolean;
  config?: string;
  maxFileSize?: number;
  tier?: TierChoice;
  minCommits?: number;
}

export function parseWeights(text: string): Partial<Weights> {
  const out: Partial<Weights> = {};
  if (!text.trim()) throw new UserError(`--weights: empty (expected ${SIGNALS.map((s) => `${s}=W`).join(",")})`);
  for (const part of text.split(",").filter(Boolean)) {
    const m = /^\s*([a-z]+)\s*=\s*([0-9.]+)\s*$/.exec(part);
    if (!m || !SIGNALS.includes(m[1] as never) || !Number.isFinite(Number(m[2]))) {
      throw new UserError(
        `--weights ${text}: expected ${SIGNALS.map((s) => `${s}=W`).join(",")} with numbers >= 0 (at "${part}")`,
      );
    }
    out[m[1] as keyof Weights] = Number(m[2]);
  }
  return out;
}

export function parseResolution(text: string | undefined): number | "auto" | undefined {
  if (text === undefined || text === "auto") return text;
  const r = Number(text);
  if (!Number.isFinite(r) || r <= 0) throw new UserError(`--resolution ${text}: expected a number > 0 or "auto"`);
  return r;
}

/** Weights that leave every signal at 0 couple nothing: no service could be proposed (exit 2). */
function someWeight(weights: Partial<Weights>): Partial<Weights> {
  const all = { ...DEFAULT_WEIGHTS, ...weights };
  if (SIGNALS.every((s) => all[s] === 0))
    throw new UserError(`--weights or the config's weights: every signal is 0, so nothing ties any two files`);
  return weights;
}

/** Flags, faultline.config.json and defaults, merged: flags win over the config. */
export function analyzeOptionsFrom(repo: string, flags: AnalyzeFlags): AnalyzeOptions {
  const config = loadConfig(checkRepoDir(repo), flags.config);
  return {
    tsconfigs: flags.tsconfig,
    include: flags.include ?? config.include,
    exclude: [...(config.exclude ?? []), ...(flags.exclude ?? [])],
    includeTests: flags.includeTests ?? config.includeTests,
    since: flags.since,
    until: flags.until,
    maxChangeset: flags.maxChangeset ?? config.maxChangeset,
    renames: flags.renames,
    excludeAuthors: flags.excludeAuthor ?? config.excludeAuthors,
    churn: flags.churn,
    resolution: parseResolution(flags.resolution) ?? config.resolution,
    seed: flags.seed ?? config.seed,
    weights: someWeight({ ...config.weights, ...(flags.weights !== undefined ? parseWeights(flags.weights) : {}) }),
    maxFileBytes: flags.maxFileSize,
    tier: flags.tier ?? config.tier,
    minCommits: flags.minCommits ?? config.minCommits,
    overrides: config.overrides && { ...config.overrides, source: flags.config ?? CONFIG_FILE },
    cache: flags.cache,
  };
}

/**
 * Where a recorded scope comes from: the file that records it (accepted.json, analysis.json, a YAML proposal),
 * named in errors about it, and, in YAML, the place of each tsconfig it lists.
 */
export interface ScopeRecord {
  scope?: RecordedScope;
  source: string;
  tsconfigsWhere?: string[];
}

/**
 * A recorded scope (accepted.json, analysis.json, a YAML proposal's) in place of the flags' and config's,
 * part by part: flags, then the recorded scope, then the config (a part a YAML proposal leaves out).
 * A recorded tsconfig that is gone is an error naming the file that records it, not `--tsconfig`.
 */
export function withRecordedScope(
  opts: AnalyzeOptions,
  flags: ScopeFlags & { tier?: TierChoice; includeTests?: boolean },
  root: string,
  record: ScopeRecord,
): AnalyzeOptions {
  const recorded = record.scope;
  if (!recorded) return opts;
  // no tsconfigs recorded: discovered, as analyze did
  const tsconfigs = flags.tsconfig ? undefined : recorded.tsconfigs?.map((t) => path.resolve(root, t));
  tsconfigs?.forEach((abs, k) => {
    if (!existsSync(abs))
      throw new UserError(
        `${record.tsconfigsWhere?.[k] ?? record.source}: scope.tsconfigs: ${recorded.tsconfigs![k]}: file not found ` +
          "(--tsconfig chooses another)",
      );
  });
  const include = flags.include ?? recorded.include;
  const exclude = flags.exclude ? undefined : recorded.exclude;
  const scoped = {
    ...opts,
    includeTests: flags.includeTests ?? recorded.includeTests ?? opts.includeTests,
    tsconfigs: flags.tsconfig ?? (tsconfigs === undefined ? opts.tsconfigs : tsconfigs.length ? tsconfigs : undefined),
    include: include ?? opts.include,
    exclude: exclude ?? opts.exclude,
    tier: flags.tier ?? recorded.tier ?? opts.tier,
  };
  // the parts that choose the files, named in errors and warnings about them as the record's
  const parts = (
    [
      ["include", !flags.include && !!recorded.include?.length],
      ["exclude", !!exclude?.length],
      ["tsconfigs", !!tsconfigs?.length],
    ] as const
  ).flatMap(([part, recordedPart]) => (recordedPart ? [part] : []));
  return parts.length ? { ...scoped, scopeFrom: { source: record.source, parts } } : scoped;
}

/**
 * explain's and contract's options: analyze's, made as the analysis they speak of was made (`--analysis`, else
 * the one in analyze's default folder, `<repo>/.faultline/`): its scope and the settings that shape its
 * services (seed, resolution, weights, history window), each unless a flag gives it. A warning names what
 * that analysis brings that flags and config alone would not, or that there is none to follow.
 */
export function optionsOfReportedAnalysis(repo: string, flags: AnalyzeFlags, log: Log): AnalyzeOptions {
  const root = path.resolve(repo);
  const opts = analyzeOptionsFrom(repo, flags);
  const { analysis, shown } = reportedAnalysis(root, flags.analysis);
  if (!analysis) {
    const chosen = flags.include || flags.exclude || flags.tsconfig || opts.include || opts.exclude?.length;
    if (!chosen)
      log.warn(
        `no analysis in ${shown} to follow: analysing ${root} as the flags and config say ` +
          "(one written with --out: --analysis DIR)",
      );
    return opts;
  }
  // another repository's analysis speaks of files this one may not have
  if (flags.analysis) checkSameRepository([madeAt(analysis, shown)], root, true);
  const { settings } = analysis;
  const recorded = settings.scope && fullScope(settings.scope);
  const scoped = withRecordedScope(opts, flags, root, { scope: recorded, source: shown });
  const shaped = shapedAs(settings, flags, scoped);
  const brought = [
    ...[...scopeFlags(root, scoped)].filter((f) => !scopeFlags(root, opts).has(f)),
    ...settingFlags(shaped),
  ];
  if (brought.length)
    log.warn(`speaking of the analysis ${shown}, made with ${brought.join(" ")} (a flag sets any of them otherwise)`);
  return { ...scoped, ...shaped };
}

/** The service ids and names of the analysis the commands follow (as optionsOfReportedAnalysis finds it). */
export function reportedServices(repo: string, flags: AnalyzeFlags): { names: string[]; shown: string } | undefined {
  const { analysis, shown } = reportedAnalysis(path.resolve(repo), flags.analysis);
  return analysis && { names: analysis.services.flatMap((s) => [s.id, s.name]), shown };
}

/** An analysis as a proposal made at a commit, for the same-repository check. */
function madeAt(a: Analysis, source: string): MadeAt {
  return {
    source,
    head: a.repo.head,
    services: a.services.map((s) => ({ patterns: s.files })),
    kernel: a.kernel.files.map((k) => k.path),
  };
}

/**
 * The analysis `--analysis` names (errors name the flag), else the one in analyze's default folder, if there is a
 * readable one; `shown`: its path for messages, from here when below here.
 */
function reportedAnalysis(root: string, given: string | undefined): { analysis?: Analysis; shown: string } {
  if (given && !existsSync(given)) throw new UserError(`--analysis ${given}: file not found`);
  const asFlag = <T>(read: () => T): T => {
    try {
      return read();
    } catch (e) {
      // they start with its path
      throw e instanceof UserError ? new UserError(`--analysis ${e.message}`) : e;
    }
  };
  const file = given ? asFlag(() => analysisFileOf(given)) : path.join(faultlineDir(root), "analysis.json");
  const fromHere = path.relative(process.cwd(), file);
  const shown = fromHere && !fromHere.startsWith("..") ? fromHere : file;
  if (given) return { analysis: asFlag(() => readAnalysis(file)), shown };
  try {
    return { analysis: existsSync(file) ? readAnalysis(file) : undefined, shown };
  } catch {
    // an unreadable or older analysis in the default folder records nothing to follow: flags and config decide
    return { shown };
  }
}

/** The settings that shape an analysis's services, as recorded, where no flag gives them and they differ. */
function shapedAs(settings: Analysis["settings"], flags: AnalyzeFlags, opts: AnalyzeOptions): Partial<AnalyzeOptions> {
  const out: Partial<AnalyzeOptions> = {};
  const auto = settings.resolutionRule.startsWith("auto");
  const resolution = auto ? "auto" : settings.resolution;
  if (flags.resolution === undefined && resolution !== (opts.resolution ?? "auto")) out.resolution = resolution;
  if (flags.seed === undefined && settings.seed !== (opts.seed ?? DEFAULT_SEED)) out.seed = settings.seed;
  const weights = { ...DEFAULT_WEIGHTS, ...opts.weights };
  if (flags.weights === undefined && SIGNALS.some((k) => weights[k] !== settings.weights[k]))
    out.weights = settings.weights;
  if (flags.since === undefined && settings.since !== opts.since) out.since = settings.since;
  if (flags.until === undefined && settings.until !== opts.until) out.until = settings.until;
  if (flags.maxChangeset === undefined && settings.maxChangeset !== (opts.maxChangeset ?? DEFAULT_MAX_CHANGESET))
    out.maxChangeset = settings.maxChangeset;
  if (flags.renames && !settings.renames) out.renames = false;
  return out;
}

/** A scope's globs as the flags that give them: `--include 'server/**'`. */
export function globFlags(scope: { include: string[]; exclude: string[] }): string[] {
  return [...scope.include.map((g) => `--include '${g}'`), ...scope.exclude.map((g) => `--exclude '${g}'`)];
}

/** The scope of options as the flags that would give it, to name what an analysis brings. */
function scopeFlags(root: string, o: AnalyzeOptions): Set<string> {
  const scope = scopeOf(root, o);
  return new Set([
    ...globFlags(scope),
    ...scope.tsconfigs.map((t) => `--tsconfig ${t}`),
    `--tier ${scope.tier}`,
    ...(scope.includeTests ? ["--include-tests"] : []),
  ]);
}

/** Each setting an analysis brings as the flag that gives it, defaults included (`--seed 1` over the config's). */
function settingFlags(shaped: Partial<AnalyzeOptions>): string[] {
  const w = shaped.weights && { ...DEFAULT_WEIGHTS, ...shaped.weights };
  return [
    ...("resolution" in shaped ? [`--resolution ${shaped.resolution}`] : []),
    ...("seed" in shaped ? [`--seed ${shaped.seed}`] : []),
    ...(w ? [`--weights ${SIGNALS.map((k) => `${k}=${w[k]}`).join(",")}`] : []),
    ...("since" in shaped ? [shaped.since ? `--since '${shaped.since}'` : "no --since"] : []),
    ...("until" in shaped ? [shaped.until ? `--until '${shaped.until}'` : "no --until"] : []),
    ...("maxChangeset" in shaped ? [`--max-changeset ${shaped.maxChangeset}`] : []),
    ...("renames" in shaped ? ["--no-renames"] : []),
  ];
}

export async function runAnalyze(repo: string, flags: AnalyzeFlags, io: Io): Promise<void> {
  const root = checkRepoDir(repo);
  const out = path.resolve(flags.out ?? faultlineDir(root));
  checkOutDir(flags.out ? `--out ${flags.out}` : out, out);
  const options = analyzeOptionsFrom(repo, flags);
  const log = stderrLog(flags, io);
  const { analysis, modelJson: model } = await analyzeOutputs(repo, options, log);
  // the folder's name titles the reports, and `report` renders them again from analysis.json and model.json
  const { schema, ...rest } = model;
  const modelJson = { schema, title: path.basename(root), ...rest };
  log.progress("write", "reports");
  mkdirSync(out, { recursive: true });
  if (!flags.out) ensureFaultlineDir(root);
  const written = [path.join(out, "analysis.json")];
  writeFileSync(written[0], JSON.stringify(analysis, null, 2) + "\n");
  // the metrics' input, so that report, compare and the HTML what-if re-score without re-analysing
  writeFileSync(path.join(out, "model.json"), JSON.stringify(modelJson) + "\n");
  const cacheDir = flags.cache === false ? undefined : usableCacheDir(root, log);
  const reportCache = cacheDir ? { dir: cacheDir, log } : undefined;
  written.push(...writeReports(analysis, modelJson, out, reportCache));
  log.finish();
  printSummary(analysis, written, io);
}
