import type { ModuleRecord } from "./types.js";

export interface Definition {
  file: string;
  /** the name under which the defining file exports it; `*` for a namespace re-export */
  name: string;
}

/**
 * Follows re-exports per symbol to the file that defines it, from the export tables read off
 * the syntax: multi-hop chains, `export *`, `export * as ns`, renames, `default as X`, cycles
 * between barrels. A file that mixes its own exports with re-exports is the definition of its
 * own names and a barrel for the rest. Ambiguous or untraceable names answer undefined.
 */
export class BarrelTracer {
  private readonly byPath: Map<string, ModuleRecord>;
  private readonly memo = new Map<string, Definition[] | undefined>();

  constructor(records: ModuleRecord[]) {
    this.byPath = new Map(records.map((r) => [r.path, r]));
  }

  trace(file: string, name: string): Definition[] | undefined {
    const key = `${file}\0${name}`;
    if (!this.memo.has(key)) this.memo.set(key, this.walk(file, name, new Set()));
    return this.memo.get(key);
  }

  private target(rec: ModuleRecord, specifier: string): string | undefined {
    for (const imp of rec.imports) {
      if (imp.specifier === specifier && imp.target.type === "module") return imp.target.path;
    }
    return undefined;
  }

  private walk(file: string, name: string, seen: Set<string>): Definition[] | undefined {
    const key = `${file}\0${name}`;
    if (seen.has(key)) return undefined;
    seen.add(key);
    const rec = this.byPath.get(file);
    if (!rec) return undefined;
    if (rec.exports.own.some((e) => e.name === name)) return [{ file, name }];
    const named = rec.exports.named.find((e) => e.exported === name);
    if (named) {
      const to = this.target(rec, named.specifier);
      if (!to) return undefined;
      if (named.imported === "*") return [{ file: to, name: "*" }];
      return this.walk(to, named.imported, seen);
    }
    if (name === "default") return undefined; // `export *` never carries a default
    const found = new Map<string, Definition>();
    for (const spec of rec.exports.stars) {
      const to = this.target(rec, spec);
      if (!to) continue;
      for (const d of this.walk(to, name, seen) ?? []) found.set(`${d.file}\0${d.name}`, d);
    }
    // two stars exporting the same name: TypeScript makes it ambiguous, so do we
    return found.size === 1 ? [...found.values()] : undefined;
  }
}
