import type { ChangeHistory, CouplingPair } from "./types.js";

/** Every pair of files changed together in a kept commit, with its shared count: no thresholds. */
export interface CochangePair {
  /** indexes into ChangeHistory.files, a < b */
  a: number;
  b: number;
  shared: number;
}

const memo = new WeakMap<ChangeHistory, CochangePair[]>();

/** All co-change pairs (the clustering stage filters them itself); computed once per history. */
export function allCochangePairs(h: ChangeHistory): CochangePair[] {
  let pairs = memo.get(h);
  if (!pairs) memo.set(h, (pairs = countPairs(h)));
  return pairs;
}

function countPairs(h: ChangeHistory): CochangePair[] {
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
  // keys in numeric order are pairs in (a, b) order: a typed sort instead of one of objects
  const pairs: CochangePair[] = [];
  for (const key of Float64Array.from(counts.keys()).sort()) pairs.push({ a: Math.floor(key / n), b: key % n, shared: counts.get(key)! });
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
  const out: CouplingPair[] = [];
  for (const p of allCochangePairs(h)) {
    const avg = (h.files[p.a].revisions + h.files[p.b].revisions) / 2;
    const degree = (100 * p.shared) / avg;
    if (p.shared >= t.minShared && avg >= t.minRevs && degree >= t.minCoupling) {
      out.push({ a: h.files[p.a].path, b: h.files[p.b].path, shared: p.shared, degree: Math.round(degree * 100) / 100 });
    }
  }
  return out; // files are sorted by path, so index order is string order: a < b
}
