import type { Analysis, ServiceAnalysis } from "../analysis/types.js";
import { plural, verb } from "../util/plural.js";
import { getOrInsert } from "../util/maps.js";
import { byString } from "../util/order.js";
import { KERNEL } from "../metrics/types.js";
import { mermaidText } from "./graphFormats.js";
import { GLOBAL_METRIC_NOTES } from "../metrics/notes.js";
import { commonFolder } from "../util/paths.js";
import { asSentence, NO_ENTITY_FOUND, NO_ENTITY_SHARED } from "./dataNotes.js";
import { PLATFORM_REASON } from "../tiers/platform.js";

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

/** report.md must fit a pull-request comment (GitHub takes 65,536 characters). */
export const MAX_REPORT_CHARS = 60_000;
/** The file beside report.md with every service's detail. */
export const SERVICES_FILE = "services.md";

export interface MarkdownOptions {
  title?: string;
  /** how report.md names services.md: its path in the output folder */
  servicesPath?: string;
}

/**
 * report.md: the extraction report as a pull-request comment. It leads with the pick and its
 * reasons, then the shared data, the services and their dependencies, the kernel and the method;
 * per-service detail goes to services.md. Long lists are cut to keep the whole within
 * MAX_REPORT_CHARS on any repo, each cut saying how much more services.md or analysis.json holds.
 */
export function renderMarkdown(a: Analysis, opts: MarkdownOptions = {}): string {
  for (const limit of [40, 20, 10, 5]) {
    const text = renderWithLimit(a, opts, limit);
    if (text.length <= MAX_REPORT_CHARS) return text;
  }
  return (
    renderWithLimit(a, opts, 3).slice(0, MAX_REPORT_CHARS - 80) + "\n\n(cut to fit a comment: see analysis.json)\n"
  );
}

function renderWithLimit(a: Analysis, opts: MarkdownOptions, limit: number): string {
  const services = [...a.services].sort((x, y) => x.rank - y.rank);
  const name = nameOf(a);
  const out: string[] = [];
  out.push(`# faultline report${opts.title ? `: ${md(opts.title)}` : ""}`, "");
  out.push(summaryLine(a), "");
  if (services.length === 0) {
    out.push("## No services", "", noServicesReason(a, md), "");
    return out.join("\n") + "\n" + method(a);
  }
  out.push(...pickSection(a, name));
  out.push(...sharedDataSection(a, name, limit));
  // past a few dozen services, the table and the diagram show the top of the ranking
  const shown = services.slice(0, 2 * limit);
  out.push("## Services and their dependencies", "");
  out.push(...serviceDiagram(a, shown, 15), "");
  out.push(...servicesTable(shown));
  if (shown.length < services.length)
    out.push(`and ${services.length - shown.length} more services in ${opts.servicesPath ?? SERVICES_FILE}.`, "");
  out.push(...globalMetrics(a), "");
  out.push(...cyclesSection(a, name));
  out.push(...kernelSection(a, limit));
  out.push(...tiersSection(a, name, limit));
  out.push(...hiddenSection(a, name, Math.min(limit, 15)));
  out.push(
    `Each service's modules, contract (symbols and data), hotspots, co-change across its boundary, owners and files: ` +
      `\`${opts.servicesPath ?? SERVICES_FILE}\` in the report's folder.`,
    "",
  );
  return out.join("\n") + "\n" + method(a);
}

const nameOf = (a: Analysis) => {
  const names = new Map(a.services.map((s) => [s.id, s.name]));
  return (id: string) => (id === KERNEL ? "the kernel" : (names.get(id) ?? id));
};

function summaryLine(a: Analysis): string {
  const t = a.tiers.counts;
  const modules = a.services.reduce((n, s) => n + s.modules.length, 0);
  const tierNote =
    a.settings.tier === "all"
      ? `${a.repo.files} files`
      : `the ${a.settings.tier} code of ${a.repo.files} files (server ${t.server}, client ${t.client}, ` +
        `shared ${t.shared}, tooling ${t.tooling})`;
  return (
    `${plural(a.services.length, "candidate service")} (${plural(modules, "module")}) from ${tierNote} and ` +
    `${plural(a.repo.commits, "commit")}` +
    (a.repo.head ? ` at \`${a.repo.head.slice(0, 12)}\` (${a.repo.headDate.slice(0, 10)})` : "") +
    `; the shared kernel holds ${plural(a.kernel.files.length, "file")}.` +
    (a.repo.generated
      ? ` ${plural(a.repo.generated, "generated file")}, marked so in a first comment, ` +
        `${verb(a.repo.generated, "is", "are")} left out of every service.`
      : "") +
    (a.isolated.length ? ` ${md(isolatedLine(a.isolated))}.` : "")
  );
}

/** The files tied to no other analysed file, which no service holds: how many, and the first few. */
export function isolatedLine(isolated: string[]): string {
  const few = isolated.slice(0, 3).join(", ") + (isolated.length > 3 ? ` and ${isolated.length - 3} more` : "");
  return (
    `${plural(isolated.length, "isolated file")} (no import, co-change or shared author with any other analysed ` +
    `file) ${verb(isolated.length, "is", "are")} in no service: ${few}`
  );
}

/**
 * Why there are no services: no code of the chosen tier. `escape` takes what the repository wrote (a package's
 * name in the evidence) into the output's syntax; the command lines quoted are faultline's own.
 */
export function noServicesReason(a: Analysis, escape: (text: string) => string = (text) => text): string {
  const t = a.tiers.counts;
  if (a.repo.files > 0 && t.tooling === a.repo.files)
    return (
      `No services: every analysed file is tooling (${plural(a.repo.files, "file")}), which services leave out ` +
      `(${escape(commonestWhy(a, "tooling"))}). \`faultline explain FILE\` prints the evidence for one file.`
    );
  if (a.settings.tier === "server" && t.server === 0 && a.repo.files > 0)
    return (
      `No services: found no server code (${a.repo.files} files: ${t.client} client, ${t.shared} shared, ` +
      `${t.tooling} tooling). Services are made of server-side code; \`faultline analyze --tier client\` cuts ` +
      `the front end into micro-frontend candidates.`
    );
  if (a.settings.tier === "client" && t.client === 0)
    return `No services: found no client code (${a.repo.files} files). Try \`--tier server\` or \`--tier all\`.`;
  return `No services: no analysed file has a tie to another (${a.repo.files} files).`;
}

/** The evidence most files of a tier share (`package payload is a command-line tool (bin)`), with its count. */
function commonestWhy(a: Analysis, tier: string): string {
  const counts = new Map<string, number>();
  for (const f of a.tiers.files) if (f.tier === tier) counts.set(f.why, (counts.get(f.why) ?? 0) + 1);
  const [why, n] = [...counts].sort((x, y) => y[1] - x[1] || byString(x[0], y[0]))[0] ?? ["", 0];
  return `${n} of them: ${why}`;
}

function pickSection(a: Analysis, name: (id: string) => string): string[] {
  const first = a.extractionOrder.length ? a.services.find((s) => s.id === a.extractionOrder[0]) : undefined;
  if (!first) return ["## No first pick", "", md(a.extractionNote ?? "no first pick"), ""];
  const start = first.modules.find((m) => m.id === first.startWith);
  const out = [`## Extract first: ${md(first.name)}${start ? `, starting with its ${md(start.name)} module` : ""}`, ""];
  for (const w of first.why) out.push(`- ${md(w)}`);
  const data = first.contract.data;
  if (data.owns.length)
    out.push(
      `- owns ${plural(data.owns.length, "entity")}: ${data.owns
        .slice(0, 6)
        .map((d) => `${md(d.entity)}${d.readBy.length ? ` (read by ${d.readBy.map(name).map(md).join(", ")})` : ""}`)
        .join("; ")}${data.owns.length > 6 ? `; and ${data.owns.length - 6} more` : ""}`,
    );
  out.push("");
  return out;
}

function sharedDataSection(a: Analysis, name: (id: string) => string, limit: number): string[] {
  const hot = a.data.entities.filter((e) => e.readBy.length > 0);
  if (hot.length === 0) {
    const none = a.data.entities.length ? NO_ENTITY_SHARED : NO_ENTITY_FOUND;
    return ["## Shared data", "", asSentence(none), ""];
  }
  const out = ["## Shared data", "", "Entities other services read or write, the most shared first:", ""];
  out.push("| entity | owned by | read by | also written by |", "|---|---|---|---|");
  for (const e of hot.slice(0, Math.min(limit, 15))) {
    out.push(
      `| ${md(e.name)} | ${e.owner ? md(name(e.owner)) : "(no service)"} | ${plural(e.readBy.length, "service")}: ` +
        `${e.readBy.slice(0, 6).map(name).map(md).join(", ")}${e.readBy.length > 6 ? ", ..." : ""} | ` +
        `${e.writtenBy.map(name).map(md).join(", ")} |`,
    );
  }
  if (hot.length > Math.min(limit, 15)) out.push("", `and ${hot.length - Math.min(limit, 15)} more in analysis.json.`);
  out.push("");
  return out;
}

/**
 * Services as nodes (with their kernel imports as a count), their strongest dependencies on
 * each other as edges: the kernel is no node, or every strong edge would point at it.
 */
function serviceDiagram(a: Analysis, shown: ServiceAnalysis[], maxEdges: number): string[] {
  const ids = new Map(shown.map((s, i) => [s.id, `s${i}`]));
  const weights = new Map<string, number>();
  for (const s of shown) {
    for (const r of s.contract.requires) {
      if (r.service === KERNEL || !ids.has(r.service)) continue;
      const key = `${s.id}\0${r.service}`;
      weights.set(key, (weights.get(key) ?? 0) + 1);
    }
  }
  const edges = [...weights.entries()]
    .map(([k, w]) => ({ from: k.split("\0")[0], to: k.split("\0")[1], w }))
    .sort((x, y) => y.w - x.w || (x.from + x.to < y.from + y.to ? -1 : x.from + x.to > y.from + y.to ? 1 : 0))
    .slice(0, maxEdges);
  const lines = ["```mermaid", "flowchart LR"];
  for (const s of shown) {
    const k = s.costFactors.kernelImports;
    const label = `${s.rank}. ${s.name} (${s.files.length} files${k ? `, ${k} kernel imports` : ""})`;
    lines.push(`  ${ids.get(s.id)}["${mermaidText(label)}"]`);
  }
  for (const e of edges) if (ids.has(e.to)) lines.push(`  ${ids.get(e.from)} -->|${e.w}| ${ids.get(e.to)}`);
  lines.push("```");
  const kernelNote = a.kernel.files.length
    ? ` Every service may use the shared kernel (${plural(a.kernel.files.length, "file")}): its imports are ` +
      "counted on each node."
    : "";
  lines.push(
    "",
    `The ${plural(edges.length, "strongest dependency")} of ${weights.size} between services (one per service ` +
      `importing another's symbols, each direction apart; report.html counts pairs) ` +
      `${verb(edges.length, "is", "are")} drawn.${kernelNote}`,
  );
  return lines;
}

function servicesTable(services: ServiceAnalysis[]): string[] {
  const out = [
    "| rank | service | modules | files | lines | pain | cost | stability | cohesion | co-change kept inside " +
      "| owners |",
    "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
  ];
  for (const s of services) {
    const owners = s.metrics.owners.map((o) => `${md(o.name)} ${Math.round(o.share * 100)}%`).join(", ");
    // one module too: its name can differ from the service's (a service named for its entity)
    const modules = s.modules.map((m) => md(m.name)).join(", ");
    out.push(
      `| ${s.rank} | ${md(s.name)} | ${modules} | ${s.files.length} | ${s.metrics.lines} | ${fixed(s.pain)} | ` +
        `${fixed(s.cost)} | ${fixed(s.stability)} | ${fixed(s.metrics.cohesion)} | ` +
        `${fixed(s.metrics.cochangeContainment)} | ${owners} |`,
    );
  }
  out.push("");
  return out;
}

function globalMetrics(a: Analysis): string[] {
  const out = ["Global metrics of the cut:", ""];
  for (const n of GLOBAL_METRIC_NOTES)
    out.push(`- ${n.label} **${a.metrics[n.key]}**: ${n.means}; ${n.better} is better, ${n.range}.`);
  return out;
}

function cyclesSection(a: Analysis, name: (id: string) => string): string[] {
  if (!a.cycles.length) return [];
  const [big, ...rest] = a.cycles;
  const out = ["## Import cycles", ""];
  // the cycle of most services is counted, not listed; the list below it is then of the other cycles
  if (big.services.length > a.services.length / 2) {
    const others = rest.length ? ` ${rest.length === 1 ? "Another cycle" : `${rest.length} other cycles`}:` : "";
    out.push(`${big.services.length} of ${a.services.length} services form one import cycle.${others}`);
  } else out.push(`- ${big.services.map(name).map(md).join(", ")}`);
  for (const c of rest) out.push(`- ${c.services.map(name).map(md).join(", ")}`);
  out.push("", "Each service's strongest partners in a cycle are among its reasons in services.md.", "");
  return out;
}

function kernelSection(a: Analysis, limit: number): string[] {
  const out = ["## Shared kernel", ""];
  if (a.kernel.files.length === 0) return [...out, "No infrastructure file is shared by services.", ""];
  const rows = kernelRows(a.kernel.files);
  const platform = rows.some((r) => r.platform) ? ", and the platform packages the services are built with" : "";
  out.push(
    `Infrastructure two services or more import (configuration, logging, errors, framework glue)${platform}:`,
    "",
  );
  out.push("| file | why |", "|---|---|");
  // one row past the limit is shown rather than cut to "and 1 more"
  const shown = rows.length > limit + 1 ? limit : rows.length;
  for (const r of rows.slice(0, shown)) out.push(`| ${md(r.path)} | ${md(r.why)} |`);
  if (rows.length > shown) {
    const more = rows.slice(shown).reduce((n, r) => n + r.files, 0);
    out.push("", `and ${more} more in analysis.json.`);
  }
  out.push("");
  return out;
}

interface KernelRow {
  path: string;
  why: string;
  files: number;
  platform: boolean;
}

/**
 * The kernel's rows: a platform package (files sharing one `platform:` reason) as one row, its
 * folder and file count, first; then every other file.
 */
function kernelRows(files: Analysis["kernel"]["files"]): KernelRow[] {
  const platform = new Map<string, string[]>();
  const rest: KernelRow[] = [];
  for (const k of files)
    if (k.why.startsWith(PLATFORM_REASON)) getOrInsert(platform, k.why, () => []).push(k.path);
    else rest.push({ path: k.path, why: k.why, files: 1, platform: false });
  const packages = [...platform].map(([why, paths]) => ({
    path: paths.length > 1 ? `${commonFolder(paths)}/ (${paths.length} files)` : paths[0],
    why,
    files: paths.length,
    platform: true,
  }));
  return [...packages.sort((x, y) => byString(x.path, y.path)), ...rest];
}

function tiersSection(a: Analysis, name: (id: string) => string, limit: number): string[] {
  const out: string[] = [];
  if (a.client && a.client.files > 0) {
    out.push("## Front end", "");
    out.push(
      `${plural(a.client.files, "client file")} ${verb(a.client.files, "belongs", "belong")} to no service: ` +
        "the front end is a client of the services. " +
        "Its largest areas and the services their imports reach:",
      "",
      "| area | files | uses |",
      "|---|---:|---|",
    );
    for (const area of a.client.areas.slice(0, Math.min(limit, 20)))
      out.push(
        `| ${md(area.area)} | ${area.files} | ` +
          `${area.dependsOn.map((d) => `${md(name(d.service))} (${d.imports})`).join(", ")} |`,
      );
    out.push("");
  }
  if (a.sharedLibraries.length)
    out.push(
      `${plural(a.sharedLibraries.length, "file")} used by both server and client code form shared libraries, in no ` +
        `service (e.g. ${a.sharedLibraries.slice(0, 3).map(md).join(", ")}).`,
      "",
    );
  if (a.tiers.counts.tooling)
    out.push(
      `${plural(a.tiers.counts.tooling, "tooling file")} (build, dev and test tooling, docs sites) ` +
        `${verb(a.tiers.counts.tooling, "is", "are")} left out.`,
      "",
    );
  return out;
}

/**
 * Pairs that change together with no import between them, those that cross a boundary of the cut
 * first: each would be a change across two services. Pairs inside one service, or of the kernel's
 * barrels (every new domain registers in each), follow.
 */
function hiddenSection(a: Analysis, name: (id: string) => string, limit: number): string[] {
  if (a.hiddenCoupling.length === 0) return [];
  const serviceOf = new Map<string, string>();
  for (const s of a.services) for (const f of s.files) serviceOf.set(f, s.id);
  for (const k of a.kernel.files) serviceOf.set(k.path, KERNEL);
  const crosses = (h: Analysis["hiddenCoupling"][number]) => {
    const [x, y] = [serviceOf.get(h.a), serviceOf.get(h.b)];
    return x !== undefined && y !== undefined && x !== y && x !== KERNEL && y !== KERNEL;
  };
  const crossing = a.hiddenCoupling.filter(crosses);
  const pairs = [...crossing, ...a.hiddenCoupling.filter((h) => !crosses(h))];
  const across = crossing.length;
  const out = ["## Hidden coupling", ""];
  out.push(
    "File pairs that change together (3 or more shared commits, degree 30% or more) without any import between " +
      (across ? `them; the ${plural(across, "pair")} across two services first:` : "them, none across two services:"),
    "",
  );
  out.push("| file | service | file | service | shared commits | degree |", "|---|---|---|---|---:|---:|");
  const cell = (f: string) => {
    const s = serviceOf.get(f);
    return s === undefined ? "" : md(name(s));
  };
  for (const h of pairs.slice(0, limit))
    out.push(`| ${md(h.a)} | ${cell(h.a)} | ${md(h.b)} | ${cell(h.b)} | ${h.shared} | ${h.degree}% |`);
  if (pairs.length > limit) out.push("", `and ${pairs.length - limit} more in analysis.json.`);
  out.push("");
  return out;
}

function method(a: Analysis): string {
  const st = a.settings;
  const out = ["## Settings and method", ""];
  out.push(
    `- seed ${st.seed}, ${st.runs} clustering runs; modules at resolution ${st.resolution} (${md(st.resolutionRule)})`,
  );
  out.push(`- services: ${md(st.serviceRule)}`);
  const weights = Object.entries(st.weights)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  const damping =
    st.roleDamping === undefined
      ? ""
      : `; a tie between two files of one role or one layer folder counts ${st.roleDamping}`;
  out.push(`- weights: ${weights}${damping}`);
  const window = `${st.since ? ` since ${md(st.since)}` : ""}${st.until ? ` until ${md(st.until)}` : ""}`;
  const renames = st.renames ? "followed" : "not followed";
  out.push(
    `- history: ${
      st.history
        ? `${a.repo.commits} commits${window}, commits over ${st.maxChangeset} files dropped, renames ${renames}`
        : "none (not a git repository): structure alone"
    }; a first pick needs ${st.minCommits ?? 50} commits`,
  );
  out.push(
    `- services made of ${st.tier === "all" ? "every tier" : `${st.tier} code`}; tests ` +
      `${st.includeTests ? "included" : "left out"}; pain (recency-weighted commits, hotspots, fix commits, ` +
      `fragmentation) and cost (imports across the boundary, co-change leaving it, data used but not owned, ` +
      `cycles) are means of factors relative to the median service; priority = pain / (1 + cost).`,
  );
  out.push("");
  return out.join("\n");
}

/** services.md: every service's detail, in rank order. */
export function renderServicesMarkdown(a: Analysis, opts: { title?: string } = {}): string {
  const name = nameOf(a);
  const out = [`# faultline services${opts.title ? `: ${md(opts.title)}` : ""}`, ""];
  for (const s of [...a.services].sort((x, y) => x.rank - y.rank)) out.push(...serviceSection(s, name));
  return out.join("\n");
}

function serviceSection(s: ServiceAnalysis, name: (id: string) => string): string[] {
  const out: string[] = [];
  const m = s.metrics;
  out.push(`## ${s.rank}. ${md(s.name)}`, "");
  out.push(
    `${s.files.length} files, ${m.lines} lines; pain ${fixed(s.pain)}, cost ${fixed(s.cost)}; stability ` +
      `${fixed(s.stability)}; ${m.revisions} commits by ${m.authors} authors; imported ${m.fanIn} times by other ` +
      `services, imports them ${m.fanOut} times.`,
    "",
  );
  for (const w of s.why) out.push(`- ${md(w)}`);
  out.push("");
  out.push("**Modules**", "");
  for (const mod of s.modules) out.push(`- ${md(mod.name)} (${plural(mod.files.length, "file")})`);
  out.push("");
  out.push(...contractSection(s, name));
  if (s.painFactors.hotspots.length) out.push(`**Hotspots**: ${s.painFactors.hotspots.map(md).join(", ")}`, "");
  if (s.crossingCochange.length) {
    out.push("**Co-change crossing its boundary**", "", "| file | changes with | in | shared commits |");
    out.push("|---|---|---|---:|");
    for (const c of s.crossingCochange)
      out.push(`| ${md(c.file)} | ${md(c.with)} | ${md(name(c.service))} | ${c.shared} |`);
    out.push("");
  }
  if (m.owners.length)
    out.push(
      `**Owners**: ${m.owners.map((o) => `${md(o.name)} (${Math.round(o.share * 100)}% of its commits)`).join(", ")}`,
      "",
    );
  out.push(`<details><summary>${s.files.length} files</summary>`, "");
  for (const mod of s.modules) {
    for (const f of mod.files) {
      // a file a rule placed (a domain file with its owner) has no clustering confidence to speak of
      const placed = s.placed?.[f];
      const how = placed ? `placed: ${md(placed)}` : `confidence ${fixed(s.confidence[f] ?? 0)}`;
      out.push(`- ${md(f)} (${md(mod.name)}, ${how})`);
    }
  }
  out.push("", "</details>", "");
  return out;
}

function contractSection(s: ServiceAnalysis, name: (id: string) => string): string[] {
  const out: string[] = [];
  const c = s.contract;
  out.push("**Contract: provides**", "");
  if (c.provides.length === 0) out.push("Nothing: no other service imports from it.", "");
  else {
    out.push("| symbol | kind | file | used by |", "|---|---|---|---|");
    for (const p of c.provides)
      out.push(`| ${md(p.symbol)} | ${p.kind} | ${md(p.file)} | ${p.usedBy.map(name).map(md).join(", ")} |`);
    out.push("");
  }
  if (c.data.owns.length) {
    out.push("**Contract: data it owns**", "");
    for (const d of c.data.owns)
      out.push(`- ${md(d.entity)}${d.readBy.length ? `, read by ${d.readBy.map(name).map(md).join(", ")}` : ""}`);
    out.push("");
  }
  if (c.data.requires.length) {
    out.push("**Contract: data it requires**", "");
    for (const d of c.data.requires)
      out.push(`- ${md(d.entity)} from ${md(name(d.owner))}${d.write ? " (it writes it too)" : ""}`);
    out.push("");
  }
  const bySource = new Map<string, number>();
  for (const r of c.requires) bySource.set(r.service, (bySource.get(r.service) ?? 0) + 1);
  out.push(
    "**Contract: requires** " +
      (bySource.size === 0
        ? "nothing from other services."
        : [...bySource.entries()].map(([svc, n]) => `${plural(n, "symbol")} from ${md(name(svc))}`).join("; ") + "."),
    "",
  );
  if (c.requires.length) {
    out.push(`<details><summary>${plural(c.requires.length, "required symbol")}</summary>`, "");
    for (const r of c.requires) out.push(`- ${md(r.symbol)} from ${md(r.file)} (${md(name(r.service))})`);
    out.push("", "</details>", "");
  }
  return out;
}
