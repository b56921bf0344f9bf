import type { GlobalMetrics, ServiceMetrics } from "../../../metrics/types.js";

/** Colour-blind-aware categorical colours (Okabe-Ito, then Tableau's), then golden-angle hues. */
const PALETTE = [
  "#0072b2",
  "#e69f00",
  "#009e73",
  "#cc79a7",
  "#d55e00",
  "#56b4e9",
  "#8c6d31",
  "#7b4fa0",
  "#4e79a7",
  "#f28e2b",
  "#59a14f",
  "#b07aa1",
  "#e15759",
  "#76b7b2",
  "#9c755f",
  "#edc948",
  "#3b6e8f",
  "#a0522d",
  "#2e8b57",
  "#c71585",
];
export const KERNEL_COLOR = "#3d4451";
export const ISOLATED_COLOR = "#b8bec8";
export const DIMMED_COLOR = "#e3e6ea";
export const EDGE_COLOR = "#d3d8df";

export function serviceColor(k: number): string {
  if (k < PALETTE.length) return PALETTE[k];
  // sigma parses hex, rgb() and names only: convert hsl(hue, 55%, 45%) to hex
  const hue = (k * 137.508) % 360;
  const s = 0.55;
  const l = 0.45;
  const f = (n: number) => {
    const t = (n + hue / 30) % 12;
    const c = l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(t - 3, 9 - t, 1));
    return Math.round(c * 255)
      .toString(16)
      .padStart(2, "0");
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

/** A figure as shown: at most 4 decimals (the scorecard rounds to 4), no grouping. */
export function fmt(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return String(x);
  return String(Number(x.toFixed(digits)));
}

export function signed(x: number): string {
  const s = fmt(Math.abs(x));
  return x > 0 ? `+${s}` : x < 0 ? `\u2212${s}` : "\u00b10";
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

export function basename(path: string): string {
  const i = path.lastIndexOf("/");
  return i >= 0 ? path.slice(i + 1) : path;
}

export interface MetricInfo<K extends string> {
  key: K;
  label: string;
  help: string;
  /** which way is better, when there is one */
  better?: "higher" | "lower";
}

/**
 * The global metrics with what each measures, which way is better and a typical range. The
 * ranges are rough guides (the demo, ghostfolio and outline, and each measure's use in the
 * literature), said as such: a reader needs to know whether 0.46 is good, not a verdict.
 */
export const GLOBAL_METRICS: (MetricInfo<keyof GlobalMetrics> & { short: string; typical: string; range: string })[] = [
  {
    key: "modularity",
    label: "Modularity",
    short: "coupling kept inside services, beyond chance",
    help:
      "how much more coupling weight (imports, co-change, shared authors) stays inside services than a random " +
      "cut of the same sizes would keep (Newman; kernel and isolated files apart)",
    better: "higher",
    typical: "0.4\u20130.7",
    range: "from \u22120.5 to 1; 0.4\u20130.7 is a clear cut, under 0.3 a weak one",
  },
  {
    key: "turboMQ",
    label: "TurboMQ",
    short: "imports inside vs. across, per service",
    help:
      "per service, its internal import edges against those crossing its border (Mitchell & Mancoridis's MQ), " +
      "averaged over the services",
    better: "higher",
    typical: "0.4\u20130.7",
    range: "from 0 to 1; 0.4\u20130.7 is usual for a monolith's first cut, over 0.7 a clean one",
  },
  {
    key: "crossEdgeShare",
    label: "Cross-edge share",
    short: "imports that cross a service border",
    help:
      "share of the import edges among service files that go from one service to another: each becomes a " +
      "remote call or a shared library",
    better: "lower",
    typical: "0.3\u20130.5",
    range: "from 0 to 1; under 0.3 is clean, 0.3\u20130.5 usual in a monolith, over 0.5 tangled",
  },
  {
    key: "ifn",
    label: "IFN",
    short: "files per service that others import",
    help: "interface number: mean count of files per service that other services import (its interface to keep)",
    better: "lower",
    typical: "5\u201325",
    range: "from 0 up, growing with service size; under 10 is a narrow interface, over 25 a wide one",
  },
  {
    key: "ned",
    label: "NED",
    short: "files in too small or too big services",
    help:
      "share of the service files in services outside the 5..100-file band: too small to stand alone or too " +
      "big to be one service",
    better: "lower",
    typical: "0\u20130.2",
    range: "from 0 to 1; 0 is ideal, under 0.2 fine",
  },
];

/** "higher is better" / "lower is better" with an arrow, for the inline explanation lines. */
export function betterText(better: "higher" | "lower" | undefined): string {
  if (better === "higher") return "\u2191 higher is better";
  if (better === "lower") return "\u2193 lower is better";
  return "";
}

export const SERVICE_METRICS: MetricInfo<Exclude<keyof ServiceMetrics, "owners">>[] = [
  { key: "files", label: "Files", help: "files in the service" },
  { key: "lines", label: "Lines", help: "non-blank lines" },
  {
    key: "cohesion",
    label: "Cohesion",
    help: "internal share of the coupling weight its files carry",
    better: "higher",
  },
  { key: "fanIn", label: "Fan-in", help: "import edges from other services into it (kernel apart)" },
  { key: "fanOut", label: "Fan-out", help: "import edges from it into other services (kernel apart)", better: "lower" },
  {
    key: "interfaceSize",
    label: "Interface size",
    help: "distinct file + symbol pairs other services import",
    better: "lower",
  },
  { key: "interfaceFiles", label: "Interface files", help: "its files that other services import", better: "lower" },
  { key: "kernelImports", label: "Kernel imports", help: "import edges from it into the shared kernel" },
  {
    key: "cochangeContainment",
    label: "Co-change containment",
    help: "share of its files' shared commits that stay inside",
    better: "higher",
  },
  { key: "revisions", label: "Revisions", help: "distinct commits touching it" },
  { key: "authors", label: "Authors", help: "distinct authors of those commits" },
];
