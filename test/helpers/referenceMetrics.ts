/**
 * Independent reference metrics for the tests (never faultline's own code).
 *
 * Adjusted Rand index by pair counting: over every unordered pair of items both partitions
 * hold, a = together in both, b = together only in x, c = together only in y, d = apart in both;
 * ARI = 2(ad - bc) / ((a + b)(b + d) + (a + c)(c + d)). When that denominator is 0 (both
 * partitions trivial), identical pair relations score 1, others 0 (as scikit-learn).
 */
export function pairCountingARI(x: ReadonlyMap<string, string>, y: ReadonlyMap<string, string>): number {
  const items = [...x.keys()].filter((k) => y.has(k));
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const sx = x.get(items[i]) === x.get(items[j]);
      const sy = y.get(items[i]) === y.get(items[j]);
      if (sx && sy) a++;
      else if (sx) b++;
      else if (sy) c++;
      else d++;
    }
  }
  const den = (a + b) * (b + d) + (a + c) * (c + d);
  if (den === 0) return b === 0 && c === 0 ? 1 : 0;
  return (2 * (a * d - b * c)) / den;
}
