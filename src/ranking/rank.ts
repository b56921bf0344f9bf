import type { CostFactors, PainFactors } from "./types.js";
import { byString } from "../util/order.js";
import { round } from "../util/round.js";

export interface Ranked {
  pain: number;
  cost: number;
  priority: number;
  rank: number;
  why: string[];
}

/** A factor relative to the median service, capped so that no single factor decides alone. */
const CAP = 5;
function relative(values: number[]): (x: number) => number {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : 0;
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  const base = median > 0 ? median : mean > 0 ? mean : 1;
  return (x) => Math.min(CAP, x / base);
}

const painOf = (f: PainFactors) => ({
  recentRevisions: f.recentRevisions,
  hotspots: f.hotspots.length,
  authors: f.authors,
  fragmentation: f.fragmentation,
  cochangeLeaving: f.cochangeLeaving,
  hiddenCoupling: f.hiddenCoupling,
  ...(f.churn !== undefined ? { churn: f.churn } : {}),
});
const costOf = (f: CostFactors) => ({
  imports: f.importsIn + f.importsOut,
  symbols: f.symbolsIn + f.symbolsOut,
  cycles: f.cycleWith.length,
  kernelImports: f.kernelImports,
  sharedData: f.sharedData.length,
});

/**
 * pain = mean over the pain factors of (factor / median service), each capped at 5;
 * cost = the same over the cost factors; priority = pain / (1 + cost). The highest priority
 * is extracted first: it hurts most per unit of boundary it would have to cut.
 */
export function rankServices(
  ids: string[],
  pain: Map<string, PainFactors>,
  cost: Map<string, CostFactors>,
  names: Map<string, string>,
): Map<string, Ranked> {
  const score = <T extends Record<string, number>>(rows: Map<string, T>) => {
    const keys = Object.keys(rows.get(ids[0]) ?? {});
    const rel = Object.fromEntries(keys.map((k) => [k, relative(ids.map((id) => rows.get(id)![k]))]));
    return new Map(
      ids.map((id) => [id, keys.length ? keys.reduce((s, k) => s + rel[k](rows.get(id)![k]), 0) / keys.length : 0]),
    );
  };
  const painRows = new Map(ids.map((id) => [id, painOf(pain.get(id)!)]));
  const costRows = new Map(ids.map((id) => [id, costOf(cost.get(id)!)]));
  const p = score(painRows);
  const c = score(costRows);
  const priority = new Map(ids.map((id) => [id, p.get(id)! / (1 + c.get(id)!)]));
  const order = [...ids].sort((a, b) => priority.get(b)! - priority.get(a)! || byString(a, b));
  const medians = (rows: Map<string, Record<string, number>>, key: string) => {
    const v = ids.map((id) => rows.get(id)![key]).sort((a, b) => a - b);
    return v[Math.floor((v.length - 1) / 2)] ?? 0;
  };

  const out = new Map<string, Ranked>();
  order.forEach((id, i) => {
    const pf = pain.get(id)!;
    const cf = cost.get(id)!;
    const why: string[] = [];
    const medRev = medians(painRows, "recentRevisions");
    const times = medRev > 0 ? ` (${round(pf.recentRevisions / medRev, 1)}x the median service)` : "";
    if (pf.revisions > 0)
      why.push(
        `changed in ${pf.revisions} commits, ${pf.recentRevisions} weighted by recency (half-life one year)${times}`,
      );
    if (pf.hotspots.length)
      why.push(
        `${pf.hotspots.length} hotspot file${pf.hotspots.length > 1 ? "s" : ""} (top tenth by revisions x lines): ` +
          `${pf.hotspots.slice(0, 3).join(", ")}${pf.hotspots.length > 3 ? ", ..." : ""}`,
      );
    if (pf.authors > 1) why.push(`${pf.authors} authors, knowledge fragmentation ${pf.fragmentation}`);
    if (pf.cochangeLeaving > 0)
      why.push(`${pf.cochangeLeaving} co-changes with files of other services would become distributed changes`);
    if (pf.hiddenCoupling > 0)
      why.push(
        `${pf.hiddenCoupling} file pair${pf.hiddenCoupling > 1 ? "s" : ""} change together without importing each ` +
          `other`,
      );
    why.push(
      `${cf.symbolsIn} symbols used by other services, ${cf.symbolsOut} symbols needed from them, ` +
        `${cf.kernelImports} imports of the shared kernel`,
    );
    if (cf.cycleWith.length)
      why.push(`in an import cycle with ${cf.cycleWith.map((x) => names.get(x) ?? x).join(", ")}`);
    if (cf.sharedData.length)
      why.push(
        `${cf.sharedData.length} file${cf.sharedData.length > 1 ? "s" : ""} imported by two or more other services ` +
          `(data it would own or share): ${cf.sharedData.slice(0, 3).join(", ")}`,
      );
    if (i === 0 && order.length > 1) {
      const second = order[1];
      why.unshift(
        `extract first: priority ${round(priority.get(id)!, 3)} (pain ${round(p.get(id)!, 2)} / (1 + cost ` +
          `${round(c.get(id)!, 2)})) beats ${names.get(second) ?? second} at ${round(priority.get(second)!, 3)} ` +
          `(pain ${round(p.get(second)!, 2)}, cost ${round(c.get(second)!, 2)})`,
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
