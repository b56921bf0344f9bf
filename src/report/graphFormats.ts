import type { ImportGraph } from "../graph/types.js";

/** Graphviz: type-only edges dashed. Names are quoted and escaped, never trusted. */
export function graphToDot(g: ImportGraph): string {
  const q = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
  const lines = ["digraph faultline {", "  rankdir=LR;", "  node [shape=box, fontname=Helvetica];"];
  for (const m of g.modules) lines.push(`  ${q(m.path)};`);
  for (const e of g.edges) lines.push(`  ${q(e.from)} -> ${q(e.to)}${e.typeOnly ? " [style=dashed]" : ""};`);
  lines.push("}");
  return lines.join("\n") + "\n";
}

/** Mermaid flowchart: ids are generated, labels entity-escaped so no name can break the diagram. */
export function graphToMermaid(g: ImportGraph): string {
  const id = new Map(g.modules.map((m, i) => [m.path, `m${i}`]));
  const lines = ["flowchart LR"];
  for (const m of g.modules) lines.push(`  ${id.get(m.path)}["${mermaidText(m.path)}"]`);
  for (const e of g.edges) lines.push(`  ${id.get(e.from)} ${e.typeOnly ? "-.->" : "-->"} ${id.get(e.to)}`);
  return lines.join("\n") + "\n";
}

/** Mermaid label text: every character that could end a label or open markup becomes an entity. */
export function mermaidText(s: string): string {
  return s.replace(/[^A-Za-z0-9 _./@:-]/g, (c) => `#${c.codePointAt(0)};`);
}
