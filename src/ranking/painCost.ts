import type { Contract, CostFactors, PainFactors } from "./types.js";
import { allCochangePairs } from "../history/cochange.js";
import type { CouplingPair } from "../history/types.js";
import type { RepoModel, Scorecard, ServicePartition } from "../metrics/types.js";
import { byString } from "../util/order.js";
import { round } from "../util/round.js";
import { getOrInsert } from "../util/maps.js";

export const RECENCY_HALF_LIFE_DAYS = 365;

/** A commit's weight in recency-weighted counts: 1 at HEAD, halved every RECENCY_HALF_LIFE_DAYS (seconds). */
export function recencyWeight(headTime: number, time: number): number {
  return 0.5 ** ((headTime - time) / (RECENCY_HALF_LIFE_DAYS * 86_400));
}
/** a file is a hotspot when revisions x lines is in the top tenth of the repo's changed files */
export const HOTSPOT_PERCENTILE = 0.9;
/** co-change without any import between the two files, at or above these */
export const HIDDEN_MIN_SHARED = 3;
export const HIDDEN_MIN_DEGREE = 0.3;

/** Co-changing pairs with no import in either direction: coupling the code does not show. */
export function hiddenCoupling(model: RepoModel): CouplingPair[] {
  const h = model.history;
  if (!h) return [];
  const linked = new Set<string>();
  for (const e of model.imports.edges) linked.add(e.from < e.to ? `${e.from}\0${e.to}` : `${e.to}\0${e.from}`);
  for (const r of model.records) {
    for (const imp of r.imports) {
      if (imp.target.type !== "module") continue;
      const [x, y] = r.path < imp.target.path ? [r.path, imp.target.path] : [imp.target.path, r.path];
      linked.add(`${x}\0${y}`);
    }
  }
  const out: CouplingPair[] = [];
  for (const p of allCochangePairs(h)) {
    const a = h.files[p.a];
    const b = h.files[p.b];
    const degree = p.shared / ((a.revisions + b.revisions) / 2);
    if (p.shared < HIDDEN_MIN_SHARED || degree < HIDDEN_MIN_DEGREE) continue;
    if (linked.has(`${a.path}\0${b.path}`)) continue;
    out.push({ a: a.path, b: b.path, shared: p.shared, degree: round(degree * 100, 2) });
  }
  return out.sort((x, y) => y.shared - x.shared || byString(x.a, y.a) || byString(x.b, y.b));
}

/**
 * The evidence of pain per service: how often it changes (recency-weighted), how hot its files
 * are, how often it is fixed, how many hands share it, and churn when asked. Entanglement
 * (co-change with other services) is not pain: it is what a cut costs (costFactors).
 */
export function painFactors(
  model: RepoModel,
  p: ServicePartition,
  card: Scorecard,
  churn: boolean,
): Map<string, PainFactors> {
  const h = model.history;
  const serviceOf = new Map<string, string>();
  for (const s of p.services) for (const f of s.files) serviceOf.set(f, s.id);
  const out = new Map<string, PainFactors>();
  for (const s of p.services) {
    const m = card.services[s.id];
    out.set(s.id, {
      recentRevisions: 0,
      revisions: m.revisions,
      hotspots: [],
      fixCommits: 0,
      fragmentation: 0,
      authors: m.authors,
      ...(churn ? { churn: 0 } : {}),
    });
  }
  if (!h) return out;
  const headTime = Date.parse(h.headDate) / 1000;
  const hService = h.files.map((f) => serviceOf.get(f.path));
  const byAuthor = new Map<string, Map<number, number>>();
  for (const cs of h.changesets) {
    const w = recencyWeight(headTime, cs.time);
    const touched = new Set<string>();
    for (const f of cs.files) if (hService[f]) touched.add(hService[f]);
    for (const s of touched) {
      const f = out.get(s)!;
      f.recentRevisions += w;
      if (cs.fix) f.fixCommits++;
      const m = getOrInsert(byAuthor, s, () => new Map());
      m.set(cs.author, (m.get(cs.author) ?? 0) + 1);
    }
  }
  for (const [s, m] of byAuthor) {
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    out.get(s)!.fragmentation = round(1 - [...m.values()].reduce((a, c) => a + (c / total) ** 2, 0), 4);
  }
  for (const f of out.values()) f.recentRevisions = round(f.recentRevisions, 2);
  for (const path of hotspotFiles(model)) {
    const s = serviceOf.get(path);
    if (s) out.get(s)!.hotspots.push(path);
  }
  if (churn) {
    for (const f of h.files) {
      const s = serviceOf.get(f.path);
      if (s) out.get(s)!.churn! += (f.added ?? 0) + (f.removed ?? 0);
    }
  }
  return out;
}

/** The repo's hotspots: files in the top tenth by revisions x lines (changed twice or more), hottest first. */
export function hotspotFiles(model: RepoModel): string[] {
  const h = model.history;
  if (!h) return [];
  const loc = new Map(model.records.map((r) => [r.path, r.loc]));
  const scores = h.files.map((f) => ({ path: f.path, score: f.revisions * (loc.get(f.path) ?? 0), f }));
  const sorted = scores
    .map((x) => x.score)
    .filter((x) => x > 0)
    .sort((a, b) => a - b);
  const cut = sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.floor(HOTSPOT_PERCENTILE * sorted.length))]
    : Infinity;
  return scores
    .filter((x) => x.score >= cut && x.score > 0 && x.f.revisions >= 2)
    .sort((a, b) => b.score - a.score || byString(a.path, b.path))
    .map((x) => x.path);
}

/**
 * What cutting a service out would cost: the imports that cross its boundary both ways, the
 * co-change that would become distributed changes, the data it uses but another service owns,
 * the services it is in an import cycle with (the most tied first).
 */
export function costFactors(
  model: RepoModel,
  p: ServicePartition,
  card: Scorecard,
  contracts: Map<string, Contract>,
): Map<string, CostFactors> {
  const serviceOf = new Map<string, string>();
  for (const s of p.services) for (const f of s.files) serviceOf.set(f, s.id);
  const deps = new Map<string, Map<string, number>>(p.services.map((s) => [s.id, new Map<string, number>()]));
  for (const e of model.imports.edges) {
    const a = serviceOf.get(e.from);
    const b = serviceOf.get(e.to);
    if (!a || !b || a === b) continue;
    const m = deps.get(a)!;
    m.set(b, (m.get(b) ?? 0) + 1);
  }
  const cycles = stronglyConnected(new Map([...deps].map(([k, m]) => [k, new Set(m.keys())])));
  const leaving = cochangeLeaving(model, serviceOf);
  const out = new Map<string, CostFactors>();
  for (const s of p.services) {
    const m = card.services[s.id];
    const tie = (x: string) => (deps.get(s.id)!.get(x) ?? 0) + (deps.get(x)?.get(s.id) ?? 0);
    out.set(s.id, {
      importsIn: m.fanIn,
      importsOut: m.fanOut,
      cochangeLeaving: leaving.get(s.id) ?? 0,
      dataNotOwned: [...new Set(contracts.get(s.id)!.data.requires.map((r) => r.entity))],
      cycleWith: (cycles.get(s.id) ?? []).filter((x) => x !== s.id).sort((x, y) => tie(y) - tie(x) || byString(x, y)),
      kernelImports: m.kernelImports,
    });
  }
  return out;
}

function cochangeLeaving(model: RepoModel, serviceOf: Map<string, string>): Map<string, number> {
  const out = new Map<string, number>();
  const h = model.history;
  if (!h) return out;
  const hService = h.files.map((f) => serviceOf.get(f.path));
  for (const pair of allCochangePairs(h)) {
    const a = hService[pair.a];
    const b = hService[pair.b];
    if (a === b) continue;
    if (a) out.set(a, (out.get(a) ?? 0) + pair.shared);
    if (b) out.set(b, (out.get(b) ?? 0) + pair.shared);
  }
  return out;
}

/** Tarjan's strongly connected components; each node -> the members of its component, sorted. */
export function stronglyConnected(graph: Map<string, Set<string>>): Map<string, string[]> {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out = new Map<string, string[]>();
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of [...(graph.get(v) ?? [])].sort(byString)) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      comp.sort(byString);
      for (const x of comp) out.set(x, comp);
    }
  };
  for (const v of [...graph.keys()].sort(byString)) if (!idx.has(v)) visit(v);
  return out;
}
