import type { UndirectedGraph } from "graphology";
import picomatch from "picomatch";
import type { CouplingGraph } from "../coupling/types.js";
import type { ImportGraph } from "../graph/types.js";
import { confidenceOf, consensusPartition, type Consensus } from "./consensus.js";
import { modularityOf, toGraphology } from "./louvain.js";
import { kebab, nameGroups, uniqueIds } from "./naming.js";
import { getOrInsert } from "../util/maps.js";
import { byString } from "../util/order.js";

export interface Overrides {
  /** service name -> globs of files pinned to it */
  pin?: Record<string, string[]>;
  /** globs of files forced into the shared kernel */
  kernel?: string[];
  /** generated name -> the name the team uses */
  rename?: Record<string, string>;
}

export interface BoundaryOptions {
  seed: number;
  /** seeds per consensus (>= 10) */
  runs: number;
  resolution: number | "auto";
  /** smaller clusters merge into their strongest neighbour */
  minServiceSize: number;
  overrides?: Overrides;
}

export interface ProposedService {
  id: string;
  name: string;
  /** indexes into the coupling graph's files, ascending */
  members: number[];
  stability: number;
}

export interface Proposal {
  services: ProposedService[];
  /** per coupling-graph node: index into services, -1 for kernel or isolated */
  assignment: Int32Array;
  confidence: Float64Array;
  kernel: { file: number; why: string }[];
  /** files with no coupling at all: nothing to place them by */
  isolated: number[];
  resolution: number;
  resolutionRule: string;
}

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

/**
 * Candidate services from the coupling graph: seeded Louvain consensus, the shared kernel
 * taken out (files imported from most other services), tiny clusters merged, team overrides
 * applied, every service named from its files.
 */
export function proposeBoundaries(cg: CouplingGraph, imports: ImportGraph, opts: BoundaryOptions): Proposal {
  const n = cg.files.length;
  const degree = new Float64Array(n);
  for (const e of cg.edges) {
    degree[e.a] += e.weight;
    degree[e.b] += e.weight;
  }
  const forcedKernel = opts.overrides?.kernel?.length ? picomatch(opts.overrides.kernel) : () => false;
  const pins = Object.entries(opts.overrides?.pin ?? {}).map(([name, globs]) => ({ name, match: picomatch(globs) }));
  const pinOf = (f: string) => pins.find((p) => p.match(f))?.name;

  const active = new Uint8Array(n);
  const isolated: number[] = [];
  const kernel: { file: number; why: string }[] = [];
  for (let i = 0; i < n; i++) {
    if (forcedKernel(cg.files[i])) kernel.push({ file: i, why: "forced into the kernel by faultline.config.json" });
    else if (degree[i] === 0 && !pinOf(cg.files[i])) isolated.push(i);
    else active[i] = 1;
  }

  let g = toGraphology(cg, active);
  let { resolution, rule, runs } = chooseResolution(g, n, opts, active);
  let consensus = consensusPartition(g, n, resolution, opts.seed, opts.runs, runs);

  // The shared kernel: files that the other services import from nearly everywhere. They are
  // found on the clustered graph (fan-in across candidate services, not raw in-degree), taken
  // out, and the rest is clustered again without their glue.
  const found = findKernel(consensus.labels, imports, cg, opts.minServiceSize);
  if (found.length) {
    for (const k of found) {
      active[k.file] = 0;
      kernel.push(k);
    }
    g = toGraphology(cg, active);
    // The granularity is chosen again for the graph that is clustered, since without its hubs a
    // resolution can merge what they kept apart; but only among resolutions at least as fine:
    // taking glue out never calls for bigger services (and on outline's server the hub-free
    // graph's most stable cut is coarser, 2, and much worse: 57.5 / 0.480 against 81.2 / 0.688).
    ({ resolution, rule, runs } = chooseResolution(g, n, opts, active, resolution));
    consensus = consensusPartition(g, n, resolution, opts.seed, opts.runs, runs);
  }

  const labels = mergeTiny(consensus.labels, cg, opts.minServiceSize, active);
  // files left alone after merging (no neighbour in any service) are isolated too
  for (let i = 0; i < n; i++) if (active[i] && labels[i] < 0) isolated.push(i);

  // pins: a pinned file goes to the service of that name, whatever the clustering said
  const groups = new Map<number, number[]>();
  const pinned = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    if (!active[i] || labels[i] < 0) continue;
    const pin = pinOf(cg.files[i]);
    if (pin) getOrInsert(pinned, pin, () => []).push(i);
    else getOrInsert(groups, labels[i], () => []).push(i);
  }
  const generated = [...groups.values()].filter((m) => m.length > 0);
  const taken = new Set([...pinned.keys()].map(kebab));
  const names = nameGroups(
    generated.map((m) => m.map((i) => cg.files[i])),
    taken,
  );
  const rename = opts.overrides?.rename ?? {};
  const services: { name: string; members: number[] }[] = [
    ...generated.map((members, k) => ({ name: rename[names[k]] ?? names[k], members })),
    ...[...pinned.entries()].map(([name, members]) => ({ name, members })),
  ];
  services.sort((a, b) => byString(kebab(a.name), kebab(b.name)));

  const assignment = new Int32Array(n).fill(-1);
  services.forEach((s, k) => s.members.forEach((i) => (assignment[i] = k)));
  const confidence = confidenceOf(assignment, consensus.runs);
  const ids = uniqueIds(services.map((s) => s.name));
  return {
    services: services.map((s, k) => {
      const id = ids[k];
      const stability = s.members.reduce((sum, i) => sum + confidence[i], 0) / s.members.length;
      return { id, name: s.name, members: s.members.sort((a, b) => a - b), stability };
    }),
    assignment,
    confidence,
    kernel: kernel.sort((a, b) => a.file - b.file),
    isolated: isolated.sort((a, b) => a - b),
    resolution,
    resolutionRule: rule,
  };
}

function chooseResolution(
  g: UndirectedGraph,
  n: number,
  opts: BoundaryOptions,
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
  const again = atLeast
    ? `, chosen again once the kernel was out and no coarser than the first choice, ${atLeast}`
    : "";
  const grid = `resolutions ${cuts.map((c) => c.r).join(", ")}${again}`;
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

/** Files imported by at least max(3, half of the other services) candidate services besides their own. */
function findKernel(
  labels: Int32Array,
  imports: ImportGraph,
  cg: CouplingGraph,
  minSize: number,
): { file: number; why: string }[] {
  const index = new Map(cg.files.map((f, i) => [f, i]));
  const sizes = new Map<number, number>();
  for (const l of labels) if (l >= 0) sizes.set(l, (sizes.get(l) ?? 0) + 1);
  const services = [...sizes.values()].filter((s) => s >= minSize).length;
  if (services < 4) return [];
  const isService = (l: number) => (sizes.get(l) ?? 0) >= minSize;
  const importers = new Map<number, Set<number>>();
  for (const e of imports.edges) {
    const from = index.get(e.from);
    const to = index.get(e.to);
    if (from === undefined || to === undefined || labels[from] < 0 || labels[to] < 0) continue;
    if (labels[from] === labels[to] || !isService(labels[from])) continue;
    getOrInsert(importers, to, () => new Set()).add(labels[from]);
  }
  const threshold = Math.max(3, Math.ceil((services - 1) / 2));
  const out: { file: number; why: string }[] = [];
  for (const [file, set] of importers) {
    const others = services - (isService(labels[file]) ? 1 : 0);
    if (set.size >= threshold)
      out.push({ file, why: `imported by ${set.size} of the ${others} other candidate services` });
  }
  return out;
}

/** Clusters smaller than minSize join the cluster they are most strongly tied to. */
function mergeTiny(labels: Int32Array, cg: CouplingGraph, minSize: number, active: Uint8Array): Int32Array {
  const out = Int32Array.from(labels);
  for (let pass = 0; pass < 3; pass++) {
    const sizes = new Map<number, number>();
    for (let i = 0; i < out.length; i++) if (active[i] && out[i] >= 0) sizes.set(out[i], (sizes.get(out[i]) ?? 0) + 1);
    const tiny = [...sizes.entries()]
      .filter(([, s]) => s < minSize)
      .map(([l]) => l)
      .sort((a, b) => a - b);
    if (tiny.length === 0) break;
    const tinySet = new Set(tiny);
    const ties = new Map<number, Map<number, number>>();
    for (const e of cg.edges) {
      if (!active[e.a] || !active[e.b]) continue;
      const la = out[e.a];
      const lb = out[e.b];
      if (la === lb || la < 0 || lb < 0) continue;
      if (tinySet.has(la)) addTie(ties, la, lb, e.weight);
      if (tinySet.has(lb)) addTie(ties, lb, la, e.weight);
    }
    let changed = false;
    for (const l of tiny) {
      const t = ties.get(l);
      let target = -1;
      let best = 0;
      for (const [m, w] of t ?? []) if (w > best || (w === best && m < target)) [target, best] = [m, w];
      for (let i = 0; i < out.length; i++) if (out[i] === l) out[i] = target;
      changed ||= target >= 0;
    }
    if (!changed) break;
  }
  return out;
}

function addTie(ties: Map<number, Map<number, number>>, from: number, to: number, w: number): void {
  const m = getOrInsert(ties, from, () => new Map());
  m.set(to, (m.get(to) ?? 0) + w);
}
