import type { GraphEdge } from "../graph/types.js";
import type { ServicePartition } from "../metrics/types.js";
import { recencyWeight } from "./painCost.js";
import { relative } from "./rank.js";
import { byString } from "../util/order.js";
import { plural } from "../util/plural.js";
import { round } from "../util/round.js";

/**
 * The module to start a service's extraction with, ranked the way services are: its changes of
 * its own (recency-weighted commits that touch it and no file of another module or service, the
 * kernel aside) over one plus the imports crossing its own boundary (the kernel aside), each
 * relative to the median module. A change it shares with the rest stays a distributed change after
 * the cut; an import to a sibling module crosses the first slice's boundary as much as one to
 * another service. Only modules that name a domain are candidates, when there are any. Ties: the id.
 */
export function startModule(
  modules: { id: string; name: string; files: string[] }[],
  partition: ServicePartition,
  edges: Pick<GraphEdge, "from" | "to">[],
  history: { headDate: string; files: { path: string }[]; changesets: { time: number; files: number[] }[] } | undefined,
  namesDomain: (files: string[]) => boolean = () => true,
): { id: string; why: string } {
  const moduleOf = new Map<string, string>();
  for (const m of modules) for (const f of m.files) moduleOf.set(f, m.id);
  const kernel = new Set(partition.kernel);
  const crossing = new Map<string, number>();
  for (const e of edges) {
    const a = moduleOf.get(e.from);
    const b = moduleOf.get(e.to);
    if (a === b || kernel.has(e.from) || kernel.has(e.to)) continue;
    if (a) crossing.set(a, (crossing.get(a) ?? 0) + 1);
    if (b) crossing.set(b, (crossing.get(b) ?? 0) + 1);
  }
  const elsewhere = new Set(partition.services.flatMap((x) => x.files).filter((f) => !moduleOf.has(f)));
  const own = new Map<string, number>();
  if (history) {
    const headTime = Date.parse(history.headDate) / 1000;
    // per history file: its module, "" for another service's file, undefined for the kernel and the rest
    const where = history.files.map((f) => moduleOf.get(f.path) ?? (elsewhere.has(f.path) ? "" : undefined));
    for (const cs of history.changesets) {
      const touched = new Set(cs.files.map((f) => where[f]).filter((x): x is string => x !== undefined));
      const [only] = touched;
      if (touched.size === 1 && only) own.set(only, (own.get(only) ?? 0) + recencyWeight(headTime, cs.time));
    }
  }
  // ranked the way services are: pain over (1 + cost), each relative to the median module
  const ownOf = (id: string) => own.get(id) ?? 0;
  const crossingOf = (id: string) => crossing.get(id) ?? 0;
  const pain = relative(modules.map((m) => ownOf(m.id)));
  const cost = relative(modules.map((m) => crossingOf(m.id)));
  const score = (id: string) => pain(ownOf(id)) / (1 + cost(crossingOf(id)));
  // infrastructure clustered into the service (a bootstrap file, a pub/sub module) is no place to start
  const domain = modules.filter((m) => namesDomain(m.files));
  const candidates = domain.length ? domain : modules;
  const best = [...candidates].sort((a, b) => score(b.id) - score(a.id) || byString(a.id, b.id))[0];
  return {
    id: best.id,
    why:
      `start with its ${best.name} module: commits of its own weighing ${round(own.get(best.id) ?? 0, 1)} (by ` +
      `recency) for ${plural(crossing.get(best.id) ?? 0, "import")} across its boundary (kernel aside)`,
  };
}
