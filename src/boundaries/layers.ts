import path from "node:path";
import type { CouplingGraph } from "../coupling/types.js";
import { getOrInsert } from "../util/maps.js";
import { roleOf } from "../coupling/names.js";

/** A layer-shaped cluster's folder holds at least this share of its files... */
export const LAYER_FOLDER_SHARE = 0.5;
/** ... whose nouns name at least this many domains... */
export const LAYER_MIN_DOMAINS = 4;
/** ... none of them on this share of the folder's files or more */
export const LAYER_MAX_DOMAIN_SHARE = 0.4;

/**
 * Clusters shaped like a technical layer are dissolved into the domains their members serve. A
 * cluster is layer-shaped when one folder holds half of its files or more and those files name
 * four or more domains, none on 40% of them (`queues/tasks/`: CleanupDeletedTeamTask,
 * CleanupExpiredAttachmentsTask, RollupDocumentInsightsTask, ...): the files are alike by role,
 * tied by a base class and the sweeps that change every task, but each serves another domain.
 * Each member naming a domain joins the cluster holding most files of its noun (on a tie, the one
 * it is most tied to; its own, where its domain's files stay beside it, keeps it), else the cluster
 * of its strongest tie outside its own, counting only files that stay where they are (members of
 * two layers never draw each other); the rest (the base class) stay. A cluster no folder dominates is
 * layer-shaped when half of its files or more end in one role word and those files are each tied most
 * to a different cluster outside it (layerRole). Returns the labels and the clusters dissolved, each
 * by its folder (`server/queues/tasks/`) or role (`*-strategy`), with the files moved.
 */
export function dissolveLayers(
  labels: Int32Array,
  cg: CouplingGraph,
  nouns: (string | undefined)[],
  active: Uint8Array,
): { labels: Int32Array; dissolved: { layer: string; label: number; moved: number[] }[] } {
  const out = Int32Array.from(labels);
  const members = new Map<number, number[]>();
  for (let i = 0; i < out.length; i++) if (active[i] && out[i] >= 0) getOrInsert(members, out[i], () => []).push(i);
  // every file's ties, for the role test: a pass over the edges, made once and only when asked
  let allTies: Map<number, Map<number, number>> | undefined;
  const tiesOf = () => (allTies ??= tiesByFile(cg, out, active, new Set()));
  const layers = [...members]
    .sort((a, b) => a[0] - b[0])
    .flatMap(([l, files]) => {
      // a folder holding half of the cluster decides; else a role word its files share across folders
      const major = foldersHoldingHalf(files, cg.files);
      const layer = major.length ? layerFolder(major, nouns) : layerRole(l, files, cg.files, tiesOf);
      return layer ? [{ l, ...layer }] : [];
    });
  const dissolved: { layer: string; label: number; moved: number[] }[] = [];
  if (layers.length === 0) return { labels: out, dissolved };
  // files of each noun per cluster, those that stay where they are: a member of a layer-shaped
  // cluster moves, and draws no other member to where it was
  const moving = new Set(layers.flatMap((x) => x.members));
  const nounIn = new Map<string, Map<number, number>>();
  for (const [l, files] of members)
    for (const i of files) {
      const n = nouns[i];
      if (n === undefined || moving.has(i)) continue;
      const m = getOrInsert(nounIn, n, () => new Map());
      m.set(l, (m.get(l) ?? 0) + 1);
    }
  const ties = tiesByFile(cg, out, active, moving);
  for (const layer of layers) {
    const moved: number[] = [];
    for (const i of layer.members) {
      const own = ties.get(i) ?? new Map<number, number>();
      const elsewhere = ([c]: [number, number]) => c !== layer.l;
      // its domain's files may be among those that stay in its own cluster (`DocumentInsight.ts` with the
      // tasks): then it stays too; only its strongest tie is looked for elsewhere, since the base class
      // that stays ties every member to the cluster
      const byNoun = [...(nounIn.get(nouns[i]!) ?? [])];
      const target = strongest(byNoun, (c) => own.get(c) ?? 0) ?? strongest([...own].filter(elsewhere), () => 0);
      if (target === undefined || target === layer.l) continue;
      out[i] = target;
      moved.push(i);
    }
    if (moved.length) dissolved.push({ layer: layer.layer, label: layer.l, moved });
  }
  return { labels: out, dissolved };
}

/**
 * What each layer folder dissolved leaves in it when no file left in its cluster names a domain (unleash's
 * error classes, once `role-in-use-error.ts` and the like went to their domains; a lone base task): the
 * layer's plumbing. A layer that keeps a file naming a domain (one whose domain's files stay beside it)
 * keeps its plumbing too; so does a role layer (`*-strategy`), whose leftovers are the configuration its
 * members implement. `namesDomain`: a file naming a domain (its noun, an entity); `pinned` files stay.
 */
export function layerPlumbing(
  labels: Int32Array,
  dissolved: { layer: string; label: number }[],
  paths: string[],
  active: Uint8Array,
  is: { namesDomain: (file: number) => boolean; pinned: (file: number) => boolean },
): { layer: string; files: number[] }[] {
  const out: { layer: string; files: number[] }[] = [];
  for (const d of dissolved) {
    if (!d.layer.endsWith("/")) continue;
    const left: number[] = [];
    for (let i = 0; i < labels.length; i++) if (active[i] && labels[i] === d.label) left.push(i);
    if (left.some(is.namesDomain)) continue;
    const inFolder = left.filter((i) => `${path.posix.dirname(paths[i])}/` === d.layer && !is.pinned(i));
    if (inFolder.length) out.push({ layer: d.layer, files: inFolder });
  }
  return out;
}

/**
 * The members of a dissolved layer folder still in its cluster that name no domain noun but are the layer's
 * leaves (no file of the folder imports them: `WelcomeEmail.tsx` beside the `BaseEmail.tsx` every template
 * extends), placed once the kernel has taken the shared infrastructure: each joins the cluster it is tied to
 * most, its own included and kept on a tie. Before that, the layout components and the logger they all import
 * would draw them. Returns the files moved, per layer.
 */
export function placeLayerLeaves(
  labels: Int32Array,
  cg: CouplingGraph,
  layers: { layer: string; label: number }[],
  leaf: (file: number) => boolean,
  active: Uint8Array,
): { layer: string; moved: number[] }[] {
  const clusterOf = new Map(layers.filter((d) => d.layer.endsWith("/")).map((d) => [d.layer, d.label]));
  const leaves = new Map<number, string>();
  for (let i = 0; i < labels.length; i++) {
    const folder = `${path.posix.dirname(cg.files[i])}/`;
    if (active[i] && labels[i] >= 0 && clusterOf.get(folder) === labels[i] && leaf(i)) leaves.set(i, folder);
  }
  if (leaves.size === 0) return [];
  const ties = tiesByFile(cg, labels, active, new Set(leaves.keys()));
  const moved = new Map<string, number[]>();
  for (const [i, folder] of leaves) {
    const own = labels[i];
    const target = strongest([...(ties.get(i) ?? [])], (k) => (k === own ? 1 : 0));
    if (target === undefined || target === own) continue;
    labels[i] = target;
    getOrInsert(moved, folder, () => []).push(i);
  }
  return [...moved].map(([layer, files]) => ({ layer, moved: files }));
}

/** The folders that hold half of a cluster's files or more, each with its files. */
function foldersHoldingHalf(files: number[], paths: string[]): [string, number[]][] {
  const byFolder = new Map<string, number[]>();
  for (const i of files) getOrInsert(byFolder, path.posix.dirname(paths[i]), () => []).push(i);
  return [...byFolder].filter(([, inFolder]) => inFolder.length >= LAYER_FOLDER_SHARE * files.length);
}

/** Of the folders holding half of a cluster, the one that makes it layer-shaped, with its members naming a domain. */
function layerFolder(
  major: [string, number[]][],
  nouns: (string | undefined)[],
): { layer: string; members: number[] } | undefined {
  for (const [folder, inFolder] of major) {
    const named = inFolder.filter((i) => nouns[i] !== undefined);
    const count = new Map<string, number>();
    for (const i of named) count.set(nouns[i]!, (count.get(nouns[i]!) ?? 0) + 1);
    const top = Math.max(0, ...count.values());
    if (count.size >= LAYER_MIN_DOMAINS && top < LAYER_MAX_DOMAIN_SHARE * inFolder.length)
      return { layer: `${folder}/`, members: named };
  }
  return undefined;
}

/**
 * The role word that makes a cluster no folder dominates layer-shaped, with its members: half of its
 * files or more end in one role word (vendure's `*-strategy.ts` across config/auth/, config/order/,
 * config/tax/, ...) and those files are each tied most, outside the cluster, to a different one: four
 * or more clusters, none drawing 40% of them.
 */
function layerRole(
  l: number,
  files: number[],
  paths: string[],
  tiesOf: () => Map<number, Map<number, number>>,
): { layer: string; members: number[] } | undefined {
  const byRole = new Map<string, number[]>();
  for (const i of files) {
    const role = roleOf(paths[i]);
    if (role) getOrInsert(byRole, role, () => []).push(i);
  }
  for (const [role, members] of [...byRole].sort((a, b) => b[1].length - a[1].length)) {
    if (members.length < LAYER_FOLDER_SHARE * files.length) continue;
    const drawn = new Map<number, number>();
    const ties = tiesOf();
    for (const i of members) {
      const to = strongest(
        [...(ties.get(i) ?? [])].filter(([c]) => c !== l),
        () => 0,
      );
      if (to !== undefined) drawn.set(to, (drawn.get(to) ?? 0) + 1);
    }
    const top = Math.max(0, ...drawn.values());
    if (drawn.size >= LAYER_MIN_DOMAINS && top < LAYER_MAX_DOMAIN_SHARE * members.length)
      return {
        layer: roleLabel(
          members.map((i) => paths[i]),
          role,
        ),
        members,
      };
  }
  return undefined;
}

/** The role as its files spell it: `*.resolver` for `order.resolver.ts`, `*-strategy` for `tax-strategy.ts`. */
function roleLabel(files: string[], role: string): string {
  const dotted = files.filter((f) => path.posix.basename(f).toLowerCase().includes(`.${role}.`)).length;
  return dotted * 2 > files.length ? `*.${role}` : `*-${role}`;
}

/** Per active file, its tie weight to each cluster, through the files that stay where they are. */
function tiesByFile(
  cg: CouplingGraph,
  labels: Int32Array,
  active: Uint8Array,
  moving: Set<number>,
): Map<number, Map<number, number>> {
  const ties = new Map<number, Map<number, number>>();
  const add = (i: number, l: number, w: number) => {
    if (l < 0) return;
    const m = getOrInsert(ties, i, () => new Map());
    m.set(l, (m.get(l) ?? 0) + w);
  };
  for (const e of cg.edges) {
    if (!active[e.a] || !active[e.b]) continue;
    if (!moving.has(e.b)) add(e.a, labels[e.b], e.weight);
    if (!moving.has(e.a)) add(e.b, labels[e.a], e.weight);
  }
  return ties;
}

/** The key with the highest value, then the highest tie-breaker, then the lowest key. */
function strongest(entries: [number, number][], tieBreak: (k: number) => number): number | undefined {
  let best: [number, number, number] | undefined;
  for (const [k, v] of entries) {
    const t = tieBreak(k);
    if (!best || v > best[1] || (v === best[1] && (t > best[2] || (t === best[2] && k < best[0])))) best = [k, v, t];
  }
  return best && best[1] > 0 ? best[0] : undefined;
}
