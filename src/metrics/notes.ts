import type { GlobalMetrics } from "./types.js";

/** How to read each global metric of a cut: what it measures, which way is better, a typical range. */
export interface MetricNote {
  key: keyof GlobalMetrics;
  label: string;
  means: string;
  better: "higher" | "lower";
  /** which way is better and the values seen on real monoliths */
  reading: string;
}

export const GLOBAL_METRIC_NOTES: MetricNote[] = [
  {
    key: "modularity",
    label: "Modularity",
    means: "Newman modularity of the services on the coupling graph (ties inside services beyond chance)",
    better: "higher",
    reading: "higher is better; 0.3 to 0.7 on real back ends, near 0 for a random cut",
  },
  {
    key: "turboMQ",
    label: "TurboMQ",
    means: "modularisation quality over import edges (inside / (inside + half of crossing)), per service",
    better: "higher",
    reading: "higher is better, from 0 to 1; 0.4 to 0.8 is usual",
  },
  {
    key: "crossEdgeShare",
    label: "Cross-edge share",
    means: "import edges between services as a share of all import edges among service files",
    better: "lower",
    reading: "lower is better; 0.1 to 0.4 is usual, over 0.5 means most imports cross a boundary",
  },
  {
    key: "ifn",
    label: "IFN",
    means: "interface number: files per service that other services import",
    better: "lower",
    reading: "lower is better; a few per service is usual, tens mean wide interfaces",
  },
  {
    key: "ned",
    label: "NED",
    means: "non-extreme distribution: share of files in services outside 5 to 100 files",
    better: "lower",
    reading: "lower is better, from 0 to 1; 0 when every service has 5 to 100 files",
  },
];
