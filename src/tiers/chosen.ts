import type { FileTier, TierChoice } from "./types.js";

/** Whether a file is of the chosen tier (`all`: every tier but tooling). */
export function inChosenTier(files: FileTier[], choice: TierChoice): (path: string) => boolean {
  const tierOf = new Map(files.map((f) => [f.path, f.tier]));
  return (path) => {
    const t = tierOf.get(path);
    return choice === "all" ? t !== "tooling" : t === choice;
  };
}

/**
 * Why a glob that places files (a pin, a proposal's service) matches none that services are made of, when it
 * matches files of another tier (a shared library, the front end): which one, and why it does not count. A glob
 * naming the front end is no typo, and "matches no analysed file" would send its author looking for one.
 */
export function otherTierMatched(
  match: (path: string) => boolean,
  files: FileTier[],
  choice: TierChoice,
): string | undefined {
  const wanted = inChosenTier(files, choice);
  const other = files.find((f) => !wanted(f.path) && match(f.path));
  if (!other) return undefined;
  const taken = choice === "all" ? "code of every tier but tooling" : `${choice} code`;
  const what = `${other.path} is ${other.tier} code`;
  return `matches no file services are made of: ${what}, and services take ${taken} (--tier)`;
}
