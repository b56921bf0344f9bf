import { isReexportOnly } from "../graph/importGraph.js";
import type { ImportGraph } from "../graph/types.js";
import { KERNEL } from "../metrics/types.js";
import { byString } from "../util/order.js";
import type { AcceptedProposal } from "./accept.js";
import { NO_FILE } from "../tiers/chosen.js";
import { patternMatcher } from "./resolveProposal.js";

export interface CheckResult {
  schema: "faultline/check@1";
  proposal: string;
  violations: {
    from: string;
    to: string;
    symbol: string;
    fromService: string;
    toService: string;
    /** `not-provided`: the target's contract lacks the symbol; `new-dependency`: it has it, for other services */
    reason: ViolationReason;
    /** with `new-dependency`: the services the contract provides the symbol to */
    providedTo?: string[];
    baseline: boolean;
  }[];
  /** analysed files no glob claims, at acceptance already or added since */
  unassigned: string[];
  /** of `unassigned`, those no glob claimed at acceptance either */
  unassignedAtAcceptance: string[];
  /**
   * globs that match no analysed file now: their files were deleted since acceptance, or are of another tier now
   * (a warning); `why` says which
   */
  emptyGlobs: { service: string; glob: string; why: string }[];
}

export type ViolationReason = "not-provided" | "new-dependency";

export function violationKey(v: { from: string; to: string; symbol: string }): string {
  return `${v.from} -> ${v.to} (${v.symbol})`;
}

/**
 * Every import that crosses services must be allowed by the target's frozen contract: the symbol is
 * one it provides, to a service it already provides to (`usedBy`). A service that starts to use
 * another is a new edge between services, a new network call once they are cut, whatever symbol it
 * takes; one already using it may take any symbol of the contract. Kernel imports are always allowed.
 * Files added since acceptance belong to the service whose globs match them, else they are unassigned
 * (a warning, not a violation). A glob that matches nothing now is a warning too: accept refused empty
 * globs, so its files were deleted.
 */
export function checkImports(
  accepted: AcceptedProposal,
  graph: ImportGraph,
  files: string[],
  baseline: Set<string>,
  whyEmpty: (glob: string) => string = () => NO_FILE,
): CheckResult {
  const serviceOf = new Map<string, string>();
  for (const f of accepted.kernel.files) serviceOf.set(f, KERNEL);
  for (const s of accepted.services) for (const f of s.files) serviceOf.set(f, s.id);
  const anyOf = (globs: string[]) => {
    const tests = globs.map(patternMatcher);
    return (f: string) => tests.some((t) => t(f));
  };
  const kernelGlobs = anyOf(accepted.kernel.globs);
  const globs = accepted.services.map((s) => ({ id: s.id, match: anyOf(s.globs) }));
  const emptyGlobs: CheckResult["emptyGlobs"] = [];
  for (const [service, list] of [
    ...accepted.services.map((s) => [s.name, s.globs] as const),
    ["kernel", accepted.kernel.globs] as const,
  ])
    for (const glob of list) {
      if (!files.some(patternMatcher(glob))) emptyGlobs.push({ service, glob, why: whyEmpty(glob) });
    }
  const unassigned: string[] = [];
  const unclaimedThen = new Set(accepted.unassigned);
  for (const f of files) {
    if (serviceOf.has(f)) continue;
    const hit = globs.find((g) => g.match(f));
    if (hit) serviceOf.set(f, hit.id);
    else if (kernelGlobs(f)) serviceOf.set(f, KERNEL);
    else unassigned.push(f);
  }
  // per service, who each provided symbol is for, and every service it provides anything to
  const providedTo = new Map(
    accepted.services.map((s) => [s.id, new Map(s.contract.provides.map((p) => [`${p.file}\0${p.symbol}`, p.usedBy]))]),
  );
  const consumers = new Map([...providedTo].map(([id, symbols]) => [id, new Set([...symbols.values()].flat())]));
  const violations: CheckResult["violations"] = [];
  for (const e of graph.edges) {
    const a = serviceOf.get(e.from);
    const b = serviceOf.get(e.to);
    if (!a || !b || a === b || a === KERNEL || b === KERNEL || isReexportOnly(e)) continue;
    for (const symbol of e.symbols.length ? e.symbols : ["*"]) {
      const users = providedTo.get(b)?.get(`${e.to}\0${symbol}`);
      if (users && consumers.get(b)!.has(a)) continue;
      const v = { from: e.from, to: e.to, symbol, fromService: a, toService: b };
      const known = baseline.has(violationKey(v));
      violations.push(
        users
          ? { ...v, reason: "new-dependency", providedTo: users, baseline: known }
          : { ...v, reason: "not-provided", baseline: known },
      );
    }
  }
  violations.sort((x, y) => byString(violationKey(x), violationKey(y)));
  return {
    schema: "faultline/check@1",
    proposal: accepted.name,
    violations,
    unassigned: unassigned.sort(byString),
    unassignedAtAcceptance: unassigned.filter((f) => unclaimedThen.has(f)),
    emptyGlobs,
  };
}
