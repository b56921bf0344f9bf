import type { DataModel } from "../coupling/data.js";
import type { ServicePartition } from "../metrics/types.js";
import { getOrInsert } from "../util/maps.js";
import { byString } from "../util/order.js";
import { nameInWords } from "../coupling/names.js";
import type { DataOwned, DataRequired, EntityUse } from "./types.js";

/**
 * Who owns each entity and who else uses it. An entity declared in a file belongs to the
 * service that holds the file; a model of a schema (Prisma's, a Drizzle schema file's table) to the service
 * named for it when that service uses it (documenso's Webhook is the webhooks', whoever writes it more),
 * else to the service whose files make the most write calls on it (the one implementing its create, update
 * and delete, not a seeder or an admin screen touching it once), then whose files read it most.
 * The others read it (or write it: data written from two services is the hardest seam of all).
 */
export function dataOwnership(
  data: DataModel | undefined,
  p: ServicePartition,
): {
  entities: EntityUse[];
  owns: Map<string, DataOwned[]>;
  requires: Map<string, DataRequired[]>;
} {
  const serviceOf = new Map<string, string>();
  for (const s of p.services) for (const f of s.files) serviceOf.set(f, s.id);
  const readers = new Map<string, Set<string>>();
  const writers = new Map<string, Map<string, number>>();
  const readCounts = new Map<string, Map<string, number>>();
  for (const a of data?.access ?? []) {
    const s = serviceOf.get(a.file);
    if (s === undefined) continue;
    getOrInsert(readers, a.entity, () => new Set()).add(s);
    const counts = getOrInsert(a.writes ? writers : readCounts, a.entity, () => new Map<string, number>());
    counts.set(s, (counts.get(s) ?? 0) + (a.writes || 1));
  }
  const entities: EntityUse[] = [];
  const byName = new Map(p.services.map((s) => [s.name, s.id]));
  for (const e of data?.entities ?? []) {
    const namesake = byName.get(nameInWords(e.name));
    const owner =
      e.file !== undefined
        ? (serviceOf.get(e.file) ?? null)
        : namesake !== undefined && readers.get(e.key)?.has(namesake)
          ? namesake
          : (top(writers.get(e.key)) ?? top(readCounts.get(e.key)) ?? null);
    const users = [...(readers.get(e.key) ?? [])].filter((s) => s !== owner).sort(byString);
    if (owner === null && users.length === 0) continue;
    const written = [...(writers.get(e.key)?.keys() ?? [])].filter((s) => s !== owner).sort(byString);
    entities.push({
      key: e.key,
      name: e.name,
      ...(e.file !== undefined ? { file: e.file } : {}),
      owner,
      readBy: users,
      writtenBy: written,
    });
  }
  entities.sort((a, b) => b.readBy.length - a.readBy.length || byString(a.name, b.name) || byString(a.key, b.key));
  const owns = new Map<string, DataOwned[]>(p.services.map((s) => [s.id, []]));
  const requires = new Map<string, DataRequired[]>(p.services.map((s) => [s.id, []]));
  for (const e of entities) {
    if (e.owner !== null)
      owns.get(e.owner)?.push({ entity: e.name, ...(e.file ? { file: e.file } : {}), readBy: e.readBy });
    for (const s of e.readBy)
      requires.get(s)?.push({ entity: e.name, owner: e.owner ?? "(no owner)", write: e.writtenBy.includes(s) });
  }
  for (const list of requires.values()) list.sort((a, b) => byString(a.entity, b.entity));
  for (const list of owns.values()) list.sort((a, b) => byString(a.entity, b.entity));
  return { entities, owns, requires };
}

function top(m: Map<string, number> | undefined): string | undefined {
  let best: string | undefined;
  let most = 0;
  for (const [k, v] of m ?? [])
    if (v > most || (v === most && best !== undefined && byString(k, best) < 0)) [best, most] = [k, v];
  return best;
}
