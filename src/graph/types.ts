import type { ts } from "../util/typescript.cjs";

export type ImportKind = "static" | "dynamic" | "require" | "reexport" | "side-effect" | "reference";

/** A name taken from the target module: `default`, `*` (the whole namespace) or a named export. */
export interface SymbolUse {
  name: string;
  typeOnly: boolean;
}

/** One module specifier as written in a file, before resolution. */
export interface ImportFact {
  specifier: string;
  kind: ImportKind;
  symbols: SymbolUse[];
  /** no names at all (side-effect import): never type-only */
  sideEffectOnly: boolean;
  /** TypeScript's resolution mode for this usage (import vs require conditions) */
  mode: ts.ResolutionMode;
  line: number;
  /** the specifier is not a literal: cannot be resolved */
  computed?: boolean;
}

export type ExportKind =
  "function" | "class" | "interface" | "type" | "enum" | "const" | "variable" | "namespace" | "default";

/** What a file exports, read off its syntax: enough to follow barrels without a type checker. */
export interface ExportTable {
  /** names the file declares itself */
  own: { name: string; kind: ExportKind }[];
  /** `export { imported as exported } from "specifier"` (and import-then-export); imported `*` for namespaces */
  named: { exported: string; specifier: string; imported: string }[];
  /** `export * from "specifier"` */
  stars: string[];
}

export interface FileFacts {
  imports: ImportFact[];
  exports: ExportTable;
  /** non-blank lines */
  loc: number;
  syntaxErrors: { line: number; message: string }[];
  /** the file's vocabulary: identifier words (camelCase split, lowercased) and their counts, the most frequent first */
  terms: [string, number][];
}

/** Where a specifier landed. */
export type Resolution =
  | { type: "module"; path: string }
  | { type: "declaration"; path: string }
  | { type: "external"; package: string }
  | { type: "unresolved"; reason: string };

export interface ResolvedImport extends ImportFact {
  target: Resolution;
}

/** One analysed file after parsing and resolution: the unit the later stages query. */
export interface ModuleRecord {
  path: string;
  loc: number;
  /** see FileFacts.terms */
  terms: [string, number][];
  tsconfig: string;
  imports: ResolvedImport[];
  exports: ExportTable;
}

// ---- faultline/graph@1 (SPEC) ----
export interface GraphModule {
  path: string;
  loc: number;
  tsconfig: string;
}
export interface GraphEdge {
  from: string;
  to: string;
  kinds: ImportKind[];
  typeOnly: boolean;
  symbols: string[];
}
export interface ImportGraph {
  schema: "faultline/graph@1";
  modules: GraphModule[];
  edges: GraphEdge[];
  declarations: { from: string; to: string }[];
  external: { from: string; package: string }[];
  unresolved: { from: string; specifier: string; reason: string }[];
}
