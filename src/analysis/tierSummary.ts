import path from "node:path";
import type { RepoModel, ServicePartition } from "../metrics/types.js";
import type { TierChoice } from "../tiers/types.js";
import { getOrInsert } from "../util/maps.js";
import { byString } from "../util/order.js";
import type { ClientSummary } from "./types.js";

/** Client areas listed, largest first, and services listed per area. */
const MAX_AREAS = 20;
const MAX_DEPENDENCIES = 5;

/**
 * What the services leave out: the shared libraries (files both tiers use, in no service) and,
 * when services are made of server code, the client tier: its size and, per area (the first two
 * folders of a path), the services it uses where imports show it: a direct import of a service
 * file, or of a shared file that one service alone uses (its types, its API client).
 */
export function tierSummary(
  model: RepoModel,
  p: ServicePartition,
  choice: TierChoice,
): { sharedLibraries: string[]; client?: ClientSummary } {
  const tiers = model.tiers;
  if (!tiers || choice === "all") return { sharedLibraries: [] };
  const sharedLibraries = tiers.files.filter((f) => f.tier === "shared").map((f) => f.path);
  if (choice !== "server") return { sharedLibraries };
  const client = new Set(tiers.files.filter((f) => f.tier === "client").map((f) => f.path));
  const serviceOf = new Map<string, string>();
  for (const s of p.services) for (const f of s.files) serviceOf.set(f, s.id);
  // a shared file one service alone imports speaks for that service
  const sharedUsers = new Map<string, Set<string>>();
  for (const e of model.imports.edges) {
    const s = serviceOf.get(e.from);
    if (s && !serviceOf.has(e.to) && !client.has(e.to)) getOrInsert(sharedUsers, e.to, () => new Set()).add(s);
  }
  const areas = new Map<string, { files: number; uses: Map<string, number> }>();
  for (const f of client) getOrInsert(areas, areaOf(f), () => ({ files: 0, uses: new Map() })).files++;
  for (const e of model.imports.edges) {
    if (!client.has(e.from)) continue;
    const users = sharedUsers.get(e.to);
    const service = serviceOf.get(e.to) ?? (users?.size === 1 ? [...users][0] : undefined);
    if (!service) continue;
    const uses = areas.get(areaOf(e.from))!.uses;
    uses.set(service, (uses.get(service) ?? 0) + 1);
  }
  return {
    sharedLibraries,
    client: {
      files: client.size,
      areas: [...areas]
        .sort((a, b) => b[1].files - a[1].files || byString(a[0], b[0]))
        .slice(0, MAX_AREAS)
        .map(([area, a]) => ({
          area,
          files: a.files,
          dependsOn: [...a.uses]
            .sort((x, y) => y[1] - x[1] || byString(x[0], y[0]))
            .slice(0, MAX_DEPENDENCIES)
            .map(([service, imports]) => ({ service, imports })),
        })),
    },
  };
}

function areaOf(file: string): string {
  const dir = path.posix.dirname(file);
  return dir === "." ? "(root)" : dir.split("/").slice(0, 2).join("/");
}
