import type { CouplingGraph } from "../coupling/types.js";
import type { ImportGraph, ModuleRecord } from "../graph/types.js";
import type { ChangeHistory } from "../history/types.js";
import type { TierMap } from "../tiers/types.js";
import type { DataModel } from "../coupling/data.js";

/** Everything the metrics read: one repo state, computed once, scored against any proposal. */
export interface RepoModel {
  /** imports resolved through barrels: an edge goes to the file that defines the symbols */
  imports: ImportGraph;
  records: ModuleRecord[];
  coupling: CouplingGraph;
  history?: ChangeHistory;
  /** where each parsed file runs (absent in a model read back from model.json) */
  tiers?: TierMap;
  /** the entities and who reads and writes them (absent in a model read back from model.json) */
  data?: DataModel;
  /** the workspace packages the others build on (absent in a model read back from model.json) */
  platform?: { name: string; dir: string; why: string }[];
  /** every workspace package's folder (absent in a model read back from model.json) */
  packages?: string[];
}

/** The shared kernel where a service id is expected (a contract's `requires[].service`). */
export const KERNEL = "kernel";

/** A cut of the repo into services: what analyze proposes and what teams write by hand. */
export interface ServicePartition {
  services: { id: string; name: string; files: string[] }[];
  kernel: string[];
}

export interface ServiceMetrics {
  files: number;
  lines: number;
  /** internal share of the coupling weight its files carry */
  cohesion: number;
  /** import edges from other services into it / from it into other services (kernel apart) */
  fanIn: number;
  fanOut: number;
  /** distinct (file, symbol) of this service that other services import */
  interfaceSize: number;
  /** its files imported by other services */
  interfaceFiles: number;
  /** import edges from it into the shared kernel */
  kernelImports: number;
  /** share of its co-change (shared commits) that stays inside */
  cochangeContainment: number;
  /** distinct kept commits touching it */
  revisions: number;
  authors: number;
  owners: { name: string; share: number }[];
}

export interface GlobalMetrics {
  modularity: number;
  turboMQ: number;
  crossEdgeShare: number;
  ifn: number;
  ned: number;
}

export interface Scorecard {
  services: Record<string, ServiceMetrics>;
  global: GlobalMetrics;
}

/** NED's band: services of fewer or more files than this are "extreme" (Mono2Micro used 5..20 classes). */
export const NED_BAND = { min: 5, max: 100 };
