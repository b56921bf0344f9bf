import picomatch from "picomatch";
import { uniqueIds } from "../boundaries/naming.js";
import type { ServicePartition } from "../metrics/types.js";
import { byString } from "../util/order.js";
import { whyNoneMatched, type TierView } from "../tiers/chosen.js";
import type { RawProposal } from "./proposalFile.js";

export const UNASSIGNED = "(unassigned)";
export const KERNEL_LABEL = "(kernel)";

export interface ResolvedProposal {
  name: string;
  head?: string;
  source: string;
  partition: ServicePartition;
  /** analysed files no service claims: reported, and a group of their own in the agreement */
  unassigned: string[];
  /** `why`: "matches no analysed file", or the file of another tier it matches, said so */
  emptyPatterns: { service: string; pattern: string; where: string; why: string }[];
  /** files two places claim (the first listed keeps them), with the place of the second claim */
  conflicts: { file: string; services: string[]; where: string }[];
  /** file -> label over every analysed file (kernel and unassigned are labels too) */
  labels: Map<string, string>;
}

/** Who a pattern belongs to, in messages: "service billing", or "kernel". */
export const ownerOf = (service: string) => (service === "kernel" ? "kernel" : `service ${service}`);

/**
 * A proposal's pattern as a test on repo paths: the file it names, or the files its glob
 * matches (a path such as `pages/[id].tsx` names itself, though picomatch reads a class in it;
 * escaped, `pages/\[id\].tsx`, as export writes it, it names itself alone).
 */
export function patternMatcher(pattern: string): (file: string) => boolean {
  if (!picomatch.scan(pattern).isGlob && !pattern.includes("\\")) return (f) => f === pattern;
  const glob = picomatch(pattern, { dot: true });
  return (f) => f === pattern || glob(f);
}

/** Why a pattern matching no analysed file matches none: the file of another tier it matches, if any. */
export function emptyPatternWhy(pattern: string, tiers: TierView | undefined): string {
  return whyNoneMatched(patternMatcher(pattern), tiers);
}

/** Matches a proposal's globs against the analysed files; nothing is silently dropped. */
export function resolveProposal(raw: RawProposal, files: string[], tiers?: TierView): ResolvedProposal {
  const emptyPatterns: ResolvedProposal["emptyPatterns"] = [];
  const claimed = new Map<string, string[]>();
  /** where a file is claimed a second time (the first such pattern): where the proposal says it twice */
  const again = new Map<string, string>();
  /** each file the patterns match, with the place of the first pattern matching it */
  const matchAll = (patterns: string[], where: string[], owner: string) => {
    const out = new Map<string, string>();
    patterns.forEach((pattern, k) => {
      const hits = files.filter(patternMatcher(pattern));
      if (hits.length === 0)
        emptyPatterns.push({ service: owner, pattern, where: where[k], why: emptyPatternWhy(pattern, tiers) });
      for (const f of hits) if (!out.has(f)) out.set(f, where[k]);
    });
    return out;
  };
  const kernel = [...matchAll(raw.kernel, raw.kernelWhere, "kernel").keys()];
  for (const f of kernel) claimed.set(f, ["kernel"]);
  const services = raw.services.map((s) => {
    const mine: string[] = [];
    for (const [f, where] of matchAll(s.patterns, s.where, s.name)) {
      const owners = claimed.get(f);
      if (owners) {
        owners.push(s.name);
        if (!again.has(f)) again.set(f, where);
      } else {
        claimed.set(f, [s.name]);
        mine.push(f);
      }
    }
    return { name: s.name, files: mine.sort(byString) };
  });
  const conflicts = [...claimed.entries()]
    .filter(([, o]) => o.length > 1)
    .map(([file, services]) => ({ file, services, where: again.get(file)! }))
    .sort((a, b) => byString(a.file, b.file));
  const unassigned = files.filter((f) => !claimed.has(f)).sort(byString);
  const ids = uniqueIds(services.map((s) => s.name));
  const partition: ServicePartition = {
    services: services.map((s, k) => ({ id: ids[k], name: s.name, files: s.files })),
    kernel: kernel.sort(byString),
  };
  const labels = new Map<string, string>();
  for (const f of files) labels.set(f, UNASSIGNED);
  for (const f of partition.kernel) labels.set(f, KERNEL_LABEL);
  for (const s of partition.services) for (const f of s.files) labels.set(f, s.name);
  return {
    name: raw.name,
    head: raw.head,
    source: raw.source,
    partition,
    unassigned,
    emptyPatterns,
    conflicts,
    labels,
  };
}
