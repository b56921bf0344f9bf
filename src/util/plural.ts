/** "1 service", "3 services", "2 entities": a count with its noun (a word ending in consonant + y takes -ies). */
export function plural(n: number, word: string): string {
  if (n === 1) return `${n} ${word}`;
  return `${n} ${/[^aeiou]y$/.test(word) ? `${word.slice(0, -1)}ies` : `${word}s`}`;
}

/** The word that agrees with a count: `verb(1, "is", "are")` is "is", `verb(3, "belongs", "belong")` "belong". */
export function verb(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
