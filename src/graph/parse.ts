import { ts } from "../util/typescript.cjs";
import type { ExportKind, ExportTable, FileFacts, ImportFact, ImportKind, SymbolUse } from "./types.js";
import { byString } from "../util/order.js";
import { isGeneratedText, readEvidence } from "./evidence.js";
import { packageName } from "./resolve.js";

const SCRIPT_KINDS: Record<string, ts.ScriptKind> = {
  ".ts": ts.ScriptKind.TS,
  ".mts": ts.ScriptKind.TS,
  ".cts": ts.ScriptKind.TS,
  ".tsx": ts.ScriptKind.TSX,
  ".js": ts.ScriptKind.JS,
  ".mjs": ts.ScriptKind.JS,
  ".cjs": ts.ScriptKind.JS,
  ".jsx": ts.ScriptKind.JSX,
};

/** A call of import() or require() somewhere below the top level: worth a full walk only then. */
const CALL_HINT = /\b(?:import|require)\s*\(/;

/**
 * Reads a file's imports and exports off its syntax alone: no Program, no type checker.
 * `impliedNodeFormat` (ESM or CJS, from package.json `type` and the extension) and the
 * compiler options let TypeScript itself decide each usage's resolution mode.
 */
export interface ParseOptions {
  /** also read the file's identifier vocabulary */
  terms?: boolean;
  /** packages whose imports are checked for elision (used in type positions only) */
  elisionOf?: (packageName: string) => boolean;
}

export function parseModule(
  fileName: string,
  text: string,
  options: ts.CompilerOptions,
  impliedNodeFormat: ts.ResolutionMode,
  opts: ParseOptions = {},
): FileFacts {
  const ext = /\.[^./]+$/.exec(fileName)?.[0] ?? ".ts";
  const sf = ts.createSourceFile(
    fileName,
    text,
    { languageVersion: ts.ScriptTarget.Latest, impliedNodeFormat, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    false, // parents cost a fifth of the parse; `link` sets the few that resolution modes read
    SCRIPT_KINDS[ext] ?? ts.ScriptKind.TS,
  );
  const reader = new ModuleReader(sf, options);
  for (const st of sf.statements) reader.statement(st);
  const uses = opts.elisionOf ? valueUses(reader.imports, reader.bindings(), opts.elisionOf) : undefined;
  reader.references();
  // one walk of the tree, for import()/require() calls, value uses and the tiers' and data's evidence alike
  const calls = CALL_HINT.test(text) ? (node: ts.Node) => reader.call(node) : undefined;
  const { runtime, data } = readEvidence(sf, text, ext === ".tsx" || ext === ".jsx", calls, uses?.see);
  uses?.record();
  const parseDiagnostics = (sf as unknown as { parseDiagnostics: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  return {
    imports: reader.imports,
    exports: reader.exports,
    bindings: reader.bindings(),
    runtime,
    data,
    generated: isGeneratedText(text),
    loc: countLines(text),
    terms: opts.terms ? vocabulary(text) : [],
    syntaxErrors: parseDiagnostics.map((d) => ({
      line: sf.getLineAndCharacterOfPosition(d.start).line + 1,
      message: ts.flattenDiagnosticMessageText(d.messageText, " "),
    })),
  };
}

/**
 * Records which names of the named packages' imports are used as values: `import { Job } from
 * "bull"` read only as `job: Job` is elided by TypeScript and says nothing about where the file
 * runs. `see` takes each identifier the evidence walk finds read as a value; `record` sets
 * `valueNames` on the imports. Undefined when the file imports no such package.
 */
function valueUses(
  imports: ImportFact[],
  bindings: [string, string, string][],
  elided: (packageName: string) => boolean,
): { see: (id: ts.Identifier) => void; record: () => void } | undefined {
  const checked = imports.filter(
    (imp) => imp.kind === "static" && isBare(imp.specifier) && elided(packageName(imp.specifier)),
  );
  if (checked.length === 0) return undefined;
  const locals = new Map<string, string>(); // local name -> "specifier\0imported"
  for (const [local, specifier, imported] of bindings)
    if (checked.some((imp) => imp.specifier === specifier)) locals.set(local, `${specifier}\0${imported}`);
  const valued = new Set<string>();
  return {
    see: (id) => {
      const key = locals.get(id.text);
      if (key !== undefined) valued.add(key);
    },
    record: () => {
      for (const imp of checked)
        imp.valueNames = imp.symbols.map((s) => s.name).filter((name) => valued.has(`${imp.specifier}\0${name}`));
    },
  };
}

const isBare = (spec: string) => !spec.startsWith(".") && !spec.startsWith("/") && !spec.startsWith("#");

/** The imports and exports of one source file, collected statement by statement. */
class ModuleReader {
  readonly imports: ImportFact[] = [];
  readonly exports: ExportTable = { own: [], named: [], stars: [] };
  /** local binding -> where it was imported from (for `import { a } ...; export { a }`) */
  private readonly importedBindings = new Map<string, { specifier: string; imported: string }>();

  constructor(
    private readonly sf: ts.SourceFile,
    private readonly options: ts.CompilerOptions,
  ) {}

  /** [local, specifier, imported] of every import binding, in order */
  bindings(): [string, string, string][] {
    return [...this.importedBindings].map(([local, b]) => [local, b.specifier, b.imported]);
  }

  statement(st: ts.Statement): void {
    if (ts.isImportDeclaration(st)) this.importDeclaration(st);
    else if (ts.isExportDeclaration(st)) this.exportDeclaration(st);
    else if (ts.isImportEqualsDeclaration(st)) this.importEquals(st);
    else if (ts.isExportAssignment(st)) this.exports.own.push({ name: "default", kind: "default" });
    else collectOwnExport(st, this.exports);
  }

  /** `/// <reference path>` */
  references(): void {
    for (const ref of this.sf.referencedFiles) {
      this.imports.push({
        specifier: ref.fileName,
        kind: "reference",
        symbols: [],
        sideEffectOnly: true,
        mode: undefined,
        line: this.sf.getLineAndCharacterOfPosition(ref.pos).line + 1,
      });
    }
  }

  /** `import()`, `require()` and `import("x").T` anywhere in the file (called on every node of a walk). */
  call(node: ts.Node): void {
    {
      if (ts.isCallExpression(node)) {
        if (node.expression.kind === ts.SyntaxKind.ImportKeyword) {
          this.add(node.arguments[0], "dynamic", [{ name: "*", typeOnly: false }], false, node);
        } else if (
          ts.isIdentifier(node.expression) &&
          node.expression.text === "require" &&
          node.arguments.length === 1
        ) {
          this.add(node.arguments[0], "require", [{ name: "*", typeOnly: false }], false, node);
        }
      } else if (
        ts.isImportTypeNode(node) &&
        ts.isLiteralTypeNode(node.argument) &&
        ts.isStringLiteral(node.argument.literal)
      ) {
        // `typeof import("./x")` / `import("./x").Foo` in a type position: a type-only dynamic import
        const q = node.qualifier;
        const first = q ? (ts.isIdentifier(q) ? q.text : leftmost(q)) : "*";
        this.add(node.argument.literal, "dynamic", [{ name: first, typeOnly: true }], false, node.argument, node);
      }
    }
  }

  private importDeclaration(st: ts.ImportDeclaration): void {
    const clause = st.importClause;
    const spec = st.moduleSpecifier as ts.StringLiteral;
    if (!clause) {
      this.add(spec, "side-effect", [], true, st);
      return;
    }
    const allType = !!clause.isTypeOnly;
    const symbols: SymbolUse[] = [];
    const bind = (local: string, imported: string) => {
      if (ts.isStringLiteral(spec)) this.importedBindings.set(local, { specifier: spec.text, imported });
    };
    if (clause.name) {
      symbols.push({ name: "default", typeOnly: allType });
      bind(clause.name.text, "default");
    }
    const nb = clause.namedBindings;
    if (nb && ts.isNamespaceImport(nb)) {
      symbols.push({ name: "*", typeOnly: allType });
      bind(nb.name.text, "*");
    } else if (nb) {
      for (const el of nb.elements) {
        const imported = (el.propertyName ?? el.name).text;
        symbols.push({ name: imported, typeOnly: allType || el.isTypeOnly });
        bind(el.name.text, imported);
      }
    }
    // `import {} from "x"` keeps the module's side effects: same as `import "x"`
    if (symbols.length === 0) this.add(spec, "side-effect", [], true, st);
    else this.add(spec, "static", symbols, false, st);
  }

  private exportDeclaration(st: ts.ExportDeclaration): void {
    const allType = st.isTypeOnly;
    if (st.moduleSpecifier) {
      const specText = ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : "";
      const symbols: SymbolUse[] = [];
      if (!st.exportClause) {
        symbols.push({ name: "*", typeOnly: allType });
        this.exports.stars.push(specText);
      } else if (ts.isNamespaceExport(st.exportClause)) {
        symbols.push({ name: "*", typeOnly: allType });
        this.exports.named.push({ exported: nameText(st.exportClause.name), specifier: specText, imported: "*" });
      } else {
        for (const el of st.exportClause.elements) {
          const imported = nameText(el.propertyName ?? el.name);
          symbols.push({ name: imported, typeOnly: allType || el.isTypeOnly });
          this.exports.named.push({ exported: nameText(el.name), specifier: specText, imported });
        }
      }
      this.add(st.moduleSpecifier, "reexport", symbols, symbols.length === 0, st);
    } else if (st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) {
        const local = nameText(el.propertyName ?? el.name);
        const exported = nameText(el.name);
        const via = this.importedBindings.get(local);
        if (via) this.exports.named.push({ exported, specifier: via.specifier, imported: via.imported });
        else this.exports.own.push({ name: exported, kind: "variable" });
      }
    }
  }

  private importEquals(st: ts.ImportEqualsDeclaration): void {
    const ref = st.moduleReference;
    if (ts.isExternalModuleReference(ref)) {
      this.add(ref.expression, "require", [{ name: "*", typeOnly: st.isTypeOnly }], false, ref, st);
      if (ts.isStringLiteral(ref.expression)) {
        this.importedBindings.set(st.name.text, { specifier: ref.expression.text, imported: "*" });
      }
    }
    if (hasModifier(st, ts.SyntaxKind.ExportKeyword)) this.exports.own.push({ name: st.name.text, kind: "namespace" });
  }

  private add(
    spec: ts.Expression | undefined,
    kind: ImportKind,
    symbols: SymbolUse[],
    sideEffectOnly: boolean,
    ...parents: ts.Node[]
  ): void {
    link(spec, ...parents);
    if (!spec) return;
    const line = this.sf.getLineAndCharacterOfPosition(spec.getStart(this.sf)).line + 1;
    if (ts.isStringLiteralLike(spec)) {
      const mode = ts.getModeForUsageLocation(this.sf, spec, this.options);
      this.imports.push({ specifier: spec.text, kind, symbols, sideEffectOnly, mode, line });
    } else {
      const specifier = spec.getText(this.sf);
      this.imports.push({ specifier, kind, symbols, sideEffectOnly, mode: undefined, line, computed: true });
    }
  }
}

/**
 * Sets the parent chain from a specifier upwards (parent, grandparent, ...): the source file is
 * parsed without parent pointers, and TypeScript's getModeForUsageLocation reads only these.
 */
function link(node: ts.Node | undefined, ...parents: ts.Node[]): void {
  let child = node;
  for (const p of parents) {
    if (!child) return;
    (child as { parent: ts.Node }).parent = p;
    child = p;
  }
}

function nameText(n: ts.ModuleExportName): string {
  return n.text;
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return !!ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((m) => m.kind === kind);
}

function collectOwnExport(st: ts.Statement, exports: ExportTable): void {
  if (!hasModifier(st, ts.SyntaxKind.ExportKeyword)) return;
  const isDefault = hasModifier(st, ts.SyntaxKind.DefaultKeyword);
  const own = (name: string | undefined, kind: ExportKind) =>
    exports.own.push({ name: isDefault ? "default" : (name ?? "default"), kind });
  if (ts.isFunctionDeclaration(st)) own(st.name?.text, "function");
  else if (ts.isClassDeclaration(st)) own(st.name?.text, "class");
  else if (ts.isInterfaceDeclaration(st)) own(st.name.text, "interface");
  else if (ts.isTypeAliasDeclaration(st)) own(st.name.text, "type");
  else if (ts.isEnumDeclaration(st)) own(st.name.text, "enum");
  else if (ts.isModuleDeclaration(st) && ts.isIdentifier(st.name)) own(st.name.text, "namespace");
  else if (ts.isVariableStatement(st)) {
    const kind: ExportKind = st.declarationList.flags & ts.NodeFlags.Const ? "const" : "variable";
    for (const d of st.declarationList.declarations)
      for (const n of bindingNames(d.name)) exports.own.push({ name: n, kind });
  }
}

function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  const out: string[] = [];
  for (const el of name.elements) if (!ts.isOmittedExpression(el)) out.push(...bindingNames(el.name));
  return out;
}

function countLines(text: string): number {
  let n = 0;
  for (const l of text.split("\n")) if (l.trim() !== "") n++;
  return n;
}

function leftmost(q: ts.EntityName): string {
  while (ts.isQualifiedName(q)) q = q.left;
  return q.text;
}

/** Words that say nothing about the business: the language's own, and the most generic. */
const STOP = new Set(
  (
    "abstract any as async await boolean break case catch class const constructor continue debugger declare default " +
    "delete do else enum export " +
    "extends false finally for from function get if implements import in instanceof interface is keyof let module " +
    "namespace never new null number " +
    "object of package private protected public readonly require return set static string super switch symbol this " +
    "throw true try type typeof " +
    "undefined unique unknown var void while with yield the and for with that this from into data value values item " +
    "items result results error " +
    "errors args options params config props state index length name names list map key keys string id ids get set " +
    "new use make create update " +
    "delete find has add remove"
  ).split(" "),
);
/** How many distinct words a file keeps: enough for similarity, bounded for the cache. */
const MAX_TERMS = 80;

/**
 * The identifier vocabulary of a file (Mazlami et al.'s semantic coupling reads the same):
 * identifiers and string contents split at camelCase, digits and underscores, lowercased,
 * 3+ letters, stop words dropped; comments are skipped (prose, and editing one must not change
 * the cut). One pass over the characters: a regex per identifier cost 0.4 ms a file.
 */
export function vocabulary(text: string): [string, number][] {
  const counts = new Map<string, number>();
  const flush = (start: number, end: number) => {
    if (end - start < 3) return;
    const w = text.slice(start, end).toLowerCase();
    if (!STOP.has(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
  };
  let start = -1; // start of the current word (letters only)
  let quote = 0; // the quote character of the string being read, 0 outside strings
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0;
    if (quote && c === 92) {
      // backslash in a string: ends a word, and the next character is escaped
      if (start >= 0) flush(start, i);
      start = -1;
      i++;
      continue;
    }
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39 || c === 96) {
      quote = c;
    } else if (c === 47 && (text.charCodeAt(i + 1) === 47 || text.charCodeAt(i + 1) === 42)) {
      // a comment: `//` to the end of the line, `/*` to `*/`
      if (start >= 0) flush(start, i);
      start = -1;
      const end = text.charCodeAt(i + 1) === 47 ? text.indexOf("\n", i) : text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : text.charCodeAt(i + 1) === 47 ? end : end + 1;
      continue;
    }
    const upper = c >= 65 && c <= 90;
    const lower = c >= 97 && c <= 122;
    if (!upper && !lower) {
      if (start >= 0) flush(start, i);
      start = -1;
      continue;
    }
    if (start < 0) start = i;
    else if (upper) {
      const prev = text.charCodeAt(i - 1);
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      // camelCase boundary (aB), or the last capital of an acronym before a word (HTTPServer)
      if ((prev >= 97 && prev <= 122) || (prev >= 65 && prev <= 90 && next >= 97 && next <= 122)) {
        flush(start, i);
        start = i;
      }
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || byString(a[0], b[0])).slice(0, MAX_TERMS);
}
