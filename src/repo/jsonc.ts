import type * as JsoncParser from "jsonc-parser";
import { requireCjs } from "../util/cjs.js";

/**
 * JSON with comments and trailing commas, as tsconfigs are written, read as TypeScript reads it
 * (jsonc-parser, which bench/tsconfig-readers.mjs compares with TypeScript's parse); undefined
 * for anything it does not read the same way, and for broken JSON, so that the caller asks
 * TypeScript. Where jsonc-parser and TypeScript differ this decides: a byte order mark is
 * dropped first (TypeScript's readFile drops it, jsonc-parser fails on it), and a text with
 * U+2028 or U+2029 is left to TypeScript (they end a `//` comment for TypeScript, not for
 * jsonc-parser).
 */
export function parseJsonc(text: string): unknown {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // plain JSON (package.json files, many tsconfigs) reads the same either way, and jsonc-parser
  // need not load; but JSON.parse keeps a "__proto__" key, which TypeScript takes as the prototype
  if (!text.includes("__proto__")) {
    try {
      return JSON.parse(text);
    } catch {
      // comments, trailing commas, or not JSON at all: read below
    }
  }
  if (/[\u2028\u2029]/.test(text)) return undefined;
  const errors: JsoncParser.ParseError[] = [];
  const value: unknown = jsoncParser().parse(text, errors, { allowTrailingComma: true });
  return errors.length ? undefined : value;
}

/**
 * Where the value of a top-level key starts in a JSONC text: each element's start for an array
 * (a string's opening quote, where TypeScript places its diagnostics). Undefined when the key is
 * absent or given twice (TypeScript then reads both), or the text is not an object.
 */
export function valueOffsets(text: string, key: string): number[] | undefined {
  const root = jsoncParser().parseTree(text, [], { allowTrailingComma: true });
  const props = root?.type === "object" ? (root.children ?? []).filter((p) => p.children?.[0]?.value === key) : [];
  const value = props.length === 1 ? props[0].children?.[1] : undefined;
  if (!value) return undefined;
  return value.type === "array" ? (value.children ?? []).map((c) => c.offset) : [value.offset];
}

export function isJsonObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

// loaded when a text first needs it (many tsconfigs are plain JSON), and only its parser: the
// package's entry also loads its formatter and editor, about 11 ms of CPU more on every run that
// reads a tsconfig with comments (jsonc-parser has no exports map; the tests read through this file)
const jsoncParser = () =>
  requireCjs("jsonc-parser/lib/umd/impl/parser.js") as Pick<typeof JsoncParser, "parse" | "parseTree">;
