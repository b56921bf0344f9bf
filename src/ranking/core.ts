import type { CoreReason } from "./rank.js";
import type { Contract } from "./types.js";

/**
 * The services most of the others depend on, each with why: one owning data most of the others read
 * (outline's Document, User, Team), or whose code most of them import (vendure's custom fields and
 * settings, 15 of 18). Extracting one first would put every other service's reads or calls on the
 * network.
 */
export function coreServices(ids: string[], contracts: Map<string, Contract>): Map<string, CoreReason> {
  const out = new Map<string, CoreReason>();
  const others = ids.length - 1;
  for (const id of ids) {
    const contract = contracts.get(id)!;
    const widest = [...contract.data.owns].sort((a, b) => b.readBy.length - a.readBy.length)[0];
    const importers = new Set(contract.provides.flatMap((p) => p.usedBy).filter((u) => u !== id));
    if (widest && widest.readBy.length * 2 > others)
      out.set(id, {
        kind: "data",
        why:
          `it owns ${widest.entity}, which ${widest.readBy.length} of the ${others} other services read; ` +
          "cut out first, every one of them would read it across the network",
      });
    else if (importers.size * 2 > others)
      out.set(id, {
        kind: "code",
        why:
          `${importers.size} of the ${others} other services import it; ` +
          "cut out first, every one of them would call it across the network",
      });
  }
  return out;
}

/**
 * The services owning none of the repository's entities, when some service owns one (without a
 * data model known to faultline, nothing tells plumbing from a capability this way): a first cut
 * takes its data with it, and one owning none is plumbing (health checks, a database module, a
 * websocket gateway) or a facade over other services' data.
 */
export function datalessServices(ids: string[], contracts: Map<string, Contract>): Set<string> | undefined {
  const dataless = ids.filter((id) => contracts.get(id)!.data.owns.length === 0);
  return dataless.length < ids.length ? new Set(dataless) : undefined;
}
