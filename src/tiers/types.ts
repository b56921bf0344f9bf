import type { TIER_CHOICES } from "../config/config.js";

/** Where a file runs: services are made of server-side code; the front end is their client. */
export const TIERS = ["server", "client", "shared", "tooling"] as const;
export type Tier = (typeof TIERS)[number];

/** Which files candidate services are made of (`--tier`): server-side code, the front end, or everything. */
export type TierChoice = (typeof TIER_CHOICES)[number];

export interface FileTier {
  path: string;
  tier: Tier;
  /** the evidence that decided it, in words ("imports koa", "used only by client files") */
  why: string;
}

export interface TierMap {
  /** every analysed file, in path order */
  files: FileTier[];
  counts: Record<Tier, number>;
}
