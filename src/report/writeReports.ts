import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Analysis } from "../analysis/types.js";
import { CacheStore } from "../cache/store.js";
import type { ModelJson } from "../metrics/modelJson.js";
import type { Log } from "../util/log.js";
import { renderHtml } from "./html/render.js";
import { renderMarkdown, renderServicesMarkdown, SERVICES_FILE } from "./markdown.js";

/**
 * Writes the reports of an analysis into `out`; returns the paths written. With a cache folder,
 * report.html's layout (the slow part of rendering) is reused while the files, services and
 * coupling edges it is computed from are unchanged.
 */
export function writeReports(
  analysis: Analysis,
  model: ModelJson | undefined,
  out: string,
  cache?: { dir: string; log: Log },
): string[] {
  // analyze names the analysed folder in model.json; without one the reports name the commit
  const title = model?.title;
  const md = path.join(out, "report.md");
  writeFileSync(md, renderMarkdown(analysis, { title, servicesPath: SERVICES_FILE }));
  const services = path.join(out, SERVICES_FILE);
  writeFileSync(services, renderServicesMarkdown(analysis, { title }));
  const html = path.join(out, "report.html");
  const layouts = cache ? new CacheStore<number[]>(cache.dir, "layout", cache.log) : undefined;
  const used = new Set<string>();
  writeFileSync(
    html,
    renderHtml(analysis, model, {
      title,
      layouts: layouts && {
        get: (k) => (used.add(k), layouts.get(k)),
        set: (k, xy) => layouts.set(k, xy),
      },
    }),
  );
  layouts?.retain(used);
  layouts?.save();
  return [md, services, html];
}
