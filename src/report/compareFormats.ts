import { plural, verb } from "../util/plural.js";
import { changeFiles, commonUnassigned, type Comparison, type ServiceChange } from "../compare/compare.js";
import type { GlobalMetrics } from "../metrics/types.js";
import { ownerOf } from "../compare/resolveProposal.js";
import { md } from "./markdown.js";

const METRICS: { key: keyof GlobalMetrics; label: string; better: "higher" | "lower" }[] = [
  { key: "modularity", label: "modularity", better: "higher" },
  { key: "turboMQ", label: "TurboMQ", better: "higher" },
  { key: "crossEdgeShare", label: "import edges crossing services", better: "lower" },
  { key: "ifn", label: "IFN (interface files per service)", better: "lower" },
  { key: "ned", label: "NED (files in services outside 5..100 files)", better: "lower" },
];

/** compare --format md: scorecards side by side (best value in bold), agreement, what changes. */
export function comparisonToMarkdown(c: Comparison): string {
  const out: string[] = ["# faultline compare", ""];
  const ps = c.proposals;
  out.push(`| metric | ${ps.map((p) => md(p.name)).join(" | ")} |`, `|---|${ps.map(() => "---:").join("|")}|`);
  out.push(`| services | ${ps.map((p) => p.services).join(" | ")} |`);
  out.push(`| kernel files | ${ps.map((p) => p.kernel).join(" | ")} |`);
  out.push(`| unassigned files | ${ps.map((p) => p.unassigned.length).join(" | ")} |`);
  for (const m of METRICS) {
    const values = ps.map((p) => p.scorecard.global[m.key]);
    const best = m.better === "higher" ? Math.max(...values) : Math.min(...values);
    out.push(
      `| ${m.label} (${m.better} is better) | ` +
        `${values.map((v) => (v === best && ps.length > 1 ? `**${v}**` : String(v))).join(" | ")} |`,
    );
  }
  out.push("");
  if (c.agreement.length) {
    out.push("## Agreement", "", "| A | B | MoJoFM A→B | MoJoFM B→A | adjusted Rand |", "|---|---|---:|---:|---:|");
    for (const g of c.agreement) out.push(`| ${md(g.a)} | ${md(g.b)} | ${g.mojoFMab} | ${g.mojoFMba} | ${g.ari} |`);
    out.push("");
  }
  for (const mv of c.moves) out.push(...movesToMarkdown(mv));
  // files no proposal puts in a service (an analysis's isolated files, in its export too) are said once
  const common = commonUnassigned(ps);
  const own = (p: (typeof ps)[number]) => p.unassigned.filter((f) => !common.has(f));
  const problems = ps.filter((p) => p.emptyPatterns.length || p.conflicts.length || own(p).length);
  if (problems.length || common.size) {
    out.push("## Problems in the proposals", "");
    if (common.size)
      out.push(
        `- every proposal: ${plural(common.size, "analysed file")} ` +
          `${verb(common.size, "belongs", "belong")} to no service, e.g. ${[...common].slice(0, 5).map(md).join(", ")}`,
      );
    for (const p of problems) {
      for (const e of p.emptyPatterns)
        out.push(`- ${md(e.where)}: ${md(e.pattern)} (${md(ownerOf(e.service))}) ${md(e.why)}`);
      for (const x of p.conflicts)
        out.push(
          `- ${md(p.source)}: ${md(x.file)} is claimed by ${x.services.map(md).join(" and ")} (kept in ` +
            `${md(x.services[0])})`,
        );
      const unassigned = own(p);
      if (unassigned.length) {
        out.push(
          `- ${md(p.source)}: ${plural(unassigned.length, "analysed file")} ` +
            `${verb(unassigned.length, "belongs", "belong")} to no service${common.size ? " in it alone" : ""}, e.g. ` +
            `${unassigned.slice(0, 5).map(md).join(", ")}`,
        );
      }
    }
    out.push("");
  }
  return out.join("\n");
}

const and = (names: string[]) => names.map(md).join(" and ");
const count = (n: number) => (n === 0 ? "nothing moves" : n === 1 ? "1 file moves" : `${n} files move`);
/** a rename counts the files that left the service, whatever moves elsewhere */
const left = (n: number) =>
  n === 0 ? "none of its files move" : n === 1 ? "1 of its files moves" : `${n} of its files move`;

/** One line per change, worded after its kind (the rules: docs/compare.md). */
function changeLine(ch: ServiceChange): string {
  if (ch.kind === "renamed") return `renamed: ${and(ch.from)} to ${and(ch.to)} (${left(ch.files)})`;
  const [what, into] =
    ch.kind === "new" ? [and(ch.to), ch.files ? " in" : ""] : [`${and(ch.from)} into ${and(ch.to)}`, ""];
  return `${ch.kind}: ${what} (${count(ch.files)}${into})`;
}

/** A pair of proposals: the service-level changes first, each with its files, then every move by (from, to). */
function movesToMarkdown(mv: Comparison["moves"][number]): string[] {
  const out = [`## From ${md(mv.a)} to ${md(mv.b)}`, "", `### Service-level changes: ${mv.changes.length}`, ""];
  for (const ch of mv.changes) {
    const files = changeFiles(ch, mv.groups).flatMap((g) => g.files.map((f) => ({ f, to: g.to, from: g.from })));
    if (!files.length) {
      out.push(`- ${changeLine(ch)}`);
      continue;
    }
    out.push(`- <details><summary>${changeLine(ch)}</summary>`, "");
    for (const x of files) out.push(`  - ${md(x.f)} ${ch.kind === "new" ? `(from ${md(x.from)})` : `→ ${md(x.to)}`}`);
    out.push("", "  </details>");
  }
  out.push("", `### Files that move: ${mv.moved}`, "");
  for (const g of mv.groups) {
    out.push(`<details><summary>${g.files.length} from ${md(g.from)} to ${md(g.to)}</summary>`, "");
    for (const f of g.files) out.push(`- ${md(f)}`);
    out.push("", "</details>", "");
  }
  return out;
}
