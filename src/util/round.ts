/** Rounds for output: figures in JSON are written with a fixed number of decimals, so reruns are byte-identical. */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
