import type { CouplingGraph } from "../coupling/types.js";
import type { ImportGraph } from "../graph/types.js";
import { isGenericName } from "../coupling/names.js";
import { getOrInsert } from "../util/maps.js";
import { foldersOf } from "../util/paths.js";
import { crossClusterImports } from "./hubs.js";

/** Clusters smaller than minSize join the cluster they are most strongly tied to. */
export function mergeTiny(labels: Int32Array, cg: CouplingGraph, minSize: number, active: Uint8Array): Int32Array {
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

/**
 * Each file of a cluster smaller than minSize joins the cluster of at least minSize files its own
 * ties pull most: what the kernel leaves of a cluster is often two files that were together only
 * through what left (outline's `ArchivableModel` and `IntegrationAuthentication`, both tied to a base
 * class the kernel took), and each belongs with its own neighbours. A file tied to no such cluster
 * stays; mergeTiny then takes what is left.
 */
export function scatterTiny(labels: Int32Array, cg: CouplingGraph, minSize: number, active: Uint8Array): Int32Array {
  const out = Int32Array.from(labels);
  const sizes = new Map<number, number>();
  for (let i = 0; i < out.length; i++) if (active[i] && out[i] >= 0) sizes.set(out[i], (sizes.get(out[i]) ?? 0) + 1);
  const tiny = (l: number) => l >= 0 && (sizes.get(l) ?? 0) < minSize;
  const ties = new Map<number, Map<number, number>>();
  for (const e of cg.edges) {
    if (!active[e.a] || !active[e.b]) continue;
    if (tiny(out[e.a]) && out[e.b] >= 0 && !tiny(out[e.b])) addTie(ties, e.a, out[e.b], e.weight);
    if (tiny(out[e.b]) && out[e.a] >= 0 && !tiny(out[e.a])) addTie(ties, e.b, out[e.a], e.weight);
  }
  for (const [file, t] of ties) {
    let target = -1;
    let best = 0;
    for (const [l, w] of t) if (w > best || (w === best && l < target)) [target, best] = [l, w];
    if (target >= 0) out[file] = target;
  }
  return mergeTiny(out, cg, minSize, active);
}

/**
 * The files of modules smaller than minSize that no tie binds to any other module, only to the kernel,
 * and none of which names a domain: what is left of infrastructure once the kernel took its neighbours
 * (the demo's error handler, tied only to the glue that mounts it and the utilities it uses). Alone,
 * each would be a service of one file.
 */
export function strandedFiles(
  labels: Int32Array,
  cg: CouplingGraph,
  minSize: number,
  inModule: (i: number) => boolean,
  inKernel: (i: number) => boolean,
  namesDomain: (i: number) => boolean,
): number[] {
  const members = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) if (inModule(i)) getOrInsert(members, labels[i], () => []).push(i);
  const bound = new Set<number>();
  const toKernel = new Set<number>();
  for (const e of cg.edges) {
    const [a, b] = [inModule(e.a), inModule(e.b)];
    if (a && b && labels[e.a] !== labels[e.b]) {
      bound.add(labels[e.a]);
      bound.add(labels[e.b]);
    }
    if (a && inKernel(e.b)) toKernel.add(labels[e.a]);
    if (b && inKernel(e.a)) toKernel.add(labels[e.b]);
  }
  return [...members]
    .filter(([l, files]) => files.length < minSize && !bound.has(l) && toKernel.has(l) && !files.some(namesDomain))
    .flatMap(([, files]) => files)
    .sort((a, b) => a - b);
}

function addTie(ties: Map<number, Map<number, number>>, from: number, to: number, w: number): void {
  const m = getOrInsert(ties, from, () => new Map());
  m.set(to, (m.get(to) ?? 0) + w);
}

/** A file importing from this many other clusters is an orchestrator, a registry or a barrel. */
export const FAN_OUT_CLUSTERS = 4;

/**
 * Fan-out hubs go where they belong, not where they import most: a file that imports from
 * FAN_OUT_CLUSTERS or more other clusters (an orchestrator importing thirteen rule classes, a
 * barrel of every model) moves to the cluster its own name places it in (`namesake`: the one holding
 * the files named for its noun, as `order.service.ts` goes with the order resolvers and entities),
 * else to the cluster of its strongest single tie, which its own domain gives it (its controller, the
 * files it changes with). A single tie alone can mislead: the file it is tied to most may be a hub
 * itself, sitting for now with another domain. One the caller calls glue (from its name and how many
 * clusters it reaches: `app.ts` mounting every route) leaves every cluster (label -1) for the caller to
 * put in the kernel. Returns the files moved, the glue, each hub's strongest tie, and the hubs their
 * name placed.
 */
export function placeFanOutHubs(
  labels: Int32Array,
  cg: CouplingGraph,
  imports: ImportGraph,
  fixed: (file: number) => boolean,
  isGlue: (file: number, clusters: number) => boolean,
  namesake: (file: number) => number | undefined = () => undefined,
): { moved: number[]; glue: { file: number; clusters: number }[]; tiedTo: Map<number, number>; byName: Set<number> } {
  const targets = new Map<number, Set<number>>();
  for (const [from, to] of crossClusterImports(labels, imports, cg.files))
    getOrInsert(targets, from, () => new Set()).add(labels[to]);
  const strongest = new Map<number, { label: number; weight: number; file: number }>();
  const consider = (i: number, other: number, weight: number) => {
    const l = labels[other];
    if (l < 0) return;
    const best = strongest.get(i);
    if (!best || weight > best.weight) strongest.set(i, { label: l, weight, file: other });
  };
  const hubs = new Set([...targets].filter(([i, set]) => set.size >= FAN_OUT_CLUSTERS && !fixed(i)).map(([i]) => i));
  for (const e of cg.edges) {
    if (hubs.has(e.a)) consider(e.a, e.b, e.weight);
    if (hubs.has(e.b)) consider(e.b, e.a, e.weight);
  }
  const moved: number[] = [];
  const glue: { file: number; clusters: number }[] = [];
  const byName = new Set<number>();
  for (const i of [...hubs].sort((a, b) => a - b)) {
    if (isGlue(i, targets.get(i)!.size)) {
      glue.push({ file: i, clusters: targets.get(i)!.size });
      labels[i] = -1;
      continue;
    }
    const named = namesake(i);
    if (named !== undefined) byName.add(i);
    const to = named ?? strongest.get(i)?.label;
    if (to !== undefined && to !== labels[i]) {
      labels[i] = to;
      moved.push(i);
    }
  }
  return { moved, glue, tiedTo: new Map([...strongest].map(([i, s]) => [i, s.file])), byName };
}

/**
 * A unit: the files of one folder that share the name before their kind (`portfolio.module.ts`,
 * `portfolio.service.ts`, `portfolio.controller.ts`), which a framework such as NestJS keeps
 * together and a team changes together. Keyed by folder and stem; only units of two files or more.
 */
export function unitsOf(files: string[]): number[][] {
  const units = new Map<string, number[]>();
  files.forEach((f, i) => {
    const slash = f.lastIndexOf("/");
    const base = f.slice(slash + 1);
    const parts = base.split(".");
    // `x.kind.ts`: a stem and a kind before the extension
    if (parts.length < 3 || parts[0] === "") return;
    getOrInsert(units, unitName(f), () => []).push(i);
  });
  return [...units.values()].filter((u) => u.length >= 2);
}

/**
 * Files of one unit go where most of the unit is: to that module, or to the kernel (label -1) when
 * half of it or more is there (`prisma.module.ts` beside the kernel's `prisma.service.ts`), unless the
 * kernel holds only its `wiring` (framework glue) and only half of it. Between
 * modules holding as many of its files, the one the unit is most tied to (ghostfolio's
 * `portfolio.module.ts`, `.service.ts` and `.controller.ts` in three modules). `fixed` files (pinned,
 * forced into the kernel, the platform, the entry point and the glue it imports) never move but
 * count. Returns the files moved, to a module or (label -1) to the kernel.
 */
export function keepUnitsTogether(
  labels: Int32Array,
  cg: CouplingGraph,
  placed: (i: number) => boolean,
  fixed: (i: number) => boolean,
  wiring: (i: number) => boolean = () => false,
): { moved: number[] } {
  const moved: number[] = [];
  const units = unitsOf(cg.files)
    .map((u) => u.filter(placed))
    .filter((u) => u.length >= 2);
  const unitOf = new Map<number, number>();
  units.forEach((u, k) => u.forEach((i) => unitOf.set(i, k)));
  // each unit's tie weight to each label, from the files it holds
  const ties = units.map(() => new Map<number, number>());
  for (const e of cg.edges)
    for (const [from, to] of [
      [e.a, e.b],
      [e.b, e.a],
    ]) {
      const k = unitOf.get(from);
      if (k !== undefined && placed(to)) ties[k].set(labels[to], (ties[k].get(labels[to]) ?? 0) + e.weight);
    }
  units.forEach((members, k) => {
    const count = new Map<number, number>();
    for (const i of members) count.set(labels[i], (count.get(labels[i]) ?? 0) + 1);
    if (count.size < 2) return;
    const most = Math.max(...count.values());
    const tied = [...count].filter(([, c]) => c === most).map(([l]) => l);
    // the kernel wins a tie by what it holds of the unit, unless that is only wiring (`events.module.ts`,
    // framework glue importing many modules): the unit's code (`events.controller.ts`) stays in its module
    const kernelHolds = members.some((i) => labels[i] < 0 && !wiring(i));
    const home =
      tied.includes(-1) && (kernelHolds || tied.length === 1)
        ? -1
        : tied.filter((l) => l >= 0).sort((a, b) => (ties[k].get(b) ?? 0) - (ties[k].get(a) ?? 0) || a - b)[0];
    for (const i of members) {
      if (labels[i] === home || fixed(i)) continue;
      labels[i] = home;
      moved.push(i);
    }
  });
  return { moved: moved.sort((a, b) => a - b) };
}

/** A unit's folder and stem: `src/app/portfolio/portfolio` for `src/app/portfolio/portfolio.service.ts`. */
export function unitName(file: string): string {
  const slash = file.lastIndexOf("/");
  return file.slice(0, slash + 1) + file.slice(slash + 1).split(".")[0];
}

/**
 * The files of each folder kept together (`folders`: workspace packages, feature folders) that sit
 * outside the module holding more than half of the folder's files in modules move to it; a folder
 * spread over modules (one of links between every domain, one of every domain's workflows) has no
 * such module and stays as it is. A file belongs to the deepest such folder holding it. `fixed`
 * files (pinned) stay. Returns the files moved.
 */
export function folderStrays(
  labels: Int32Array,
  files: string[],
  folders: string[],
  inModule: (i: number) => boolean,
  fixed: (i: number) => boolean,
): number[] {
  if (folders.length === 0) return [];
  // a file belongs to the innermost folder holding it
  const dirs = new Set(folders);
  const members = new Map<string, number[]>();
  files.forEach((f, i) => {
    const dir = foldersOf(f).find((d) => dirs.has(d));
    if (dir !== undefined && inModule(i)) getOrInsert(members, dir, () => []).push(i);
  });
  const moved: number[] = [];
  for (const dir of [...members.keys()].sort()) {
    const inside = members.get(dir)!;
    const count = new Map<number, number>();
    for (const i of inside) count.set(labels[i], (count.get(labels[i]) ?? 0) + 1);
    const [home, most] = [...count].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
    if (most * 2 <= inside.length) continue;
    for (const i of inside)
      if (labels[i] !== home && !fixed(i)) {
        labels[i] = home;
        moved.push(i);
      }
  }
  return moved.sort((a, b) => a - b);
}

/**
 * Sub-projects: three or more sibling folders holding a file at the same path two folders deep or
 * more (outline's `plugins/slack/`, `plugins/github/`, ... each with `server/index.ts`): code kept
 * apart in one layout, as packages are. A path one deep (`routes/api/users/index.ts`) is any
 * folder's barrel and says nothing; siblings named for what their files are (`controllers/`,
 * `services/`) are layers; a folder half or more of whose files declare types alone (medusa's
 * `types/src/http/order/`) describes a domain's data in a layer of such descriptions, and is none.
 */
export function subProjects(files: string[], typeFiles: Set<number> = new Set()): string[] {
  /** per parent folder and path below its child: the children holding it */
  const holders = new Map<string, Set<string>>();
  for (const f of files) {
    const parts = f.split("/");
    for (let d = 1; d + 3 <= parts.length; d++) {
      const key = `${parts.slice(0, d).join("/")}\0${parts.slice(d + 1).join("/")}`;
      getOrInsert(holders, key, () => new Set()).add(parts[d]);
    }
  }
  const found = new Set<string>();
  for (const [key, children] of holders) {
    // layer folders side by side (`controllers/users/`, `services/users/`) are no sub-projects
    if (children.size < 3 || [...children].some(isGenericName)) continue;
    const parent = key.slice(0, key.indexOf("\0"));
    for (const c of children) found.add(`${parent}/${c}`);
  }
  const types = new Map<string, [number, number]>();
  files.forEach((f, i) => {
    for (const d of foldersOf(f))
      if (found.has(d)) {
        const [t, n] = types.get(d) ?? [0, 0];
        types.set(d, [t + (typeFiles.has(i) ? 1 : 0), n + 1]);
      }
  });
  return [...found].filter((d) => types.get(d)![0] * 2 < types.get(d)![1]).sort();
}

/**
 * Feature folders: a folder named as the unit inside it (`team/` holding `team.module.ts`,
 * `team.service.ts`), the layout NestJS and Angular give a feature, guards and decorators in
 * subfolders included; a folder holding another feature folder is none.
 */
export function featureFolders(files: string[]): string[] {
  const found = new Set<string>();
  for (const unit of unitsOf(files)) {
    const name = unitName(files[unit[0]]);
    const slash = name.lastIndexOf("/");
    if (slash < 0) continue;
    const dir = name.slice(0, slash);
    if (dir.slice(dir.lastIndexOf("/") + 1) === name.slice(slash + 1)) found.add(dir);
  }
  // one holding other features is the application (ghostfolio's `app/` of `app.module.ts`), not a feature
  const all = [...found];
  return all.filter((d) => !all.some((e) => e !== d && e.startsWith(`${d}/`))).sort();
}
