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
  /**
   * the imported names used as values; the others are used in type positions only, and
   * TypeScript drops an import none of whose names is a value (read for imports of the packages
   * `ParseOptions.elisionOf` names)
   */
  valueNames?: string[];
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

/** Where a file can run, read off its syntax; the tiers stage weighs it with its imports and package. */
export interface RuntimeFacts {
  /** JSX elements in the file */
  jsx: boolean;
  /** a `"use client"` or `"use server"` directive at its top */
  directive?: "use client" | "use server";
  /** browser globals it uses (`window`, `localStorage`, `document.querySelector`, ...) */
  dom: string[];
}

/** What a file says about data: the ORM entities it declares and the calls that may read or write them. */
export interface DataFacts {
  /**
   * classes an ORM maps to a table (`@Entity`, sequelize-typescript `@Table`) and Sequelize
   * `sequelize.define("name")` models (also on `db` or `model`)
   */
  entities: { name: string; how: string }[];
  /** calls whose method reads or writes data: `Order.create(...)`, `this.orders.save(x)`, `prisma.order.update(...)` */
  calls: { receiver: string[]; method: string }[];
  /** names given first to such a method: Drizzle's `db.insert(users)`, TypeORM's `manager.save(Order, x)` */
  given: { name: string; method: string }[];
  /** local names with a declared type: `document: Document`, `repo: Repository<Order>`, `@InjectRepository(Order)` */
  typed: [string, string][];
}

export interface FileFacts {
  imports: ImportFact[];
  exports: ExportTable;
  /** local bindings of imports: `import { a as b } from "x"` gives [b, x, a] */
  bindings: [string, string, string][];
  runtime: RuntimeFacts;
  data: DataFacts;
  /** its first comment marks it generated (`@generated`, "auto-generated", "do not edit") */
  generated: boolean;
  /** non-blank lines */
  loc: number;
  syntaxErrors: { line: number; message: string }[];
  /** the file's vocabulary: identifier words (camelCase split, lowercased) and their counts, the most frequent first */
  terms: [string, number][];
}

/** The reason an import of a workspace package found no source file of it, before the package's name. */
export const NO_WORKSPACE_SOURCE = "no source file in workspace package ";

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
  /** why it was not parsed (over --max-file-size); such a file is listed but never placed */
  skipped?: string;
  bindings: FileFacts["bindings"];
  runtime: RuntimeFacts;
  data: DataFacts;
  generated: boolean;
  /** see FileFacts.terms */
  terms: [string, number][];
  tsconfig: string;
  imports: ResolvedImport[];
  exports: ExportTable;
}

// ---- faultline/graph@1 ----
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
