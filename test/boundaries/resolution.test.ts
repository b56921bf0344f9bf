import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeInto } from "../helpers/cli.js";
import { buildRepo, day, rng, TSCONFIG, type CommitStep, type RepoScript } from "../helpers/repo.js";

/**
 * A repo of two halves that never touch (a front end and a server, say), each of three domains
 * of seven files with noisy ties between the domains of its half. The two-way cut is perfectly
 * stable, since the seam is obvious; the domain cut is what a team can extract.
 */
function twoHalves(): { script: RepoScript; domains: string[][] } {
  const r = rng(5);
  const files: Record<string, string> = { "tsconfig.json": TSCONFIG };
  const domains: string[][] = [];
  for (const half of ["web", "api"]) {
    const mine = ["alpha", "beta", "gamma"].map((d) => Array.from({ length: 7 }, (_, i) => `src/${half}/${d}/${d}${i}.ts`));
    mine.forEach((dom, k) => {
      dom.forEach((f, i) => {
        const imports = [dom[(i + 1) % dom.length], dom[(i + 3) % dom.length]];
        // a third of the files also lean on a neighbouring domain of the same half
        for (let x = 0; x < 2; x++) if (r() < 0.8) imports.push(mine[(k + 1 + Math.floor(r() * 2)) % 3][Math.floor(r() * 7)]);
        const lines = imports.map((t, j) => `import { v as v${j} } from "${path.posix.relative(path.posix.dirname(f), t).replace(/^(?!\.)/, "./").replace(/\.ts$/, "")}";`);
        files[f] = `${lines.join("\n")}\nexport const v = [${imports.map((_, j) => `v${j}`).join(", ")}].length;\n`;
      });
      domains.push(dom);
    });
  }
  const commits: CommitStep[] = [{ author: "Ada <ada@x.test>", date: day(0), touch: Object.keys(files) }];
  for (let i = 1; i < 150; i++) {
    const dom = domains[Math.floor(r() * domains.length)];
    const touch = dom.filter(() => r() < 0.4);
    if (r() < 0.9) touch.push(...domains[3 * Math.floor(domains.indexOf(dom) / 3) + Math.floor(r() * 3)].filter(() => r() < 0.3));
    commits.push({ author: ["Ada <ada@x.test>", "Bo <bo@x.test>"][i % 2], date: day(i), touch: touch.length ? touch : [dom[0]] });
  }
  return { script: { files, commits }, domains };
}

describe("resolution auto", () => {
  it("does not stop at a cut where one candidate holds more than a quarter of the files", () => {
    const { script, domains } = twoHalves();
    const { analysis } = analyzeInto(buildRepo(script), ["--no-cache"]);
    const total = domains.flat().length;
    const largest = Math.max(...analysis.services.map((s: { files: string[] }) => s.files.length));
    expect(largest, analysis.settings.resolutionRule).toBeLessThanOrEqual(total / 4);
    expect(analysis.settings.resolutionRule).toMatch(/none over 25% of the files/);
  });
});
