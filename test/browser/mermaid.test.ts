// report.md's Mermaid diagrams rendered by Mermaid itself in Chromium, as GitHub renders them:
// they must parse, and hostile names must come out as label text, never as markup.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Analysis } from "../../src/analysis/types.js";
import { PROJECT, runCli, tempDir } from "../helpers/cli.js";
import { demoRepo } from "../helpers/demo.js";
import { NASTY_FILES } from "../helpers/xss.js";
import { analyze, launch, watch, type Trouble } from "./browser.js";

const MERMAID = path.join(PROJECT, "node_modules/mermaid/dist/mermaid.min.js");

let browser: Browser;
let page: Page;
let trouble: Trouble;

beforeAll(async () => {
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  trouble = watch(page);
  await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>');
  await page.addScriptTag({ path: MERMAID });
  await page.evaluate(() =>
    (window as unknown as { mermaid: { initialize(c: object): void } }).mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
    }),
  );
});

afterAll(async () => {
  await browser?.close();
});

function mermaidBlocks(md: string): string[] {
  return [...md.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

/** Renders one diagram; returns its labels' text and the elements it would add to a page. */
async function render(
  code: string,
  id: string,
): Promise<{ text: string; img: number; script: number; foreignLinks: number }> {
  return page.evaluate(
    async ([code, id]) => {
      const mermaid = (window as unknown as { mermaid: { render(id: string, code: string): Promise<{ svg: string }> } })
        .mermaid;
      const { svg } = await mermaid.render(id, code);
      const out = document.getElementById("out")!;
      // what GitHub does with the SVG Mermaid returns (this test page has no CSP)
      out.innerHTML = svg;
      const labels = out.querySelector("svg")!.cloneNode(true) as SVGElement;
      for (const style of labels.querySelectorAll("style")) style.remove();
      return {
        text: (labels.textContent ?? "").replace(/\s+/g, " "),
        img: out.querySelectorAll("img").length,
        script: out.querySelectorAll("script").length,
        foreignLinks: out.querySelectorAll("a[href^='javascript']").length,
      };
    },
    [code, id] as const,
  );
}

async function reportMd(analysis: Analysis): Promise<string> {
  const dir = tempDir("faultline-md-");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "analysis.json"), JSON.stringify(analysis));
  const r = await runCli(["report", path.join(dir, "analysis.json"), "--out", dir]);
  if (r.code !== 0) throw new Error(`faultline report failed: ${r.stderr}`);
  return readFileSync(path.join(dir, "report.md"), "utf8");
}

describe("report.md's Mermaid diagrams", () => {
  it("render in Mermaid for the demo monolith, one labelled node per service", async () => {
    const { dir, analysis } = await analyze(await demoRepo());
    const md = readFileSync(path.join(dir, "report.md"), "utf8");
    const blocks = mermaidBlocks(md);
    expect(blocks.length).toBeGreaterThan(0);
    for (const [i, code] of blocks.entries()) {
      const r = await render(code, `demo${i}`);
      for (const s of analysis.services) expect(r.text, s.name).toContain(s.name);
    }
    expect(trouble).toEqual({ errors: [], requests: [], dialogs: [] });
  });

  it("keep hostile service names as label text: no markup, no broken diagram", async () => {
    const { analysis } = await analyze(await demoRepo());
    // service names are derived from path words by faultline, so the hostile names (the XSS
    // fixture's file names) are planted in a saved analysis.json, which `faultline report` renders
    const hostile = NASTY_FILES.map((f) => path.basename(f, ".ts"));
    const byRank = [...analysis.services].sort((x, y) => x.rank - y.rank);
    hostile.forEach((name, k) => {
      if (byRank[k]) byRank[k].name = name;
    });
    const blocks = mermaidBlocks(await reportMd(analysis));
    expect(blocks.length).toBeGreaterThan(0);
    for (const [i, code] of blocks.entries()) {
      const r = await render(code, `hostile${i}`);
      expect({ img: r.img, script: r.script, foreignLinks: r.foreignLinks }).toEqual({
        img: 0,
        script: 0,
        foreignLinks: 0,
      });
      for (const name of hostile.slice(0, byRank.length)) expect(r.text, name).toContain(name);
    }
    expect(trouble).toEqual({ errors: [], requests: [], dialogs: [] });
  });
});
