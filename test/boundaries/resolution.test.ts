import path from "node:path";
import { describe, expect, it } from "vitest";
import { pickCut } from "../../src/boundaries/resolution.js";
import { analyzeInto } from "../helpers/cli.js";
import { buildRepo, day, rng, TSCONFIG, type CommitStep, type RepoScript } from "../helpers/repo.js";

/**
 * A repo of two halves that never touch (a front end and a server, say), each of three domains
 * of `size` files with noisy ties between the domains of its half. The two-way cut is perfectly
 * stable, since the seam is obvious; the domain cut is what a team can extract.
 */
function twoHalves(size: number): { script: RepoScript; domains: string[][] } {
  const r = rng(5);
  const files: Record<string, string> = { "tsconfig.json": TSCONFIG };
  const domains: string[][] = [];
  for (const half of ["web", "api"]) {
    const mine = ["alpha", "beta", "gamma"].map((d) =>
      Array.from({ length: size }, (_, i) => `src/${half}/${d}/${d}${i}.ts`),
    );
    mine.forEach((dom, k) => {
      dom.forEach((f, i) => {
        const imports = [dom[(i + 1) % dom.length], dom[(i + 3) % dom.length]];
        // a third of the files also lean on a neighbouring domain of the same half
        for (let x = 0; x < 2; x++)
          if (r() < 0.8) imports.push(mine[(k + 1 + Math.floor(r() * 2)) % 3][Math.floor(r() * size)]);
        const lines = imports.map(
          (t, j) =>
            `import { v as v${j} } from "${path.posix
              .relative(path.posix.dirname(f), t)
              .replace(/^(?!\.)/, "./")
              .replace(/\.ts$/, "")}";`,
        );
        files[f] = `${lines.join("\n")}\nexport const v = [${imports.map((_, j) => `v${j}`).join(", ")}].length;\n`;
      });
      domains.push(dom);
    });
  }
  const commits: CommitStep[] = [{ author: "Ada <ada@x.test>", date: day(0), touch: Object.keys(files) }];
  for (let i = 1; i < 25 * size; i++) {
    const dom = domains[Math.floor(r() * domains.length)];
    const touch = dom.filter(() => r() < 0.4).slice(0, 12);
    if (r() < 0.9)
      touch.push(
        ...domains[3 * Math.floor(domains.indexOf(dom) / 3) + Math.floor(r() * 3)].filter(() => r() < 0.3).slice(0, 8),
      );
    commits.push({
      author: ["Ada <ada@x.test>", "Bo <bo@x.test>"][i % 2],
      date: day(i),
      touch: touch.length ? touch : [dom[0]],
    });
  }
  return { script: { files, commits }, domains };
}

/** A module that imports `v` from each named sibling and uses them all. */
function importAll(names: string[]): string {
  const imports = names.map((t, j) => `import { v as v${j} } from "./${t}";`).join("\n");
  return `${imports}\nexport const v = [${names.map((_, j) => `v${j}`).join(", ")}].length;\n`;
}

describe("resolution auto", () => {
  it("does not stop at a cut where one candidate holds more than a quarter of the files (and over 100)", async () => {
    const { script, domains } = twoHalves(40);
    const { analysis } = await analyzeInto(buildRepo(script), ["--no-cache"]);
    const total = domains.flat().length;
    const largest = Math.max(...analysis.services.map((s: { files: string[] }) => s.files.length));
    expect(largest, analysis.settings.resolutionRule).toBeLessThanOrEqual(Math.max(total / 4, 100));
    expect(analysis.settings.resolutionRule).toMatch(/none over 25% of the files once past 100 files/);
  });

  it("keeps a small repo's clean three-way cut, and says which bound it used", async () => {
    // three domains of eight files, no tie between them: every resolution gives the same cut,
    // each service a third of the files
    const files: Record<string, string> = { "tsconfig.json": TSCONFIG };
    const domains = ["billing", "catalog", "shipping"].map((d) =>
      Array.from({ length: 8 }, (_, i) => `src/${d}/${d}${i}.ts`),
    );
    for (const dom of domains) {
      dom.forEach((f, i) => {
        const imports = [1, 2, 5].map((o) => path.posix.basename(dom[(i + o) % 8], ".ts"));
        files[f] = importAll(imports);
      });
    }
    const commits: CommitStep[] = [{ author: "Ada <ada@x.test>", date: day(0), touch: Object.keys(files) }];
    const r = rng(3);
    for (let i = 1; i < 90; i++) {
      const dom = domains[i % 3];
      const touch = dom.filter(() => r() < 0.5);
      commits.push({
        author: ["Ada <ada@x.test>", "Bo <bo@x.test>", "Cy <cy@x.test>"][i % 3],
        date: day(i),
        touch: touch.length ? touch : [dom[0]],
      });
    }
    const { analysis } = await analyzeInto(buildRepo({ files, commits }), ["--no-cache"]);
    expect(analysis.services.map((s: { files: string[] }) => [...s.files].sort()).sort()).toEqual(
      domains.map((d) => [...d].sort()).sort(),
    );
    expect(analysis.settings.resolutionRule).toMatch(/^auto: the most modular cut/);
  });

  it("of equally stable cuts, keeps the most modular: whole domains, not each domain's halves", async () => {
    // four domains that never touch, each of two tight halves of six files that also tie to each
    // other: the domain cut and the half cut are both perfectly reproducible
    const files: Record<string, string> = { "tsconfig.json": TSCONFIG };
    const domains = ["billing", "catalog", "shipping", "support"].map((d) =>
      Array.from({ length: 12 }, (_, i) => `src/${d}/${d}${i}.ts`),
    );
    for (const dom of domains) {
      dom.forEach((f, i) => {
        const half = i < 6 ? 0 : 6;
        const own = [1, 2, 4].map((o) => dom[half + ((i - half + o) % 6)]);
        // every other file also imports one file of the other half
        const imports = i % 2 === 0 ? [...own, dom[(i + 6) % 12]] : own;
        const names = imports.map((t) => path.posix.basename(t, ".ts"));
        files[f] = importAll(names);
      });
    }
    const commits: CommitStep[] = [{ author: "Ada <ada@x.test>", date: day(0), touch: Object.keys(files) }];
    const r = rng(9);
    for (let i = 1; i < 120; i++) {
      const dom = domains[i % 4];
      const half = r() < 0.5 ? dom.slice(0, 6) : dom.slice(6);
      const touch = half.filter(() => r() < 0.6);
      if (r() < 0.5) touch.push(...dom.filter(() => r() < 0.3));
      commits.push({
        author: ["Ada <ada@x.test>", "Bo <bo@x.test>"][i % 2],
        date: day(i),
        touch: touch.length ? touch : [half[0]],
      });
    }
    const { analysis } = await analyzeInto(buildRepo({ files, commits }), ["--no-cache"]);
    const services = analysis.services.map((s: { files: string[] }) => [...s.files].sort()).sort();
    expect(services, analysis.settings.resolutionRule).toEqual(domains.map((d) => [...d].sort()).sort());
    expect(analysis.settings.resolutionRule).toMatch(/most modular cut/);
  });
});

describe("the auto rule on given cuts (pickCut)", () => {
  // stability, modularity, services, largest per resolution, over 300 files; each expectation
  // below follows from the rule's text: drop cuts with one service or one over max(25%, 100)
  // files, keep those within 0.01 of the most stable, take the most modular (ties: the coarser)
  const cut = (r: number, stability: number, modularity: number, services = 10, largest = 40) => ({
    r,
    stability,
    modularity,
    services,
    largest,
  });
  it("takes the most modular of the stable cuts, not the finest nor the coarsest", () => {
    const cuts = [cut(0.5, 0.95, 0.4), cut(1, 0.955, 0.52), cut(2, 0.96, 0.47), cut(4, 0.9, 0.6)];
    expect(pickCut(cuts, 300).r).toBe(1);
  });
  it("breaks a modularity tie towards the coarser cut", () => {
    expect(pickCut([cut(0.7, 1, 0.5), cut(1.4, 1, 0.5), cut(2.8, 1, 0.5)], 300).r).toBe(0.7);
  });
  it("skips a cut with a giant service, however stable and modular", () => {
    const cuts = [cut(0.5, 1, 0.9, 3, 160), cut(1, 0.97, 0.5), cut(2, 0.965, 0.45)];
    expect(pickCut(cuts, 300).r).toBe(1);
  });
  it("chosen again without the kernel, goes no coarser than the first choice", () => {
    // without the floor, 1 (most stable, most modular) would win
    const cuts = [cut(1, 0.99, 0.7), cut(2, 0.95, 0.5), cut(4, 0.945, 0.44)];
    expect(pickCut(cuts, 300).r).toBe(1);
    const again = pickCut(cuts, 300, 2);
    expect(again.r).toBe(2);
    expect(again.rule).toMatch(/none coarser than the first choice, 2\)/);
    // and when nothing at or above the floor qualifies, it keeps the first choice
    expect(pickCut([cut(1, 1, 0.7), cut(2, 1, 0.5, 1, 300)], 300, 2).r).toBe(2);
  });
});
