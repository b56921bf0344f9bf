import { UndirectedGraph } from "graphology";
import forceAtlas2Module from "graphology-layout-forceatlas2";
import { serviceRadius } from "./payload.js";

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

/** Iterations of the service layout: a few dozen nodes, so plenty, and still a few milliseconds. */
const SERVICE_ITERATIONS = 2000;
/** Mean distance to the nearest service, in mean radii: close enough to read as a map, apart enough to label. */
const NEAREST = 3.8;
/** Room kept between two services' discs, in mean radii. */
const GAP = 0.5;

export interface ServiceLayoutInput {
  /** file count of each service (its disc: serviceRadius) */
  files: number[];
  /** undirected coupling between services: [service index, service index, weight] */
  links: [number, number, number][];
}

/**
 * The service view's positions: ForceAtlas2 on the services alone, pulled together by their
 * coupling, so coupled services sit near each other instead of on a ring; then the discs pushed
 * apart where they overlap. A link's weight is divided by the geometric mean of both sizes (raw
 * weights grow with size, and would pull every small service onto the biggest one) and squared,
 * which sharpens a near-complete graph's narrow spread of weights: on outline's and ghostfolio's
 * servers, the rank correlation between coupling and distance is about -0.6 this way, -0.1 with
 * raw weights and FA2's own anti-collision. Deterministic (sunflower start, fixed iterations).
 * Returns flat x0, y0, x1, y1, ... in the units of serviceRadius.
 */
export function layoutServices(input: ServiceLayoutInput): number[] {
  const n = input.files.length;
  const xy = new Array<number>(2 * n).fill(0);
  if (n <= 1) return xy;
  const radius = input.files.map(serviceRadius);
  const g = new UndirectedGraph();
  for (let k = 0; k < n; k++) {
    const r = 100 * Math.sqrt((k + 0.5) / n);
    g.addNode(String(k), { x: r * Math.cos(k * GOLDEN_ANGLE), y: r * Math.sin(k * GOLDEN_ANGLE) });
  }
  const normalised = input.links
    .filter(([a, b, w]) => a !== b && w > 0)
    .map(([a, b, w]): [number, number, number] => [
      Math.min(a, b),
      Math.max(a, b),
      w / Math.sqrt(Math.max(1, input.files[a]) * Math.max(1, input.files[b])),
    ]);
  const most = Math.max(0, ...normalised.map((l) => l[2]));
  for (const [a, b, w] of normalised.sort((x, y) => x[0] - y[0] || x[1] - y[1])) {
    if (!g.hasEdge(String(a), String(b))) g.addEdge(String(a), String(b), { weight: most ? (w / most) ** 2 : 0 });
  }
  const positions = forceAtlas2(g, {
    iterations: SERVICE_ITERATIONS,
    getEdgeWeight: "weight",
    settings: {
      ...forceAtlas2.inferSettings(g),
      barnesHutOptimize: false,
      linLogMode: false,
      scalingRatio: 0.2,
      gravity: 0.1,
      edgeWeightInfluence: 1,
    },
  });
  for (let k = 0; k < n; k++) {
    xy[2 * k] = positions[String(k)].x;
    xy[2 * k + 1] = positions[String(k)].y;
  }
  separate(xy, radius);
  return xy.map(round2);
}

/**
 * Scales a layout so that services sit NEAREST mean radii from their nearest neighbour on
 * average, then pushes overlapping discs apart (pairs in index order, a fixed number of rounds).
 */
function separate(xy: number[], radius: number[]): void {
  const n = radius.length;
  const meanR = radius.reduce((s, r) => s + r, 0) / n;
  const dist = (i: number, j: number) => Math.hypot(xy[2 * i] - xy[2 * j], xy[2 * i + 1] - xy[2 * j + 1]);
  let nearest = 0;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (let j = 0; j < n; j++) if (j !== i) best = Math.min(best, dist(i, j));
    nearest += best;
  }
  nearest /= n;
  const scale = nearest > 0 ? (NEAREST * meanR) / nearest : 1;
  for (let k = 0; k < xy.length; k++) xy[k] *= scale;
  for (let round = 0; round < 200; round++) {
    let moved = false;
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        const want = radius[i] + radius[j] + GAP * meanR;
        let d = dist(i, j);
        if (d >= want) continue;
        moved = true;
        let dx = xy[2 * j] - xy[2 * i];
        let dy = xy[2 * j + 1] - xy[2 * i + 1];
        if (d < 1e-9) {
          // on top of each other: apart along a fixed direction
          dx = 1;
          dy = 0;
          d = 1;
        }
        const push = (want - d) / 2 / d;
        xy[2 * i] -= dx * push;
        xy[2 * i + 1] -= dy * push;
        xy[2 * j] += dx * push;
        xy[2 * j + 1] += dy * push;
      }
    if (!moved) break;
  }
}
