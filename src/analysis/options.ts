import type { Overrides } from "../boundaries/propose.js";
import type { Weights } from "../coupling/types.js";
import type { HistoryOptions } from "../history/readHistory.js";
import type { ScopeSource } from "../repo/types.js";
import type { TierChoice } from "../tiers/types.js";

/** The clustering's first seed when neither a flag nor the config gives one. */
export const DEFAULT_SEED = 1;

/** The history settings (since, until, maxChangeset, renames, excludeAuthors, churn) and the rest. */
export interface AnalyzeOptions extends HistoryOptions {
  tsconfigs?: string[];
  include?: string[];
  /** the file that recorded these parts of the scope (accepted.json, a YAML proposal), for messages */
  scopeFrom?: ScopeSource;
  exclude?: string[];
  includeTests?: boolean;
  resolution?: number | "auto";
  seed?: number;
  runs?: number;
  weights?: Partial<Weights>;
  maxFileBytes?: number;
  overrides?: Overrides;
  /** false: skip git entirely (check needs only the imports) */
  history?: boolean;
  /** false: neither read nor write the cache (--no-cache) */
  cache?: boolean;
  /** which files services are made of (default server) */
  tier?: TierChoice;
  /** fewer kept commits than this: no first pick (default 50) */
  minCommits?: number;
}
