/** Deterministic string order (code units), independent of locale; free of Node, so the report page uses it too. */
export function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
