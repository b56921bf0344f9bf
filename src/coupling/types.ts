export type Signal = "structural" | "cochange" | "ownership" | "semantic";
export const SIGNALS: Signal[] = ["structural", "cochange", "ownership", "semantic"];

export type Weights = Record<Signal, number>;

/**
 * Defaults chosen by measurement (docs/design.md "Choosing the weights": MoJoFM/ARI against labelled
 * domains of two real repos and the demo): imports and co-change carry the cut, shared
 * vocabulary helps on both real repos, ownership helps a little more weakly.
 */
export const DEFAULT_WEIGHTS: Weights = { structural: 1, cochange: 1, ownership: 0.25, semantic: 0.5 };

/** One undirected pair of files and how strongly each signal couples them, each in [0, 1]. */
export interface CouplingEdge {
  a: number;
  b: number;
  signals: Record<Signal, number>;
  /** the role both files share (roles.ts): their weight is damped */
  sameRole?: string;
  /** the weighted sum that clustering uses (times ROLE_DAMPING for a shared role) */
  weight: number;
}

/** The combined graph over the analysed files (node i is files[i]). */
export interface CouplingGraph {
  files: string[];
  edges: CouplingEdge[];
  weights: Weights;
}
