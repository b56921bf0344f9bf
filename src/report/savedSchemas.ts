import { z } from "zod";
import { TIER_CHOICES } from "../config/config.js";
import { TIERS } from "../tiers/types.js";

// The shapes of a saved analysis.json and model.json, key by key, as the reports read them: a
// file from another version of faultline, or one edited by hand, is then one line naming the key
// at fault rather than a TypeError deep in a renderer. Objects are not strict (a newer faultline
// may add keys the reports do not read); the keys upgradeAnalysis fills in are optional.

const num = z.number();
const str = z.string();
const strings = z.array(str);
const tier = z.enum(TIERS);

const scope = z.object({
  tsconfigs: strings,
  include: strings,
  exclude: strings,
  tier: z.enum(TIER_CHOICES),
  includeTests: z.literal(true).optional(),
});

const serviceMetrics = z.object({
  files: num,
  lines: num,
  cohesion: num,
  fanIn: num,
  fanOut: num,
  interfaceSize: num,
  interfaceFiles: num,
  kernelImports: num,
  cochangeContainment: num,
  revisions: num,
  authors: num,
  owners: z.array(z.object({ name: str, share: num })),
});

const contract = z.object({
  provides: z.array(z.object({ file: str, symbol: str, kind: str, usedBy: strings })),
  requires: z.array(z.object({ service: str, file: str, symbol: str })),
  data: z
    .object({
      owns: z.array(z.object({ entity: str, file: str.optional(), readBy: strings })),
      requires: z.array(z.object({ entity: str, owner: str, write: z.boolean() })),
    })
    .optional(),
});

const service = z.object({
  id: str,
  name: str,
  files: strings,
  modules: z.array(z.object({ id: str, name: str, files: strings })).optional(),
  confidence: z.record(str, num),
  ties: z.record(
    str,
    z.array(z.object({ with: str, weight: num, signals: z.record(str, num), sameRole: str.optional() })),
  ),
  placed: z.record(str, str).optional(),
  stability: num,
  metrics: serviceMetrics,
  painFactors: z.object({
    recentRevisions: num,
    revisions: num,
    hotspots: strings,
    fixCommits: num.optional(),
    fragmentation: num,
    authors: num,
    churn: num.optional(),
  }),
  costFactors: z.object({
    importsIn: num,
    importsOut: num,
    cochangeLeaving: num.optional(),
    dataNotOwned: strings.optional(),
    cycleWith: strings,
    kernelImports: num,
  }),
  pain: num,
  cost: num,
  rank: num,
  why: strings,
  contract,
  startWith: str.optional(),
  noDomain: z.literal(true).optional(),
  crossingCochange: z.array(z.object({ file: str, with: str, service: str, shared: num })),
});

/** faultline/analysis@1 (src/analysis/types.ts). */
export const savedAnalysis = z.object({
  schema: z.literal("faultline/analysis@1"),
  repo: z.object({
    head: str,
    headDate: str,
    files: num,
    commits: num,
    skipped: num.optional(),
    generated: num.optional(),
  }),
  settings: z.object({
    seed: num,
    resolution: num,
    resolutionRule: str,
    serviceRule: str.optional(),
    weights: z.record(str, num),
    roleDamping: num.optional(),
    runs: num,
    maxChangeset: num,
    since: str.optional(),
    until: str.optional(),
    renames: z.boolean(),
    includeTests: z.boolean(),
    history: z.boolean(),
    minCommits: num.optional(),
    tier: z.enum(TIER_CHOICES).optional(),
    scope: scope.optional(),
  }),
  tiers: z
    .object({
      files: z.array(z.object({ path: str, tier, why: str })),
      counts: z.object({ server: num, client: num, shared: num, tooling: num }),
    })
    .optional(),
  sharedLibraries: strings.optional(),
  client: z
    .object({
      files: num,
      areas: z.array(z.object({ area: str, files: num, dependsOn: z.array(z.object({ service: str, imports: num })) })),
    })
    .optional(),
  metrics: z.object({ modularity: num, turboMQ: num, crossEdgeShare: num, ifn: num, ned: num }),
  kernel: z.object({ files: z.array(z.object({ path: str, why: str })) }),
  isolated: strings,
  data: z
    .object({
      entities: z.array(
        z.object({
          key: str,
          name: str,
          file: str.optional(),
          owner: str.nullable(),
          readBy: strings,
          writtenBy: strings,
        }),
      ),
    })
    .optional(),
  services: z.array(service),
  cycles: z.array(z.object({ services: strings })).optional(),
  extractionOrder: strings,
  extractionNote: str.optional(),
  hiddenCoupling: z.array(z.object({ a: str, b: str, shared: num, degree: num })),
});

const index = z.number().int().nonnegative();

/** faultline/model@1 (src/metrics/modelJson.ts); file indexes are checked against `files` apart. */
export const savedModel = z.object({
  schema: z.literal("faultline/model@1"),
  title: str.optional(),
  files: z.array(z.object({ path: str, loc: num })),
  imports: z.array(z.tuple([index, index, strings])),
  coupling: z.object({ weights: z.record(str, num), edges: z.array(z.tuple([index, index, num])) }),
  history: z
    .object({
      head: str,
      headDate: str,
      authors: strings,
      revisions: z.array(num),
      changesets: z.array(z.tuple([num, index, z.array(index)])),
    })
    .optional(),
});
