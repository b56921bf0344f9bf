import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Analysis } from "../../src/analysis/types.js";
import { analyzeInto } from "../helpers/cli.js";
import { demoRepo } from "../helpers/demo.js";

const distMarkdown = async () =>
  (await import(
    new URL("../../dist/report/markdown.js", import.meta.url).href
  )) as typeof import("../../src/report/markdown.js");

let demo: Analysis;
let out: string;
beforeAll(async () => {
  ({ analysis: demo, out } = await analyzeInto(await demoRepo()));
});

describe("report.md", () => {
  it("draws dependencies between services, kernel use as a count on each node", () => {
    const md = readFileSync(path.join(out, "report.md"), "utf8");
    const mermaid = /```mermaid\n([\s\S]*?)```/.exec(md)![1];
    expect(mermaid).not.toMatch(/kernel\[/);
    const edges = mermaid.split("\n").filter((l) => / -->\|\d+\| /.test(l));
    expect(edges.length).toBeGreaterThanOrEqual(3);
    const withKernel = demo.services.filter((s) => s.costFactors.kernelImports > 0);
    expect(withKernel.length).toBeGreaterThan(0);
    for (const s of withKernel) expect(mermaid).toContain(`${s.costFactors.kernelImports} kernel imports`);
  });

  it("fits a pull-request comment however large the repo: lists are cut, services.md holds the rest", async () => {
    // the demo's analysis grown past any comment: 400 services, 3,000 kernel files, 2,000 hidden pairs
    const big: Analysis = structuredClone(demo);
    const template = demo.services[0];
    big.services = Array.from({ length: 400 }, (_, k) => ({
      ...structuredClone(template),
      id: `service-${k}`,
      name: `service ${k} with a rather long name`,
      rank: k + 1,
      files: template.files.map((f) => `${f}.${k}`),
    }));
    big.extractionOrder = big.services.map((s) => s.id);
    big.kernel.files = Array.from({ length: 3000 }, (_, k) => ({
      path: `src/kernel/${k}/a/long/path/to/file.ts`,
      why: "imported by 300 of the 400 services",
    }));
    big.hiddenCoupling = Array.from({ length: 2000 }, (_, k) => ({
      a: `a${k}.ts`,
      b: `b${k}.ts`,
      shared: 9,
      degree: 50,
    }));
    const { renderMarkdown, renderServicesMarkdown, MAX_REPORT_CHARS } = await distMarkdown();
    const md = renderMarkdown(big, { title: "big" });
    expect(MAX_REPORT_CHARS).toBe(60_000);
    expect(md.length).toBeLessThanOrEqual(60_000);
    expect(md).toMatch(/^## Extract first: service 0/m);
    expect(md).toMatch(/and \d+ more in analysis\.json/);
    expect(renderServicesMarkdown(big).length).toBeGreaterThan(60_000);
  });
});
