import { contributions } from "../coupling/buildCoupling.js";
import type { CouplingGraph } from "../coupling/types.js";
import type { ImportGraph } from "../graph/types.js";
import { getOrInsert } from "../util/maps.js";

/** What the boundaries stage knows of the business, besides the coupling graph. */
export interface DomainHints {
  /** per coupling-graph file: the business noun its name carries, when several folders name it (coupling/names.ts) */
  nouns: (string | undefined)[];
  /** coupling-graph files that declare an ORM entity */
  entityFiles: Set<number>;
  /** per entity file: the files that write it (create, save, update, destroy ... calls) */
  writers: Map<number, Set<number>>;
  /** per entity file: how many files read or write it */
  users: Map<number, number>;
}

export interface Hub {
  file: number;
  /** how many other candidate services import it, of how many */
  importers: number;
  others: number;
}

/** Files imported by at least max(3, half of the other candidate services) besides their own. */
export function findHubs(labels: Int32Array, imports: ImportGraph, cg: CouplingGraph, minSize: number): Hub[] {
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
  const out: Hub[] = [];
  for (const [file, set] of importers) {
    const others = services - (isService(labels[file]) ? 1 : 0);
    if (set.size >= threshold) out.push({ file, importers: set.size, others });
  }
  return out.sort((a, b) => a.file - b.file);
}

/** A noun is a domain's when an entity has that name or four or more files in two or more folders carry it. */
const DOMAIN_NOUN_FILES = 4;

/**
 * Domain data rather than infrastructure: a hub that the ORM calls an entity, or whose name is
 * a business noun (`presenters/user.ts` beside `models/User.ts`). Configuration, logging,
 * errors, framework glue and generic helpers carry no such noun and stay in the kernel.
 */
export function isDomainHub(file: number, hints: DomainHints): boolean {
  if (hints.entityFiles.has(file)) return true;
  const noun = hints.nouns[file];
  if (noun === undefined) return false;
  let carriers = 0;
  for (const n of hints.nouns) if (n === noun) carriers++;
  return carriers >= DOMAIN_NOUN_FILES;
}

/** Each write call a service's files make on an entity pulls the entity toward it this much. */
export const WRITE_PULL = 1;

/**
 * The module that owns a domain hub: the one it changes with, shares authors and names with,
 * and whose files write it; reading it (importing) does not count, since everyone does. When
 * nothing but imports ties it anywhere, the module that imports it most.
 */
export function ownerOf(
  hub: number,
  labels: Int32Array,
  cg: CouplingGraph,
  hints: DomainHints,
  adjacency: { other: number; edge: number }[][],
): { label: number; why: string } | undefined {
  const pull = new Map<number, number>();
  const reads = new Map<number, number>();
  for (const { other, edge } of adjacency[hub]) {
    const l = labels[other];
    if (l < 0) continue;
    const c = contributions(cg.edges[edge], cg.weights);
    const business = c.cochange + c.ownership + c.semantic;
    if (business > 0) pull.set(l, (pull.get(l) ?? 0) + business);
    reads.set(l, (reads.get(l) ?? 0) + c.structural);
  }
  const writes = new Map<number, number>();
  for (const w of hints.writers.get(hub) ?? []) {
    const l = labels[w];
    if (l < 0) continue;
    writes.set(l, (writes.get(l) ?? 0) + 1);
    pull.set(l, (pull.get(l) ?? 0) + WRITE_PULL);
  }
  const best = argmax(pull) ?? argmax(reads);
  if (best === undefined) return undefined;
  const w = writes.get(best) ?? 0;
  const why = pull.size
    ? `changes with, is named like${w ? ` and is written by (${w} files)` : ""} this module's files more than any ` +
      `other's`
    : "imported by this service most (nothing else ties it)";
  return { label: best, why };
}

function argmax(m: Map<number, number>): number | undefined {
  let best: number | undefined;
  let top = 0;
  for (const [k, v] of m) if (v > top || (v === top && best !== undefined && k < best)) [best, top] = [k, v];
  return best;
}

/** Per file, the edges at it: the neighbour and the edge's index. */
export function adjacencyOf(cg: CouplingGraph): { other: number; edge: number }[][] {
  const out: { other: number; edge: number }[][] = cg.files.map(() => []);
  cg.edges.forEach((e, k) => {
    out[e.a].push({ other: e.b, edge: k });
    out[e.b].push({ other: e.a, edge: k });
  });
  return out;
}
