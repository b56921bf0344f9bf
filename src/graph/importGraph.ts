import { byString } from "../util/order.js";
import { BarrelTracer } from "./barrels.js";
import type { GraphEdge, ImportGraph, ImportKind, ModuleRecord, SymbolUse } from "./types.js";
import { getOrInsert } from "../util/maps.js";

/**
 * An edge made only of a barrel's re-exports (`export * from`, `export { x } from`): it passes symbols on and
 * uses none; through barrels, its users' own edges name the files that define what they take.
 */
export function isReexportOnly(e: GraphEdge): boolean {
  return e.kinds.every((k) => k === "reexport");
}

export interface GraphViewOptions {
  /** rewrite each imported symbol's edge to the file that defines it */
  throughBarrels?: boolean;
}

interface EdgeAcc {
  kinds: Set<ImportKind>;
  symbols: Set<string>;
  typeOnly: boolean;
}

/** The faultline/graph@1 view of the parsed modules: one edge per ordered pair, sorted. */
export function toImportGraph(records: ModuleRecord[], opts: GraphViewOptions = {}): ImportGraph {
  const tracer = opts.throughBarrels ? new BarrelTracer(records) : undefined;
  const edges = new Map<string, EdgeAcc & { from: string; to: string }>();
  const declarations = new Map<string, { from: string; to: string }>();
  const external = new Map<string, { from: string; package: string }>();
  const unresolved = new Map<string, { from: string; specifier: string; reason: string }>();

  const addEdge = (from: string, to: string, kind: ImportKind, symbols: SymbolUse[], sideEffectOnly: boolean) => {
    const key = `${from}\0${to}`;
    const e = getOrInsert(edges, key, () => ({ from, to, kinds: new Set(), symbols: new Set(), typeOnly: true }));
    e.kinds.add(kind);
    for (const s of symbols) e.symbols.add(s.name);
    const typeOnly = !sideEffectOnly && symbols.length > 0 && symbols.every((s) => s.typeOnly);
    e.typeOnly &&= typeOnly;
  };

  for (const rec of records) {
    for (const imp of rec.imports) {
      const t = imp.target;
      if (t.type === "module") {
        if (!tracer || imp.sideEffectOnly) {
          addEdge(rec.path, t.path, imp.kind, imp.symbols, imp.sideEffectOnly);
          continue;
        }
        const byTarget = new Map<string, SymbolUse[]>();
        for (const s of imp.symbols) {
          const defs = s.name === "*" ? undefined : tracer.trace(t.path, s.name);
          for (const d of defs ?? [{ file: t.path, name: s.name }]) {
            if (d.file === rec.path && d.file !== t.path) continue; // traced back into the importer itself
            const list = byTarget.get(d.file) ?? [];
            list.push({ name: d.name, typeOnly: s.typeOnly });
            byTarget.set(d.file, list);
          }
        }
        for (const [to, symbols] of byTarget) addEdge(rec.path, to, imp.kind, symbols, false);
      } else if (t.type === "declaration") {
        declarations.set(`${rec.path}\0${t.path}`, { from: rec.path, to: t.path });
      } else if (t.type === "external") {
        external.set(`${rec.path}\0${t.package}`, { from: rec.path, package: t.package });
      } else {
        unresolved.set(`${rec.path}\0${imp.specifier}\0${t.reason}`, {
          from: rec.path,
          specifier: imp.specifier,
          reason: t.reason,
        });
      }
    }
  }

  const sortedValues = <T>(m: Map<string, T>) =>
    [...m.entries()].sort((a, b) => byString(a[0], b[0])).map(([, v]) => v);
  return {
    schema: "faultline/graph@1",
    modules: [...records]
      .sort((a, b) => byString(a.path, b.path))
      .map((r) => ({ path: r.path, loc: r.loc, tsconfig: r.tsconfig })),
    edges: sortedValues(edges).map((e): GraphEdge => ({
      from: e.from,
      to: e.to,
      kinds: [...e.kinds].sort(byString),
      typeOnly: e.typeOnly,
      symbols: [...e.symbols].sort(byString),
    })),
    declarations: sortedValues(declarations),
    external: sortedValues(external),
    unresolved: sortedValues(unresolved),
  };
}
