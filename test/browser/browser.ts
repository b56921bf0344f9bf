// Debian's Chromium driven by playwright-core, for the report.html tests (npm run test:browser).
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type ConsoleMessage, type Page } from "playwright-core";
import type { Analysis } from "../../src/analysis/types.js";
import type { ModelJson } from "../../src/metrics/modelJson.js";
import { PROJECT, readJson, runCli, tempDir } from "../helpers/cli.js";

export const CHROMIUM = process.env.FAULTLINE_CHROMIUM ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  // WebGL (sigma) without a GPU: SwiftShader, which Chromium only falls back to when told
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
];

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} not found: apt-get install -y chromium (or set FAULTLINE_CHROMIUM)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** The built renderer (npm run test:browser builds dist/ first). */
export async function renderer(): Promise<typeof import("../../src/report/html/render.js")> {
  return import(pathToFileURL(path.join(PROJECT, "dist/report/html/render.js")).href) as Promise<
    typeof import("../../src/report/html/render.js")
  >;
}

export interface Analysed {
  dir: string;
  analysis: Analysis;
  model: ModelJson;
}

/** Runs the real CLI on a repo; returns analysis.json and model.json. */
export async function analyze(repo: string): Promise<Analysed> {
  const dir = tempDir("faultline-browser-");
  const r = await runCli(["analyze", repo, "--out", dir, "--quiet"]);
  if (r.code !== 0) throw new Error(`analyze failed (${r.code}): ${r.stderr}`);
  return {
    dir,
    analysis: readJson<Analysis>(path.join(dir, "analysis.json")),
    model: readJson<ModelJson>(path.join(dir, "model.json")),
  };
}

export function writeHtml(html: string, name = "report.html"): string {
  const file = path.join(tempDir("faultline-html-"), name);
  writeFileSync(file, html);
  return file;
}

/** What a page did that it should not: console errors, uncaught exceptions, requests leaving the file. */
export interface Trouble {
  errors: string[];
  requests: string[];
  dialogs: string[];
}

export function watch(page: Page): Trouble {
  const t: Trouble = { errors: [], requests: [], dialogs: [] };
  page.on("console", (m: ConsoleMessage) => {
    if (m.type() === "error") t.errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => t.errors.push(`pageerror: ${e.message}`));
  page.on("request", (r) => {
    const url = r.url();
    if (!/^(file|data|blob):/.test(url)) t.requests.push(url);
  });
  page.on("requestfailed", (r) => t.requests.push(`failed: ${r.url()} ${r.failure()?.errorText ?? ""}`));
  page.on("dialog", (d) => {
    t.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return t;
}

/** Opens a report from file:// and waits until the page script ran and sigma drew a frame. */
export async function open(
  browser: Browser,
  file: string,
  viewport = { width: 1280, height: 800 },
): Promise<{ page: Page; trouble: Trouble; ms: number }> {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  const trouble = watch(page);
  const started = Date.now();
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector("html[data-ready=true]", { timeout: 30_000 });
  await page.waitForSelector("[data-testid=graph][data-rendered=true], [data-testid=graph-error]", { timeout: 30_000 });
  return { page, trouble, ms: Date.now() - started };
}

/**
 * Counts saturated (service-coloured) pixels in a screenshot of an element: sigma draws nodes
 * with WebGL, which a DOM query cannot see, so the pixels are decoded by the browser itself in a
 * blank page (the report's CSP stays untouched).
 */
export async function colouredPixels(browser: Browser, png: Buffer): Promise<number> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement("canvas");
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext("2d")!;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, img.width, img.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) {
        const max = Math.max(d[i], d[i + 1], d[i + 2]);
        const min = Math.min(d[i], d[i + 1], d[i + 2]);
        if (max - min > 60) n++;
      }
      return n;
    }, png.toString("base64"));
  } finally {
    await page.close();
  }
}

/** The figures the page shows, as numbers (each element carries its exact value in data-value). */
export async function shownValues(page: Page, prefix: string): Promise<Record<string, number>> {
  return page.$$eval(
    `[data-testid^="${prefix}"]`,
    (els, p) =>
      Object.fromEntries(
        els.map((e) => [e.getAttribute("data-testid")!.slice(p.length), Number((e as HTMLElement).dataset.value)]),
      ),
    prefix,
  );
}
