import type { Analysis, ServiceAnalysis } from "../analysis/types.js";
import { KERNEL } from "../metrics/types.js";
import { mermaidText } from "./graphFormats.js";
import { byString } from "../util/order.js";

/**
 * Text from the analysed repo (file, author, symbol and service names) made inert in
 * GitHub-flavoured Markdown: HTML-significant characters become entities; emphasis, code and
 * link brackets are backslash-escaped (no `[` means no link, whatever parentheses follow); a
 * `|` can no longer end a table cell. Our text never starts a line, so `#` and `-` are safe.
 */
export function md(text: string): string {
  return text
    .replace(/[\\`*_[\]~]/g, (c) => `\\${c}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, " ");
}

const fixed = (x: number, d = 2) => x.toFixed(d);

/** report.md: the extraction report, written to read well as a pull-request comment on GitHub. */
export function renderMarkdown(a: Analysis, opts: { title?: string; maxEdges?: number } = {}): string {
  const services = [...a.services].sort((x, y) => x.rank - y.rank);
  const name = new Map(services.map((s) => [s.id, s.name]));
  const out: string[] = [];
  out.push(`# faultline report${opts.title ? `: ${md(opts.title)}` : ""}`, "");
  out.push(
    `${services.length} candidate services from ${a.repo.files} files and ${a.repo.commits} commits` +
      (a.repo.head ? ` at \`${a.repo.head.slice(0, 12)}\` (${a.repo.headDate.slice(0, 10)})` : "") +
      `; the shared kernel holds ${a.kernel.files.length} files.`,
    "",
  );
  const first = services[0];
  if (first) {
    out.push(`## Extract first: ${md(first.name)}`, "");
    for (const w of first.why) out.push(`- ${md(w)}`);
    out.push("");
  }

  out.push("## Services and their dependencies", "");
  out.push(...serviceDiagram(a, opts.maxEdges ?? 15), "");

  out.push("| rank | service | files | lines | pain | cost | stability | cohesion | co-change kept inside | owners |");
  out.push("|---:|---|---:|---:|---:|---:|---:|---:|---:|---|");
  for (const s of services) {
    const owners = s.metrics.owners.map((o) => `${md(o.name)} ${Math.round(o.share * 100)}%`).join(", ");
    out.push(
      `| ${s.rank} | ${md(s.name)} | ${s.files.length} | ${s.metrics.lines} | ${fixed(s.pain)} | ${fixed(s.cost)} | ` +
        `${fixed(s.stability)} | ${fixed(s.metrics.cohesion)} | ${fixed(s.metrics.cochangeContainment)} | ${owners} |`,
    );
  }
  out.push("");
  const g = a.metrics;
  out.push(
    `Global: modularity ${g.modularity}, TurboMQ ${g.turboMQ}, ${Math.round(g.crossEdgeShare * 100)}% of import ` +
      `edges cross services, IFN ${g.ifn}, NED ${g.ned}.`,
    "",
  );

  for (const s of services) out.push(...serviceSection(s, name));

  out.push("## Shared kernel", "");
  if (a.kernel.files.length === 0) out.push("No file is imported from most services.", "");
  else {
    out.push("| file | why |", "|---|---|");
    for (const k of a.kernel.files) out.push(`| ${md(k.path)} | ${md(k.why)} |`);
    out.push("");
  }

  out.push("## Hidden coupling", "");
  if (a.hiddenCoupling.length === 0) out.push("No file pairs change together without importing each other.", "");
  else {
    out.push(
      "File pairs that change together (3 or more shared commits, degree 30% or more) without any import between them:",
      "",
    );
    out.push("| file | file | shared commits | degree |", "|---|---|---:|---:|");
    for (const h of a.hiddenCoupling.slice(0, 25)) out.push(`| ${md(h.a)} | ${md(h.b)} | ${h.shared} | ${h.degree}% |`);
    if (a.hiddenCoupling.length > 25) out.push("", `and ${a.hiddenCoupling.length - 25} more in analysis.json.`);
    out.push("");
  }

  if (a.isolated.length) {
    out.push(`<details><summary>${a.isolated.length} isolated files (no tie to any other file)</summary>`, "");
    for (const f of a.isolated) out.push(`- ${md(f)}`);
    out.push("", "</details>", "");
  }

  const st = a.settings;
  out.push("## Settings and method", "");
  out.push(`- seed ${st.seed}, ${st.runs} clustering runs, resolution ${st.resolution} (${md(st.resolutionRule)})`);
  out.push(
    `- weights: ${Object.entries(st.weights)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}${
      st.roleDamping === undefined
        ? ""
        : `; a tie between two files of one naming role (\`*.module\`, ` +
          `\`route.ts\` in many folders) counts ${st.roleDamping}`
    }`,
  );
  const window = `${st.since ? ` since ${md(st.since)}` : ""}${st.until ? ` until ${md(st.until)}` : ""}`;
  const renames = st.renames ? "followed" : "not followed";
  out.push(
    `- history: ${
      st.history
        ? `${a.repo.commits} commits${window}, commits over ${st.maxChangeset} files dropped, renames ${renames}`
        : "none (not a git repository): structure alone"
    }`,
  );
  out.push(
    `- tests ${st.includeTests ? "included" : "left out"}; pain and cost are means of factors relative to the ` +
      `median service; priority = pain / (1 + cost). Definitions: faultline's README.`,
  );
  out.push("");
  return out.join("\n");
}

/** Services as nodes, the strongest import dependencies as edges, the kernel as one node. */
function serviceDiagram(a: Analysis, maxEdges: number): string[] {
  const ids = new Map(a.services.map((s, i) => [s.id, `s${i}`]));
  const weights = new Map<string, number>();
  for (const s of a.services) {
    for (const r of s.contract.requires) {
      const key = `${s.id}\0${r.service}`;
      weights.set(key, (weights.get(key) ?? 0) + 1);
    }
  }
  const edges = [...weights.entries()]
    .map(([k, w]) => ({ from: k.split("\0")[0], to: k.split("\0")[1], w }))
    .sort((x, y) => y.w - x.w || byString(x.from + x.to, y.from + y.to))
    .slice(0, maxEdges);
  const lines = ["```mermaid", "flowchart LR"];
  for (const s of a.services)
    lines.push(`  ${ids.get(s.id)}["${mermaidText(`${s.rank}. ${s.name} (${s.files.length} files)`)}"]`);
  if (a.kernel.files.length)
    lines.push(`  kernel[("${mermaidText(`shared kernel (${a.kernel.files.length} files)`)}")]`);
  for (const e of edges) {
    const to = e.to === KERNEL ? "kernel" : ids.get(e.to);
    if (!to) continue;
    lines.push(`  ${ids.get(e.from)} -->|${e.w}| ${to}`);
  }
  lines.push("```");
  if (weights.size > edges.length)
    lines.push("", `The ${edges.length} strongest of ${weights.size} dependencies (symbols imported) are drawn.`);
  return lines;
}

function serviceSection(s: ServiceAnalysis, name: Map<string, string>): string[] {
  const out: string[] = [];
  const m = s.metrics;
  out.push(`## ${s.rank}. ${md(s.name)}`, "");
  out.push(
    `${s.files.length} files, ${m.lines} lines; pain ${fixed(s.pain)}, cost ${fixed(s.cost)}; stability ` +
      `${fixed(s.stability)}; ` +
      `${m.revisions} commits by ${m.authors} authors; imported ${m.fanIn} times by other services, imports them ` +
      `${m.fanOut} times.`,
    "",
  );
  for (const w of s.why) out.push(`- ${md(w)}`);
  out.push("");

  out.push("**Contract: provides**", "");
  if (s.contract.provides.length === 0) out.push("Nothing: no other service imports from it.", "");
  else {
    out.push("| symbol | kind | file | used by |", "|---|---|---|---|");
    for (const p of s.contract.provides)
      out.push(
        `| ${md(p.symbol)} | ${p.kind} | ${md(p.file)} | ${p.usedBy.map((u) => md(name.get(u) ?? u)).join(", ")} |`,
      );
    out.push("");
  }
  const bySource = new Map<string, number>();
  for (const r of s.contract.requires) bySource.set(r.service, (bySource.get(r.service) ?? 0) + 1);
  out.push(
    "**Contract: requires** " +
      (bySource.size === 0
        ? "nothing from other services."
        : [...bySource.entries()]
            .map(
              ([svc, n]) =>
                `${n} symbol${n > 1 ? "s" : ""} from ` +
                `${svc === KERNEL ? "the shared kernel" : md(name.get(svc) ?? svc)}`,
            )
            .join("; ") + "."),
    "",
  );
  if (s.contract.requires.length) {
    out.push(`<details><summary>${s.contract.requires.length} required symbols</summary>`, "");
    for (const r of s.contract.requires)
      out.push(
        `- ${md(r.symbol)} from ${md(r.file)} ` +
          `(${r.service === KERNEL ? "kernel" : md(name.get(r.service) ?? r.service)})`,
      );
    out.push("", "</details>", "");
  }
  if (s.painFactors.hotspots.length) {
    out.push(`**Hotspots**: ${s.painFactors.hotspots.map(md).join(", ")}`, "");
  }
  if (s.crossingCochange.length) {
    out.push(
      "**Co-change crossing its boundary**",
      "",
      "| file | changes with | in | shared commits |",
      "|---|---|---|---:|",
    );
    for (const c of s.crossingCochange)
      out.push(`| ${md(c.file)} | ${md(c.with)} | ${md(name.get(c.service) ?? c.service)} | ${c.shared} |`);
    out.push("");
  }
  if (m.owners.length)
    out.push(
      `**Owners**: ${m.owners.map((o) => `${md(o.name)} (${Math.round(o.share * 100)}% of its commits)`).join(", ")}`,
      "",
    );
  out.push(`<details><summary>${s.files.length} files</summary>`, "");
  for (const f of s.files) out.push(`- ${md(f)} (confidence ${fixed(s.confidence[f] ?? 0)})`);
  out.push("", "</details>", "");
  return out;
}
