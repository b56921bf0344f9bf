import { adjustedRand, mojoFM } from "../metrics/agreement.js";
import { scorePartition } from "../metrics/scorecard.js";
import type { RepoModel, Scorecard } from "../metrics/types.js";
import { byString } from "../util/order.js";
import { round } from "../util/round.js";
import { KERNEL_LABEL, UNASSIGNED, type ResolvedProposal } from "./resolveProposal.js";
import { addTo, getOrInsert } from "../util/maps.js";

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
  /** per pair: how many files move, the service-level changes, the moves grouped by (from, to) */
  moves: { a: string; b: string; moved: number; changes: ServiceChange[]; groups: MoveGroup[] }[];
}

/** The files every one of two or more proposals leaves out of its services (none for a single one). */
export function commonUnassigned(ps: { unassigned: string[] }[]): Set<string> {
  if (ps.length < 2) return new Set();
  const sets = ps.map((p) => new Set(p.unassigned));
  return new Set(ps[0].unassigned.filter((f) => sets.every((s) => s.has(f))));
}

/**
 * Scores every proposal with the same metric code as analyze, on one repo state, and measures
 * how far apart they are: MoJoFM both ways, adjusted Rand index, the service-level changes and
 * the files that move.
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
      const { groups, changes } = diffProposals(A.labels, B.labels);
      moves.push({ a: A.name, b: B.name, moved: groups.reduce((n, g) => n + g.files.length, 0), changes, groups });
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

/** The service-level changes, in the order they are reported. */
export const CHANGE_KINDS = ["merged", "split", "dissolved", "renamed", "new"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** A service-level change from A to B; `files`: how many files it moves (changeFiles). */
export interface ServiceChange {
  kind: ChangeKind;
  from: string[];
  to: string[];
  files: number;
}

export interface MoveGroup {
  from: string;
  to: string;
  files: string[];
}

/** "Mostly": more than half of a service's files. */
export const MOSTLY = 0.5;
/** A sizeable share of a service: at least a fifth of its files, and at least two files. */
export const SIZEABLE_SHARE = 0.2;
export const SIZEABLE_FILES = 2;

/** The kernel and the unassigned group: groups, not services; each matches only itself. */
const isGroup = (label: string) => label === KERNEL_LABEL || label === UNASSIGNED;

/**
 * What changes from A to B (docs/compare.md). Services are matched one to one, largest
 * overlap first; on equal overlap a pair with the same name first, then by A's name, then B's.
 * The kernel and the unassigned group match only themselves, never a service. A file moves
 * when its service in A is unmatched or matched to another service than the one holding it in
 * B, so a rename moves nothing and a proposal compared with itself moves nothing.
 */
export function diffProposals(
  a: ReadonlyMap<string, string>,
  b: ReadonlyMap<string, string>,
): { groups: MoveGroup[]; changes: ServiceChange[] } {
  const overlap = new Map<string, Map<string, number>>();
  for (const [f, la] of a) {
    const lb = b.get(f);
    if (lb === undefined) continue;
    const row = getOrInsert(overlap, la, () => new Map<string, number>());
    addTo(row, lb);
  }
  const match = matchOneToOne(overlap);
  const groups = new Map<string, MoveGroup>();
  for (const [f, la] of [...a.entries()].sort((x, y) => byString(x[0], y[0]))) {
    const lb = b.get(f);
    if (lb === undefined || lb === match.get(la)) continue;
    getOrInsert(groups, `${la}\0${lb}`, () => ({ from: la, to: lb, files: [] as string[] })).files.push(f);
  }
  const sorted = [...groups.values()].sort(
    (x, y) => y.files.length - x.files.length || byString(x.from, y.from) || byString(x.to, y.to),
  );
  return { groups: sorted, changes: classifyChanges(overlap, match, sorted) };
}

function matchOneToOne(overlap: Map<string, Map<string, number>>): Map<string, string> {
  const pairs: { a: string; b: string; n: number }[] = [];
  for (const [a, m] of overlap)
    for (const [b, n] of m) if (isGroup(a) || isGroup(b) ? a === b : true) pairs.push({ a, b, n });
  pairs.sort(
    (x, y) => y.n - x.n || Number(x.a !== x.b) - Number(y.a !== y.b) || byString(x.a, y.a) || byString(x.b, y.b),
  );
  const match = new Map<string, string>();
  const taken = new Set<string>();
  for (const p of pairs) {
    if (match.has(p.a) || taken.has(p.b)) continue;
    match.set(p.a, p.b);
    taken.add(p.b);
  }
  return match;
}

/** The move groups a change accounts for: the moves out of its `from` services; for `new`, the moves into it. */
export function changeFiles(c: ServiceChange, groups: MoveGroup[]): MoveGroup[] {
  return c.kind === "new" ? groups.filter((g) => g.to === c.to[0]) : groups.filter((g) => c.from.includes(g.from));
}

/**
 * Each service X of A gets at most one change, the first rule that holds (n: X's files; a
 * *part* of X: a service of B holding at least SIZEABLE_SHARE of n and at least SIZEABLE_FILES):
 * 1. dissolved: B's kernel and unassigned group hold more than half of n (to: those groups);
 * 2. split: two or more parts (to: the parts, largest first);
 * 3. merged: one service T of B holds more than half of n and T is matched to another service
 *    of A. One change per T; its `from` also names T's match when that match would otherwise be
 *    only renamed (when a smaller service absorbs a larger one, the larger one is T's match);
 * 4. renamed: X is matched to a service of another name;
 * 5. split: X is unmatched and none of the above held: its files are scattered (to: every group
 *    of B holding them).
 * Then each service of B matched to nothing and named in no split is new. `files` counts the
 * files a change moves (changeFiles): a rename moves nothing unless files also left.
 */
function classifyChanges(
  overlap: Map<string, Map<string, number>>,
  match: Map<string, string>,
  groups: MoveGroup[],
): ServiceChange[] {
  const partnerOf = new Map([...match].map(([a, b]) => [b, a]));
  const changes: ServiceChange[] = [];
  const mergedInto = new Map<string, string[]>();
  const renamed = new Map<string, ServiceChange>();
  const splitTargets = new Set<string>();
  for (const x of [...overlap.keys()].filter((l) => !isGroup(l)).sort(byString)) {
    const spread = [...overlap.get(x)!].sort((p, q) => q[1] - p[1] || byString(p[0], q[0]));
    const n = spread.reduce((s, [, c]) => s + c, 0);
    const services = spread.filter(([l]) => !isGroup(l));
    const toGroups = spread.filter(([l]) => isGroup(l));
    const parts = services.filter(([, c]) => c >= SIZEABLE_SHARE * n && c >= SIZEABLE_FILES);
    const top = services[0] as [string, number] | undefined;
    const own = match.get(x);
    if (toGroups.reduce((s, [, c]) => s + c, 0) > MOSTLY * n) {
      changes.push({ kind: "dissolved", from: [x], to: toGroups.map(([l]) => l), files: 0 });
    } else if (parts.length >= 2) {
      changes.push({ kind: "split", from: [x], to: parts.map(([l]) => l), files: 0 });
      for (const [l] of parts) splitTargets.add(l);
    } else if (top && top[1] > MOSTLY * n && top[0] !== own && partnerOf.has(top[0])) {
      getOrInsert(mergedInto, top[0], () => []).push(x);
    } else if (own !== undefined) {
      if (own !== x) renamed.set(x, { kind: "renamed", from: [x], to: [own], files: 0 });
    } else {
      changes.push({ kind: "split", from: [x], to: spread.map(([l]) => l), files: 0 });
      for (const [l] of services) splitTargets.add(l);
    }
  }
  for (const [t, from] of mergedInto) {
    const partner = partnerOf.get(t)!;
    if (renamed.delete(partner)) from.push(partner);
    changes.push({ kind: "merged", from: from.sort(byString), to: [t], files: 0 });
  }
  changes.push(...renamed.values());
  const inB = new Set(groups.map((g) => g.to).filter((l) => !isGroup(l)));
  for (const t of [...inB].sort(byString))
    if (!partnerOf.has(t) && !splitTargets.has(t)) changes.push({ kind: "new", from: [], to: [t], files: 0 });
  for (const c of changes) c.files = changeFiles(c, groups).reduce((s, g) => s + g.files.length, 0);
  const order = (c: ServiceChange) => CHANGE_KINDS.indexOf(c.kind);
  return changes.sort(
    (x, y) => order(x) - order(y) || byString(x.from.join("\0"), y.from.join("\0")) || byString(x.to[0], y.to[0]),
  );
}
