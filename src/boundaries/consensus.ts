import type { UndirectedGraph } from "graphology";
import { adjustedRandLabels } from "../metrics/agreement.js";
import { louvainLabels } from "./louvain.js";
import { getOrInsert } from "../util/maps.js";

export interface Consensus {
  /** the medoid run: the one that agrees most (mean ARI) with all the others */
  labels: Int32Array;
  runs: Int32Array[];
  /** mean pairwise ARI of the runs: 1 when every seed gives the same cut */
  stability: number;
}

/**
 * Louvain runs whose medoid is kept. With 10, dropping one seed and adding the next flipped the medoid of
 * outline's server between two cuts (its first pick with it); with 30 the seeds 1 to 5 give one cut there and
 * on vendure's core, for about 0.1 s more on outline's server (docs/design.md, "Consensus clustering").
 */
export const CONSENSUS_RUNS = 30;
/** Fewer runs than this give a medoid of too few cuts to agree with, and confidences of coarse steps. */
export const MIN_CONSENSUS_RUNS = 10;

/**
 * Louvain under `runs` seeds, combined by taking the medoid partition: deterministic, always
 * one of the partitions Louvain really produced, and the one closest to all the others.
 * `done` are runs already made on this graph at this resolution with seeds seed, seed + 1, ...:
 * they are reused, not run again.
 */
export function consensusPartition(
  g: UndirectedGraph,
  n: number,
  resolution: number,
  seed: number,
  runs: number,
  done: Int32Array[] = [],
): Consensus {
  const all = done.slice(0, runs);
  for (let k = all.length; k < runs; k++) all.push(louvainLabels(g, n, resolution, seed + k));
  const agreement = all.map(() => 0);
  let total = 0;
  let pairs = 0;
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const ari = adjustedRandLabels(all[i], all[j]);
      agreement[i] += ari;
      agreement[j] += ari;
      total += ari;
      pairs++;
    }
  }
  let best = 0;
  for (let i = 1; i < all.length; i++) if (agreement[i] > agreement[best] + 1e-12) best = i;
  return { labels: all[best], runs: all, stability: pairs ? total / pairs : 1 };
}

/**
 * Per file: the share of runs in which it lands with the majority of its kin, the files of its final
 * module that the kept run (`kept`) clustered with it. The rules that join clusters into one module
 * (clusters too small to stand, units, feature folders) then do not count against a file whose own
 * cluster every run finds: a module made of two stable clusters is two groups of confident files. A
 * file with no kin (a rule moved it alone into its module) has confidence 0: no run put it there.
 */
export function confidenceOf(final: Int32Array, kept: Int32Array, runs: Int32Array[]): Float64Array {
  const conf = new Float64Array(final.length);
  const kin = new Map<string, number[]>();
  final.forEach((l, i) => {
    if (l >= 0) getOrInsert(kin, `${l} ${kept[i]}`, () => []).push(i);
  });
  for (const files of kin.values()) {
    if (files.length < 2) continue;
    for (const run of runs) {
      const counts = new Map<number, number>();
      for (const i of files) counts.set(run[i], (counts.get(run[i]) ?? 0) + 1);
      let major = -1;
      let most = 0;
      for (const [label, c] of counts) if (c > most || (c === most && label < major)) [major, most] = [label, c];
      for (const i of files) if (run[i] === major && major >= 0) conf[i]++;
    }
  }
  return conf.map((hits) => hits / runs.length);
}
