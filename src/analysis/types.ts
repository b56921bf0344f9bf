import type { Signal, Weights } from "../coupling/types.js";
import type { CouplingPair } from "../history/types.js";
import type { TierChoice, TierMap } from "../tiers/types.js";
import type { GlobalMetrics, ServiceMetrics } from "../metrics/types.js";
import type { Contract, CostFactors, EntityUse, PainFactors } from "../ranking/types.js";

/**
 * The file scope a result was made with, as the user set it (flags merged over
 * faultline.config.json): tsconfigs repo-relative, `exclude` without the default test globs.
 * analysis.json and accepted.json record it; `check` reuses it unless flags override it.
 */
export interface Scope {
  tsconfigs: string[];
  include: string[];
  exclude: string[];
  tier: TierChoice;
  /** tests and generated files analysed too (--include-tests): absent when not */
  includeTests?: true;
}

/**
 * A scope as a proposal records it, each part optional: a part left out (a hand-written YAML's) is taken
 * from the flags, then the config. An analysis or accepted file records every part.
 */
export interface RecordedScope {
  tsconfigs?: string[];
  include?: string[];
  exclude?: string[];
  tier?: TierChoice;
  includeTests?: boolean;
}

/** The front end when services are made of server code: its size, and what each area of it uses. */
export interface ClientSummary {
  files: number;
  areas: { area: string; files: number; dependsOn: { service: string; imports: number }[] }[];
}

/** faultline/analysis@1: the versioned result between analysis and the reports. */
export interface Analysis {
  schema: "faultline/analysis@1";
  repo: {
    head: string;
    headDate: string;
    files: number;
    commits: number;
    /** of `files`, those left unread (unreadable, or over --max-file-size): absent when none */
    skipped?: number;
    /** of the analysed tier's files, those marked generated and so left out of every service: absent when none */
    generated?: number;
  };
  settings: {
    seed: number;
    /** the module level's resolution and the rule that chose it */
    resolution: number;
    resolutionRule: string;
    /** how modules were grouped into services */
    serviceRule: string;
    weights: Weights;
    /** the factor on a tie between two files of one naming role (docs/design.md "Roles"); absent in older files */
    roleDamping?: number;
    runs: number;
    maxChangeset: number;
    since?: string;
    until?: string;
    renames: boolean;
    includeTests: boolean;
    history: boolean;
    /** fewer kept commits than this: no first pick */
    minCommits: number;
    /** which files services are made of */
    tier: TierChoice;
    scope: Scope;
  };
  /** where every analysed file runs, and the evidence that decided it */
  tiers: TierMap;
  /** files used by both server and client code: libraries of their own, in no service */
  sharedLibraries: string[];
  /** with services made of server code: the front end, its areas and the services each uses */
  client?: ClientSummary;
  metrics: GlobalMetrics;
  kernel: { files: { path: string; why: string }[] };
  /** files with no tie to any other file: nothing to place them by */
  isolated: string[];
  /** the entities (ORM models), each with its owner and the services that use it; most used first */
  data: { entities: EntityUse[] };
  services: ServiceAnalysis[];
  /** import cycles between services, largest first */
  cycles: { services: string[] }[];
  /** the services in the order to extract them; empty when the history does not support a pick */
  extractionOrder: string[];
  /** why there is no first pick (too little history, a single service) */
  extractionNote?: string;
  hiddenCoupling: CouplingPair[];
}

export interface Tie {
  with: string;
  weight: number;
  signals: Record<Signal, number>;
  /** both files share this role (docs/design.md "Roles"): the tie is damped */
  sameRole?: string;
}

export interface ModuleAnalysis {
  id: string;
  name: string;
  files: string[];
}

export interface ServiceAnalysis {
  id: string;
  name: string;
  files: string[];
  /** the finer sub-domains it holds: they partition its files */
  modules: ModuleAnalysis[];
  confidence: Record<string, number>;
  ties: Record<string, Tie[]>;
  /**
   * files a placement rule put here rather than the clustering, each with the rule: a domain file
   * with the module owning its data, an entity with its writers, a file with most of its unit or folder
   */
  placed?: Record<string, string>;
  stability: number;
  metrics: ServiceMetrics;
  painFactors: PainFactors;
  costFactors: CostFactors;
  pain: number;
  cost: number;
  rank: number;
  why: string[];
  contract: Contract;
  /** the first pick only: the module to start the extraction with */
  startWith?: string;
  /** most of its files name no business noun: a grab-bag, never ranked before a domain */
  noDomain?: true;
  /** its strongest co-change with files of other services (each would become a distributed change) */
  crossingCochange: { file: string; with: string; service: string; shared: number }[];
}
