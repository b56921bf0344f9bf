import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeInto } from "../helpers/cli.js";
import { buildRepo, day, TSCONFIG, type CommitStep, type RepoScript } from "../helpers/repo.js";

/** Three domains of four files in a ring of imports; the commits are the caller's. */
function script(commits: (files: string[]) => CommitStep[]): RepoScript {
  const files: Record<string, string> = { "tsconfig.json": TSCONFIG };
  for (const d of ["alpha", "beta", "gamma"])
    for (let i = 0; i < 4; i++)
      files[`src/${d}/${d}${i}.ts`] =
        `import { ${d}${(i + 1) % 4} } from "./${d}${(i + 1) % 4}";\n` +
        `export const ${d}${i} = () => ${d}${(i + 1) % 4};\n`;
  return { files, commits: commits(Object.keys(files)) };
}
const of = (d: string) => [0, 1, 2, 3].map((i) => `src/${d}/${d}${i}.ts`);

describe("the first pick", () => {
  it("is not named when too few commits touch the analysed files, and the reports say why", async () => {
    const repo = buildRepo(
      script((all) => [
        { author: "Ada <ada@x.test>", date: day(0), touch: all },
        ...["alpha", "beta", "gamma", "alpha", "beta"].map((d, i) => ({
          author: "Ada <ada@x.test>",
          date: day(i + 1),
          touch: of(d),
        })),
      ]),
    );
    const young = await analyzeInto(repo, ["--no-cache"]);
    expect(young.analysis.repo.commits).toBe(6);
    expect(young.analysis.extractionOrder).toEqual([]);
    expect(young.analysis.extractionNote).toMatch(/only 6 commits touch the analysed files \(fewer than 50/);
    expect(young.stdout).toMatch(/No first pick: only 6 commits/);
    expect(young.stdout).not.toMatch(/Extract first/);
    expect(readFileSync(path.join(young.out, "report.md"), "utf8")).toMatch(
      /^## No first pick\n\nno first pick: only 6/m,
    );
    for (const s of young.analysis.services) expect(s.why.join(" ")).not.toMatch(/extract first/);
    const enough = await analyzeInto(repo, ["--no-cache", "--min-commits", "6"]);
    expect(enough.analysis.extractionOrder).toHaveLength(enough.analysis.services.length);
    expect(enough.stdout).toMatch(/Extract first: /);
  });

  it("counts fix commits by their subjects (fix, bug, hotfix, revert, an issue key) as pain", async () => {
    const c = (d: string, message: string, n: number): CommitStep => ({
      author: "Ada <ada@x.test>",
      date: day(n),
      touch: of(d),
      message,
    });
    const repo = buildRepo(
      script((all) => [
        { author: "Ada <ada@x.test>", date: day(0), touch: all, message: "initial import" },
        c("alpha", "fix: null order total", 1),
        c("alpha", "Fixed the rounding", 2),
        c("alpha", 'Revert "add cache"', 3),
        c("alpha", "feat: prefix filter", 4),
        c("beta", "SHOP-12 export in CSV", 5),
        c("beta", "refactor: debugger cleanup (#123)", 6), // no fix: "debugger" is not "bug", "#123" is no key
        c("gamma", "hotfix for the login", 7),
        c("gamma", "prefixes everywhere", 8), // "prefixes" is not "fixes"
        c("gamma", "read files as utf-8, hash with SHA-256", 9), // standards and lower case are no keys
      ]),
    );
    const { analysis } = await analyzeInto(repo, ["--no-cache", "--min-commits", "0"]);
    const fixes = Object.fromEntries(
      analysis.services.map((s) => [s.files[0].split("/")[1], s.painFactors.fixCommits]),
    );
    expect(fixes).toEqual({ alpha: 3, beta: 1, gamma: 1 });
  });
});
