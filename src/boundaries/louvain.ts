import { UndirectedGraph } from "graphology";
import louvainModule from "graphology-communities-louvain";
import type { CouplingGraph } from "../coupling/types.js";
import { getOrInsert } from "../util/maps.js";

// a CommonJS package: at run time the default import is the function itself
const louvain = louvainModule as unknown as typeof louvainModule.default;

/** mulberry32: small, fast, seedable; Louvain's node order and tie-breaks draw from it. */
export function seededRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The coupling graph restricted to some nodes, as graphology wants it (built once, clustered many times). */
export function toGraphology(cg: CouplingGraph, active: Uint8Array): UndirectedGraph {
  const g = new UndirectedGraph({ allowSelfLoops: false });
  cg.files.forEach((_, i) => {
    if (active[i]) g.addNode(String(i));
  });
  for (const e of cg.edges) {
    if (active[e.a] && active[e.b]) g.addEdge(String(e.a), String(e.b), { weight: e.weight });
  }
  return g;
}

/**
 * One seeded Louvain run. Community numbers are relabelled in node order (0 for the
 * community of the lowest node, ...) so that labels never depend on insertion order.
 * Nodes outside the graph get -1.
 */
export function louvainLabels(g: UndirectedGraph, n: number, resolution: number, seed: number): Int32Array {
  const communities = louvain(g, { getEdgeWeight: "weight", resolution, rng: seededRng(seed), randomWalk: true });
  const labels = new Int32Array(n).fill(-1);
  const relabel = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const c = communities[String(i)];
    if (c === undefined) continue;
    labels[i] = getOrInsert(relabel, c, () => relabel.size);
  }
  return labels;
}

/** Newman modularity (resolution 1) of a labelling on the weighted graph; nodes labelled -1 are left out. */
export function modularityOf(g: UndirectedGraph, labels: Int32Array): number {
  let twiceTotal = 0;
  const inside = new Map<number, number>();
  const degree = new Map<number, number>();
  g.forEachEdge((_e, attrs, source, target) => {
    const w = attrs.weight as number;
    const a = labels[Number(source)];
    const b = labels[Number(target)];
    twiceTotal += 2 * w;
    degree.set(a, (degree.get(a) ?? 0) + w);
    degree.set(b, (degree.get(b) ?? 0) + w);
    if (a === b) inside.set(a, (inside.get(a) ?? 0) + 2 * w);
  });
  if (twiceTotal === 0) return 0;
  let q = 0;
  for (const [l, d] of degree) if (l >= 0) q += (inside.get(l) ?? 0) / twiceTotal - (d / twiceTotal) ** 2;
  return q;
}
