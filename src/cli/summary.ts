import path from "node:path";
import type { Analysis } from "../analysis/types.js";
import type { Io } from "./io.js";

/** The terminal summary: services with pain, cost and rank; the recommendation; the paths written. */
export function printSummary(a: Analysis, written: string[], io: Io): void {
  const color = io.outColor;
  const bold = (s: string) => (color ? `\x1b[1m${s}\x1b[22m` : s);
  const lines: string[] = [];
  const services = [...a.services].sort((x, y) => x.rank - y.rank);
  lines.push(
    bold(`${services.length} candidate services`) +
      ` from ${a.repo.files} files and ${a.repo.commits} commits (resolution ${a.settings.resolution}, kernel ` +
      `${a.kernel.files.length} files)`,
  );
  const rows = [["rank", "service", "files", "lines", "pain", "cost", "stability"]];
  for (const s of services) {
    rows.push([
      String(s.rank),
      s.name,
      String(s.files.length),
      String(s.metrics.lines),
      s.pain.toFixed(2),
      s.cost.toFixed(2),
      s.stability.toFixed(2),
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const [i, r] of rows.entries()) {
    const line = r.map((cell, c) => (c === 1 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
    lines.push("  " + (i === 0 ? bold(line) : line));
  }
  const first = services[0];
  if (first) {
    lines.push("");
    lines.push(bold(`Extract first: ${first.name}`));
    for (const w of first.why.slice(0, 4)) lines.push(`  - ${w}`);
  }
  lines.push("");
  for (const f of written) {
    const rel = path.relative(io.cwd, f);
    lines.push(`wrote ${rel && !rel.startsWith("..") ? rel : f}`);
  }
  io.out(lines.join("\n") + "\n");
}
