import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Analysis } from "../../analysis/types.js";
import type { ModelJson } from "../../metrics/modelJson.js";
import { layoutGroups, layoutServices } from "./layout.js";
import { PAYLOAD_ELEMENT_ID, type PagePayload } from "./payload.js";
import { byString } from "../../util/order.js";

export interface RenderHtmlOptions {
  /** shown in the header and named in the exported proposal (default: "faultline <head>") */
  title?: string;
  /** layouts by their input (files, groups, edges): the layout is the slow part of rendering */
  layouts?: { get(key: string): number[] | undefined; set(key: string, xy: number[]): void };
  /**
   * The page opens on the service view when it draws more files than this (default 300): past a
   * few hundred files the file view is a hairball, and services are what the report is about.
   */
  serviceViewFrom?: number;
}

export const SERVICE_VIEW_FROM = 300;

/**
 * report.html: one self-contained file that works offline from file:// (no network, no fonts).
 * The page script (graphology, sigma and faultline's own metric code, bundled at build time by
 * scripts/build-report-page.mjs) and its stylesheet are inlined and pinned by hash in a
 * Content-Security-Policy; the data travels as JSON in a `<script type="application/json">`
 * with `<`, `>`, `&`, U+2028 and U+2029 escaped, so no repo-contributed name can close the
 * element or become markup. The layout is computed here (deterministic ForceAtlas2).
 */
export function renderHtml(analysis: Analysis, model: ModelJson | undefined, opts: RenderHtmlOptions = {}): string {
  const payload = buildPayload(
    analysis,
    model,
    opts.title ?? `faultline ${analysis.repo.head ? analysis.repo.head.slice(0, 7) : "analysis"}`,
    opts.layouts,
    opts.serviceViewFrom,
  );
  const { js, css } = pageAssets();
  const data = jsonForScript(payload);
  const csp = [
    "default-src 'none'",
    `script-src '${sha256(js)}'`,
    `style-src '${sha256(css)}'`,
    "img-src data: blob:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="faultline">',
    "<title>faultline report</title>",
    '<link rel="icon" href="data:,">',
    `<style>${css}</style>`,
    "</head>",
    "<body>",
    '<div id="app"><noscript>This report needs JavaScript; report.md carries the same findings as ' +
      "text.</noscript></div>",
    `<script type="application/json" id="${PAYLOAD_ELEMENT_ID}">${data}</script>`,
    `<script>${js}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/** JSON that can sit inside a `<script>` element: nothing in it can end the element or open a comment. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

export function buildPayload(
  analysis: Analysis,
  model: ModelJson | undefined,
  title: string,
  layouts?: RenderHtmlOptions["layouts"],
  serviceViewFrom = SERVICE_VIEW_FROM,
): PagePayload {
  const files = model ? model.files.map((f) => f.path) : filesOf(analysis);
  const index = new Map(files.map((f, i) => [f, i]));
  const groups = analysis.services.length + 2; // services, kernel, isolated (and anything unplaced)
  const group = new Map<string, number>();
  analysis.services.forEach((s, k) => s.files.forEach((f) => group.set(f, k)));
  for (const f of analysis.kernel.files) group.set(f.path, analysis.services.length);
  const edges: [number, number, number][] = model ? model.coupling.edges : tieEdges(analysis, index);
  // weights to one decimal: the picture does not need more, and a small edit elsewhere then
  // leaves the layout (and its cache entry) as it was
  const input = {
    groupOf: files.map((f) => group.get(f) ?? groups - 1),
    groups,
    edges: edges.map(([a, b, w]): [number, number, number] => [a, b, Math.round(w * 10) / 10]),
  };
  const key = layouts ? createHash("sha1").update(JSON.stringify(input)).digest("hex") : "";
  let xy = layouts?.get(key);
  if (!xy) {
    xy = layoutGroups(input);
    layouts?.set(key, xy);
  }
  return {
    schema: "faultline/report-page@1",
    title,
    analysis,
    model: model ?? null,
    files,
    xy,
    edges: model ? null : edges,
    defaultView: files.length > serviceViewFrom ? "services" : "files",
    serviceXY: serviceLayout(analysis, input.groupOf, input.edges),
  };
}

/** Service view positions from the coupling weight between services (the kernel and isolated files apart). */
function serviceLayout(
  a: Analysis,
  groupOf: number[],
  edges: [number, number, number][],
): Record<string, [number, number]> {
  const k = a.services.length;
  const between = new Map<number, number>();
  for (const [x, y, w] of edges) {
    const gx = groupOf[x];
    const gy = groupOf[y];
    if (gx === gy || gx >= k || gy >= k) continue;
    const key = Math.min(gx, gy) * k + Math.max(gx, gy);
    between.set(key, (between.get(key) ?? 0) + w);
  }
  const xy = layoutServices({
    files: a.services.map((s) => s.files.length),
    links: [...between.entries()].map(([key, w]) => [Math.floor(key / k), key % k, w]),
  });
  return Object.fromEntries(a.services.map((s, i) => [s.id, [xy[2 * i], xy[2 * i + 1]]]));
}

/** Without model.json: every file the analysis names, in string order. */
function filesOf(a: Analysis): string[] {
  const all = new Set<string>();
  for (const s of a.services) for (const f of s.files) all.add(f);
  for (const f of a.kernel.files) all.add(f.path);
  for (const f of a.isolated ?? []) all.add(f);
  return [...all].sort(byString);
}

/** Without model.json: the strongest ties analysis.json records per file, as undirected edges. */
function tieEdges(a: Analysis, index: Map<string, number>): [number, number, number][] {
  const best = new Map<number, number>();
  const n = index.size;
  for (const s of a.services) {
    for (const [file, ties] of Object.entries(s.ties ?? {})) {
      const i = index.get(file);
      if (i === undefined) continue;
      for (const t of ties) {
        const j = index.get(t.with);
        if (j === undefined || j === i) continue;
        const key = Math.min(i, j) * n + Math.max(i, j);
        best.set(key, Math.max(best.get(key) ?? 0, t.weight));
      }
    }
  }
  return [...best.entries()].sort((x, y) => x[0] - y[0]).map(([key, w]) => [Math.floor(key / n), key % n, w]);
}

function sha256(text: string): string {
  return `sha256-${createHash("sha256").update(text, "utf8").digest("base64")}`;
}

let assets: { js: string; css: string } | undefined;

/**
 * The built page script and stylesheet: next to this module in dist/, or (when this module runs
 * from src/, e.g. under vitest) in the project's dist/ that `npm run build` wrote.
 */
function pageAssets(): { js: string; css: string } {
  if (assets) return assets;
  const candidates = [new URL("./", import.meta.url), new URL("../../../dist/report/html/", import.meta.url)];
  for (const dir of candidates) {
    const js = fileURLToPath(new URL("page.js", dir));
    const css = fileURLToPath(new URL("page.css", dir));
    if (existsSync(js) && existsSync(css)) {
      assets = { js: readFileSync(js, "utf8"), css: readFileSync(css, "utf8") };
      for (const [name, text] of Object.entries(assets)) {
        if (/<\/(script|style)|<!--/i.test(text))
          throw new Error(
            `${name === "js" ? js : css} contains a sequence that would end its element: rebuild with npm run build`,
          );
      }
      return assets;
    }
  }
  throw new Error("report page bundle missing (dist/report/html/page.js): run npm run build");
}
