import type { ServiceMetrics } from "../../../metrics/types.js";

/**
 * Categorical colours: Okabe-Ito's colour-blind-aware eight, then twelve more chosen to stay apart from
 * them and each other (no second blue, pink or orange beside the first: the report often has 15 to 20
 * services), then golden-angle hues.
 */
const PALETTE = [
  "#0072b2",
  "#e69f00",
  "#009e73",
  "#cc79a7",
  "#d55e00",
  "#56b4e9",
  "#8c6d31",
  "#7b4fa0",
  "#e15759",
  "#76b7b2",
  "#edc948",
  "#000075",
  "#808000",
  "#800000",
  "#f032e6",
  "#469990",
  "#c0c000",
  "#33a02c",
  "#fb9a99",
  "#6b6ecf",
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

/** A score as the terminal and report.md print it: two decimals, always (2.30, not 2.3). */
export function fixed2(x: number): string {
  return Number.isFinite(x) ? x.toFixed(2) : String(x);
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
