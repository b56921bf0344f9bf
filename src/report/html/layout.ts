import { UndirectedGraph } from "graphology";
import forceAtlas2Module from "graphology-layout-forceatlas2";

// a CommonJS package: at run time the default import is the function itself
const forceAtlas2 = forceAtlas2Module as unknown as typeof forceAtlas2Module.default;

/** Fixed iteration counts: the layout is a pure function of its input (no clock, no Math.random). */
const GROUP_ITERATIONS = 500;
/**
 * Inside a group: 120 iterations for up to 125 files, then fewer (15,000 / files, at least 30), so
 * the exact O(n^2) iterations cost about the same whatever the group sizes (~0.4 s at most for
 * 2,100 files); past 300 files Barnes-Hut makes an iteration ~n log n.
 */
const localIterations = (n: number) => Math.max(30, Math.min(120, Math.round(15_000 / n)));
const BARNES_HUT_FROM = 300;
/** radius of a group's disc per sqrt(file): discs grow with their area, as the files inside need */
const UNIT = 10;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

export interface LayoutInput {
  /** group of each node (a service, the kernel, the isolated files): 0..groups-1 */
  groupOf: number[];
  groups: number;
  /** undirected weighted edges between nodes */
  edges: [number, number, number][];
}

/**
 * Two-level ForceAtlas2: the groups are laid out as discs (sized by their file count, kept apart
 * by FA2's anti-collision), then each group's files inside its disc, from their internal edges.
 * Deterministic (initial positions on a sunflower spiral, iteration counts fixed by group size) and
 * fast: groups are laid out apart, never the whole file graph at once (2,100 files: 0.2-0.5 s).
 * Returns flat positions x0, y0, x1, y1, ... rounded to 2 decimals.
 */
export function layoutGroups(input: LayoutInput): number[] {
  const { groupOf, groups, edges } = input;
  const members: number[][] = Array.from({ length: groups }, () => []);
  groupOf.forEach((g, i) => members[g].push(i));
  const radius = members.map((m) => UNIT * Math.sqrt(Math.max(1, m.length)));

  // level 1: one disc per non-empty group, pulled together by the coupling between groups
  const between = new Map<number, number>();
  const inside: [number, number, number][][] = members.map(() => []);
  for (const [a, b, w] of edges) {
    const ga = groupOf[a];
    const gb = groupOf[b];
    if (ga === gb) inside[ga].push([a, b, w]);
    else {
      const key = Math.min(ga, gb) * groups + Math.max(ga, gb);
      between.set(key, (between.get(key) ?? 0) + w);
    }
  }
  const present = members.map((m, g) => (m.length ? g : -1)).filter((g) => g >= 0);
  const top = new UndirectedGraph();
  const ring = radius.reduce((s, r) => s + r, 0) / Math.PI;
  present.forEach((g, k) => {
    const angle = (2 * Math.PI * k) / present.length;
    top.addNode(String(g), { x: ring * Math.cos(angle), y: ring * Math.sin(angle), size: radius[g] * 1.08 });
  });
  for (const [key, w] of [...between.entries()].sort((x, y) => x[0] - y[0])) {
    top.addEdge(String(Math.floor(key / groups)), String(key % groups), { weight: w });
  }
  const centre = new Map<number, { x: number; y: number }>();
  if (present.length > 1) {
    const positions = forceAtlas2(top, {
      iterations: GROUP_ITERATIONS,
      getEdgeWeight: "weight",
      settings: {
        ...forceAtlas2.inferSettings(top),
        barnesHutOptimize: false,
        adjustSizes: true,
        scalingRatio: 20,
        gravity: 1,
        edgeWeightInfluence: 0.5,
      },
    });
    for (const g of present) centre.set(g, positions[String(g)]);
  } else if (present.length === 1) centre.set(present[0], { x: 0, y: 0 });

  // level 2: each group's files inside its disc
  const xy = new Array<number>(groupOf.length * 2).fill(0);
  for (const g of present) {
    const local = layoutDisc(members[g], inside[g], radius[g]);
    const c = centre.get(g)!;
    members[g].forEach((node, k) => {
      xy[2 * node] = round2(c.x + local[2 * k]);
      xy[2 * node + 1] = round2(c.y + local[2 * k + 1]);
    });
  }
  return xy;
}

/** Positions of `nodes` (local order) in a disc of `radius` around 0,0. */
function layoutDisc(nodes: number[], edges: [number, number, number][], radius: number): number[] {
  const n = nodes.length;
  const out = new Array<number>(2 * n).fill(0);
  // sunflower spiral: evenly spread, deterministic, a good start for FA2
  const spiral = (k: number) => {
    const r = Math.sqrt((k + 0.5) / n);
    return [r * Math.cos(k * GOLDEN_ANGLE), r * Math.sin(k * GOLDEN_ANGLE)];
  };
  if (n === 1) return out;
  if (n <= 3 || edges.length === 0) {
    for (let k = 0; k < n; k++) {
      const [x, y] = spiral(k);
      out[2 * k] = x * radius * 0.9;
      out[2 * k + 1] = y * radius * 0.9;
    }
    return out;
  }
  const local = new Map(nodes.map((node, k) => [node, k]));
  const g = new UndirectedGraph();
  for (let k = 0; k < n; k++) {
    const [x, y] = spiral(k);
    g.addNode(String(k), { x: x * 100, y: y * 100 });
  }
  for (const [a, b, w] of edges) {
    const ka = String(local.get(a));
    const kb = String(local.get(b));
    if (ka !== kb && !g.hasEdge(ka, kb)) g.addEdge(ka, kb, { weight: w });
  }
  const positions = forceAtlas2(g, {
    iterations: localIterations(n),
    getEdgeWeight: "weight",
    settings: { ...forceAtlas2.inferSettings(g), barnesHutOptimize: n > BARNES_HUT_FROM, gravity: 1 },
  });
  let cx = 0;
  let cy = 0;
  for (let k = 0; k < n; k++) {
    cx += positions[String(k)].x;
    cy += positions[String(k)].y;
  }
  cx /= n;
  cy /= n;
  let far = 0;
  for (let k = 0; k < n; k++) far = Math.max(far, Math.hypot(positions[String(k)].x - cx, positions[String(k)].y - cy));
  const scale = far > 0 ? (radius * 0.9) / far : 0;
  for (let k = 0; k < n; k++) {
    out[2 * k] = (positions[String(k)].x - cx) * scale;
    out[2 * k + 1] = (positions[String(k)].y - cy) * scale;
  }
  return out;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
