import path from "node:path";
import type { Analysis } from "../analysis/types.js";
import { isolatedLine, noServicesReason } from "../report/markdown.js";
import { plural } from "../util/plural.js";
import { NO_ENTITY_FOUND, NO_ENTITY_SHARED } from "../report/dataNotes.js";
import type { Io } from "./io.js";

/** The terminal summary: services with modules, pain, cost and rank; the pick; the shared data; the paths written. */
export function printSummary(a: Analysis, written: string[], io: Io): void {
  const color = io.outColor;
  const bold = (s: string) => (color ? `\x1b[1m${s}\x1b[22m` : s);
  const lines: string[] = [];
  const services = [...a.services].sort((x, y) => x.rank - y.rank);
  const t = a.tiers.counts;
  const modules = services.reduce((n, s) => n + s.modules.length, 0);
  const scope =
    a.settings.tier === "all"
      ? `${a.repo.files} files`
      : `${a.repo.files} files (server ${t.server}, client ${t.client}, shared ${t.shared}, tooling ${t.tooling})`;
  lines.push(
    bold(`${services.length} candidate services`) +
      ` (${modules} modules) from ${scope} and ${a.repo.commits} commits; kernel ${a.kernel.files.length} files`,
  );
  // files the analysis could not read are in no service: the warnings name them, the summary counts them
  const skipped = a.repo.skipped ?? 0;
  if (skipped)
    lines.push(
      `${plural(skipped, "file")} skipped (unreadable, or over --max-file-size): each is named in a warning and is ` +
        "in no service",
    );
  const generated = a.repo.generated ?? 0;
  if (generated)
    lines.push(
      `${plural(generated, "generated file")} left out of every service (a first comment such as @generated or ` +
        `"do not edit" marks them; --include-tests takes them in)`,
    );
  if (a.isolated.length) lines.push(isolatedLine(a.isolated));
  if (services.length === 0) lines.push(noServicesReason(a));
  else {
    const rows = [["rank", "service", "modules", "files", "lines", "pain", "cost"]];
    for (const s of services)
      rows.push([
        String(s.rank),
        s.name,
        String(s.modules.length),
        String(s.files.length),
        String(s.metrics.lines),
        s.pain.toFixed(2),
        s.cost.toFixed(2),
      ]);
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    for (const [i, r] of rows.entries()) {
      const line = r.map((cell, c) => (c === 1 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
      lines.push("  " + (i === 0 ? bold(line) : line));
    }
    lines.push("");
    const first = a.extractionOrder.length ? services.find((s) => s.id === a.extractionOrder[0]) : undefined;
    if (first) {
      const start = first.modules.find((m) => m.id === first.startWith);
      lines.push(bold(`Extract first: ${first.name}${start ? `, starting with its ${start.name} module` : ""}`));
      for (const w of first.why.slice(0, 5)) lines.push(`  - ${w}`);
    } else lines.push(bold("No first pick: ") + (a.extractionNote ?? "").replace(/^no first pick: /, ""));
    const hot = a.data.entities.filter((e) => e.readBy.length > 0).slice(0, 3);
    const name = (id: string | null) => (id ? (services.find((s) => s.id === id)?.name ?? id) : "no service");
    lines.push("");
    lines.push(
      bold("Shared data: ") +
        (hot.length
          ? hot.map((e) => `${e.name} (owned by ${name(e.owner)}, used by ${e.readBy.length} more)`).join("; ")
          : a.data.entities.length
            ? NO_ENTITY_SHARED
            : NO_ENTITY_FOUND),
    );
  }
  lines.push("");
  for (const f of written) {
    const rel = path.relative(io.cwd, f);
    lines.push(`wrote ${rel && !rel.startsWith("..") ? rel : f}`);
  }
  io.out(lines.join("\n") + "\n");
}
