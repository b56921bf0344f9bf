import type { UndirectedGraph } from "graphology";
import { consensusPartition, type Consensus } from "./consensus.js";
import { modularityOf } from "./louvain.js";

/** The resolutions `auto` chooses among. */
export const RESOLUTION_GRID = [0.5, 0.7, 1, 1.4, 2, 2.8, 4];
/** how far below the most stable cut another may be and still count as stable */
export const STABILITY_SLACK = 0.01;
/**
 * How big one candidate may be for a cut to count: no more than a quarter of the files once it
 * is past a size a team could still extract (MAX_SERVICE_FILES). A bigger one is the monolith
 * again (on a whole repo, the front end), and the coarse cut that makes it is stable because
 * that seam is obvious, not because it helps. When no cut keeps to that (a small repo of three
 * clean domains), the bound is half the files, as a single giant service is never an answer.
 */
export const MAX_SERVICE_SHARE = 0.25;
export const MAX_SERVICE_FILES = 100;
const FALLBACK_SERVICE_SHARE = 0.5;

/** What the resolution rule needs of the caller's options. */
export interface ResolutionOptions {
  seed: number;
  resolution: number | "auto";
  minServiceSize: number;
}

export function chooseResolution(
  g: UndirectedGraph,
  n: number,
  opts: ResolutionOptions,
  active: Uint8Array,
  atLeast = 0,
): { resolution: number; rule: string; runs?: Int32Array[] } {
  if (opts.resolution !== "auto") return { resolution: opts.resolution, rule: "set by --resolution" };
  const size = active.reduce((s, v) => s + v, 0);
  const cuts: (CutStats & { runs: Int32Array[] })[] = [];
  for (const r of RESOLUTION_GRID.filter((r) => r >= atLeast)) {
    const c: Consensus = consensusPartition(g, n, r, opts.seed, 5);
    const counts = new Map<number, number>();
    for (const l of c.labels) if (l >= 0) counts.set(l, (counts.get(l) ?? 0) + 1);
    const sizes = [...counts.values()];
    cuts.push({
      r,
      stability: c.stability,
      modularity: modularityOf(g, c.labels),
      services: sizes.filter((s) => s >= opts.minServiceSize).length,
      largest: Math.max(0, ...sizes),
      runs: c.runs,
    });
  }
  const { r, rule } = pickCut(cuts, size, atLeast);
  return { resolution: r, rule, runs: cuts.find((c) => c.r === r)?.runs };
}

/** What `auto` knows of the cut at one resolution (five seeded runs, their medoid). */
export interface CutStats {
  r: number;
  /** mean pairwise ARI of the runs */
  stability: number;
  /** Newman modularity (resolution 1) of the medoid run */
  modularity: number;
  /** clusters of at least the minimum service size */
  services: number;
  largest: number;
}

/**
 * The `auto` rule on the cuts of one grid (ascending), over `size` clustered files. `atLeast`:
 * the first choice, when choosing again once the kernel is out.
 */
export function pickCut(all: CutStats[], size: number, atLeast = 0): { r: number; rule: string } {
  // taking the kernel's glue out never calls for bigger services than the first choice
  const cuts = all.filter((c) => c.r >= atLeast);
  // a cut with a single service, or one giant service, is perfectly stable and useless
  const small = (c: CutStats) => size < 20 || c.largest <= Math.max(MAX_SERVICE_SHARE * size, MAX_SERVICE_FILES);
  const notGiant = (c: CutStats) => size < 20 || c.largest <= FALLBACK_SERVICE_SHARE * size;
  const bound = cuts.some((c) => c.services >= 2 && small(c))
    ? { keep: small, says: `none over ${MAX_SERVICE_SHARE * 100}% of the files once past ${MAX_SERVICE_FILES} files` }
    : {
        keep: notGiant,
        says: `none over ${FALLBACK_SERVICE_SHARE * 100}% of the files (no cut kept to ${MAX_SERVICE_SHARE * 100}%)`,
      };
  const again = atLeast ? ` (chosen again without the kernel, none coarser than the first choice, ${atLeast})` : "";
  const grid = `resolutions tried: ${cuts.map((c) => c.r).join(", ")}${again}`;
  const candidates = cuts.filter((c) => c.services >= 2 && bound.keep(c));
  if (candidates.length === 0) {
    const r = atLeast || 1;
    return { r, rule: `auto: no cut gave two or more services with ${bound.says}; ${r} (${grid})` };
  }
  const most = Math.max(...candidates.map((c) => c.stability));
  // Of the cuts (nearly) as reproducible as the most reproducible one, the most modular: every
  // seed finds the small tight cores of a fine cut alike, so stability alone favours the finest
  // resolution, and a coarser cut that merges two real domains is as reproducible as the one
  // that keeps them apart; modularity (at resolution 1) tells them apart. Ties go to the coarser.
  const stable = candidates.filter((c) => c.stability >= most - STABILITY_SLACK);
  const chosen = stable.reduce((best, c) => (c.modularity > best.modularity + 1e-9 ? c : best));
  return {
    r: chosen.r,
    rule:
      `auto: the most modular cut (modularity ${chosen.modularity.toFixed(3)}) of those as stable across seeds ` +
      `as the most stable one (mean pairwise ARI ${chosen.stability.toFixed(3)} vs best ${most.toFixed(3)}, slack ` +
      `${STABILITY_SLACK}), with at least two services and ${bound.says}; ${grid}`,
  };
}
