import { UndirectedGraph } from "graphology";
import type { CouplingGraph } from "../coupling/types.js";
import { consensusPartition } from "./consensus.js";

/** The grid of module-graph resolutions the service level chooses among, coarse to fine. */
export const SERVICE_GRID = [1, 1.4, 2, 2.8, 4];
/** A service is what one team owns: never more than this share of the files. */
export const SERVICE_MAX_SHARE = 0.25;

/**
 * Services from modules: Louvain (seeded consensus) on the graph whose nodes are the modules
 * and whose edges sum the ties between their files, each divided by the geometric mean of the
 * two modules' total ties (so that the modules every other one uses do not absorb them all), at
 * the coarsest resolution of SERVICE_GRID whose largest service stays team-sized: at most
 * SERVICE_MAX_SHARE of the files. Returns each module's service.
 */
export function groupModules(
  modules: number[][],
  cg: CouplingGraph,
  seed: number,
): { service: number[]; rule: string } {
  const k = modules.length;
  const sizes = modules.map((m) => m.length);
  const total = sizes.reduce((s, x) => s + x, 0);
  if (k <= 2) return { service: modules.map((_, j) => j), rule: "one service per module (two modules or fewer)" };
  const g = moduleGraph(modules, cg);
  const bound = SERVICE_MAX_SHARE * total;
  for (const r of SERVICE_GRID) {
    const c = consensusPartition(g, k, r, seed, 10);
    const per = new Map<number, number>();
    c.labels.forEach((l, j) => per.set(l, (per.get(l) ?? 0) + sizes[j]));
    const largest = Math.max(0, ...per.values());
    if (largest > bound) continue;
    return {
      service: [...c.labels].map((l, j) => (l < 0 ? k + j : l)),
      rule:
        `modules grouped by Louvain on the module graph (ties normalised by each module's total) at resolution ` +
        `${r}: the coarsest of ${SERVICE_GRID.join(", ")} whose largest service (${largest} of ${total} files) ` +
        `stays within ${SERVICE_MAX_SHARE * 100}% of the files`,
    };
  }
  return {
    service: modules.map((_, j) => j),
    rule:
      `one service per module: no resolution of ${SERVICE_GRID.join(", ")} kept every service within ` +
      `${SERVICE_MAX_SHARE * 100}% of the files`,
  };
}

/** Modules as nodes; an edge sums the ties between their files, normalised by both modules' totals. */
function moduleGraph(modules: number[][], cg: CouplingGraph): UndirectedGraph {
  const k = modules.length;
  const moduleOf = new Int32Array(cg.files.length).fill(-1);
  modules.forEach((m, j) => m.forEach((i) => (moduleOf[i] = j)));
  const between = new Map<number, number>();
  const degree = new Float64Array(k);
  for (const e of cg.edges) {
    const a = moduleOf[e.a];
    const b = moduleOf[e.b];
    if (a < 0 || b < 0 || a === b) continue;
    const key = a < b ? a * k + b : b * k + a;
    between.set(key, (between.get(key) ?? 0) + e.weight);
    degree[a] += e.weight;
    degree[b] += e.weight;
  }
  const g = new UndirectedGraph({ allowSelfLoops: false });
  for (let j = 0; j < k; j++) g.addNode(String(j));
  for (const [key, w] of [...between].sort((x, y) => x[0] - y[0])) {
    const a = Math.floor(key / k);
    const b = key % k;
    g.addEdge(String(a), String(b), { weight: w / Math.sqrt(degree[a] * degree[b]) });
  }
  return g;
}
