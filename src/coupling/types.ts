export type Signal = "structural" | "cochange" | "ownership" | "semantic";
export const SIGNALS: Signal[] = ["structural", "cochange", "ownership", "semantic"];

export type Weights = Record<Signal, number>;

/**
 * Defaults, measured on the demo monolith and the synthetic layered monoliths of the test
 * suite (README "Choosing the weights"): co-change finds the domains, imports hold them
 * together, ownership breaks ties; semantic coupling is off until it earns its place.
 */
export const DEFAULT_WEIGHTS: Weights = { structural: 1, cochange: 1.5, ownership: 0.5, semantic: 0 };

/** One undirected pair of files and how strongly each signal couples them, each in [0, 1]. */
export interface CouplingEdge {
  a: number;
  b: number;
  signals: Record<Signal, number>;
  /** the weighted sum that clustering uses */
  weight: number;
}

/** The combined graph over the analysed files (node i is files[i]). */
export interface CouplingGraph {
  files: string[];
  edges: CouplingEdge[];
  weights: Weights;
}
