import type { FileTier, TierChoice, TierMap } from "./types.js";

/** Every file's tier and the tier services are made of (`--tier`): what a glob placing files is read against. */
export interface TierView {
  files: FileTier[];
  choice: TierChoice;
}

/** The tiers of a model, when it has them (a model read back from model.json has none). */
export function tierView(tiers: TierMap | undefined, choice: TierChoice = "server"): TierView | undefined {
  return tiers && { files: tiers.files, choice };
}

/** What a glob that matches no file services are made of says, when it matches no file of another tier either. */
export const NO_FILE = "matches no analysed file";

/** Whether a file is of the chosen tier (`all`: every tier but tooling). */
export function inChosenTier(files: FileTier[], choice: TierChoice): (path: string) => boolean {
  const tierOf = new Map(files.map((f) => [f.path, f.tier]));
  return (path) => {
    const t = tierOf.get(path);
    return choice === "all" ? t !== "tooling" : t === choice;
  };
}

/**
 * Why a glob that places files (a pin, a proposal's service) matches none that services are made of: NO_FILE, or,
 * when it matches files of another tier (a shared library, the front end), which one and why it does not count. A
 * glob naming the front end is no typo, and "matches no analysed file" would send its author looking for one.
 */
export function whyNoneMatched(match: (path: string) => boolean, tiers: TierView | undefined): string {
  if (!tiers) return NO_FILE;
  const wanted = inChosenTier(tiers.files, tiers.choice);
  const other = tiers.files.find((f) => !wanted(f.path) && match(f.path));
  if (!other) return NO_FILE;
  const taken = tiers.choice === "all" ? "code of every tier but tooling" : `${tiers.choice} code`;
  const what = `${other.path} is ${other.tier} code`;
  return `matches no file services are made of: ${what}, and services take ${taken} (--tier)`;
}
