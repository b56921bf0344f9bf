// MoJoFM and the adjusted Rand index (src/metrics/agreement.ts) against values derived by hand,
// scikit-learn's documented examples, and brute-force references written here:
// - ARI: pair counting over all pairs of items (not the contingency-table formula);
// - MoJo: mno(A, B) by breadth-first search over set partitions, one Move or Join per step,
//   and max mno(any A, B) as the largest such distance over every partition A (n <= 7).
import { describe, expect, it } from "vitest";
import { adjustedRand, mojoFM } from "../../src/metrics/agreement.js";
import { rng } from "../helpers/repo.js";
import { pairCountingARI } from "../helpers/referenceMetrics.js";

type Partition = Map<string, string>;

/** A partition from a label string: "aabc" -> f0:a f1:a f2:b f3:c. */
const part = (labels: string | ArrayLike<string | number>): Partition =>
  new Map(Array.from(labels as ArrayLike<string | number>, (l, i) => [`f${i}`, String(l)]));

// ---- brute-force references ----------------------------------------------------------------

/** A set partition of 0..n-1 as a restricted growth string: "0012" = {0,1} {2} {3}. */
type Rgs = string;

function canonical(labels: number[]): Rgs {
  const map = new Map<number, number>();
  return labels.map((l) => (map.has(l) ? map.get(l)! : (map.set(l, map.size), map.size - 1))).join("");
}

function blocksOf(p: Rgs): number[][] {
  const blocks: number[][] = [];
  [...p].forEach((c, i) => (blocks[Number(c)] ??= []).push(i));
  return blocks;
}

/** Every set partition of n items. */
function allPartitions(n: number): Rgs[] {
  const out: Rgs[] = [];
  const rec = (prefix: number[], max: number) => {
    if (prefix.length === n) return void out.push(prefix.join(""));
    for (let l = 0; l <= max + 1; l++) rec([...prefix, l], Math.max(max, l));
  };
  if (n === 0) return [""];
  rec([0], 0);
  return out;
}

/** Partitions one move away: an item to another cluster or to a new one (a no-op when it is alone). */
function moves(labels: number[]): Set<Rgs> {
  const k = Math.max(...labels) + 1;
  const sizes = new Array<number>(k).fill(0);
  for (const l of labels) sizes[l]++;
  const out = new Set<Rgs>();
  for (let i = 0; i < labels.length; i++) {
    for (let t = 0; t <= k; t++) {
      if (t === labels[i] || (t === k && sizes[labels[i]] === 1)) continue;
      const next = [...labels];
      next[i] = t;
      out.add(canonical(next));
    }
  }
  return out;
}

/**
 * Partitions one MoJo operation away from p. Move: one item leaves its cluster for another
 * cluster or for a new one (a no-op when it is alone). Join: two clusters become one.
 */
function successors(p: Rgs): Set<Rgs> {
  const labels = [...p].map(Number);
  const k = Math.max(...labels) + 1;
  const out = moves(labels);
  for (let x = 0; x < k; x++) for (let y = x + 1; y < k; y++) out.add(canonical(labels.map((l) => (l === y ? x : l))));
  return out;
}

/**
 * Partitions from which p is one operation away: moves are their own inverse (an item moved
 * can be moved back, to a new cluster if its old one emptied), a join is undone by a split.
 */
function predecessors(p: Rgs): Set<Rgs> {
  const labels = [...p].map(Number);
  const k = Math.max(...labels) + 1;
  const out = moves(labels);
  // splits of one block into two non-empty parts
  blocksOf(p).forEach((block) => {
    for (let mask = 1; mask < 1 << (block.length - 1); mask++) {
      const next = [...labels];
      block.forEach((item, j) => {
        if (mask & (1 << j)) next[item] = k;
      });
      out.add(canonical(next));
    }
  });
  return out;
}

/** mno(A, target) for every partition A: breadth-first search backwards from the target. */
function mnoTo(target: Rgs): Map<Rgs, number> {
  const dist = new Map<Rgs, number>([[target, 0]]);
  let frontier = [target];
  for (let d = 1; frontier.length; d++) {
    const next: Rgs[] = [];
    for (const q of frontier) {
      for (const p of predecessors(q)) {
        if (!dist.has(p)) {
          dist.set(p, d);
          next.push(p);
        }
      }
    }
    frontier = next;
  }
  return dist;
}

/** mno(A, B) forwards, for the examples below (small n only). */
function mnoForward(a: Rgs, b: Rgs): number {
  const dist = new Map<Rgs, number>([[a, 0]]);
  let frontier = [a];
  for (let d = 0; ; d++) {
    if (dist.get(b) !== undefined) return dist.get(b)!;
    const next: Rgs[] = [];
    for (const p of frontier) {
      for (const q of successors(p)) {
        if (dist.has(q)) continue;
        dist.set(q, d + 1);
        next.push(q);
      }
    }
    frontier = next;
  }
}

const rgsPartition = (p: Rgs): Partition => part([...p]);

// ---- ARI ------------------------------------------------------------------------------------

describe("adjustedRand", () => {
  it("scores identical partitions 1, whatever the label names", () => {
    expect(adjustedRand(part("aabbc"), part("aabbc"))).toBe(1);
    expect(adjustedRand(part("aabbc"), part("xxyyz"))).toBe(1);
    expect(adjustedRand(part([0, 0, 1, 1]), part([1, 1, 0, 0]))).toBe(1);
  });

  it("matches scikit-learn's documented examples", () => {
    // labels_true [0,0,0,1,1,1], labels_pred [0,0,1,1,2,2] -> 0.24242424... (= 8/33)
    //            pred0 pred1 pred2 | rows
    //   true0      2     1     0   |  3
    //   true1      0     1     2   |  3
    //   cols       2     2     2   |  n = 6
    // index = C(2,2)+C(2,2) = 2; rows: 3+3 = 6; cols: 1+1+1 = 3; expected = 6*3/C(6,2) = 1.2;
    // max = (6+3)/2 = 4.5; ARI = (2 - 1.2) / (4.5 - 1.2) = 0.8/3.3 = 8/33
    expect(adjustedRand(part([0, 0, 0, 1, 1, 1]), part([0, 0, 1, 1, 2, 2]))).toBeCloseTo(8 / 33, 12);
    expect(adjustedRand(part([0, 0, 0, 1, 1, 1]), part([0, 0, 1, 1, 2, 2]))).toBeCloseTo(0.24242424242424243, 12);
    // [0,0,1,2] vs [0,0,1,1] -> 0.5714... (= 4/7): index 1, rows 1, cols 2, expected 2/6, max 3/2
    expect(adjustedRand(part([0, 0, 1, 2]), part([0, 0, 1, 1]))).toBeCloseTo(4 / 7, 12);
    expect(adjustedRand(part([0, 0, 1, 1]), part([0, 0, 1, 2]))).toBeCloseTo(4 / 7, 12);
    // one cluster vs all singletons -> 0 (no pair agrees beyond chance)
    expect(adjustedRand(part([0, 0, 0, 0]), part([0, 1, 2, 3]))).toBe(0);
    // especially discordant labelings go negative: [0,0,1,1] vs [0,1,0,1] -> -0.5
    // index 0, rows 2, cols 2, expected 4/6, max 2: (0 - 2/3) / (2 - 2/3) = -1/2
    expect(adjustedRand(part([0, 0, 1, 1]), part([0, 1, 0, 1]))).toBeCloseTo(-0.5, 12);
  });

  it("matches a hand-derived contingency table", () => {
    // A = a a a a b b b c c c, B = x x x y y y y z z z (n = 10)
    //          x   y   z  | rows
    //   a      3   1   0  |  4
    //   b      0   3   0  |  3
    //   c      0   0   3  |  3
    //   cols   3   4   3  |  10
    // index = C(3,2)*3 + C(1,2) = 9; rows: 6+3+3 = 12; cols: 3+6+3 = 12;
    // expected = 12*12/45 = 3.2; max = 12; ARI = (9 - 3.2)/(12 - 3.2) = 5.8/8.8 = 29/44
    const a = part("aaaabbbccc");
    const b = part("xxxyyyyzzz");
    expect(adjustedRand(a, b)).toBeCloseTo(29 / 44, 12);
    expect(adjustedRand(b, a)).toBeCloseTo(29 / 44, 12);
    expect(pairCountingARI(a, b)).toBeCloseTo(29 / 44, 12);
  });

  it("ignores files that only one partition holds", () => {
    const a = part([0, 0, 0, 1, 1, 1]);
    const b = part([0, 0, 1, 1, 2, 2]);
    a.set("only-in-a", "9");
    b.set("only-in-b", "9");
    expect(adjustedRand(a, b)).toBeCloseTo(8 / 33, 12);
  });

  it("agrees with brute-force pair counting on random partitions (to 1e-9)", () => {
    const r = rng(20240611);
    for (let t = 0; t < 300; t++) {
      const n = 2 + Math.floor(r() * 60);
      const ka = 1 + Math.floor(r() * Math.min(n, 10));
      const kb = 1 + Math.floor(r() * Math.min(n, 10));
      const x = part(Array.from({ length: n }, () => Math.floor(r() * ka)));
      const y = part(Array.from({ length: n }, () => Math.floor(r() * kb)));
      expect(Math.abs(adjustedRand(x, y) - pairCountingARI(x, y)), `case ${t}`).toBeLessThan(1e-9);
    }
  });

  it("agrees with brute force on every pair of partitions of 5 items, degenerate ones included", () => {
    const ps = allPartitions(5);
    for (const p of ps)
      for (const q of ps) {
        const x = rgsPartition(p);
        const y = rgsPartition(q);
        expect(Math.abs(adjustedRand(x, y) - pairCountingARI(x, y)), `${p} vs ${q}`).toBeLessThan(1e-9);
      }
  });
});

// ---- MoJoFM ---------------------------------------------------------------------------------

describe("mojoFM", () => {
  it("is 100 for a partition against itself", () => {
    expect(mojoFM(part("aabbbc"), part("aabbbc"))).toBe(100);
    expect(mojoFM(part("aabbbc"), part("xxyyyz"))).toBe(100);
    const r = rng(7);
    for (let t = 0; t < 50; t++) {
      const p = part(Array.from({ length: 1 + Math.floor(r() * 30) }, () => Math.floor(r() * 6)));
      expect(mojoFM(p, p)).toBe(100);
    }
  });

  it("hand-derived: a move and a join", () => {
    // A = {1,2,3,4} {5,6} {7,8}, B = {1,2,3} {4,5,6,7,8} (n = 8)
    // tags: {1,2,3,4} -> G1 (3 shared, 1 move: 4), {5,6} -> G2, {7,8} -> G2; at most 2 groups used
    // mno = 1 move + (3 clusters - 2 groups) joins = 2 (move 4 to {5,6}, join {5,6,4} with {7,8})
    // max mno: group sizes 3, 5 smallest first: 3 > 0 -> g = 1, 5 > 1 -> g = 2; n - g = 6
    // MoJoFM = (1 - 2/6) * 100 = 66.67
    const a = part("aaaabbcc");
    const b = part("xxxyyyyy");
    expect(mnoForward("00001122", "00011111")).toBe(2);
    expect(mojoFM(a, b)).toBeCloseTo(200 / 3, 9);
  });

  it("hand-derived: a tie that only the matching resolves", () => {
    // A = {1,2} {3,4,5}, B = G1 {1,3,4,5}, G2 {2} (n = 5)
    // {1,2} shares 1 with G1 and 1 with G2 (a tie); {3,4,5} shares 3 with G1 only.
    // Tagging {1,2} with G1 would cost a join on top of the move; the matching tags it G2:
    // mno = 1 move (1 goes to {3,4,5}) + (2 clusters - 2 groups) = 1
    // max mno: sizes 1, 4: 1 > 0 -> g = 1, 4 > 1 -> g = 2; n - g = 3; MoJoFM = (1 - 1/3) * 100
    expect(mnoForward("00111", "01000")).toBe(1);
    expect(mojoFM(part("aabbb"), part("xyxxx"))).toBeCloseTo(200 / 3, 9);
  });

  it("hand-derived: as far as it gets, and the two trivial partitions", () => {
    // A = {1,2} {3,4}, B = {1,3} {2,4}: each cluster ties between both groups, 2 moves, 0 joins;
    // max mno: sizes 2, 2: g = 2; n - g = 2: MoJoFM = 0
    expect(mnoForward("0011", "0101")).toBe(2);
    expect(mojoFM(part("aabb"), part("xyxy"))).toBe(0);
    // one cluster vs four singletons: 3 moves; max: sizes 1,1,1,1 -> g = 1; 4 - 1 = 3: 0
    expect(mojoFM(part("aaaa"), part("wxyz"))).toBe(0);
    // four singletons vs one group: 3 joins; max: size 4 -> g = 1; 3: 0
    expect(mojoFM(part("wxyz"), part("aaaa"))).toBe(0);
    // one item off: A = {1,2,3} {4,5,6,7}, B = {1,2,3,4} {5,6,7}: 1 move; max: sizes 3,4 -> 7 - 2 = 5
    expect(mojoFM(part("aaabbbb"), part("xxxxyyy"))).toBeCloseTo(80, 9);
  });

  it("is directed: B is the reference", () => {
    // A = {1,2,3,4,5,6} vs B = {1,2,3} {4,5,6}: 3 moves, max 6 - 2 = 4 -> 25
    // B -> A as reference: 1 join, max: size 6 -> g = 1, 6 - 1 = 5 -> 80
    expect(mojoFM(part("aaaaaa"), part("xxxyyy"))).toBeCloseTo(25, 9);
    expect(mojoFM(part("xxxyyy"), part("aaaaaa"))).toBeCloseTo(80, 9);
  });

  it("the BFS oracle's predecessor relation inverts its successor relation (n = 4)", () => {
    const ps = allPartitions(4);
    for (const p of ps)
      for (const q of ps) {
        expect(successors(p).has(q), `${p} -> ${q}`).toBe(predecessors(q).has(p));
      }
  });

  it("equals the brute force (BFS over Move/Join, max over every A) on all partitions of n <= 6", () => {
    for (let n = 1; n <= 6; n++) {
      const ps = allPartitions(n);
      for (const b of ps) {
        const dist = mnoTo(b);
        expect(dist.size).toBe(ps.length);
        const max = Math.max(...dist.values());
        for (const a of ps) {
          const expected = max === 0 ? 100 : (1 - dist.get(a)! / max) * 100;
          expect(Math.abs(mojoFM(rgsPartition(a), rgsPartition(b)) - expected), `n=${n} A=${a} B=${b}`).toBeLessThan(
            1e-9,
          );
        }
      }
    }
  });

  it("equals the brute force on random reference partitions of 7 items", () => {
    const ps = allPartitions(7);
    const r = rng(99);
    for (let t = 0; t < 25; t++) {
      const b = ps[Math.floor(r() * ps.length)];
      const dist = mnoTo(b);
      const max = Math.max(...dist.values());
      for (const a of ps) {
        const expected = max === 0 ? 100 : (1 - dist.get(a)! / max) * 100;
        expect(Math.abs(mojoFM(rgsPartition(a), rgsPartition(b)) - expected), `A=${a} B=${b}`).toBeLessThan(1e-9);
      }
    }
  });
});
