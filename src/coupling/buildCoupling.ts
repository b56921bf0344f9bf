import type { ImportGraph, ModuleRecord } from "../graph/types.js";
import { allCochangePairs } from "../history/cochange.js";
import type { ChangeHistory } from "../history/types.js";
import { byString } from "../util/order.js";
import { domainNames } from "./names.js";
import { fileRoles, ROLE_DAMPING } from "./roles.js";
import { SIGNALS, type CouplingEdge, type CouplingGraph, type Signal, type Weights } from "./types.js";
import { getOrInsert } from "../util/maps.js";

/** Co-change below these floors is noise: one shared commit says nothing. */
export const COCHANGE_MIN_SHARED = 2;
export const COCHANGE_MIN_DEGREE = 0.1;
/** Semantic ties of their own: each file's 3 nearest files by vocabulary, at cosine 0.3 or more. */
export const SEMANTIC_NEIGHBOURS = 3;
export const SEMANTIC_MIN = 0.3;
/** the vocabulary likeness of two files whose names say the same business noun (coupling/names.ts) */
export const NAME_TIE = 0.5;

/**
 * Combines the signals into one weighted, undirected graph over the analysed files.
 * - structural: imports resolved through barrels; 1 - e^(-symbols/2) per direction (one symbol
 *   0.39, three 0.78), type-only imports count half, both directions add up to at most 1;
 * - cochange: shared / average revisions (code-maat's degree / 100), damped for small counts
 *   by (1 - e^(-shared/3)), above the floors;
 * - ownership: cosine similarity of the two files' revisions per author (Conway's law), on
 *   pairs the other signals already connect;
 * - semantic: cosine similarity of the two files' tf-idf vectors over identifier words
 *   (Mazlami et al.), on pairs the other signals already connect and between each file and its
 *   nearest few by vocabulary (semanticNeighbours);
 * and a pair of files that share a role (`*.module`, `route`: roles.ts) couples at
 * ROLE_DAMPING of its weight, so the wiring of a framework does not make a service of its own.
 */
export function buildCouplingGraph(
  records: ModuleRecord[],
  graph: ImportGraph,
  history: ChangeHistory | undefined,
  weights: Weights,
): CouplingGraph {
  const sorted = records.map((r) => r.path).sort(byString);
  const index = new Map(sorted.map((f, i) => [f, i]));
  const n = sorted.length;
  const pairs = new Map<number, Record<Signal, number>>();
  const at = (i: number, j: number) => {
    const key = i < j ? i * n + j : j * n + i;
    let s = pairs.get(key);
    if (!s) pairs.set(key, (s = { structural: 0, cochange: 0, ownership: 0, semantic: 0 }));
    return s;
  };

  for (const e of graph.edges) {
    const i = index.get(e.from);
    const j = index.get(e.to);
    if (i === undefined || j === undefined || i === j) continue;
    const symbols = Math.max(1, e.symbols.length);
    const s = (1 - Math.exp(-symbols / 2)) * (e.typeOnly ? 0.5 : 1);
    const p = at(i, j);
    p.structural = Math.min(1, p.structural + s);
  }

  if (history) {
    const hIndex = history.files.map((f) => index.get(f.path));
    for (const p of allCochangePairs(history)) {
      const i = hIndex[p.a];
      const j = hIndex[p.b];
      if (i === undefined || j === undefined || p.shared < COCHANGE_MIN_SHARED) continue;
      const degree = p.shared / ((history.files[p.a].revisions + history.files[p.b].revisions) / 2);
      if (degree < COCHANGE_MIN_DEGREE) continue;
      at(i, j).cochange = Math.min(1, degree) * (1 - Math.exp(-p.shared / 3));
    }
    const owners = new Array<Map<number, number> | undefined>(n);
    history.files.forEach((f, k) => {
      const i = index.get(f.path);
      if (i !== undefined) owners[i] = history.authorRevisions[k];
    });
    for (const [key, s] of pairs) {
      const a = owners[Math.floor(key / n)];
      const b = owners[key % n];
      if (a && b) s.ownership = cosine(a, b);
    }
  }

  const names = domainNames(sorted);
  if (weights.semantic > 0) {
    const vectors = tfidf(records, index, n);
    // vocabulary alone ties a file to its closest few: the domain word shared by a module and the
    // workflows that reach it only through a container and shared types, never by an import
    for (const [i, j] of semanticNeighbours(vectors, SEMANTIC_NEIGHBOURS, SEMANTIC_MIN)) at(i, j);
    // and files whose names say the same business noun in different folders (models/Document.ts,
    // policies/document.ts) are as alike as vocabulary can make two files
    const byNoun = new Map<string, number[]>();
    names.nouns.forEach((noun, i) => noun !== undefined && getOrInsert(byNoun, noun, () => []).push(i));
    const named = new Set<number>();
    for (const members of byNoun.values())
      for (let x = 0; x < members.length; x++)
        for (let y = x + 1; y < members.length; y++) {
          at(members[x], members[y]);
          named.add(members[x] * n + members[y]);
        }
    for (const [key, sig] of pairs) {
      const cos = cosine(vectors[Math.floor(key / n)], vectors[key % n]);
      sig.semantic = named.has(key) ? Math.max(cos, NAME_TIE) : cos;
    }
  }

  const roles = fileRoles(sorted).map(
    (r, i) => r ?? (names.layers[i] === undefined ? undefined : `${names.layers[i]}/`),
  );
  const edges: CouplingEdge[] = [];
  for (const [key, signals] of pairs) {
    let weight = 0;
    for (const sig of SIGNALS) weight += weights[sig] * signals[sig];
    if (weight <= 0) continue;
    const a = Math.floor(key / n);
    const b = key % n;
    const role = roles[a] !== undefined && roles[a] === roles[b] ? roles[a] : undefined;
    edges.push(
      role === undefined ? { a, b, signals, weight } : { a, b, signals, sameRole: role, weight: weight * ROLE_DAMPING },
    );
  }
  edges.sort((x, y) => x.a - y.a || x.b - y.b);
  return { files: sorted, edges, weights };
}

/** What each signal adds to an edge's weight (they sum to it): the signal, its weight, the role damping. */
export function contributions(e: CouplingEdge, weights: Weights): Record<Signal, number> {
  const factor = e.sameRole === undefined ? 1 : ROLE_DAMPING;
  return Object.fromEntries(SIGNALS.map((s) => [s, e.signals[s] * weights[s] * factor])) as Record<Signal, number>;
}

/** Per file (graph order): term index -> tf * idf, idf = ln(files / files with the term). */
function tfidf(records: ModuleRecord[], index: Map<string, number>, n: number): Map<number, number>[] {
  const termIndex = new Map<string, number>();
  const df = new Map<number, number>();
  const raw = new Array<[number, number][]>(n);
  for (const r of records) {
    const i = index.get(r.path)!;
    raw[i] = r.terms.map(([t, c]) => {
      let k = termIndex.get(t);
      if (k === undefined) termIndex.set(t, (k = termIndex.size));
      df.set(k, (df.get(k) ?? 0) + 1);
      return [k, c];
    });
  }
  return raw.map((terms) => new Map((terms ?? []).map(([k, c]) => [k, c * Math.log(n / df.get(k)!)])));
}

/**
 * Each file's k nearest files by vocabulary, kept when their cosine is `min` or more. Candidates
 * are ranked by the cosine over the rarer words only (an inverted index that skips words in more
 * than max(20, n/20) files, at most 250: they say little about domains and cost the most), so a
 * file beyond the first k is never looked at even when one of them misses `min`.
 */
export function semanticNeighbours(vectors: Map<number, number>[], k: number, min: number): [number, number][] {
  const n = vectors.length;
  const norms = vectors.map((v) => {
    let s = 0;
    for (const w of v.values()) s += w * w;
    return Math.sqrt(s);
  });
  const cap = Math.min(250, Math.max(20, Math.ceil(n / 20)));
  const postings = new Map<number, number[]>(); // term -> [file, weight / norm, ...]
  vectors.forEach((v, i) => {
    if (!norms[i]) return;
    for (const [t, w] of v) if (w > 0) getOrInsert(postings, t, () => []).push(i, w / norms[i]);
  });
  const out: [number, number][] = [];
  const score = new Float64Array(n);
  const seen = new Uint8Array(n);
  const touched: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!norms[i]) continue;
    for (const [t, w] of vectors[i]) {
      const list = postings.get(t);
      if (!list || list.length > 2 * cap) continue;
      const u = w / norms[i];
      for (let p = 0; p < list.length; p += 2) {
        const j = list[p];
        if (j === i) continue;
        if (!seen[j]) {
          seen[j] = 1;
          touched.push(j);
        }
        score[j] += u * list[p + 1];
      }
    }
    // the k best by that score (ties to the lower index), then their exact cosine
    const best: number[] = [];
    for (const j of touched) {
      let at = best.length;
      while (at > 0 && (score[j] > score[best[at - 1]] || (score[j] === score[best[at - 1]] && j < best[at - 1]))) at--;
      if (at < k) {
        best.splice(at, 0, j);
        if (best.length > k) best.pop();
      }
    }
    for (const j of touched) {
      score[j] = 0;
      seen[j] = 0;
    }
    touched.length = 0;
    for (const j of best) if (cosine(vectors[i], vectors[j]) >= min) out.push([i, j]);
  }
  return out;
}

function cosine(a: Map<number, number>, b: Map<number, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, v] of a) {
    na += v * v;
    const w = b.get(k);
    if (w) dot += v * w;
  }
  for (const v of b.values()) nb += v * v;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}
