import { readFileSync } from "node:fs";
import path from "node:path";
import { buildCouplingGraph } from "../coupling/buildCoupling.js";
import { appSchemas, prismaModels, readDataModel } from "../coupling/data.js";
import { DEFAULT_WEIGHTS, type Weights } from "../coupling/types.js";
import { usableCacheDir } from "../cache/store.js";
import { toImportGraph } from "../graph/importGraph.js";
import type { ImportGraph, ModuleRecord } from "../graph/types.js";
import { startHistory, type PendingHistory } from "../history/readHistory.js";
import type { ChangeHistory } from "../history/types.js";
import type { RepoModel } from "../metrics/types.js";
import { DEFAULT_TEST_GLOBS } from "../repo/defaults.js";
import { checkRepoDir } from "../repo/repoDir.js";
import { gitFilesAsync, isGitWorkTree } from "../repo/visibleFiles.js";
import { classifyTiers, tsconfigRuntimes } from "../tiers/classify.js";
import { isServerPackage } from "../tiers/packages.js";
import type { TierChoice, TierMap } from "../tiers/types.js";
import { inChosenTier } from "../tiers/chosen.js";
import { findPlatform, type PlatformPackage } from "../tiers/platform.js";
import { assertTypeScript } from "../util/cjs.js";
import { toRepoPath } from "../util/paths.js";
import type { Log } from "../util/log.js";
import type { AnalyzeOptions } from "./options.js";

/** The code read and the history started: what every command needs before its own work. */
export interface PreparedRepo {
  root: string;
  weights: Weights;
  cacheDir: string | undefined;
  pending: PendingHistory | undefined;
  scopeFiles: Set<string>;
  /** every file parsed in scope */
  records: ModuleRecord[];
  imports: ImportGraph;
  tiers: TierMap;
  /** the files services are made of: the chosen tier, no generated file, none skipped for its size */
  chosen: ModuleRecord[];
  /** the models of the repo's schema.prisma files */
  prisma: { schema: string; models: string[] }[];
  /** the workspace packages the others build on (framework code: kernel, never a service) */
  platform: PlatformPackage[];
  /** every workspace package's folder, repo-relative */
  packages: string[];
}

export async function prepareRepo(repo: string, opts: AnalyzeOptions, log: Log): Promise<PreparedRepo> {
  const root = checkRepoDir(repo);
  const weights: Weights = { ...DEFAULT_WEIGHTS, ...opts.weights };
  const cacheDir = opts.cache === false ? undefined : usableCacheDir(root, log);
  let started: Promise<PendingHistory> | undefined;
  let gitFiles: Promise<string[] | undefined> | undefined;
  if (opts.history === false) {
    // imports only
  } else if (isGitWorkTree(root)) {
    started = startHistory(root, opts, log, cacheDir);
    started.catch(() => undefined); // awaited below; only keeps Node from calling it unhandled meanwhile
    gitFiles = gitFilesAsync(root); // the scope's file list, ready when it is needed
  } else {
    log.warn(
      `${repo} is not a git repository: no history, so services are proposed from the import graph alone (co-change ` +
        `and ownership signals are off)`,
    );
  }
  // TypeScript (parsing, resolution) loads while git log runs. Without a cache the log is already
  // running, and TypeScript also overlaps git's state queries; with one the log waits for them (the
  // cache key needs the state), and loading TypeScript meanwhile would block the main thread first
  if (cacheDir) await started;
  assertTypeScript(); // compare and check come here without the CLI's check
  const loading = Promise.all([import("../repo/scope.js"), import("../graph/build.js")]);
  loading.catch(() => undefined); // as above: a history error is reported first
  const pending = await started;
  try {
    const [{ discoverRepo }, { buildModules }] = await loading;
    log.progress("repo", "finding tsconfigs and files");
    const exclude = [...(opts.exclude ?? []), ...(opts.includeTests ? [] : DEFAULT_TEST_GLOBS)];
    // undefined when git failed to list: discoverRepo asks again and reports why
    const visible = await gitFiles;
    const listed = visible && { isGit: true, visible };
    const scope = discoverRepo(
      repo,
      { tsconfigs: opts.tsconfigs, include: opts.include, exclude, scopeFrom: opts.scopeFrom },
      log,
      listed,
    );
    const records = buildModules(scope, log, {
      maxFileBytes: opts.maxFileBytes,
      cacheDir,
      terms: weights.semantic > 0,
      // an import of a server package only used in types says nothing about where a file runs
      elisionOf: (name) => isServerPackage(name) || name === "@prisma/client",
      elisionKey: "server",
    });
    const imports = toImportGraph(records, { throughBarrels: true });
    log.progress("tiers", "where each file runs");
    const manifests = [...scope.visible].filter(
      (f) => /(^|\/)package\.json$/.test(f) && !f.split("/").includes("node_modules"),
    );
    const tiers = classifyTiers({ root, records, manifests, tsconfigRuntime: tsconfigRuntimes(scope.tsconfigs) });
    const chosen = chooseFiles(records, tiers, opts.tier ?? "server", !!opts.includeTests);
    const scopeFiles = new Set(scope.files.map((f) => f.path));
    const prisma = appSchemas([...scope.visible], { include: opts.include, exclude }).map((schema) => ({
      schema,
      models: prismaModels(readFileSync(path.join(root, schema), "utf8")),
    }));
    const holdsData = dataPackage(records);
    const platform = findPlatform(root, scope.workspaces, (dir) => !runsCode(records, dir) || holdsData(dir));
    const packages = scope.workspaces.map((w) => toRepoPath(root, w.dir)).sort();
    return {
      root,
      weights,
      cacheDir,
      pending,
      scopeFiles,
      records,
      imports,
      tiers,
      chosen,
      prisma,
      platform,
      packages,
    };
  } catch (e) {
    pending?.abandon(); // a bad --include or tsconfig: stop git and remove its temp file
    throw e;
  }
}

export async function finishModel(p: PreparedRepo, log: Log): Promise<RepoModel> {
  log.progress("history", "reading git log");
  const history: ChangeHistory | undefined = p.pending ? await p.pending.collect(p.scopeFiles) : undefined;
  log.progress("coupling", "combining signals");
  const coupling = buildCouplingGraph(p.chosen, p.imports, history, p.weights);
  const data = readDataModel(p.records, p.prisma);
  return {
    imports: p.imports,
    records: p.records,
    coupling,
    history,
    tiers: p.tiers,
    data,
    platform: p.platform,
    packages: p.packages,
  };
}

/**
 * The repo state every command scores against: graph (through barrels), history and the
 * coupling graph. git log starts first and runs while TypeScript parses the code.
 */
export async function buildRepoModel(repo: string, opts: AnalyzeOptions, log: Log): Promise<RepoModel> {
  return finishModel(await prepareRepo(repo, opts, log), log);
}

/**
 * The files candidate services are made of: those of the chosen tier (`all`: every tier but
 * tooling), never a generated file (unless tests and generated files are included) nor one
 * skipped for its size.
 */
function chooseFiles(records: ModuleRecord[], tiers: TierMap, choice: TierChoice, includeGenerated: boolean) {
  const wanted = inChosenTier(tiers.files, choice);
  return records.filter((r) => !r.skipped && (includeGenerated || !r.generated) && wanted(r.path));
}

/**
 * Whether the folder's code runs: one of its parsed files declares a value (a function, class,
 * constant, enum), not types alone. A folder with no parsed file is taken to run code, since
 * nothing says otherwise.
 */
function runsCode(records: ModuleRecord[], dir: string): boolean {
  const inside = records.filter((r) => !r.skipped && r.path.startsWith(`${dir}/`));
  return inside.length === 0 || inside.some(declaresValues);
}

/** Entities a package must declare, besides half of the repository's, to be where its data is declared. */
const DATA_PACKAGE_ENTITIES = 3;

/**
 * Whether a package's files declare half of the analysed entities or more, at least three: the package where
 * the repository's data is declared (a database package of every domain's tables), no framework.
 */
function dataPackage(records: ModuleRecord[]): (dir: string) => boolean {
  const declaring = records.filter((r) => !r.skipped && r.data.entities.length > 0);
  const all = declaring.reduce((n, r) => n + r.data.entities.length, 0);
  return (dir) => {
    const inside = declaring.reduce((n, r) => (r.path.startsWith(`${dir}/`) ? n + r.data.entities.length : n), 0);
    return inside >= DATA_PACKAGE_ENTITIES && inside * 2 >= all;
  };
}

/** A file declaring a value of its own (a function, class, constant, enum), not types alone. */
export function declaresValues(r: ModuleRecord): boolean {
  return r.exports.own.some((e) => e.kind !== "interface" && e.kind !== "type");
}
