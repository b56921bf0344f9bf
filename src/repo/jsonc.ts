/** JSON with comments and trailing commas, as tsconfigs are written; undefined when it is anything else. */
export function parseJsonc(text: string): unknown {
  // plain JSON (package.json files, many tsconfigs) reads the same either way: no comments, no
  // trailing commas; JSON.parse stops at the first of them
  try {
    return JSON.parse(text);
  } catch {
    // comments, trailing commas, a byte order mark, or not JSON at all: read below
  }
  const n = text.length;
  // past whitespace and comments from i: the next significant character's index
  const skip = (i: number): number => {
    for (;;) {
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      if (text[i] === "/" && text[i + 1] === "/") {
        while (i < n && text[i] !== "\n") i++;
      } else if (text[i] === "/" && text[i + 1] === "*") {
        const end = text.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else {
        return i;
      }
    }
  };
  let out = "";
  let last = ""; // the last character written that is not whitespace
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      last = '"';
      i = j + 1;
    } else if (c === "/" && (text[i + 1] === "/" || text[i + 1] === "*")) {
      if (text[i + 1] === "*" && text.indexOf("*/", i + 2) < 0) return undefined;
      i = skip(i);
    } else if (
      c === "," &&
      (text[skip(i + 1)] === "}" || text[skip(i + 1)] === "]") &&
      last !== "[" &&
      last !== "{" &&
      last !== ","
    ) {
      i++; // a trailing comma after a value (`{,}` stays, and fails as TypeScript fails it)
    } else {
      // up to the next character that may start a string, a comment or a trailing comma
      let j = i + 1;
      for (let d = text.charCodeAt(j); j < n && d !== 0x22 && d !== 0x2f && d !== 0x2c; d = text.charCodeAt(++j));
      out += text.slice(i, j);
      for (let k = j - 1; k >= i; k--) {
        if (isSpace(text.charCodeAt(k))) continue;
        last = text[k];
        break;
      }
      i = j;
    }
  }
  try {
    return JSON.parse(out);
  } catch {
    return undefined;
  }
}

/** JSON's whitespace and the other characters /\s/ matches, as charCodeAt gives them. */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

export function isJsonObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
