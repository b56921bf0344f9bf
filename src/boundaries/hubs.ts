import path from "node:path";
import { contributions } from "../coupling/buildCoupling.js";
import type { CouplingGraph } from "../coupling/types.js";
import type { ImportGraph } from "../graph/types.js";
import { namesDomainWord, ownNounOf } from "../coupling/names.js";
import { plural } from "../util/plural.js";
import { addTo, getOrInsert } from "../util/maps.js";

/** What the boundaries stage knows of the business, besides the coupling graph. */
export interface DomainHints {
  /** per coupling-graph file: the business noun its name carries, when several folders name it (coupling/names.ts) */
  nouns: (string | undefined)[];
  /** coupling-graph files that declare an ORM entity */
  entityFiles: Set<number>;
  /** per entity file: the files that write it (create, save, update, destroy ... calls) */
  writers: Map<number, Set<number>>;
  /** per entity file: the files that read or write it */
  users: Map<number, number[]>;
  /** the words that say a domain: entity names' words and words many files' names carry (coupling/names.ts) */
  domainWords: Set<string>;
  /** the noun of every entity's name, files or not (`team` for a Prisma model Team) */
  entityNouns: Set<string>;
  /** every entity's name in words, the last singular (`provider`, `provider-item`): a role word's too */
  entityNames?: Set<string>;
  /** per entity file: the noun of its entity's own name (`order-address` for `OrderAddress` in `address.ts`) */
  entityNounOf: Map<number, string>;
  /** files that declare types alone (interfaces and type aliases): descriptions of data, not code */
  typeFiles: Set<number>;
  /** files whose own name is the product's (`vendure-config.ts`, `ghostfolio.service.ts`): no domain */
  productNamed: Set<number>;
  /** files that export nothing: they run, and provide nothing to import */
  exportless?: Set<number>;
}

export interface Hub {
  file: number;
  /** how many other candidate services import it, of how many */
  importers: number;
  others: number;
}

/** Files imported by at least max(3, half of the other candidate services) besides their own. */
export function findHubs(labels: Int32Array, imports: ImportGraph, cg: CouplingGraph, minSize: number): Hub[] {
  const sizes = new Map<number, number>();
  for (const l of labels) if (l >= 0) sizes.set(l, (sizes.get(l) ?? 0) + 1);
  const services = [...sizes.values()].filter((s) => s >= minSize).length;
  if (services < 4) return [];
  const isService = (l: number) => (sizes.get(l) ?? 0) >= minSize;
  const importers = new Map<number, Set<number>>();
  for (const [from, to] of crossClusterImports(labels, imports, cg.files))
    if (isService(labels[from])) getOrInsert(importers, to, () => new Set()).add(labels[from]);
  const threshold = Math.max(3, Math.ceil((services - 1) / 2));
  const out: Hub[] = [];
  for (const [file, set] of importers) {
    const others = services - (isService(labels[file]) ? 1 : 0);
    if (set.size >= threshold) out.push({ file, importers: set.size, others });
  }
  return out.sort((a, b) => a.file - b.file);
}

/** Import edges between files of two different clusters, as [importer, imported] graph indexes. */
export function crossClusterImports(labels: Int32Array, imports: ImportGraph, files: string[]): [number, number][] {
  const index = new Map(files.map((f, i) => [f, i]));
  const out: [number, number][] = [];
  for (const e of imports.edges) {
    const from = index.get(e.from);
    const to = index.get(e.to);
    if (from === undefined || to === undefined || labels[from] < 0 || labels[to] < 0) continue;
    if (labels[from] !== labels[to]) out.push([from, to]);
  }
  return out;
}

/** A file that names no domain and that this many other modules import is shared infrastructure. */
export const SHARED_IMPORTERS = 3;

/**
 * Shared infrastructure: files that SHARED_IMPORTERS or more modules other than their own import
 * and whose own names say no domain word (a base class, a validator, a cache helper, an e-mail's
 * layout). They serve everyone, as the hubs do, but too few modules import each for a hub; left in
 * the module of their heaviest user they tie it to all the others. Entities and `fixed` files stay.
 */
export function sharedInfrastructure(
  labels: Int32Array,
  imports: ImportGraph,
  cg: CouplingGraph,
  hints: DomainHints,
  fixed: (file: number) => boolean,
): Hub[] {
  const importers = new Map<number, Set<number>>();
  for (const [from, to] of crossClusterImports(labels, imports, cg.files))
    getOrInsert(importers, to, () => new Set()).add(labels[from]);
  const modules = new Set(labels.filter((l) => l >= 0)).size;
  const out: Hub[] = [];
  for (const [file, set] of importers) {
    if (set.size < SHARED_IMPORTERS || hints.entityFiles.has(file) || fixed(file)) continue;
    if (!namesDomainWord(cg.files[file], hints.domainWords, hints.entityNames))
      out.push({ file, importers: set.size, others: modules - 1 });
  }
  return out.sort((a, b) => a.file - b.file);
}

/**
 * Of the shared infrastructure files, those that the modules of one service alone import, each with
 * the module importing it most (the lowest index on a tie).
 */
export function soleServiceImporters(
  shared: number[],
  modules: number[][],
  serviceOf: number[],
  files: string[],
  imports: ImportGraph,
): [number, number][] {
  if (shared.length === 0) return [];
  const moduleOf = new Map<string, number>();
  modules.forEach((m, k) => m.forEach((i) => moduleOf.set(files[i], k)));
  const wanted = new Set(shared.map((i) => files[i]));
  const counts = new Map<string, Map<number, number>>();
  for (const e of imports.edges) {
    const k = moduleOf.get(e.from);
    if (k === undefined || !wanted.has(e.to)) continue;
    const byModule = getOrInsert(counts, e.to, () => new Map<number, number>());
    byModule.set(k, (byModule.get(k) ?? 0) + 1);
  }
  const out: [number, number][] = [];
  for (const i of shared) {
    const byModule = [...(counts.get(files[i]) ?? [])].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    if (byModule.length && new Set(byModule.map(([k]) => serviceOf[k])).size === 1) out.push([i, byModule[0][0]]);
  }
  return out;
}

/** A noun is a domain's when an entity has that name or four or more files in two or more folders carry it. */
const DOMAIN_NOUN_FILES = 4;

/**
 * Domain data rather than infrastructure: a hub that the ORM calls an entity, whose own name is an
 * entity's, or whose name is a business noun (`presenters/user.ts` beside `models/User.ts`). Configuration, logging,
 * errors, framework glue and generic helpers carry no such noun and stay in the kernel.
 */
export function isDomainHub(file: number, hints: DomainHints, path: string): boolean {
  if (hints.entityFiles.has(file)) return true;
  // named for an entity (hoppscotch's `team/team.model.ts`, the GraphQL type of the Prisma model Team)
  const own = ownNounOf(path);
  if (own !== undefined && hints.entityNouns.has(own)) return true;
  const noun = hints.nouns[file];
  return noun !== undefined && carriersOf(hints.nouns).get(noun)!.length >= DOMAIN_NOUN_FILES;
}

const carrierIndex = new WeakMap<(string | undefined)[], Map<string, number[]>>();

/** Per noun, the files carrying it: built once per nouns array, which hubs and owners ask often. */
function carriersOf(nouns: (string | undefined)[]): Map<string, number[]> {
  let index = carrierIndex.get(nouns);
  if (!index) {
    index = new Map();
    for (const [i, n] of nouns.entries()) if (n !== undefined) getOrInsert(index, n, () => []).push(i);
    carrierIndex.set(nouns, index);
  }
  return index;
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
  const named = namesakeModule(hub, labels, hints);
  if (named !== undefined)
    return { label: named, why: `most files named for it (${namesakeNoun(hub, hints)}) are in this module` };
  const pull = new Map<number, number>();
  const reads = new Map<number, number>();
  // per module, what its pull is made of, for the reason
  const parts = new Map<number, { cochange: number; ownership: number; semantic: number }>();
  for (const { other, edge } of adjacency[hub]) {
    const l = labels[other];
    if (l < 0) continue;
    const c = contributions(cg.edges[edge], cg.weights);
    const business = c.cochange + c.ownership + c.semantic;
    if (business > 0) addTo(pull, l, business);
    addTo(reads, l, c.structural);
    const p = getOrInsert(parts, l, () => ({ cochange: 0, ownership: 0, semantic: 0 }));
    p.cochange += c.cochange;
    p.ownership += c.ownership;
    p.semantic += c.semantic;
  }
  const writes = new Map<number, number>();
  for (const w of hints.writers.get(hub) ?? []) {
    const l = labels[w];
    if (l < 0) continue;
    addTo(writes, l);
    addTo(pull, l, WRITE_PULL);
  }
  const best = argmax(pull) ?? argmax(reads);
  if (best === undefined) return undefined;
  const w = writes.get(best) ?? 0;
  const why = pull.size
    ? `this module's files pull it most, by ${pullParts(parts.get(best), w)}`
    : "imported by this service most (nothing else ties it)";
  return { label: best, why };
}

/** What a module's pull on a domain hub is made of, largest share first: "co-change 55%, shared authors 30%, ...". */
function pullParts(p: { cochange: number; ownership: number; semantic: number } | undefined, writers: number): string {
  const shares: [string, number][] = [
    ["co-change", p?.cochange ?? 0],
    ["shared authors", p?.ownership ?? 0],
    ["names", p?.semantic ?? 0],
    [`writes (${plural(writers, "file")})`, writers * WRITE_PULL],
  ];
  const total = shares.reduce((s, [, v]) => s + v, 0);
  return shares
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${Math.round((100 * v) / total)}%`)
    .join(", ");
}

/**
 * The module holding most of the other files named for the hub's noun (`policies/userMembership.ts`
 * and `routes/api/userMemberships/*` for `models/UserMembership.ts`), when it holds at least half of
 * them and two or more: an entity belongs with its own policy, presenter and routes.
 */
export function namesakeModule(hub: number, labels: Int32Array, hints: DomainHints): number | undefined {
  const noun = namesakeNoun(hub, hints);
  if (noun === undefined) return undefined;
  const count = new Map<number, number>();
  let all = 0;
  for (const i of carriersOf(hints.nouns).get(noun) ?? []) {
    if (i === hub || labels[i] < 0) continue;
    all++;
    count.set(labels[i], (count.get(labels[i]) ?? 0) + 1);
  }
  const best = argmax(count);
  return best !== undefined && count.get(best)! >= 2 && count.get(best)! * 2 >= all ? best : undefined;
}

/**
 * An entity in the module holding the files named for it (`models/UserMembership.ts` beside
 * `policies/userMembership.ts` and `routes/api/userMemberships/`): its associations import many
 * modules, but it is home.
 */
export function entityAtHome(file: number, labels: Int32Array, hints: DomainHints): boolean {
  return hints.entityFiles.has(file) && labels[file] >= 0 && namesakeModule(file, labels, hints) === labels[file];
}

/** Writer files of one module needed before an entity follows them: one file writing it proves little. */
export const MIN_WRITERS = 2;

/**
 * Entities that their own module never writes while another module does most of the writing (two
 * files or more, over half of the files writing it) go to that module: an entity belongs with the
 * code that changes its data (vendure's OrderLine, tied most to the money columns it declares, goes
 * to the order services that write it). An entity at home with the files named for it, and a `fixed` one,
 * stay. Returns the moves; `labels` is left as it is.
 */
export function entitiesToWriters(
  labels: Int32Array,
  hints: DomainHints,
  fixed: (i: number) => boolean,
): { file: number; to: number; writers: number }[] {
  const moves: { file: number; to: number; writers: number }[] = [];
  for (const [entity, writers] of [...hints.writers].sort((a, b) => a[0] - b[0])) {
    const here = labels[entity];
    if (here < 0 || fixed(entity)) continue;
    const count = new Map<number, number>();
    let all = 0;
    for (const w of writers) {
      if (w === entity || labels[w] < 0) continue;
      count.set(labels[w], (count.get(labels[w]) ?? 0) + 1);
      all++;
    }
    if (count.has(here)) continue;
    const top = argmax(count);
    const n = top === undefined ? 0 : count.get(top)!;
    // the namesakes last: most entities are written where they sit, or not at all
    if (top === undefined || n < MIN_WRITERS || n * 2 <= all || entityAtHome(entity, labels, hints)) continue;
    moves.push({ file: entity, to: top, writers: n });
  }
  return moves;
}

/**
 * The noun a hub's namesakes carry: its entity's name, else its file's. Medusa's order module keeps
 * `OrderLineItem` in `models/line-item.ts`: named for its file, it would follow the cart's line items.
 */
function namesakeNoun(hub: number, hints: DomainHints): string | undefined {
  return hints.entityNounOf.get(hub) ?? hints.nouns[hub];
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

/** Folders a package keeps its source in: the folder above names the package, not a kind of code. */
const SOURCE_ROOTS = new Set(["src", "lib", "source"]);
/** Folders of generic code: what sits in them serves whatever imports it. */
const UTILITY_FOLDERS = new Set([
  "util",
  "utils",
  "helpers",
  "helper",
  "middleware",
  "middlewares",
  "common",
  "shared",
]);

/**
 * The files of each cluster that is generic utilities: half of its files or more sit in a utility folder, or
 * right below one (unleash's `util/`, `util/metrics/`, `middleware/`), and fewer than half name a domain.
 * `member`: a file of a module.
 */
export function utilityClusters(
  labels: Int32Array,
  files: string[],
  member: (i: number) => boolean,
  namesDomain: (i: number) => boolean,
): number[] {
  const clusters = new Map<number, number[]>();
  labels.forEach((l, i) => {
    if (l >= 0 && member(i)) getOrInsert(clusters, l, () => []).push(i);
  });
  // its folder or the one above (`util/metrics/createCounter.ts`), never a package's name further up
  const inUtilities = (i: number) => {
    const [parent, folder] = path.posix.dirname(files[i]).toLowerCase().split("/").slice(-2);
    // `packages/shared/src/` is a package's source root, named for the package: no folder of utilities
    return UTILITY_FOLDERS.has(folder) || (!SOURCE_ROOTS.has(folder) && UTILITY_FOLDERS.has(parent));
  };
  return [...clusters.values()]
    .filter((c) => c.filter(inUtilities).length * 2 >= c.length && c.filter(namesDomain).length * 2 < c.length)
    .flat()
    .sort((a, b) => a - b);
}
