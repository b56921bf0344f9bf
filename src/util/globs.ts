import type picomatchModule from "picomatch";
import { requireCjs } from "./cjs.js";

/**
 * A matcher of repository paths for the globs given (dotfiles too); `whenNone` answers every path when none
 * is given. picomatch loads on the first call, not with the module.
 */
export function globMatcher(globs: string[] | undefined, whenNone: boolean): (path: string) => boolean {
  if (!globs?.length) return () => whenNone;
  return (requireCjs("picomatch") as typeof picomatchModule)(globs, { dot: true });
}
