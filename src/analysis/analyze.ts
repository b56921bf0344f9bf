import { proposeBoundaries, type DomainHints, type Proposal } from "../boundaries/propose.js";
import { domainNames } from "../coupling/names.js";
import { RESOLUTION_GRID, STABILITY_SLACK } from "../boundaries/resolution.js";
import { contributions } from "../coupling/buildCoupling.js";
import { ROLE_DAMPING } from "../coupling/roles.js";
import { SIGNALS, type CouplingGraph } from "../coupling/types.js";
import { createHash } from "node:crypto";
import { CACHE_WRITER, CacheStore, cacheDirFor } from "../cache/store.js";
import { allCochangePairs } from "../history/cochange.js";
import type { ImportGraph } from "../graph/types.js";
import { DEFAULT_MAX_CHANGESET } from "../history/defaults.js";
import { mailmapOf } from "../history/readHistory.js";
import { fromModelJson, toModelJson, type ModelJson } from "../metrics/modelJson.js";
import { scorePartition } from "../metrics/scorecard.js";
import type { RepoModel, ServicePartition } from "../metrics/types.js";
import { draftContracts } from "../ranking/contracts.js";
import { costFactors, hiddenCoupling, painFactors } from "../ranking/painCost.js";
import { rankServices } from "../ranking/rank.js";
import { initialTsconfigs } from "../repo/scopeFiles.js";
import { toRepoPath } from "../util/paths.js";
import { checkRepoDir } from "../repo/repoDir.js";
import type { Log } from "../util/log.js";
import { round } from "../util/round.js";
import { getOrInsert } from "../util/maps.js";
import { byString } from "../util/order.js";
import type { AnalyzeOptions } from "./options.js";
import { buildRepoModel, finishModel, prepareRepo, type PreparedRepo } from "./repoModel.js";
import type { Analysis, Scope, ServiceAnalysis, Tie } from "./types.js";

export type { AnalyzeOptions } from "./options.js";
export { buildRepoModel } from "./repoModel.js";

export interface AnalysisResult {
  analysis: Analysis;
  model: RepoModel;
  /** the metrics' input, written beside analysis.json as model.json */
  modelJson: ModelJson;
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
  const hints = domainHints(model);
  const key = proposalKey(coupling, imports, hints, boundaryOptions);
  let proposal = cache.get(key);
  if (!proposal) {
    proposal = proposeBoundaries(coupling, imports, hints, { ...boundaryOptions });
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
      modules: s.modules.map((m) => ({ id: m.id, name: m.name, files: m.members.map((i) => coupling.files[i]) })),
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
      tier: opts.tier ?? "server",
      scope: scopeOf(checkRepoDir(repo), opts),
    },
    tiers: model.tiers ?? { files: [], counts: { server: 0, client: 0, shared: 0, tooling: 0 } },
    metrics: card.global,
    kernel: { files: proposal.kernel.map((k) => ({ path: coupling.files[k.file], why: k.why })) },
    isolated: proposal.isolated.map((i) => coupling.files[i]),
    services,
    extractionOrder: [...services].sort((a, b) => a.rank - b.rank).map((s) => s.id),
    hiddenCoupling: hidden,
  };
  return { analysis, model, modelJson };
}

/** What the boundaries stage knows of the business besides the coupling graph, by coupling-graph index. */
function domainHints(model: RepoModel): DomainHints {
  const files = model.coupling.files;
  const index = new Map(files.map((f, i) => [f, i]));
  const entityFiles = new Set<number>();
  for (const e of model.data?.entities ?? []) {
    const i = e.file === undefined ? undefined : index.get(e.file);
    if (i !== undefined) entityFiles.add(i);
  }
  const writers = new Map<number, Set<number>>();
  for (const a of model.data?.access ?? []) {
    const entity = index.get(a.entity);
    const writer = index.get(a.file);
    if (a.write && entity !== undefined && writer !== undefined)
      getOrInsert(writers, entity, () => new Set()).add(writer);
  }
  return { nouns: domainNames(files).nouns, entityFiles, writers };
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

function proposalKey(cg: CouplingGraph, imports: ImportGraph, hints: DomainHints, options: object): string {
  const h = createHash("sha1");
  h.update(JSON.stringify({ options, grid: RESOLUTION_GRID, slack: STABILITY_SLACK }));
  h.update(JSON.stringify([hints.nouns, [...hints.entityFiles], [...hints.writers].map(([k, v]) => [k, [...v]])]));
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
