import { CLEAR_CUT_MODULARITY } from "../metrics/notes.js";
import type { CostFactors, PainFactors } from "./types.js";
import { plural } from "../util/plural.js";
import { byString } from "../util/order.js";
import { round } from "../util/round.js";

export interface Ranked {
  pain: number;
  cost: number;
  priority: number;
  rank: number;
  why: string[];
}

/** No factor counts for more than this many times its median: no single factor decides alone. */
const CAP = 5;
/** A factor relative to the median of its peers (the services, or a service's modules), capped at CAP. */
export function relative(values: number[]): (x: number) => number {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : 0;
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  const base = median > 0 ? median : mean > 0 ? mean : 1;
  return (x) => Math.min(CAP, x / base);
}

/** The pain factors scored: how often it changes, how hot, how often fixed, how many hands (and churn). */
export const painOf = (f: PainFactors) => ({
  recentRevisions: f.recentRevisions,
  hotspots: f.hotspots.length,
  fixCommits: f.fixCommits,
  fragmentation: f.fragmentation,
  ...(f.churn !== undefined ? { churn: f.churn } : {}),
});
/** The cost factors scored: imports across the boundary, co-change leaving it, data not owned, cycles. */
export const costOf = (f: CostFactors) => ({
  imports: f.importsIn + f.importsOut,
  cochangeLeaving: f.cochangeLeaving,
  dataNotOwned: f.dataNotOwned.length,
  cycles: f.cycleWith.length,
});

/** Why a service is core: the whole reason, and whether most services read its data or import its code. */
export interface CoreReason {
  /** "it owns Document, which 13 of the 13 other services read; cut out first, ..." */
  why: string;
  kind: "data" | "code";
}

/** The first pick's line on the services passed over, by why: the core's kind, or owning no data. */
const PASSED: Record<CoreReason["kind"] | "none", string> = {
  data: "data most services read",
  code: "imported by most services",
  none: "owning no data",
};

export interface RankContext {
  names: Map<string, string>;
  /** services in the import cycle that most services form (its members get one line, not a list) */
  giantCycle: Set<string>;
  /** false: too little history to name a first pick (the order is then by priority, nothing passed over) */
  pick: boolean;
  /** services with no dominant domain: ranked after every other */
  last?: Set<string>;
  /** services most others depend on, and why: never the first pick while another qualifies */
  core?: Map<string, CoreReason>;
  /**
   * services owning none of the repository's entities (given only when some service owns one):
   * passed over for the first pick as the core is, while a service owning data qualifies
   */
  dataless?: Set<string>;
  /** the cut's modularity (the scorecard's): under CLEAR_CUT_MODULARITY the seams it found are weak */
  modularity?: number;
}

/** A dataless service's reason, first among its reasons. */
const DATALESS_WHY =
  "owns no data that faultline sees: none of the entities it found is its own, " +
  "so cutting it out first settles no data " +
  "(passed over for the first pick while a service owning data qualifies)";

/**
 * pain = mean over the pain factors of (factor / median service), each capped at 5;
 * cost = the same over the cost factors; priority = pain / (1 + cost). The highest priority
 * is extracted first: it hurts most per unit of boundary it would have to cut.
 */
export function rankServices(
  ids: string[],
  pain: Map<string, PainFactors>,
  cost: Map<string, CostFactors>,
  ctx: RankContext,
): Map<string, Ranked> {
  const painRows = new Map(ids.map((id) => [id, painOf(pain.get(id)!)]));
  const costRows = new Map(ids.map((id) => [id, costOf(cost.get(id)!)]));
  const p = scoreRows(ids, painRows);
  const c = scoreRows(ids, costRows);
  const priority = new Map(ids.map((id) => [id, p.get(id)! / (1 + c.get(id)!)]));
  const late = (id: string) => (ctx.last?.has(id) ? 1 : 0);
  const order = [...ids].sort((a, b) => late(a) - late(b) || priority.get(b)! - priority.get(a)! || byString(a, b));
  // the core everyone reads is not cut out first, nor a service owning no data (plumbing, or a facade
  // over others' data): the best service that is neither leads; when every one owning data is core,
  // the best that is not core
  const isCore = (id: string) => ctx.core?.has(id) ?? false;
  const dataless = (id: string) => ctx.dataless?.has(id) ?? false;
  const findLead = (skip: (id: string) => boolean) => order.findIndex((id) => !skip(id) && !late(id));
  const ownsData = findLead((id) => isCore(id) || dataless(id));
  // without a pick nothing is passed over; services owning no data are, only while one owning data qualifies
  const passesDataless = ctx.pick && ownsData >= 0;
  const lead = !ctx.pick ? 0 : passesDataless ? ownsData : findLead(isCore);
  const isPassed = passesDataless ? (id: string) => isCore(id) || dataless(id) : isCore;
  const passed = lead > 0 ? order.slice(0, lead) : [];
  if (lead > 0) order.unshift(...order.splice(lead, 1));
  const median = (rows: Map<string, Record<string, number>>, key: string) => {
    const v = ids.map((id) => rows.get(id)![key]).sort((a, b) => a - b);
    return v[Math.floor((v.length - 1) / 2)] ?? 0;
  };
  const medians = { revisions: median(painRows, "recentRevisions"), fixes: median(painRows, "fixCommits") };
  const name = (id: string) => ctx.names.get(id) ?? id;
  const out = new Map<string, Ranked>();
  order.forEach((id, i) => {
    const why = [...painReasons(pain.get(id)!, medians), ...costReasons(cost.get(id)!, ctx, name)];
    if (ctx.last?.has(id))
      why.unshift("no dominant domain: most of its files name no business noun (ranked after the domains)");
    if (passesDataless && dataless(id)) why.unshift(DATALESS_WHY);
    if (isCore(id)) why.unshift(`core: ${ctx.core!.get(id)!.why}`);
    if (ctx.pick && i === 0 && order.length > 1) {
      // the next service it is weighed against: the best other passed over for nothing, with a domain
      const second = order.find((other) => other !== id && !isPassed(other) && !late(other));
      const label = (x: string) => `${name(x)} at ${round(priority.get(x)!, 3)}`;
      const listed = (ids: string[]) => passedOver(ids, ctx.core, label);
      const core = passed.length
        ? `, the highest once ${passedKinds(passed, isCore)} passed over (${listed(passed)})`
        : "";
      // those passed over ranked between the two (after the lead and those it passed), so the margin reads as it is
      const between =
        second === undefined ? [] : order.slice(1 + passed.length, order.indexOf(second)).filter(isPassed);
      const next = between.some((x) => !isCore(x)) ? "not core and owns data" : "not core";
      const beats =
        second === undefined
          ? ""
          : `${core ? "; it" : ""} beats ${name(second)} at ${round(priority.get(second)!, 3)} ` +
            `(pain ${round(p.get(second)!, 2)}, cost ${round(c.get(second)!, 2)})` +
            (between.length ? `, the next that is ${next} (between them, ${listed(between)})` : "");
      why.unshift(
        `extract first: priority ${round(priority.get(id)!, 3)} (pain ${round(p.get(id)!, 2)} / (1 + cost ` +
          `${round(c.get(id)!, 2)}))${core}${beats}`,
      );
      // a cut whose services mostly read one another's data or code is tangled whatever goes first: said once
      const cores = ids.filter(isCore).length;
      if (cores * 2 > ids.length)
        why.splice(
          1,
          0,
          `most services are core (${cores} of ${ids.length}): most of the others read their data or import ` +
            "their code, so the cut stays tangled whatever goes first; the first pick is the best of " +
            (cores < ids.length ? "the few left" : "them"),
        );
      // a cut under the modularity the scorecard calls clear found weak seams: the pick is a sketch
      if (ctx.modularity !== undefined && ctx.modularity < CLEAR_CUT_MODULARITY)
        why.splice(
          1,
          0,
          `the cut is not a clear one (modularity ${ctx.modularity}, under the ${CLEAR_CUT_MODULARITY} of a clear ` +
            "cut): the code shows weak seams, so weigh this pick as a first sketch",
        );
    }
    out.set(id, {
      pain: round(p.get(id)!, 4),
      cost: round(c.get(id)!, 4),
      priority: round(priority.get(id)!, 4),
      rank: i + 1,
      why,
    });
  });
  return out;
}

/**
 * "document at 1.087, attachment at 1.015: data most services read; share at 0.788: imported by most
 * services; health at 0.9: owning no data" (a service passed over that is not core owns no data)
 */
function passedOver(
  passed: string[],
  core: Map<string, CoreReason> | undefined,
  label: (id: string) => string,
): string {
  const kindOf = (id: string): keyof typeof PASSED => core?.get(id)?.kind ?? "none";
  return (["data", "code", "none"] as const)
    .map((kind) => ({ kind, ids: passed.filter((id) => kindOf(id) === kind) }))
    .filter(({ ids }) => ids.length)
    .map(({ kind, ids }) => `${ids.map(label).join(", ")}: ${PASSED[kind]}`)
    .join("; ");
}

/** "the core is", "the service owning no data is", "the core and the services owning no data are" */
function passedKinds(passed: string[], isCore: (id: string) => boolean): string {
  const core = passed.some(isCore);
  const none = passed.filter((id) => !isCore(id)).length;
  const owningNone = none === 1 ? "the service owning no data" : "the services owning no data";
  if (core && none) return `the core and ${owningNone} are`;
  return core ? "the core is" : `${owningNone} ${none === 1 ? "is" : "are"}`;
}

function scoreRows(ids: string[], rows: Map<string, Record<string, number>>): Map<string, number> {
  const keys = Object.keys(rows.get(ids[0]) ?? {});
  const rel = Object.fromEntries(keys.map((k) => [k, relative(ids.map((id) => rows.get(id)![k]))]));
  return new Map(
    ids.map((id) => [id, keys.length ? keys.reduce((s, k) => s + rel[k](rows.get(id)![k]), 0) / keys.length : 0]),
  );
}

/** `x` against the median service; a ratio that rounds to 0 is under 0.05, never 0x for a service that changed. */
function times(x: number, median: number): string {
  if (median <= 0) return "";
  const ratio = round(x / median, 1);
  return ` (${ratio === 0 && x > 0 ? "under 0.05" : ratio}x the median service)`;
}

function painReasons(f: PainFactors, medians: { revisions: number; fixes: number }): string[] {
  const why: string[] = [];
  if (f.revisions > 0)
    why.push(
      `changed in ${plural(f.revisions, "commit")}, ${f.recentRevisions} weighted by recency (half-life one year)` +
        times(f.recentRevisions, medians.revisions),
    );
  if (f.fixCommits > 0)
    why.push(
      `${plural(f.fixCommits, "fix commit")} (subjects naming a fix, bug, hotfix, revert or issue key)` +
        times(f.fixCommits, medians.fixes),
    );
  if (f.hotspots.length)
    why.push(
      `${plural(f.hotspots.length, "hotspot file")} (top tenth by revisions x lines): ` +
        `${f.hotspots.slice(0, 3).join(", ")}${f.hotspots.length > 3 ? ", ..." : ""}`,
    );
  if (f.authors > 1) why.push(`${f.authors} authors, knowledge fragmentation ${f.fragmentation}`);
  return why;
}

function costReasons(f: CostFactors, ctx: RankContext, name: (id: string) => string): string[] {
  const why: string[] = [];
  why.push(
    `its boundary: other services import from it ${plural(f.importsIn, "time")}, it imports from them ` +
      `${plural(f.importsOut, "time")}; ${plural(f.cochangeLeaving, "co-change")} with their files (a file of ` +
      `each changed in one commit, counted per pair of files)`,
  );
  if (f.dataNotOwned.length)
    why.push(
      `uses ${plural(f.dataNotOwned.length, "entity")} other services own: ` +
        `${f.dataNotOwned.slice(0, 4).join(", ")}${f.dataNotOwned.length > 4 ? ", ..." : ""}`,
    );
  if (f.cycleWith.length) {
    const partners = f.cycleWith.slice(0, 3).map(name).join(", ");
    why.push(
      ctx.giantCycle.size && f.cycleWith.every((x) => ctx.giantCycle.has(x))
        ? `in the import cycle most services form; most tied to ${partners}`
        : `in an import cycle with ${partners}${f.cycleWith.length > 3 ? ` and ${f.cycleWith.length - 3} more` : ""}`,
    );
  }
  return why;
}
