import type { Analysis } from "./types.js";

type Loose<T> = { -readonly [K in keyof T]?: T[K] };

/**
 * An analysis.json written before services held modules, tiers and data: the fields it lacks
 * filled with what they mean there (one module per service, every file in one tier, no data
 * known), so that `report` and `compare` read it instead of failing on a missing field.
 */
export function upgradeAnalysis(a: Analysis): Analysis {
  const loose = a as Loose<Analysis> & { settings: Loose<Analysis["settings"]> };
  loose.tiers ??= { files: [], counts: { server: 0, client: 0, shared: 0, tooling: 0 } };
  loose.sharedLibraries ??= [];
  loose.data ??= { entities: [] };
  loose.cycles ??= [];
  loose.settings.serviceRule ??= "not recorded (an analysis made before services held modules)";
  loose.settings.tier ??= "all";
  loose.settings.minCommits ??= 0;
  for (const s of a.services) {
    const service = s as Loose<typeof s>;
    service.modules ??= [{ id: s.id, name: s.name, files: s.files }];
    s.contract.data ??= { owns: [], requires: [] };
    s.painFactors.fixCommits ??= 0;
    s.costFactors.dataNotOwned ??= [];
    s.costFactors.cochangeLeaving ??= 0;
  }
  return a;
}
