import { day, TSCONFIG, type RepoScript } from "./repo.js";

/** File, author and symbol names that try to break out of HTML, Markdown tables and Mermaid. */
export const NASTY_FILES = [
  "src/<img src=x onerror=alert(1)>.ts",
  "src/a|b.ts",
  "src/back`tick.ts",
  "src/x](y.ts",
  "src/arrow-->.ts",
  'src/quote"d.ts',
];
/** git refuses `<` and `>` in author names; this one tries Markdown links, tables and HTML entities instead. */
export const NASTY_AUTHOR_NAME = 'Mallory | *bold* ](javascript:alert(1)) &amp; "q"';
export const NASTY_AUTHOR = `${NASTY_AUTHOR_NAME} <evil@x.test>`;

/** A small repo whose every name is hostile; the files import each other so they form services. */
export function xssRepoScript(): RepoScript {
  const files: Record<string, string> = { "tsconfig.json": TSCONFIG };
  const spec = (p: string) => "./" + p.slice(4, -3);
  NASTY_FILES.forEach((p, i) => {
    const next = NASTY_FILES[(i + 1) % NASTY_FILES.length];
    files[p] =
      `import { v${(i + 1) % NASTY_FILES.length} } from ${JSON.stringify(spec(next))};\nexport const v${i} = ` +
      `1;\nexport const __proto__x${i} = v${(i + 1) % NASTY_FILES.length};\n`;
  });
  for (let i = 0; i < 4; i++)
    files[`src/plain/p${i}.ts`] =
      `import { v0 } from ${JSON.stringify("../" + NASTY_FILES[0].slice(4, -3))};\nexport const p${i} = v0;\n`;
  const commits = [];
  for (let i = 0; i < 8; i++) {
    commits.push({
      author: i % 2 ? NASTY_AUTHOR : "Ada <ada@x.test>",
      date: day(i),
      touch: i === 0 ? Object.keys(files).filter((f) => f !== "tsconfig.json") : NASTY_FILES.slice(0, 3 + (i % 3)),
    });
  }
  return { files, commits };
}
