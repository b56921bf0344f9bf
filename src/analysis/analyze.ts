import {
  proposeBoundaries,
  RESOLUTION_GRID,
  STABILITY_SLACK,
  type Overrides,
  type Proposal,
} from "../boundaries/propose.js";
import { buildCouplingGraph, contributions } from "../coupling/buildCoupling.js";
import { ROLE_DAMPING } from "../coupling/roles.js";
import { DEFAULT_WEIGHTS, SIGNALS, type CouplingGraph, type Weights } from "../coupling/types.js";
import { createHash } from "node:crypto";
import { CACHE_WRITER, CacheStore, cacheDirFor, ensureFaultlineDir } from "../cache/store.js";
import { allCochangePairs } from "../history/cochange.js";
import { toImportGraph } from "../graph/importGraph.js";
import type { ImportGraph, ModuleRecord } from "../graph/types.js";
import { DEFAULT_MAX_CHANGESET } from "../history/defaults.js";
import { mailmapOf, startHistory, type HistoryOptions, type PendingHistory } from "../history/readHistory.js";
import type { ChangeHistory } from "../history/types.js";
import { fromModelJson, toModelJson, type ModelJson } from "../metrics/modelJson.js";
import { scorePartition } from "../metrics/scorecard.js";
import type { RepoModel, ServicePartition } from "../metrics/types.js";
import { draftContracts } from "../ranking/contracts.js";
import { costFactors, hiddenCoupling, painFactors } from "../ranking/painCost.js";
import { rankServices } from "../ranking/rank.js";
import { DEFAULT_TEST_GLOBS } from "../repo/defaults.js";
import { initialTsconfigs } from "../repo/scopeFiles.js";
import { toRepoPath } from "../util/paths.js";
import { checkRepoDir } from "../repo/repoDir.js";
import { isGitWorkTree } from "../repo/visibleFiles.js";
import type { Log } from "../util/log.js";
import { round } from "../util/round.js";
import type { Analysis, Scope, ServiceAnalysis, Tie, Tier } from "./types.js";
import { getOrInsert } from "../util/maps.js";
import { byString } from "../util/order.js";

/** The history settings (since, until, maxChangeset, renames, excludeAuthors, churn) and the rest. */
export interface AnalyzeOptions extends HistoryOptions {
  tsconfigs?: string[];
  include?: string[];
  exclude?: string[];
  includeTests?: boolean;
  resolution?: number | "auto";
  seed?: number;
  runs?: number;
  weights?: Partial<Weights>;
  maxFileBytes?: number;
  overrides?: Overrides;
  /** false: skip git entirely (check needs only the imports) */
  history?: boolean;
  /** false: neither read nor write the cache (--no-cache) */
  cache?: boolean;
  /** recorded in settings.scope (default server) */
  tier?: Tier;
}

export interface AnalysisResult {
  analysis: Analysis;
  model: RepoModel;
  /** the metrics' input, written beside analysis.json as model.json */
  modelJson: ModelJson;
}

/** The code read and the history started: what every command needs before its own work. */
interface PreparedRepo {
  root: string;
  weights: Weights;
  cacheDir: string | undefined;
  pending: PendingHistory | undefined;
  scopeFiles: Set<string>;
  records: ModuleRecord[];
  imports: ImportGraph;
}

async function prepareRepo(repo: string, opts: AnalyzeOptions, log: Log): Promise<PreparedRepo> {
  const root = checkRepoDir(repo);
  const weights: Weights = { ...DEFAULT_WEIGHTS, ...opts.weights };
  const cacheDir = opts.cache === false ? undefined : cacheDirFor(root);
  if (cacheDir) ensureFaultlineDir(root);
  let pending: PendingHistory | undefined;
  if (opts.history === false) {
    // imports only
  } else if (isGitWorkTree(root)) {
    pending = await startHistory(root, opts, log, cacheDir);
  } else {
    log.warn(
      `${repo} is not a git repository: no history, so services are proposed from the import graph alone (co-change ` +
        `and ownership signals are off)`,
    );
  }
  try {
    // TypeScript (parsing, resolution) loads while git log already runs
    const [{ discoverRepo }, { buildModules }] = await Promise.all([
      import("../repo/scope.js"),
      import("../graph/build.js"),
    ]);
    log.progress("repo", "finding tsconfigs and files");
    const exclude = [...(opts.exclude ?? []), ...(opts.includeTests ? [] : DEFAULT_TEST_GLOBS)];
    const scope = discoverRepo(repo, { tsconfigs: opts.tsconfigs, include: opts.include, exclude }, log);
    const records = buildModules(scope, log, {
      maxFileBytes: opts.maxFileBytes,
      cacheDir,
      terms: weights.semantic > 0,
    });
    const imports = toImportGraph(records, { throughBarrels: true });
    return { root, weights, cacheDir, pending, scopeFiles: new Set(scope.files.map((f) => f.path)), records, imports };
  } catch (e) {
    pending?.abandon(); // a bad --include or tsconfig: stop git and remove its temp file
    throw e;
  }
}

async function finishModel(p: PreparedRepo, log: Log): Promise<RepoModel> {
  log.progress("history", "reading git log");
  const history: ChangeHistory | undefined = p.pending ? await p.pending.collect(p.scopeFiles) : undefined;
  log.progress("coupling", "combining signals");
  const coupling = buildCouplingGraph(p.records, p.imports, history, p.weights);
  return { imports: p.imports, records: p.records, coupling, history };
}

/**
 * The repo state every command scores against: graph (through barrels), history and the
 * coupling graph. git log starts first and runs while TypeScript parses the code.
 */
export async function buildRepoModel(repo: string, opts: AnalyzeOptions, log: Log): Promise<RepoModel> {
  return finishModel(await prepareRepo(repo, opts, log), log);
}

/**
 * analyze's outputs, keyed by everything they are computed from: the parsed modules (they
 * change with any file that changes), HEAD, the settings and the cache version. A rerun with
 * nothing changed reads them back instead of reading history and clustering again.
 */
function outputsKey(p: PreparedRepo, opts: AnalyzeOptions): string {
  const h = createHash("sha1");
  h.update(`${CACHE_WRITER}\0${p.pending?.state.head ?? "no history"}\0${mailmapOf(p.root)}\0`);
  const { cache: _cache, ...settings } = opts;
  void _cache;
  h.update(JSON.stringify({ settings, weights: p.weights, grid: RESOLUTION_GRID, slack: STABILITY_SLACK }));
  for (const r of p.records) h.update(JSON.stringify(r));
  return h.digest("hex");
}

/**
 * analyze as the command runs it: the analysis and the model it writes, reused from the cache
 * when nothing they depend on changed (explain and contract need the full model: analyzeRepo).
 */
export async function analyzeOutputs(
  repo: string,
  opts: AnalyzeOptions,
  log: Log,
): Promise<{ analysis: Analysis; modelJson: ModelJson }> {
  const prepared = await prepareRepo(repo, opts, log);
  const store = new CacheStore<{ analysis: Analysis; modelJson: ModelJson }>(prepared.cacheDir, "outputs", log);
  const key = outputsKey(prepared, opts);
  const hit = store.get(key);
  if (hit) {
    prepared.pending?.abandon();
    return hit;
  }
  const { analysis, modelJson } = analyzeModel(repo, await finishModel(prepared, log), opts, log);
  store.set(key, { analysis, modelJson });
  store.retain(new Set([key]));
  store.save();
  return { analysis, modelJson };
}

/** The main job: code and history in, candidate services ranked with draft contracts out. */
export async function analyzeRepo(repo: string, opts: AnalyzeOptions, log: Log): Promise<AnalysisResult> {
  return analyzeModel(repo, await buildRepoModel(repo, opts, log), opts, log);
}

function analyzeModel(repo: string, model: RepoModel, opts: AnalyzeOptions, log: Log): AnalysisResult {
  const seed = opts.seed ?? 1;
  const runs = Math.max(10, opts.runs ?? 10);
  const renames = opts.renames !== false;
  const maxChangeset = opts.maxChangeset ?? DEFAULT_MAX_CHANGESET;
  const { imports, records, coupling, history } = model;
  const weights = coupling.weights;
  log.progress("boundaries", "clustering");
  const boundaryOptions = {
    seed,
    runs,
    resolution: opts.resolution ?? "auto",
    minServiceSize: 3,
    overrides: opts.overrides,
  } as const;
  // Clustering is a pure function of the coupling graph, the imports and the options: a rerun
  // on unchanged code and history reuses it.
  const cache = new CacheStore<Proposal>(
    opts.cache === false ? undefined : cacheDirFor(checkRepoDir(repo)),
    "boundaries",
    log,
  );
  const key = proposalKey(coupling, imports, boundaryOptions);
  let proposal = cache.get(key);
  if (!proposal) {
    proposal = proposeBoundaries(coupling, imports, { ...boundaryOptions });
    cache.set(key, proposal);
  }
  cache.retain(new Set([key]));
  cache.save();

  const partition: ServicePartition = {
    services: proposal.services.map((s) => ({
      id: s.id,
      name: s.name,
      files: s.members.map((i) => coupling.files[i]),
    })),
    kernel: proposal.kernel.map((k) => coupling.files[k.file]),
  };
  log.progress("ranking", "scoring services");
  // scored from the serialised model, exactly as compare and the HTML what-if will score it
  const modelJson = toModelJson(model);
  const card = scorePartition(fromModelJson(modelJson), partition);
  const contracts = draftContracts(model, partition);
  const hidden = hiddenCoupling(model);
  const pain = painFactors(model, partition, card, hidden, !!opts.churn);
  const cost = costFactors(model, partition, card, contracts);
  const ids = partition.services.map((s) => s.id);
  const names = new Map(partition.services.map((s) => [s.id, s.name]));
  const ranked = rankServices(ids, pain, cost, names);

  const ties = topTies(coupling, 3);
  const crossing = crossingCochange(model, partition, 10);
  const services: ServiceAnalysis[] = proposal.services.map((s, k) => {
    const filesOf = partition.services[k].files;
    const r = ranked.get(s.id)!;
    return {
      id: s.id,
      name: s.name,
      files: filesOf,
      confidence: Object.fromEntries(s.members.map((i) => [coupling.files[i], round(proposal.confidence[i], 4)])),
      ties: Object.fromEntries(s.members.map((i) => [coupling.files[i], ties[i]])),
      stability: round(s.stability, 4),
      metrics: card.services[s.id],
      painFactors: pain.get(s.id)!,
      costFactors: cost.get(s.id)!,
      pain: r.pain,
      cost: r.cost,
      rank: r.rank,
      why: r.why,
      contract: contracts.get(s.id)!,
      crossingCochange: crossing.get(s.id) ?? [],
    };
  });

  const analysis: Analysis = {
    schema: "faultline/analysis@1",
    repo: {
      head: history?.head ?? "",
      headDate: history?.headDate ?? "",
      files: records.length,
      commits: history?.commits ?? 0,
    },
    settings: {
      seed,
      resolution: proposal.resolution,
      resolutionRule: proposal.resolutionRule,
      weights,
      roleDamping: ROLE_DAMPING,
      runs,
      maxChangeset,
      ...(opts.since ? { since: opts.since } : {}),
      ...(opts.until ? { until: opts.until } : {}),
      renames,
      includeTests: !!opts.includeTests,
      history: !!history,
      scope: scopeOf(checkRepoDir(repo), opts),
    },
    metrics: card.global,
    kernel: { files: proposal.kernel.map((k) => ({ path: coupling.files[k.file], why: k.why })) },
    isolated: proposal.isolated.map((i) => coupling.files[i]),
    services,
    extractionOrder: [...services].sort((a, b) => a.rank - b.rank).map((s) => s.id),
    hiddenCoupling: hidden,
  };
  return { analysis, model, modelJson };
}

/**
 * The scope as the options set it, to record: tsconfigs repo-relative (found as --tsconfig finds
 * them: from the working directory, else from the repo), so that a later run elsewhere finds them.
 */
export function scopeOf(root: string, opts: AnalyzeOptions): Scope {
  const tsconfigs = opts.tsconfigs?.length ? initialTsconfigs(root, opts.tsconfigs, []) : [];
  return {
    tsconfigs: tsconfigs.map((abs) => toRepoPath(root, abs)),
    include: opts.include ?? [],
    exclude: opts.exclude ?? [],
    tier: opts.tier ?? "server",
  };
}

function proposalKey(cg: CouplingGraph, imports: ImportGraph, options: object): string {
  const h = createHash("sha1");
  h.update(JSON.stringify({ options, grid: RESOLUTION_GRID, slack: STABILITY_SLACK }));
  h.update(JSON.stringify(cg.files));
  for (const e of cg.edges) h.update(`${e.a},${e.b},${e.weight};`);
  for (const e of imports.edges) h.update(`${e.from}\0${e.to};`);
  return h.digest("hex");
}

/** Per service, its strongest co-change pairs with files of other services. */
function crossingCochange(
  model: RepoModel,
  p: ServicePartition,
  k: number,
): Map<string, ServiceAnalysis["crossingCochange"]> {
  const out = new Map<string, ServiceAnalysis["crossingCochange"]>();
  const h = model.history;
  if (!h) return out;
  const serviceOf = new Map<string, string>();
  for (const s of p.services) for (const f of s.files) serviceOf.set(f, s.id);
  for (const pair of allCochangePairs(h)) {
    const a = h.files[pair.a].path;
    const b = h.files[pair.b].path;
    const sa = serviceOf.get(a);
    const sb = serviceOf.get(b);
    if (!sa || !sb || sa === sb) continue;
    getOrInsert(out, sa, () => []).push({ file: a, with: b, service: sb, shared: pair.shared });
    getOrInsert(out, sb, () => []).push({ file: b, with: a, service: sa, shared: pair.shared });
  }
  for (const [id, list] of out) {
    list.sort((x, y) => y.shared - x.shared || byString(x.file, y.file) || byString(x.with, y.with));
    out.set(id, list.slice(0, k));
  }
  return out;
}

/** Each file's strongest ties: the neighbours and signals that hold it where it is. */
export function topTies(cg: CouplingGraph, k: number): Tie[][] {
  const all: Tie[][] = cg.files.map(() => []);
  for (const e of cg.edges) {
    const c = contributions(e, cg.weights);
    const signals = Object.fromEntries(SIGNALS.map((s) => [s, round(c[s], 3)])) as Tie["signals"];
    const role = e.sameRole === undefined ? {} : { sameRole: e.sameRole };
    all[e.a].push({ with: cg.files[e.b], weight: round(e.weight, 3), signals, ...role });
    all[e.b].push({ with: cg.files[e.a], weight: round(e.weight, 3), signals, ...role });
  }
  return all.map((list) => list.sort((x, y) => y.weight - x.weight || byString(x.with, y.with)).slice(0, k));
}
