// Parts of faultline/analysis@1 that analyses written before them lack (shared data, extraction
// notes, cycles, a module to start with, tiers). Read defensively: a report of an older
// analysis.json simply shows less, never breaks.
import type { Analysis, ModuleAnalysis, ServiceAnalysis } from "../../../analysis/types.js";
import type { DataOwned, EntityUse } from "../../../ranking/types.js";
import { byString } from "../../../util/order.js";

/** An entity of the data model and the services around it (service ids; null: no owner). */
export type DataEntity = EntityUse;

export interface ServiceData {
  owns: DataOwned[];
  /** `write`: it writes the entity, too (the hardest seam); owner null when the analysis names none */
  requires: { entity: string; owner: string | null; write: boolean }[];
}

type Loose = Record<string, unknown>;

const isObject = (x: unknown): x is Loose => typeof x === "object" && x !== null && !Array.isArray(x);
const strings = (x: unknown): string[] => (Array.isArray(x) ? x.filter((v) => typeof v === "string") : []);
const text = (x: unknown): string | undefined => (typeof x === "string" ? x : undefined);

/** analysis.data.entities; [] when the analysis has none (or predates them). */
export function entitiesOf(a: Analysis): DataEntity[] {
  const data = (a as unknown as Loose).data;
  const list = isObject(data) ? data.entities : undefined;
  if (!Array.isArray(list)) return [];
  const out: DataEntity[] = [];
  for (const e of list as unknown[]) {
    if (!isObject(e) || typeof e.key !== "string") continue;
    out.push({
      key: e.key,
      name: text(e.name) ?? e.key,
      file: text(e.file),
      owner: text(e.owner) ?? null,
      readBy: strings(e.readBy),
      writtenBy: strings(e.writtenBy),
    });
  }
  return out;
}

/** Hot spots first: the entities the most services read besides their owner (analyze's own order). */
export function hotSpots(entities: DataEntity[]): DataEntity[] {
  return [...entities].sort(
    (x, y) => y.readBy.length - x.readBy.length || byString(x.name, y.name) || byString(x.key, y.key),
  );
}

/** A service's contract.data, or null when the analysis has none. */
export function serviceDataOf(s: ServiceAnalysis): ServiceData | null {
  const data = (s.contract as unknown as Loose).data;
  if (!isObject(data)) return null;
  const owns: ServiceData["owns"] = [];
  for (const o of Array.isArray(data.owns) ? (data.owns as unknown[]) : [])
    if (isObject(o) && typeof o.entity === "string")
      owns.push({ entity: o.entity, file: text(o.file), readBy: strings(o.readBy) });
  const requires: ServiceData["requires"] = [];
  for (const r of Array.isArray(data.requires) ? (data.requires as unknown[]) : [])
    if (isObject(r) && typeof r.entity === "string")
      requires.push({ entity: r.entity, owner: text(r.owner) ?? null, write: r.write === true });
  return { owns, requires };
}

/** Why there is no first pick (set when extractionOrder is empty). */
export function extractionNoteOf(a: Analysis): string | undefined {
  return text((a as unknown as Loose).extractionNote);
}

/** Import cycles between services, each as its service ids. */
export function cyclesOf(a: Analysis): string[][] {
  const cycles = (a as unknown as Loose).cycles;
  if (!Array.isArray(cycles)) return [];
  return (cycles as unknown[]).map((c) => (isObject(c) ? strings(c.services) : [])).filter((c) => c.length > 1);
}

/** The module to extract first from a service, when the analysis names one that it holds. */
export function startWithOf(s: ServiceAnalysis): ModuleAnalysis | undefined {
  const id = text((s as unknown as Loose).startWith);
  return id === undefined ? undefined : modulesOf(s).find((m) => m.id === id);
}

export function modulesOf(s: ServiceAnalysis): ModuleAnalysis[] {
  return Array.isArray(s.modules) ? s.modules : [];
}

/** Tier counts, or null for an analysis that predates tiers. */
export function tierCountsOf(a: Analysis): Analysis["tiers"]["counts"] | null {
  const tiers = (a as unknown as Loose).tiers;
  return isObject(tiers) && isObject(tiers.counts) ? (tiers.counts as Analysis["tiers"]["counts"]) : null;
}
