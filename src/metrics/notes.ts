import type { GlobalMetrics } from "./types.js";

/**
 * How to read each global metric of a cut: what it measures, which way is better, and a typical
 * range. report.md, the terminal and report.html all read these, so that they agree. The ranges are
 * rough guides (the demo and the benchmark back ends, and each measure's use in the literature),
 * said as such: a reader needs to know whether 0.46 is good, not a verdict.
 */
export interface MetricNote {
  key: keyof GlobalMetrics;
  label: string;
  /** a few words, for a card */
  short: string;
  /** what it measures, in a sentence */
  means: string;
  better: "higher" | "lower";
  /** the values usually seen, for a card */
  typical: string;
  /** its bounds and how to read a value */
  range: string;
}

/** The modularity over which a cut is a clear one. */
export const CLEAR_CUT_MODULARITY = 0.4;

export const GLOBAL_METRIC_NOTES: MetricNote[] = [
  {
    key: "modularity",
    label: "Modularity",
    short: "coupling kept inside services, beyond chance",
    means:
      "how much more coupling weight (imports, co-change, shared authors) stays inside services than a random " +
      "cut of the same sizes would keep (Newman; kernel and isolated files apart)",
    better: "higher",
    typical: "0.3\u20130.7",
    range:
      `from \u22120.5 to 1; 0.3\u20130.7 on real back ends, over ${CLEAR_CUT_MODULARITY} a clear cut, ` +
      "near 0 a random one",
  },
  {
    key: "turboMQ",
    label: "TurboMQ",
    short: "imports inside vs. across, per service",
    means:
      "per service, its internal import edges against those crossing its border (Mitchell & Mancoridis's MQ), " +
      "averaged over the services",
    better: "higher",
    typical: "0.4\u20130.8",
    range: "from 0 to 1; 0.4\u20130.8 is usual for a monolith's first cut",
  },
  {
    key: "crossEdgeShare",
    label: "Cross-edge share",
    short: "imports that cross a service border",
    means:
      "share of the import edges among service files that go from one service to another: each becomes a " +
      "remote call or a shared library",
    better: "lower",
    typical: "0.3\u20130.5",
    range: "from 0 to 1; under 0.3 is clean, 0.3\u20130.5 usual in a monolith, over 0.5 most imports cross a border",
  },
  {
    key: "ifn",
    label: "IFN",
    short: "files per service that others import",
    means: "interface number: mean count of files per service that other services import (its interface to keep)",
    better: "lower",
    typical: "5\u201325",
    range: "from 0 up, growing with service size; under 10 is a narrow interface, over 25 a wide one",
  },
  {
    key: "ned",
    label: "NED",
    short: "files in too small or too big services",
    means:
      "share of the service files in services outside the 5..100-file band: too small to stand alone or too " +
      "big to be one service",
    better: "lower",
    typical: "0\u20130.2",
    range: "from 0 to 1; 0 is ideal, under 0.2 fine",
  },
];
