import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Analysis } from "../analysis/types.js";
import type { ModelJson } from "../metrics/modelJson.js";
import { renderHtml } from "./html/render.js";
import { renderMarkdown } from "./markdown.js";

/** Writes the reports of an analysis into `out`; returns the paths written. */
export function writeReports(analysis: Analysis, model: ModelJson | undefined, out: string, title?: string): string[] {
  const md = path.join(out, "report.md");
  writeFileSync(md, renderMarkdown(analysis, { title }));
  const html = path.join(out, "report.html");
  writeFileSync(html, renderHtml(analysis, model, { title }));
  return [md, html];
}
