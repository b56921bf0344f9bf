import type { ChangeHistory, CouplingPair } from "./types.js";

/** Every pair of files changed together in a kept commit, with its shared count: no thresholds. */
export interface CochangePair {
  /** indexes into ChangeHistory.files, a < b */
  a: number;
  b: number;
  shared: number;
}

const listed = new WeakMap<ChangeHistory, CochangePair[]>();

/** All co-change pairs (the clustering stage filters them itself), in (a, b) order; computed once per history. */
export function allCochangePairs(h: ChangeHistory): CochangePair[] {
  let pairs = listed.get(h);
  if (!pairs) listed.set(h, (pairs = toPairs(h, pairCounts(h), () => true)));
  return pairs;
}

/** Shared commits per pair, keyed a * files + b (a < b). */
function pairCounts(h: ChangeHistory): Map<number, number> {
  const n = h.files.length;
  const counts = new Map<number, number>();
  for (const cs of h.changesets) {
    const f = cs.files;
    for (let i = 0; i < f.length; i++) {
      for (let j = i + 1; j < f.length; j++) {
        const key = f[i] * n + f[j];
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  return counts;
}

/** The pairs `keep` accepts, as objects in (a, b) order: keys in numeric order are pairs in (a, b) order. */
function toPairs(
  h: ChangeHistory,
  counts: Map<number, number>,
  keep: (a: number, b: number, shared: number) => boolean,
): CochangePair[] {
  const n = h.files.length;
  const keys: number[] = [];
  for (const [key, shared] of counts) if (keep(Math.floor(key / n), key % n, shared)) keys.push(key);
  const pairs: CochangePair[] = [];
  for (const key of Float64Array.from(keys).sort())
    pairs.push({ a: Math.floor(key / n), b: key % n, shared: counts.get(key)! });
  return pairs;
}

export interface CouplingThresholds {
  minShared: number;
  minRevs: number;
  minCoupling: number;
}

export const CODE_MAAT_THRESHOLDS: CouplingThresholds = { minShared: 5, minRevs: 5, minCoupling: 30 };

/**
 * code-maat's `coupling` analysis: degree = 100 * shared / average revisions of the two;
 * listed when shared >= min-shared, average revisions >= min-revs and the unrounded degree >=
 * min-coupling. Written rounded to 2 decimals (code-maat prints the integer part).
 */
export function couplingPairs(h: ChangeHistory, t: CouplingThresholds = CODE_MAAT_THRESHOLDS): CouplingPair[] {
  const average = (a: number, b: number) => (h.files[a].revisions + h.files[b].revisions) / 2;
  const degreeOf = (a: number, b: number, shared: number) => (100 * shared) / average(a, b);
  const keep = (a: number, b: number, shared: number) =>
    shared >= t.minShared && average(a, b) >= t.minRevs && degreeOf(a, b, shared) >= t.minCoupling;
  // from the list when the clustering stage made it; else from the counts, no object made for a pair dropped
  const all = listed.get(h);
  const kept = all ? all.filter((p) => keep(p.a, p.b, p.shared)) : toPairs(h, pairCounts(h), keep);
  // files are sorted by path, so index order is string order: a < b
  return kept.map((p) => ({
    a: h.files[p.a].path,
    b: h.files[p.b].path,
    shared: p.shared,
    degree: Math.round(degreeOf(p.a, p.b, p.shared) * 100) / 100,
  }));
}
