import { KERNEL, type RepoModel, type ServicePartition } from "../metrics/types.js";
import { dataOwnership } from "./data.js";
import type { Contract, ContractSymbol, RequiredSymbol } from "./types.js";
import { byString } from "../util/order.js";
import { isReexportOnly } from "../graph/importGraph.js";

/**
 * Draft contracts read off the imports that cross service boundaries (resolved through
 * barrels, so a symbol is named where it is defined): what each service provides to the
 * others, and what it requires from them and from the shared kernel. Kinds come from the
 * export tables read off the syntax; no type checker runs.
 */
export function draftContracts(model: RepoModel, p: ServicePartition): Map<string, Contract> {
  const serviceOf = new Map<string, string>();
  for (const s of p.services) for (const f of s.files) serviceOf.set(f, s.id);
  const kernel = new Set(p.kernel);
  const kinds = new Map<string, Map<string, string>>();
  for (const r of model.records) kinds.set(r.path, new Map(r.exports.own.map((e) => [e.name, e.kind])));
  const kindOf = (file: string, symbol: string) =>
    symbol === "*"
      ? "namespace"
      : (kinds.get(file)?.get(symbol) ??
        (kinds.get(file)?.has("default") && symbol === "default" ? "default" : "unknown"));

  const provides = new Map<string, Map<string, ContractSymbol>>();
  const requires = new Map<string, Map<string, RequiredSymbol>>();
  for (const s of p.services) {
    provides.set(s.id, new Map());
    requires.set(s.id, new Map());
  }
  for (const e of model.imports.edges) {
    const from = serviceOf.get(e.from);
    if (from === undefined) continue;
    const to = serviceOf.get(e.to) ?? (kernel.has(e.to) ? KERNEL : undefined);
    if (to === undefined || to === from) continue;
    if (isReexportOnly(e)) continue;
    const symbols = e.symbols.length ? e.symbols : ["*"];
    for (const symbol of symbols) {
      const key = `${e.to}\0${symbol}`;
      requires.get(from)!.set(`${to}\0${key}`, { service: to, file: e.to, symbol });
      if (to === KERNEL) continue;
      const list = provides.get(to)!;
      const entry = list.get(key) ?? { file: e.to, symbol, kind: kindOf(e.to, symbol), usedBy: [] };
      if (!entry.usedBy.includes(from)) entry.usedBy.push(from);
      list.set(key, entry);
    }
  }
  const data = dataOwnership(model.data, p);
  const out = new Map<string, Contract>();
  for (const s of p.services) {
    out.set(s.id, {
      provides: [...provides.get(s.id)!.values()]
        .map((c) => ({ ...c, usedBy: c.usedBy.sort(byString) }))
        .sort((a, b) => byString(a.file, b.file) || byString(a.symbol, b.symbol)),
      requires: [...requires.get(s.id)!.values()].sort(
        (a, b) => byString(a.service, b.service) || byString(a.file, b.file) || byString(a.symbol, b.symbol),
      ),
      data: { owns: data.owns.get(s.id) ?? [], requires: data.requires.get(s.id) ?? [] },
    });
  }
  return out;
}
