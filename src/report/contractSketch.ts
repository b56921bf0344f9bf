import { readFileSync } from "node:fs";
import path from "node:path";
import { Project, ts } from "ts-morph";
import type { ContractSymbol } from "../ranking/types.js";
import { getOrInsert } from "../util/maps.js";

/**
 * The draft contract as TypeScript a team can start the new service's API from: provided
 * types (interfaces, type aliases, enums) as declared; one interface per consumer-facing
 * module (`OrderServiceExports`) with the signatures of its functions, constants and classes. Types the sketch
 * references but does not define become opaque `unknown` aliases, found by compiling the
 * sketch itself (a few hundred lines, in memory), so that it compiles as strict as the repository's own code
 * allows (an untyped parameter copied as written needs `noImplicitAny` off); one that still fails keeps them.
 */
export function contractSketch(
  root: string,
  serviceName: string,
  provides: ContractSymbol[],
  head: string,
  definedIn: DefinedIn = () => undefined,
): string {
  const byFile = new Map<string, ContractSymbol[]>();
  for (const p of provides) getOrInsert(byFile, p.file, () => []).push(p);
  const topLevel: string[] = [];
  const modules: string[] = [];
  const usedNames = new Set<string>();
  for (const [file, symbols] of byFile) {
    const sf = sourceFileOf(root, file);
    const members: string[] = [];
    for (const sym of symbols) {
      const decl = findDeclaration(sf, sym.symbol);
      const doc = `  /** used by: ${sym.usedBy.join(", ")} */`;
      const name = sym.symbol === "default" ? "default" : sym.symbol;
      if (sym.symbol === "*") {
        members.push(doc, `  namespace: unknown; // the whole module is imported as a namespace`);
      } else if (!decl) {
        members.push(doc, `  ${safeName(name)}: unknown;`);
      } else if (ts.isInterfaceDeclaration(decl) || ts.isTypeAliasDeclaration(decl) || ts.isEnumDeclaration(decl)) {
        const typeName = sym.symbol === "default" ? pascal(file) : decl.name.text;
        if (!usedNames.has(typeName)) {
          usedNames.add(typeName);
          topLevel.push(
            `// ${file}`,
            `export ${stripModifiers(decl, sf).replace(/^(interface|type|enum)\s+\w+/, `$1 ${typeName}`)}`,
          );
        }
      } else if (ts.isClassDeclaration(decl) && isWiring(decl)) {
        // what users reach through it are its providers: a client module takes its place once cut
        const wiring = `  /** used by: ${sym.usedBy.join(", ")} (a Nest module: wiring to its providers) */`;
        members.push(wiring, `  ${safeName(name)}: unknown;`);
      } else if (ts.isClassDeclaration(decl)) {
        const typeName = decl.name?.text ?? pascal(file);
        declareClass({ root, file, sf, decl, definedIn }, typeName, usedNames, topLevel);
        // a generic class is constructed for any of its type arguments: `new <T>(...args: any[]) => Provider<T>`
        const names = decl.typeParameters?.map((t) => t.name.text).join(", ");
        const instance = names ? `${typeName}<${names}>` : typeName;
        members.push(doc, `  ${safeName(name)}: new ${typeParams(decl, sf)}(...args: any[]) => ${instance};`);
      } else {
        members.push(doc, `  ${safeName(name)}${signature(decl, sf)};`);
      }
    }
    if (members.length) {
      const named = exportsName(file);
      let iface = named;
      for (let k = 2; usedNames.has(iface); k++) iface = `${named}${k}`;
      usedNames.add(iface);
      modules.push(`// ${file}`, `export interface ${iface} {`, ...members, "}");
    }
  }
  const body = [...topLevel, "", ...modules].join("\n");
  const header =
    `// Contract of service "${serviceName}": a draft by ` +
    `faultline${head ? ` at ${head.slice(0, 12)}` : ""}.\n// What other services use today; types it does not ` +
    `define are opaque until the team decides.\n`;
  return header + withPlaceholders(body) + "\n";
}

/** Where the analysis resolved a symbol a file imports: the analysed file defining it (through barrels). */
export type DefinedIn = (file: string, symbol: string) => string | undefined;

/** DefinedIn from the import edges of an analysis (through barrels, as model.json holds them). */
export function definedInEdges(edges: { from: string; to: string; symbols: string[] }[]): DefinedIn {
  const byFile = new Map<string, { to: string; symbols: string[] }[]>();
  for (const e of edges) getOrInsert(byFile, e.from, () => []).push(e);
  return (file, symbol) => byFile.get(file)?.find((e) => e.symbols.includes(symbol))?.to;
}

/** A class where it is declared: the file and its syntax tree, and where the file's imports lead. */
interface ClassAt {
  root: string;
  file: string;
  sf: ts.SourceFile;
  decl: ts.ClassDeclaration;
  definedIn: DefinedIn;
}

/** How many classes up an `extends` chain the sketch follows into the repository. */
const MAX_BASES = 3;

/**
 * A class as the type of its public members, after the class it extends where the analysed code declares it
 * (in its file, or the file an import of it resolves to): `type SubscriberPayloadDto =
 * CreateSubscriberRequestDto & {}` keeps the fields a DTO inherits. An intersection, not `extends`: a member
 * the class redeclares with another type still compiles. A base declared elsewhere (a package's) stays a
 * name the placeholders make opaque; one written as a call (`PartialType(CreateUserDto)`) or closing a loop
 * of `extends` is left out.
 */
function declareClass(at: ClassAt, typeName: string, usedNames: Set<string>, out: string[], chain: string[] = []) {
  if (usedNames.has(typeName)) return;
  usedNames.add(typeName);
  const heritage = at.decl.heritageClauses?.find((c) => c.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
  const named = heritage && isNameOnly(heritage.expression) ? heritage : undefined;
  const found = named && chain.length < MAX_BASES ? baseClassOf(at, named) : undefined;
  const base = found && ![...chain, typeName].includes(found.decl.name!.text) ? found : undefined;
  if (base) declareClass(base, base.decl.name!.text, usedNames, out, [...chain, typeName]);
  // the base by its own name (an import may alias it), with the type arguments written here
  const args = named?.typeArguments?.map((t) => t.getText(at.sf)).join(", ");
  const baseType = base
    ? `${base.decl.name!.text}${args ? `<${args}>` : ""}`
    : found
      ? undefined
      : named?.getText(at.sf);
  const params = typeParams(at.decl, at.sf);
  const members = classMembers(at.decl, at.sf);
  if (baseType) out.push(`// ${at.file}`, `export type ${typeName}${params} = ${baseType} & {`, ...members, "};");
  else out.push(`// ${at.file}`, `export interface ${typeName}${params} {`, ...members, "}");
}

/** `Base` or `ns.Base`: a name a type can take, not a call (`PartialType(CreateUserDto)`). */
function isNameOnly(e: ts.Expression): boolean {
  return ts.isIdentifier(e) || (ts.isPropertyAccessExpression(e) && isNameOnly(e.expression));
}

/**
 * The class an `extends` names, when declared in the same file or in the analysed file an import of it
 * resolves to (the analysis resolved it as TypeScript does: aliases, paths, barrels); a file outside the
 * analysed ones (a package's, one a link leads to) is never read.
 */
function baseClassOf(at: ClassAt, heritage: ts.ExpressionWithTypeArguments): ClassAt | undefined {
  if (!ts.isIdentifier(heritage.expression)) return undefined;
  const name = heritage.expression.text;
  const local = findDeclaration(at.sf, name);
  if (local) return ts.isClassDeclaration(local) && local.name ? { ...at, decl: local } : undefined;
  for (const st of at.sf.statements) {
    const bindings = ts.isImportDeclaration(st) ? st.importClause?.namedBindings : undefined;
    const el =
      bindings && ts.isNamedImports(bindings) ? bindings.elements.find((e) => e.name.text === name) : undefined;
    if (!el) continue;
    const imported = (el.propertyName ?? el.name).text;
    const file = at.definedIn(at.file, imported);
    if (!file) return undefined;
    const sf = sourceFileOf(at.root, file);
    const decl = findDeclaration(sf, imported);
    return decl && ts.isClassDeclaration(decl) && decl.name ? { ...at, file, sf, decl } : undefined;
  }
  return undefined;
}

function sourceFileOf(root: string, file: string): ts.SourceFile {
  const text = readFileSync(path.join(root, file), "utf8");
  const kind = file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
}

/**
 * A class decorated `@Module(...)` (NestJS): dependency-injection wiring that lists providers, with no
 * member of its own that another service calls; what the users reach are the providers, named apart.
 */
function isWiring(decl: ts.ClassDeclaration): boolean {
  return (ts.getDecorators(decl) ?? []).some((d) => {
    const e = d.expression;
    return ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "Module";
  });
}

function findDeclaration(sf: ts.SourceFile, name: string): ts.Node | undefined {
  for (const st of sf.statements) {
    const mods = ts.canHaveModifiers(st) ? ts.getModifiers(st) : undefined;
    const isDefault = !!mods?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
    if (name === "default" && isDefault) return st;
    if (name === "default" && ts.isExportAssignment(st)) return st;
    if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name?.text === name && !isDefault) return st;
    if (
      (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) || ts.isEnumDeclaration(st)) &&
      st.name.text === name
    )
      return st;
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name) return d;
    }
  }
  return undefined;
}

function stripModifiers(node: ts.Node, sf: ts.SourceFile): string {
  const text = node.getText(sf);
  return text.replace(/^(export\s+)?(default\s+)?(declare\s+)?/, "");
}

function typeParams(node: ts.SignatureDeclarationBase | ts.ClassDeclaration, sf: ts.SourceFile): string {
  return node.typeParameters?.length ? `<${node.typeParameters.map((t) => t.getText(sf)).join(", ")}>` : "";
}

function params(node: ts.SignatureDeclarationBase, sf: ts.SourceFile): string {
  // a parameter with a default before a required one is no optional one: a caller passes undefined for it
  const required = (p: ts.ParameterDeclaration) => !p.questionToken && !p.initializer && !p.dotDotDotToken;
  let lastRequired = -1;
  node.parameters.forEach((p, i) => {
    if (required(p)) lastRequired = i;
  });
  return node.parameters
    .map((p, i) => {
      const rest = p.dotDotDotToken ? "..." : "";
      const name = ts.isIdentifier(p.name) ? p.name.text : `arg${i}`;
      const defaulted = !!(p.questionToken || p.initializer);
      const optional = defaulted && i > lastRequired ? "?" : "";
      const written = p.type ? p.type.getText(sf) : rest ? "unknown[]" : "unknown";
      const type = defaulted && !optional && p.type ? `(${written}) | undefined` : written;
      return `${rest}${name}${rest ? "" : optional}: ${type}`;
    })
    .join(", ");
}

function returnType(node: ts.SignatureDeclarationBase, sf: ts.SourceFile): string {
  if (node.type) return node.type.getText(sf);
  const isAsync =
    ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
  return isAsync ? "Promise<unknown>" : "unknown";
}

function signature(decl: ts.Node, sf: ts.SourceFile): string {
  let fn: ts.SignatureDeclarationBase | undefined;
  if (ts.isFunctionDeclaration(decl)) fn = decl;
  else if (ts.isVariableDeclaration(decl)) {
    const init = decl.initializer;
    if (decl.type) return `: ${decl.type.getText(sf)}`;
    if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) fn = init;
    else return `: ${literalType(init)}`;
  } else if (ts.isExportAssignment(decl)) {
    const e = decl.expression;
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) fn = e;
    else return ": unknown";
  }
  if (!fn) return ": unknown";
  return `${typeParams(fn, sf)}(${params(fn, sf)}): ${returnType(fn, sf)}`;
}

const GENERIC_BUILTINS = new Set([
  "Map",
  "Set",
  "WeakMap",
  "WeakSet",
  "Array",
  "Promise",
  "WeakRef",
  "ReadonlyArray",
  "Record",
]);

function literalType(init: ts.Expression | undefined): string {
  if (!init) return "unknown";
  if (ts.isStringLiteralLike(init)) return "string";
  if (ts.isNumericLiteral(init)) return "number";
  if (init.kind === ts.SyntaxKind.TrueKeyword || init.kind === ts.SyntaxKind.FalseKeyword) return "boolean";
  if (ts.isNewExpression(init) && ts.isIdentifier(init.expression)) {
    const name = init.expression.text;
    if (init.typeArguments?.length) return `${name}<${init.typeArguments.map((t) => t.getText()).join(", ")}>`;
    // a generic built-in without type arguments (`new Map()`) has no type worth writing down
    return GENERIC_BUILTINS.has(name) ? "unknown" : name;
  }
  return "unknown";
}

/**
 * The methods a class implements for an interface it names whose name is theirs (`implements OnModuleInit`:
 * `onModuleInit`): a framework's lifecycle hooks, which the framework calls and no other service does.
 */
function hooksOf(decl: ts.ClassDeclaration): Set<string> {
  const hooks = new Set<string>();
  for (const clause of decl.heritageClauses ?? []) {
    if (clause.token !== ts.SyntaxKind.ImplementsKeyword) continue;
    for (const t of clause.types) {
      const name = ts.isIdentifier(t.expression) ? t.expression.text : undefined;
      if (name) hooks.add(name.charAt(0).toLowerCase() + name.slice(1));
    }
  }
  return hooks;
}

function classMembers(decl: ts.ClassDeclaration, sf: ts.SourceFile): string[] {
  const out: string[] = [];
  const hooks = hooksOf(decl);
  for (const m of decl.members) {
    const mods = ts.canHaveModifiers(m) ? (ts.getModifiers(m) ?? []) : [];
    if (
      mods.some(
        (x) =>
          x.kind === ts.SyntaxKind.PrivateKeyword ||
          x.kind === ts.SyntaxKind.ProtectedKeyword ||
          x.kind === ts.SyntaxKind.StaticKeyword,
      )
    )
      continue;
    if (!m.name || ts.isPrivateIdentifier(m.name) || !(ts.isIdentifier(m.name) || ts.isStringLiteral(m.name))) continue;
    const name = m.name.text;
    if (ts.isMethodDeclaration(m) && hooks.has(name)) continue;
    if (ts.isMethodDeclaration(m))
      out.push(`  ${safeName(name)}${typeParams(m, sf)}(${params(m, sf)}): ${returnType(m, sf)};`);
    else if (ts.isPropertyDeclaration(m))
      out.push(
        `  ${safeName(name)}${m.questionToken ? "?" : ""}: ` +
          `${m.type ? m.type.getText(sf) : literalType(m.initializer)};`,
      );
    else if (ts.isGetAccessorDeclaration(m))
      out.push(`  readonly ${safeName(name)}: ${m.type ? m.type.getText(sf) : "unknown"};`);
  }
  return out;
}

function safeName(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}

/** The interface of what a file exports: `OrderServiceExports`; an index by its folder, `ConfigExports`. */
function exportsName(file: string): string {
  const folder = path.posix.dirname(file);
  const index = /^index\.[^.]+$/.test(path.posix.basename(file)) && folder !== ".";
  return `${pascal(index ? `${folder}.ts` : file)}Exports`;
}

function pascal(file: string): string {
  const base = path.posix.basename(file).replace(/\.[^.]+$/, "");
  const p = base.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_, __, c: string) => c.toUpperCase());
  return /^[A-Za-z_]/.test(p) ? p : `M${p}`;
}

/**
 * "Cannot find name 'X'", with or without a suggestion: a similar name, type definitions to install (node's
 * `Buffer`, a test runner's, jQuery's), a library to change to
 */
const MISSING_NAME = new Set([2304, 2552, 2580, 2581, 2582, 2583, 2584, 2591, 2592, 2593]);
/** "'x' only refers to a type, but is being used as a value here": a placeholder met in `typeof x` */
const TYPE_AS_VALUE = 2693;
/** "'X' only refers to a type, but is being used as a namespace here": a placeholder met as `Knex.Transaction` */
const TYPE_AS_NAMESPACE = 2702;
/** "Cannot use namespace 'X' as a type": a namespace placeholder met as a type (`Stripe` beside `Stripe.Price`) */
const NAMESPACE_AS_TYPE = 2709;
const NOT_GENERIC = 2315;
/** type parameters a placeholder takes so that it may be given up to four type arguments, or none */
const ANY_ARGS = "<_A = unknown, _B = unknown, _C = unknown, _D = unknown>";
const MISSING_NAMESPACE = new Set([2503, 2833]);
/** "Type 'X' cannot be used to index type 'D'": a type parameter bounded by a placeholder, indexed (`D["type"]`) */
const NOT_AN_INDEX = 2536;
/** An identifier inside a regular expression, as written: `$Enums` matches `$Enums`. */
const asPattern = (name: string): string => name.replace(/\$/g, "\\$");
const INLINE_IMPORT = /\bimport\(\s*(["'])[^"'\n]+\1\s*\)\.([A-Za-z_$][\w$]*)/g;

/**
 * `import("shared/types/integrations").QueryResponse` as `QueryResponse`; as written where the name would mean
 * something else: `default` (no name), one the sketch declares itself, and a value's type (`typeof import(...)`).
 */
function withoutInlineImports(text: string): string {
  const declared = new Set(
    [...text.matchAll(/\b(?:interface|type|class|enum|namespace)\s+([A-Za-z_$][\w$]*)/g)].map((m) => m[1]),
  );
  return text.replace(INLINE_IMPORT, (whole: string, _quote: string, name: string, at: number) =>
    name === "default" || declared.has(name) || /\btypeof\s*$/.test(text.slice(Math.max(0, at - 8), at)) ? whole : name,
  );
}

/**
 * Compiles the sketch in memory (ts-morph, no files touched) and declares each name it cannot
 * find as an opaque alias; a sketch still failing after that keeps the aliases it has.
 */
function withPlaceholders(written: string): string {
  // a type imported inline (`import("shared/types/integrations").QueryResponse`) is named as any other type the
  // sketch does not define: the module is not there to import
  const body = withoutInlineImports(written);
  // opaque `unknown` first; where the sketch reaches into a placeholder (`Actor['role']`), `any`; failing both,
  // the sketch with its `any` placeholders, the closest to compiling
  const opaque = placeholdersOf(body, "unknown");
  if (opaque.clean) return opaque.text;
  return placeholdersOf(body, "any").text;
}

/**
 * A namespace of the types the sketch reaches for in it (`z.infer`, `Stripe.Price.Tier`, nested as written); each
 * may take type arguments (`z.output<TSchema>`) or none (`z.ZodError`), and a name both reached into and used
 * (`Stripe.Price`, `Stripe.Price.Tier`) is a type and a namespace at once.
 */
function namespaceOf(word: string, text: string, opaque: string): string {
  interface Member {
    type: boolean;
    inner: Map<string, Member>;
  }
  const root: Member = { type: false, inner: new Map() };
  const name = asPattern(word);
  for (const m of text.matchAll(new RegExp(`(?<![\\w$])${name}((?:\\.[A-Za-z_$][\\w$]*)+)`, "g"))) {
    let at = root;
    for (const name of m[1].slice(1).split("."))
      at = getOrInsert(at.inner, name, () => ({ type: false, inner: new Map() }));
    at.type = true;
  }
  const lines = (name: string, m: Member, indent: string): string[] => [
    ...(m.type ? [`${indent}type ${name}${ANY_ARGS} = ${opaque};`] : []),
    ...(m.inner.size
      ? [
          `${indent}namespace ${name} {`,
          ...[...m.inner].flatMap(([n, inner]) => lines(n, inner, `${indent}  `)),
          `${indent}}`,
        ]
      : []),
  ];
  return `export declare ${lines(word, { type: false, inner: root.inner }, "").join("\n")}`;
}

/**
 * The name bounding the type parameter a "cannot be used to index type 'D'" diagnostic names: `Bound` of the
 * nearest `D extends Bound` before it, if any.
 */
function boundOf(d: ts.Diagnostic, text: string): string | undefined {
  const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  const parameter = /index type '([A-Za-z_$][\w$]*)'/.exec(message)?.[1];
  if (parameter === undefined) return undefined;
  // the declaration nearest before the error: a name such as `D` is declared by many signatures
  const declared = new RegExp(`[<,]\\s*${asPattern(parameter)}\\s+extends\\s+([A-Za-z_$][\\w$]*)`, "g");
  let bound: string | undefined;
  for (const m of text.slice(0, d.start ?? text.length).matchAll(declared)) bound = m[1];
  return bound;
}

function placeholdersOf(body: string, opaque: "unknown" | "any"): { text: string; clean: boolean } {
  const placeholders = new Map<string, string>();
  for (let round = 0; round < 6; round++) {
    const full = [...placeholders.values(), body].join("\n");
    const project = new Project({
      useInMemoryFileSystem: true,
      compilerOptions: {
        strict: true,
        // a parameter the code leaves untyped (`isValid(secret)` in an interface) is copied as written
        noImplicitAny: false,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        lib: ["lib.es2022.d.ts"],
        types: [],
      },
    });
    const sf = project.createSourceFile("/contract.ts", full);
    const diags = project
      .getProgram()
      .compilerObject.getSemanticDiagnostics(sf.compilerNode)
      .concat(project.getProgram().compilerObject.getSyntacticDiagnostics(sf.compilerNode));
    if (diags.length === 0) return { text: full, clean: true };
    let changed = false;
    for (const d of diags) {
      const at = d.start ?? 0;
      const word = d.code === NOT_AN_INDEX ? boundOf(d, full) : /^[A-Za-z_$][\w$]*/.exec(full.slice(at))?.[0];
      if (!word) continue;
      // one whose keys the sketch takes (`keyof CustomFulfillmentStates`, an interface plugins augment) has string
      // keys: `keyof any` would let a number through where a state must be a string
      const keyed = d.code === NOT_AN_INDEX || new RegExp(`\\bkeyof\\s+${asPattern(word)}(?![\\w$])`).test(full);
      const type = keyed ? `Record<string, ${opaque}>` : opaque;
      const plain = `export type ${word} = ${type};`;
      const generic = `export type ${word}${ANY_ARGS} = ${type};`;
      const alias = placeholders.get(word);
      const [first, ...rest] = alias?.split("\n") ?? [];
      const keyedFirst = first?.startsWith(`export type ${word}<`) ? generic : plain;
      if (d.code === NOT_AN_INDEX && first?.startsWith("export type ") && first !== keyedFirst) {
        // a placeholder bounding a type parameter the sketch indexes (`D["type"]`) has string keys
        placeholders.set(word, [keyedFirst, ...rest].join("\n"));
        changed = true;
      } else if (MISSING_NAME.has(d.code) && !placeholders.has(word)) {
        placeholders.set(word, plain);
        changed = true;
      } else if (d.code === TYPE_AS_NAMESPACE && (alias === plain || alias === generic)) {
        // a type and a namespace of types may share a name, the type generic or not (`Gauge<T>`, `Gauge.Internal<T>`)
        placeholders.set(word, `${alias}\n${namespaceOf(word, full, opaque)}`);
        changed = true;
      } else if (d.code === NAMESPACE_AS_TYPE && placeholders.get(word)?.startsWith("export declare namespace")) {
        placeholders.set(word, `${plain}\n${placeholders.get(word)}`);
        changed = true;
      } else if (d.code === TYPE_AS_VALUE && placeholders.get(word) === plain) {
        // a value the sketch takes the type of (`Parameters<typeof queueAuditEvent>`): an opaque value too
        placeholders.set(word, `${plain}\nexport declare const ${word}: any;`);
        changed = true;
      } else if (d.code === NOT_GENERIC && alias?.startsWith(plain)) {
        // given type arguments: the alias takes them, whatever else the name declares
        placeholders.set(word, generic + alias.slice(plain.length));
        changed = true;
      } else if (MISSING_NAMESPACE.has(d.code) && !placeholders.has(word)) {
        placeholders.set(word, namespaceOf(word, full, opaque));
        changed = true;
      }
    }
    if (!changed) break;
  }
  return { text: [...placeholders.values(), body].join("\n"), clean: false };
}
