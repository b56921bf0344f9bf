import { getOrInsert } from "../util/maps.js";

/**
 * Agreement between two partitions of the same files: MoJoFM (Wen & Tzerpos) and the adjusted
 * Rand index (Hubert & Arabie). A partition is a map file -> cluster label; files present in
 * only one of the two are ignored (callers report them separately).
 */
export type Partition = ReadonlyMap<string, string>;

function common(a: Partition, b: Partition): string[] {
  return [...a.keys()].filter((k) => b.has(k)).sort();
}

/**
 * MoJoFM(A -> B) = (1 - mno(A, B) / max mno(any A, B)) * 100, where B is the reference.
 * mno by the optimal algorithm: tag every cluster of A with a group of B it shares the most
 * files with, choosing tags by maximum bipartite matching so that as many groups as possible
 * are used; then mno = moves + joins = (n - sum of the tagged overlaps) + (clusters - groups used).
 * max mno(any A, B) = n - g, where g grows by one for each group of B (smallest first) larger than g.
 */
export function mojoFM(a: Partition, b: Partition): number {
  const files = common(a, b);
  const n = files.length;
  if (n === 0) return 100;
  const clusterIdx = new Map<string, number>();
  const groupIdx = new Map<string, number>();
  const idx = (m: Map<string, number>, k: string) => getOrInsert(m, k, () => m.size);
  const overlap: Map<number, number>[] = [];
  const groupSize: number[] = [];
  for (const f of files) {
    const i = idx(clusterIdx, a.get(f)!);
    const j = idx(groupIdx, b.get(f)!);
    (overlap[i] ??= new Map()).set(j, (overlap[i].get(j) ?? 0) + 1);
    groupSize[j] = (groupSize[j] ?? 0) + 1;
  }
  const l = clusterIdx.size;
  let moves = 0;
  // edges from each cluster to its maximal groups
  const adj: number[][] = [];
  for (let i = 0; i < l; i++) {
    const counts = overlap[i];
    let max = 0;
    let size = 0;
    for (const c of counts.values()) {
      size += c;
      if (c > max) max = c;
    }
    moves += size - max;
    adj.push(
      [...counts.entries()]
        .filter(([, c]) => c === max)
        .map(([j]) => j)
        .sort((x, y) => x - y),
    );
  }
  const groupsUsed = maximumMatching(adj, groupIdx.size);
  const mno = moves + l - groupsUsed;

  const sizes = groupSize.slice().sort((x, y) => x - y);
  let g = 0;
  for (const s of sizes) if (g < s) g++;
  const maxMno = n - g;
  return maxMno === 0 ? 100 : (1 - mno / maxMno) * 100;
}

/** Size of a maximum matching in a bipartite graph (Kuhn's augmenting paths; graphs here are small). */
function maximumMatching(adj: number[][], right: number): number {
  const matchOfRight = new Array<number>(right).fill(-1);
  const tryAugment = (u: number, seen: Uint8Array): boolean => {
    for (const v of adj[u]) {
      if (seen[v]) continue;
      seen[v] = 1;
      if (matchOfRight[v] < 0 || tryAugment(matchOfRight[v], seen)) {
        matchOfRight[v] = u;
        return true;
      }
    }
    return false;
  };
  let size = 0;
  for (let u = 0; u < adj.length; u++) if (tryAugment(u, new Uint8Array(right))) size++;
  return size;
}

/** Adjusted Rand index over the files both partitions hold: 1 identical, ~0 chance agreement. */
export function adjustedRand(a: Partition, b: Partition): number {
  const files = common(a, b);
  const ids = new Map<string, number>();
  const id = (k: string) => getOrInsert(ids, k, () => ids.size);
  return adjustedRandLabels(
    files.map((f) => id(`a\0${a.get(f)}`)),
    files.map((f) => id(`b\0${b.get(f)}`)),
  );
}

/** ARI of two label arrays over the same items; items labelled -1 in either are left out. */
export function adjustedRandLabels(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const cells = new Map<number, number>();
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  let n = 0;
  const width = 1 << 20;
  for (let i = 0; i < x.length; i++) {
    if (x[i] < 0 || y[i] < 0) continue;
    n++;
    const key = x[i] * width + y[i];
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rows.set(x[i], (rows.get(x[i]) ?? 0) + 1);
    cols.set(y[i], (cols.get(y[i]) ?? 0) + 1);
  }
  if (n < 2) return 1;
  const c2 = (k: number) => (k * (k - 1)) / 2;
  let index = 0;
  for (const v of cells.values()) index += c2(v);
  let sumRows = 0;
  for (const v of rows.values()) sumRows += c2(v);
  let sumCols = 0;
  for (const v of cols.values()) sumCols += c2(v);
  const expected = (sumRows * sumCols) / c2(n);
  const max = (sumRows + sumCols) / 2;
  // both partitions trivial (all singletons or one cluster): identical ones agree fully
  if (max === expected) return index === max ? 1 : 0;
  return (index - expected) / (max - expected);
}
