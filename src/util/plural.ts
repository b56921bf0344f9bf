/** "1 service", "3 services", "2 entities": a count with its noun (a word ending in consonant + y takes -ies). */
export function plural(n: number, word: string): string {
  if (n === 1) return `${n} ${word}`;
  return `${n} ${/[^aeiou]y$/.test(word) ? `${word.slice(0, -1)}ies` : `${word}s`}`;
}
