import path from "node:path";
import { namesIdentity } from "../coupling/names.js";
import { getOrInsert } from "../util/maps.js";
import { plural, verb } from "../util/plural.js";
import type { CouplingGraph } from "../coupling/types.js";

/**
 * A module that does a clear majority of its business (tie weight) with one other module is its
 * satellite: more than half, with a margin, so that a tie that moves by a few per cent (a shared
 * file going to the kernel) does not decide whether two team-sized modules are one service.
 */
export const SATELLITE_SHARE = 0.55;
/**
 * A service smaller than this share of the files is not worth a team of its own. The floor forces
 * merges that the ties single out only weakly (a small module's strongest partner is of its context
 * about half the time): a wrong one moves all of the small module's files, a right one saves one
 * join, so the floor stays low.
 */
export const SERVICE_MIN_SHARE = 0.025;
/** No service grows past this share of the files: it would be the monolith again. */
export const SERVICE_MAX_SHARE = 0.25;

/**
 * Services from modules, in five steps:
 * 0. modules named for one thing of different owners, each owner a module too (`team-collection` and
 *    `user-collection` where `team` and `user` are modules), are one capability: the collections;
 * then each merge the strongest available:
 * 1. a module that does a clear majority of its business with one other module joins that module's
 *    service (a satellite joins its planet), as long as it is not the bigger of the two, and unless
 *    it owns data (an entity) and its name does not make it a part of the other (`order-exchange` of
 *    `order`): a module owning data is a context of its own that the other talks to (vendure's
 *    payments, 59% of whose ties are to the orders), and joins another only by the floor below;
 * 2. then, while a service is below SERVICE_MIN_SHARE of the files, the small service and the one
 *    it is most tied to against what both sides' tie totals predict merge (tie weight over the
 *    product of both totals, so that the services everyone uses do not absorb them all);
 * 3. the modules named for identity and access (`identity`: users, authentication, API keys, OAuth)
 *    move to the service of the biggest of them, a generic subdomain one team owns whatever
 *    else their ties say (to a service of their own when that service would pass the cap); what they
 *    leave behind that is too small joins as in step 2;
 * 4. a service still below the floor and tied to no other joins the service beside it in its folders.
 * No merge makes a service larger than SERVICE_MAX_SHARE of the files (identity and access
 * included: past that share it is the repository's business, not a generic subdomain).
 * `about` gives each module's name and whether it owns data (holds an entity); a group of modules goes by
 * the name of the module the others joined, and owns data when one of them does.
 * Returns each module's service, and the identity and access service when the modules moved.
 */
export function groupModules(
  modules: number[][],
  cg: CouplingGraph,
  about: { names: string[]; ownsData: boolean[] },
): { service: number[]; rule: string; identity?: number } {
  const { names, ownsData } = about;
  const ties = new Ties(modules, cg);
  const total = modules.reduce((s, m) => s + m.length, 0);
  const cap = SERVICE_MAX_SHARE * total;
  let things = 0;
  const families = oneThingOfOwners(names);
  for (const family of families) for (const k of family.slice(1)) things += ties.join(k, family[0], cap);
  let satellites = 0;
  for (;;) {
    let best: { from: number; to: number; share: number } | undefined;
    const all = ties.outgoing();
    for (const g of ties.groups()) {
      const out = all.get(g) ?? new Map<number, number>();
      const sum = [...out.values()].reduce((s, v) => s + v, 0);
      const to = strongest(out);
      if (to === undefined || sum === 0) continue;
      const share = out.get(to)! / sum;
      if (share < SATELLITE_SHARE || ties.size(g) > ties.size(to) || ties.size(g) + ties.size(to) > cap) continue;
      // one owning data joins only when named as a part of a module of the other service (`order` may
      // already have joined `cart`); members() scans the modules, a few dozen
      const owning = ties.members(g).some((j) => ownsData[j]);
      if (owning && !ties.members(to).some((j) => isPartOf(names[g], names[j]))) continue;
      if (!best || share > best.share || (share === best.share && g < best.from)) best = { from: g, to, share };
    }
    if (!best) break;
    ties.merge(best.from, best.to);
    satellites++;
  }
  let small = joinSmall(ties, SERVICE_MIN_SHARE * total, cap);
  const named = modules.map((_, k) => k).filter((k) => namesIdentity(names[k]));
  const gathered = named.length >= 2 && ties.gather(named, cap);
  if (gathered) small += joinSmall(ties, SERVICE_MIN_SHARE * total, cap);
  const identityRule = gathered
    ? `; the ${named.length} modules named for identity and access moved to one service`
    : "";
  const familyNames = families.map((f) => f.map((k) => names[k]).join(" + ")).join(", ");
  const thingRule = things
    ? `${plural(things, "module")} joined one named for the same thing of another owner (${familyNames}); `
    : "";
  // a small service tied to no other (a few files nothing outside them imports) joins the service beside it in
  // its folders, if any
  const { joined: besides, stayed: untied } = joinByFolder(ties, modules, cg.files, SERVICE_MIN_SHARE * total, cap);
  const untiedRule =
    (besides ? `, ${plural(besides, "service")} under it tied to no other joined the one holding its folders` : "") +
    (untied ? `, ${plural(untied, "service")} under it tied to no other stayed` : "");
  const service = ties.assignment();
  return {
    service,
    ...(gathered ? { identity: service[named[0]] } : {}),
    rule:
      thingRule +
      `${plural(satellites, "satellite module")} joined the module ${verb(satellites, "it does", "they do")} ` +
      `${Math.round(SATELLITE_SHARE * 100)}% or more of ${verb(satellites, "its", "their")} business with ` +
      `(one owning data only when named as a part of it); ` +
      `then ${plural(small, "service")} under ${SERVICE_MIN_SHARE * 100}% of ` +
      `the files joined the one they are most tied to (ties against what both sides' totals predict)${untiedRule}` +
      `${identityRule}; ` +
      `no merge past ${SERVICE_MAX_SHARE * 100}% of the files`,
  };
}

/**
 * While a service is under `floor` files, the pair of a small service and any other (within `cap`)
 * whose tie is the strongest against what their tie totals predict merges: tie weight divided by the
 * product of both totals (association strength, the observed-over-expected of modularity's null
 * model), the strongest pair first. The hub everyone uses (outline's documents, vendure's orders) is
 * tied to a small module by its sheer size, which the product discounts: the module joins the partner
 * its ties single out. Returns how many joined.
 */
function joinSmall(ties: Ties, floor: number, cap: number): number {
  let joined = 0;
  for (;;) {
    const all = ties.outgoing(true);
    let best: { from: number; to: number; strength: number } | undefined;
    for (const g of ties.groups()) {
      if (ties.size(g) >= floor) continue;
      for (const [to, strength] of all.get(g) ?? new Map<number, number>()) {
        if (ties.size(g) + ties.size(to) > cap) continue;
        // equal strengths: the lowest partner, then the lowest small service
        const tie = best && strength === best.strength && (to < best.to || (to === best.to && g < best.from));
        if (!best || strength > best.strength || tie) best = { from: g, to, strength };
      }
    }
    if (!best) return joined;
    ties.merge(best.from, best.to);
    joined++;
  }
}

/**
 * Each service under `floor` files tied to no other (unleash's last-seen read models, which only code outside
 * the analysed files uses) joins the service holding most of the other files in its files' folders, more than
 * half of them (the last-seen service and store beside them); a service with no such neighbour stays. Returns
 * how many joined and how many stayed.
 */
function joinByFolder(
  ties: Ties,
  modules: number[][],
  paths: string[],
  floor: number,
  cap: number,
): { joined: number; stayed: number } {
  const all = ties.outgoing();
  const untied = ties.groups().filter((g) => ties.size(g) < floor && !all.get(g)?.size);
  if (untied.length === 0) return { joined: 0, stayed: 0 };
  const groupOf = new Map<number, number>();
  for (const g of ties.groups()) for (const j of ties.members(g)) for (const i of modules[j]) groupOf.set(i, g);
  const filesIn = new Map<string, number[]>();
  for (const i of groupOf.keys()) getOrInsert(filesIn, path.posix.dirname(paths[i]), () => []).push(i);
  let joined = 0;
  let stayed = 0;
  for (const g of untied) {
    // one that another joined since may have reached the floor
    if (ties.size(g) >= floor) continue;
    const own = ties.members(g).flatMap((j) => modules[j]);
    const beside = new Map<number, number>();
    let others = 0;
    for (const dir of new Set(own.map((i) => path.posix.dirname(paths[i]))))
      for (const i of filesIn.get(dir) ?? []) {
        const h = groupOf.get(i)!;
        if (h === g) continue;
        beside.set(h, (beside.get(h) ?? 0) + 1);
        others++;
      }
    // the service beside it holds most of its folders' other files: a flat `src/` of every service decides nothing
    const to = strongest(beside);
    if (to === undefined || beside.get(to)! * 2 <= others || ties.size(g) + ties.size(to) > cap) {
      stayed++;
      continue;
    }
    ties.merge(g, to);
    for (const i of own) groupOf.set(i, to);
    joined++;
  }
  return { joined, stayed };
}

/** The tie weight between groups of modules, kept as modules merge. */
class Ties {
  private readonly group: number[];
  /** files per group, by the group's id (the index of the module the others merged into) */
  private readonly groupSize: Map<number, number>;
  private readonly between = new Map<number, number>();
  private readonly k: number;
  private readonly moduleSize: number[];

  constructor(modules: number[][], cg: CouplingGraph) {
    const k = (this.k = modules.length);
    this.moduleSize = modules.map((m) => m.length);
    this.group = modules.map((_, j) => j);
    this.groupSize = new Map(modules.map((m, j) => [j, m.length]));
    const moduleOf = new Int32Array(cg.files.length).fill(-1);
    modules.forEach((m, j) => m.forEach((i) => (moduleOf[i] = j)));
    for (const e of cg.edges) {
      const a = moduleOf[e.a];
      const b = moduleOf[e.b];
      if (a < 0 || b < 0 || a === b) continue;
      this.between.set(a * k + b, (this.between.get(a * k + b) ?? 0) + e.weight);
      this.between.set(b * k + a, (this.between.get(b * k + a) ?? 0) + e.weight);
    }
  }

  /** The modules in group `g`. */
  members(g: number): number[] {
    return this.group.flatMap((h, j) => (h === g ? [j] : []));
  }

  groups(): number[] {
    return [...this.groupSize.keys()].sort((a, b) => a - b);
  }

  size(g: number): number {
    return this.groupSize.get(g) ?? 0;
  }

  /**
   * Per group, its tie weight to each other group, in one pass over the module pairs;
   * `normalised`: divided by the product of both groups' totals (association strength).
   */
  outgoing(normalised = false): Map<number, Map<number, number>> {
    const out = new Map<number, Map<number, number>>();
    const totals = new Map<number, number>();
    for (const [key, w] of this.between) {
      const a = this.group[Math.floor(key / this.k)];
      const b = this.group[key % this.k];
      if (a === b) continue;
      totals.set(a, (totals.get(a) ?? 0) + w);
      const ties = getOrInsert(out, a, () => new Map<number, number>());
      ties.set(b, (ties.get(b) ?? 0) + w);
    }
    if (normalised)
      for (const [g, ties] of out)
        for (const [h, w] of ties) ties.set(h, w / ((totals.get(g) ?? 1) * (totals.get(h) ?? 1)));
    return out;
  }

  /** Module `k`'s group merges into module `into`'s, unless they are one or it would pass `cap`; 1 when it did. */
  join(k: number, into: number, cap: number): number {
    const [from, to] = [this.group[k], this.group[into]];
    if (from === to || this.size(from) + this.size(to) > cap) return 0;
    this.merge(from, to);
    return 1;
  }

  merge(from: number, to: number): void {
    for (let j = 0; j < this.group.length; j++) if (this.group[j] === from) this.group[j] = to;
    this.groupSize.set(to, this.size(to) + this.size(from));
    this.groupSize.delete(from);
  }

  /**
   * The modules move, out of whatever groups they are in, to the group of the biggest of them
   * (the first on a tie); when that group would grow past `cap` files, the biggest leaves it and they
   * gather alone, unless even they pass `cap`. A group they leave empty is gone. Returns whether they moved.
   */
  gather(members: number[], cap: number): boolean {
    const biggest = members.reduce((a, b) => (this.moduleSize[b] > this.moduleSize[a] ? b : a));
    const sizeOf = (js: number[]) => sizeOfModules(js, this.moduleSize);
    const joining = (to: number) => members.filter((j) => this.group[j] !== to);
    if (this.size(this.group[biggest]) + sizeOf(joining(this.group[biggest])) > cap) {
      if (sizeOf(members) > cap) return false;
      this.detach(biggest);
    }
    const to = this.group[biggest];
    for (const j of joining(to)) {
      const from = this.group[j];
      this.group[j] = to;
      this.groupSize.set(to, this.size(to) + this.moduleSize[j]);
      const left = this.size(from) - this.moduleSize[j];
      if (left > 0) this.groupSize.set(from, left);
      else this.groupSize.delete(from);
    }
    return true;
  }

  /**
   * Module `j` leaves its group for one of its own; the others stay together, under the group's id, or when that
   * id was `j`'s, under the first of them that is no group's id.
   */
  private detach(j: number): void {
    const from = this.group[j];
    const rest = this.members(from).filter((k) => k !== j);
    if (rest.length === 0) return;
    // an id no other group holds: a module that left its group lends the id to those it left
    const id = from === j ? rest.find((k) => !this.groupSize.has(k))! : from;
    for (const k of rest) this.group[k] = id;
    this.groupSize.delete(from);
    this.groupSize.set(id, sizeOfModules(rest, this.moduleSize));
    this.group[j] = j;
    this.groupSize.set(j, this.moduleSize[j]);
  }

  assignment(): number[] {
    return [...this.group];
  }
}

/**
 * Modules whose two-word names say one thing of different owners (`team-collection`, `user-collection`),
 * each owner itself a module's name: families of two or more, each in module order.
 */
export function oneThingOfOwners(names: string[]): number[][] {
  const modules = new Set(names);
  const byThing = new Map<string, number[]>();
  names.forEach((name, k) => {
    const words = name.split("-");
    if (words.length === 2 && modules.has(words[0])) getOrInsert(byThing, words[1], () => []).push(k);
  });
  return [...byThing.values()].filter((family) => family.length >= 2);
}

/** Whether a module's name makes it a part of another's: `order-exchange` or `return-order` of `order`. */
function isPartOf(name: string, of: string): boolean {
  return name.startsWith(`${of}-`) || name.endsWith(`-${of}`);
}

const sizeOfModules = (js: number[], sizes: number[]) => js.reduce((s, j) => s + sizes[j], 0);

function strongest(m: Map<number, number>): number | undefined {
  let best: number | undefined;
  let top = 0;
  for (const [k, v] of m) if (v > top || (v === top && best !== undefined && k < best)) [best, top] = [k, v];
  return best;
}
