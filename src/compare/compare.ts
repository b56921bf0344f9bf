import { adjustedRand, mojoFM } from "../metrics/agreement.js";
import { scorePartition } from "../metrics/scorecard.js";
import type { RepoModel, Scorecard } from "../metrics/types.js";
import { byString } from "../util/order.js";
import { round } from "../util/round.js";
import type { ResolvedProposal } from "./resolveProposal.js";
import { getOrInsert } from "../util/maps.js";

export interface Comparison {
  schema: "faultline/comparison@1";
  head: string;
  proposals: {
    name: string;
    source: string;
    head?: string;
    services: number;
    kernel: number;
    scorecard: Scorecard;
    unassigned: string[];
    emptyPatterns: ResolvedProposal["emptyPatterns"];
    conflicts: ResolvedProposal["conflicts"];
  }[];
  agreement: { a: string; b: string; mojoFMab: number; mojoFMba: number; ari: number }[];
  moves: { a: string; b: string; moved: number; groups: { from: string; to: string; files: string[] }[] }[];
}

/**
 * Scores every proposal with the same metric code as analyze, on one repo state, and measures
 * how far apart they are: MoJoFM both ways, adjusted Rand index, and the files that move.
 */
export function compareProposals(model: RepoModel, head: string, proposals: ResolvedProposal[]): Comparison {
  const agreement: Comparison["agreement"] = [];
  const moves: Comparison["moves"] = [];
  for (let i = 0; i < proposals.length; i++) {
    for (let j = i + 1; j < proposals.length; j++) {
      const A = proposals[i];
      const B = proposals[j];
      agreement.push({
        a: A.name,
        b: B.name,
        mojoFMab: round(mojoFM(A.labels, B.labels), 2),
        mojoFMba: round(mojoFM(B.labels, A.labels), 2),
        ari: round(adjustedRand(A.labels, B.labels), 4),
      });
      const groups = movedFiles(A.labels, B.labels);
      moves.push({ a: A.name, b: B.name, moved: groups.reduce((n, g) => n + g.files.length, 0), groups });
    }
  }
  return {
    schema: "faultline/comparison@1",
    head,
    proposals: proposals.map((p) => ({
      name: p.name,
      source: p.source,
      head: p.head,
      services: p.partition.services.length,
      kernel: p.partition.kernel.length,
      scorecard: scorePartition(model, p.partition),
      unassigned: p.unassigned,
      emptyPatterns: p.emptyPatterns,
      conflicts: p.conflicts,
    })),
    agreement,
    moves,
  };
}

/**
 * Files that change service from A to B. Each service of A is matched with the service of B it
 * shares most files with; a file moves when B puts it anywhere else. Renaming a service moves
 * nothing, and a proposal compared with itself moves nothing.
 */
export function movedFiles(
  a: Map<string, string>,
  b: Map<string, string>,
): { from: string; to: string; files: string[] }[] {
  const overlap = new Map<string, Map<string, number>>();
  for (const [f, la] of a) {
    const lb = b.get(f);
    if (lb === undefined) continue;
    const m = getOrInsert(overlap, la, () => new Map());
    m.set(lb, (m.get(lb) ?? 0) + 1);
  }
  const match = new Map<string, string>();
  for (const [la, m] of overlap) {
    const best = [...m.entries()].sort((x, y) => y[1] - x[1] || byString(x[0], y[0]))[0];
    match.set(la, best[0]);
  }
  const groups = new Map<string, { from: string; to: string; files: string[] }>();
  for (const [f, la] of [...a.entries()].sort((x, y) => byString(x[0], y[0]))) {
    const lb = b.get(f);
    if (lb === undefined || lb === match.get(la)) continue;
    const key = `${la}\0${lb}`;
    getOrInsert(groups, key, () => ({ from: la, to: lb, files: [] as string[] })).files.push(f);
  }
  return [...groups.values()].sort(
    (x, y) => y.files.length - x.files.length || byString(x.from, y.from) || byString(x.to, y.to),
  );
}
