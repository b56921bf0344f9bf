import { proposeBoundaries, type DomainHints, type Proposal } from "../boundaries/propose.js";
import { plural } from "../util/plural.js";
import { domainNames, domainWords, nameInWords, nounOf, ownNounOf } from "../coupling/names.js";
import { RESOLUTION_GRID, STABILITY_SLACK } from "../boundaries/resolution.js";
import { CONSENSUS_RUNS, MIN_CONSENSUS_RUNS } from "../boundaries/consensus.js";
import { contributions } from "../coupling/buildCoupling.js";
import { ROLE_DAMPING } from "../coupling/roles.js";
import { SIGNALS, type CouplingGraph } from "../coupling/types.js";
import { createHash } from "node:crypto";
import path from "node:path";
import { CACHE_WRITER, CacheStore, usableCacheDir } from "../cache/store.js";
import { allCochangePairs } from "../history/cochange.js";
import { DEFAULT_MAX_CHANGESET, DEFAULT_MIN_COMMITS } from "../history/defaults.js";
import { mailmapOf } from "../history/readHistory.js";
import { fromModelJson, toModelJson, type ModelJson } from "../metrics/modelJson.js";
import { scorePartition } from "../metrics/scorecard.js";
import { NO_WORKSPACE_SOURCE, type ImportGraph, type ModuleRecord } from "../graph/types.js";
import type { RepoModel, ServicePartition } from "../metrics/types.js";
import { draftContracts } from "../ranking/contracts.js";
import { dataOwnership } from "../ranking/data.js";
import { costFactors, hiddenCoupling, painFactors } from "../ranking/painCost.js";
import type { CostFactors } from "../ranking/types.js";
import { coreServices, datalessServices } from "../ranking/core.js";
import { rankServices } from "../ranking/rank.js";
import { startModule } from "../ranking/startModule.js";
import { initialTsconfigs } from "../repo/scopeFiles.js";
import { toRepoPath } from "../util/paths.js";
import { checkRepoDir } from "../repo/repoDir.js";
import { readManifest } from "../repo/json.js";
import type { Log } from "../util/log.js";
import { round } from "../util/round.js";
import { getOrInsert } from "../util/maps.js";
import { byString } from "../util/order.js";
import { DEFAULT_SEED, type AnalyzeOptions } from "./options.js";
import { buildRepoModel, declaresValues, finishModel, prepareRepo, type PreparedRepo } from "./repoModel.js";
import { inChosenTier, tierView } from "../tiers/chosen.js";
import { tierSummary } from "./tierSummary.js";
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
  // where the scope was recorded (named in messages) changes no output
  const { cache: _cache, scopeFrom: _from, ...settings } = opts;
  void [_cache, _from];
  h.update(JSON.stringify({ settings, weights: p.weights, grid: RESOLUTION_GRID, slack: STABILITY_SLACK }));
  h.update(JSON.stringify([p.platform, p.packages]));
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
  warnUnanalysedPackages(prepared.chosen, log);
  const store = new CacheStore<{ analysis: Analysis; modelJson: ModelJson }>(prepared.cacheDir, "outputs", log);
  // without a cache nothing is looked up: the key (every record serialised) is not worth making
  const key = prepared.cacheDir ? outputsKey(prepared, opts) : "";
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

/**
 * Imports, by the files services are made of, of workspace packages with no analysed source file (most often a
 * package the scope leaves out: logto's core imports `@logto/shared` 102 times): their ties are missing from
 * the cut, which the user should know before reading it. Most imported first, three named.
 */
function warnUnanalysedPackages(records: ModuleRecord[], log: Log): void {
  const counts = new Map<string, number>();
  for (const r of records)
    for (const imp of r.imports) {
      const t = imp.target;
      const unanalysed = t.type === "unresolved" && t.reason.startsWith(NO_WORKSPACE_SOURCE);
      const pkg = unanalysed ? t.reason.slice(NO_WORKSPACE_SOURCE.length) : undefined;
      if (pkg) counts.set(pkg, (counts.get(pkg) ?? 0) + 1);
    }
  if (counts.size === 0) return;
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || byString(a[0], b[0]));
  const total = ranked.reduce((n, [, c]) => n + c, 0);
  const named = ranked.slice(0, 3).map(([p, c]) => `${p} ${c}`);
  const rest = ranked.length > 3 ? ` and ${ranked.length - 3} more` : "";
  log.warn(
    `${plural(total, "import")} of ${plural(ranked.length, "workspace package")} found no analysed source file ` +
      `(${named.join(", ")}${rest}): their ties are missing (a package --include leaves out, or one whose ` +
      "source faultline cannot find)",
  );
}

/** The main job: code and history in, candidate services ranked with draft contracts out. */
export async function analyzeRepo(repo: string, opts: AnalyzeOptions, log: Log): Promise<AnalysisResult> {
  return analyzeModel(repo, await buildRepoModel(repo, opts, log), opts, log);
}

function analyzeModel(repo: string, model: RepoModel, opts: AnalyzeOptions, log: Log): AnalysisResult {
  const seed = opts.seed ?? DEFAULT_SEED;
  const runs = Math.max(MIN_CONSENSUS_RUNS, opts.runs ?? CONSENSUS_RUNS);
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
    platform: model.platform ?? [],
    packages: model.packages ?? [],
    clientFiles: clientFilesOf(model),
    tiers: tierView(model.tiers, opts.tier),
  } as const;
  // Clustering is a pure function of the coupling graph, the imports and the options: a rerun
  // on unchanged code and history reuses it.
  const cache = new CacheStore<Proposal>(
    opts.cache === false ? undefined : usableCacheDir(checkRepoDir(repo), log),
    "boundaries",
    log,
  );
  const ofProduct = productNoun(repo);
  const hints = domainHints(model, ofProduct);
  const key = cache.dir ? proposalKey(coupling, imports, hints, boundaryOptions) : "";
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
  const pain = painFactors(model, partition, card, !!opts.churn);
  const cost = costFactors(model, partition, card, contracts);
  const ids = partition.services.map((s) => s.id);
  const names = new Map(partition.services.map((s) => [s.id, s.name]));
  const cycles = serviceCycles(cost);
  const minCommits = opts.minCommits ?? DEFAULT_MIN_COMMITS;
  const note = extractionNote(history, minCommits, ids.length);
  const giant = cycles.find((c) => c.services.length > ids.length / 2);
  const noDomain = new Set(partition.services.filter((s) => !hasDomain(s.files, ofProduct)).map((s) => s.id));
  const ranked = rankServices(ids, pain, cost, {
    names,
    giantCycle: new Set(giant?.services),
    pick: !note,
    last: noDomain,
    core: coreServices(ids, contracts),
    dataless: datalessServices(ids, contracts),
    modularity: card.global.modularity,
  });

  const ties = topTies(coupling, 3);
  const crossing = crossingCochange(model, partition, 10);
  const placedWhy = new Map(proposal.placed.map((o) => [o.file, o.why]));
  const services: ServiceAnalysis[] = proposal.services.map((s, k) => {
    const filesOf = partition.services[k].files;
    const placed = s.members
      .filter((i) => placedWhy.has(i))
      .sort((a, b) => byString(coupling.files[a], coupling.files[b]));
    const r = ranked.get(s.id)!;
    const modules = s.modules.map((m) => ({ id: m.id, name: m.name, files: m.members.map((i) => coupling.files[i]) }));
    return {
      id: s.id,
      name: s.name,
      files: filesOf,
      modules,
      confidence: Object.fromEntries(s.members.map((i) => [coupling.files[i], round(proposal.confidence[i], 4)])),
      ties: Object.fromEntries(s.members.map((i) => [coupling.files[i], ties[i]])),
      ...(placed.length
        ? { placed: Object.fromEntries(placed.map((i) => [coupling.files[i], placedWhy.get(i)!])) }
        : {}),
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
      ...(noDomain.has(s.id) ? { noDomain: true as const } : {}),
    };
  });
  const order = [...services].sort((a, b) => a.rank - b.rank);
  const first = note ? undefined : order[0];
  if (first && first.modules.length > 1) {
    const domainNoun = new Map(coupling.files.map((f, i) => [f, hints.nouns[i]]));
    const start = startModule(first.modules, partition, model.imports.edges, model.history, (files) =>
      namesDomain(files, domainNoun),
    );
    first.startWith = start.id;
    first.why.splice(1, 0, start.why);
  }

  const skipped = records.filter((r) => r.skipped).length;
  const generated = generatedLeftOut(records, model, opts);
  const analysis: Analysis = {
    schema: "faultline/analysis@1",
    repo: {
      head: history?.head ?? "",
      headDate: history?.headDate ?? "",
      files: records.length,
      commits: history?.commits ?? 0,
      // only when some were: an analysis that skipped nothing stays byte-identical
      ...(skipped ? { skipped } : {}),
      ...(generated ? { generated } : {}),
    },
    settings: {
      seed,
      resolution: proposal.resolution,
      resolutionRule: proposal.resolutionRule,
      serviceRule: proposal.serviceRule,
      weights,
      roleDamping: ROLE_DAMPING,
      runs,
      maxChangeset,
      ...(opts.since ? { since: opts.since } : {}),
      ...(opts.until ? { until: opts.until } : {}),
      renames,
      includeTests: !!opts.includeTests,
      history: !!history,
      minCommits,
      tier: opts.tier ?? "server",
      scope: scopeOf(checkRepoDir(repo), opts),
    },
    tiers: model.tiers ?? { files: [], counts: { server: 0, client: 0, shared: 0, tooling: 0 } },
    ...tierSummary(model, partition, opts.tier ?? "server"),
    metrics: card.global,
    kernel: { files: kernelReasons(proposal.kernel, coupling.files, model, partition) },
    isolated: proposal.isolated.map((i) => coupling.files[i]),
    data: { entities: dataOwnership(model.data, partition).entities },
    services,
    cycles,
    extractionOrder: note ? [] : order.map((s) => s.id),
    ...(note ? { extractionNote: note } : {}),
    hiddenCoupling: hiddenCoupling(model),
  };
  return { analysis, model, modelJson };
}

/**
 * Files of the analysed tier whose first comment marks them generated (`@generated`, "do not edit"):
 * left out of every service unless --include-tests takes them in.
 */
function generatedLeftOut(records: ModuleRecord[], model: RepoModel, opts: AnalyzeOptions): number {
  if (opts.includeTests) return 0;
  const inTier = inChosenTier(model.tiers?.files ?? [], opts.tier ?? "server");
  return records.filter((r) => !r.skipped && r.generated && inTier(r.path)).length;
}

/**
 * A service most of whose files name no business noun (their names are roles, framework or
 * infrastructure words: `errorHandler.ts`, `server.ts`, `config.ts`, or only the product's own
 * name: `hoppscotch-backend/src/app.controller.ts`) has no dominant domain.
 */
function hasDomain(files: string[], ofProduct: (noun: string) => boolean): boolean {
  const named = files.filter((f) => {
    const noun = nounOf(f);
    return noun !== undefined && !ofProduct(noun);
  });
  return named.length * 2 >= files.length;
}

/**
 * A module names a domain when half its files or more carry a business noun that several folders
 * use (hints.nouns), stricter than hasDomain's noun of the name alone: a bootstrap module's
 * `posthog.module.ts` and `pubsub.module.ts` name things, but no domain of the product.
 */
function namesDomain(files: string[], domainNoun: Map<string, string | undefined>): boolean {
  return files.filter((f) => domainNoun.get(f) !== undefined).length * 2 >= files.length;
}

/** Too little history to say which service hurts most: the reason, or undefined when there is enough. */
function extractionNote(history: RepoModel["history"], minCommits: number, services: number): string | undefined {
  if (services < 2) return services ? "a single service: nothing to choose between" : "no services";
  if (!history) return "no first pick: no git history (not a git repository), so nothing says which service hurts most";
  if (history.commits < minCommits)
    return (
      `no first pick: only ${plural(history.commits, "commit")} touch the analysed files ` +
      `(fewer than ${minCommits}, --min-commits): too little history to say which service hurts most`
    );
  return undefined;
}

/** The import cycles between services (strongly connected groups of two or more), largest first. */
function serviceCycles(cost: Map<string, CostFactors>): { services: string[] }[] {
  const seen = new Set<string>();
  const out: { services: string[] }[] = [];
  for (const [id, f] of [...cost].sort((a, b) => byString(a[0], b[0]))) {
    if (seen.has(id) || f.cycleWith.length === 0) continue;
    const members = [id, ...f.cycleWith].sort(byString);
    for (const m of members) seen.add(m);
    out.push({ services: members });
  }
  return out.sort((a, b) => b.services.length - a.services.length || byString(a.services[0], b.services[0]));
}

/** The clustering's count of the modules importing a kernel file, at the end of its reason. */
const IMPORTED_BY_MODULES = /imported by \d+ (of the \d+ )?other modules$/;

/**
 * Kernel reasons against the final services: how many of them import each kernel file (the
 * clustering's count was of the clusters it saw then, not of the services reported).
 */
function kernelReasons(
  kernel: { file: number; why: string }[],
  files: string[],
  model: RepoModel,
  p: ServicePartition,
): { path: string; why: string }[] {
  const serviceOf = new Map<string, string>();
  for (const s of p.services) for (const f of s.files) serviceOf.set(f, s.id);
  const importers = new Map<string, Set<string>>();
  for (const e of model.imports.edges) {
    const s = serviceOf.get(e.from);
    if (s) getOrInsert(importers, e.to, () => new Set()).add(s);
  }
  return kernel.map((k) => {
    const path = files[k.file];
    const counted = IMPORTED_BY_MODULES.exec(k.why);
    if (!counted) return { path, why: k.why };
    const services = `imported by ${importers.get(path)?.size ?? 0} of the ${p.services.length} services`;
    return { path, why: k.why.slice(0, counted.index) + services };
  });
}

/** What the boundaries stage knows of the business besides the coupling graph, by coupling-graph index. */
function domainHints(model: RepoModel, ofProduct: (noun: string) => boolean): DomainHints {
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
    if (a.writes && entity !== undefined && writer !== undefined)
      getOrInsert(writers, entity, () => new Set()).add(writer);
  }
  const users = new Map<number, number[]>();
  for (const a of model.data?.access ?? []) {
    const entity = index.get(a.entity);
    const user = index.get(a.file);
    if (entity === undefined || user === undefined) continue;
    const list = getOrInsert(users, entity, () => []);
    if (!list.includes(user)) list.push(user);
  }
  const entityNames = (model.data?.entities ?? []).map((e) => e.name);
  const entityNouns = new Set(entityNames.flatMap((name) => ownNounOf(`${name}.ts`) ?? []));
  const entityWords = new Set(entityNames.map(nameInWords));
  // an entity's name is one noun, whatever role word ends it (`page-subscriber`, `authentication-provider`)
  const nouns = domainNames(files, entityWords).nouns.map((n) => (n !== undefined && ofProduct(n) ? undefined : n));
  // an entity file's own entity, by name: the first (by name) when a file declares several
  const entityNounOf = new Map<number, string>();
  for (const e of [...(model.data?.entities ?? [])].sort((a, b) => byString(a.name, b.name))) {
    const i = e.file === undefined ? undefined : index.get(e.file);
    const noun = ownNounOf(`${e.name}.ts`);
    if (i !== undefined && noun !== undefined && !entityNounOf.has(i)) entityNounOf.set(i, noun);
  }
  const typeFiles = new Set<number>();
  const exportless = new Set<number>();
  for (const r of model.records) {
    const i = index.get(r.path);
    if (i !== undefined && r.exports.own.length && !declaresValues(r)) typeFiles.add(i);
    const { own, named, stars } = r.exports;
    if (i !== undefined && own.length + named.length + stars.length === 0) exportless.add(i);
  }
  const productNamed = new Set(
    files.flatMap((f, i) => {
      const own = ownNounOf(f);
      return own !== undefined && ofProduct(own) ? [i] : [];
    }),
  );
  return {
    nouns,
    entityFiles,
    writers,
    users,
    domainWords: domainWords(files, entityNames, ofProduct),
    entityNouns,
    entityNames: entityWords,
    entityNounOf,
    typeFiles,
    productNamed,
    exportless,
  };
}

/**
 * The product's own name is no domain of it (ghostfolio's `ghostfolio.service.ts` is its data
 * provider; `hoppscotch-backend` is the whole back end): whether a noun starts with the first word
 * of the root package's name, with or without a "js" ending.
 */
function productNoun(repo: string): (noun: string) => boolean {
  const name = readManifest(path.join(repo, "package.json"))?.name;
  if (typeof name !== "string") return () => false;
  const word = name
    .replace(/^@/, "")
    .split(/[^A-Za-z0-9]+/)[0]
    .toLowerCase();
  const words = new Set([word, word.replace(/js$/, "")].filter((w) => w.length >= 3));
  return (noun) => words.has(noun.split("-")[0]);
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
    // only when set: a scope without tests stays byte-identical
    ...(opts.includeTests ? { includeTests: true as const } : {}),
  };
}

/** The analysed files that run in a browser (`--tier client` or `all`): no process starts there. */
function clientFilesOf(model: RepoModel): string[] {
  const tierOf = new Map((model.tiers?.files ?? []).map((f) => [f.path, f.tier]));
  return model.coupling.files.filter((f) => tierOf.get(f) === "client");
}

function proposalKey(cg: CouplingGraph, imports: ImportGraph, hints: DomainHints, options: object): string {
  const h = createHash("sha1");
  h.update(JSON.stringify({ options, grid: RESOLUTION_GRID, slack: STABILITY_SLACK }));
  const writers = [...hints.writers].map(([k, v]) => [k, [...v]]);
  h.update(
    JSON.stringify([
      hints.nouns,
      [...hints.entityFiles],
      writers,
      [...hints.users],
      [...hints.domainWords],
      [...hints.entityNouns],
      [...(hints.entityNames ?? [])],
      [...hints.entityNounOf],
      [...hints.typeFiles],
      [...hints.productNamed],
      [...(hints.exportless ?? [])],
    ]),
  );
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
