/** What the ranking stage reads off a partition: the evidence of pain and cost, and the draft contracts. */

export interface PainFactors {
  recentRevisions: number;
  revisions: number;
  hotspots: string[];
  authors: number;
  fragmentation: number;
  cochangeLeaving: number;
  hiddenCoupling: number;
  churn?: number;
}

export interface CostFactors {
  importsIn: number;
  importsOut: number;
  symbolsIn: number;
  symbolsOut: number;
  cycleWith: string[];
  kernelImports: number;
  sharedData: string[];
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

export interface Contract {
  provides: ContractSymbol[];
  requires: RequiredSymbol[];
}
