/** What the ranking stage reads off a partition: the evidence of pain and cost, and the draft contracts. */

/** How much a service hurts to live with: each factor counts once, here and nowhere else. */
export interface PainFactors {
  /** commits touching it, each weighted by recency (half-life one year from HEAD) */
  recentRevisions: number;
  /** commits touching it, unweighted (a reason, not a factor) */
  revisions: number;
  /** its files in the repo's top tenth by revisions x lines */
  hotspots: string[];
  /** commits touching it whose subject says they fix something: how often it fails */
  fixCommits: number;
  /** 1 - sum of squared author shares of its commits */
  fragmentation: number;
  /** authors of its commits (a reason, not a factor) */
  authors: number;
  /** lines added and removed (with --churn) */
  churn?: number;
}

/** What cutting a service out costs: everything that crosses its boundary, each counted once. */
export interface CostFactors {
  /** import edges from other services into it, and from it into them */
  importsIn: number;
  importsOut: number;
  /** shared commits with files of other services: each would become a distributed change */
  cochangeLeaving: number;
  /** entities it reads or writes that another service owns */
  dataNotOwned: string[];
  /** the services it is in an import cycle with, the most tied first */
  cycleWith: string[];
  /** import edges into the shared kernel (a reason, not a factor: the kernel becomes a library) */
  kernelImports: number;
}

export interface ContractSymbol {
  file: string;
  symbol: string;
  kind: string;
  usedBy: string[];
}

export interface RequiredSymbol {
  service: string;
  file: string;
  symbol: string;
}

/** An entity a service owns, with the services that read it. */
export interface DataOwned {
  entity: string;
  file?: string;
  readBy: string[];
}

/** An entity a service uses that another service owns (`write`: it writes it, too). */
export interface DataRequired {
  entity: string;
  owner: string;
  write: boolean;
}

/** An entity of the repo, its owner and its other users. */
export interface EntityUse {
  key: string;
  name: string;
  file?: string;
  /** the service that owns it; null when no service holds or writes it */
  owner: string | null;
  readBy: string[];
  writtenBy: string[];
}

/** What a service provides and requires: symbols across its boundary, and data. */
export interface Contract {
  provides: ContractSymbol[];
  requires: RequiredSymbol[];
  data: { owns: DataOwned[]; requires: DataRequired[] };
}
