import type { ModelJson } from "../../src/metrics/modelJson.js";
import type { Analysis } from "../../src/analysis/types.js";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import { describe, expect, it } from "vitest";
import { parseJson, readJson, runCli, tempDir } from "../helpers/cli.js";
import { buildRepo, day, git, TSCONFIG, type RepoScript } from "../helpers/repo.js";

function script(): RepoScript {
  const files: Record<string, string> = { "tsconfig.json": TSCONFIG };
  for (const d of ["alpha", "beta", "gamma"]) {
    for (let i = 0; i < 4; i++) {
      files[`src/${d}/f${i}.ts`] =
        `import { v${(i + 1) % 4} } from "./f${(i + 1) % 4}";\nexport const v${i} = 1;\nexport const w${i} = ` +
        `v${(i + 1) % 4};\n`;
    }
  }
  const commits = [{ author: "Ada <ada@x.test>", date: day(0), touch: Object.keys(files) }];
  ["alpha", "beta", "gamma", "alpha", "beta", "gamma", "alpha", "beta"].forEach((d, i) =>
    commits.push({ author: "Ada <ada@x.test>", date: day(i + 1), touch: [0, 1, 2, 3].map((k) => `src/${d}/f${k}.ts`) }),
  );
  return { files, commits };
}

async function analyze(repo: string, ...args: string[]) {
  const out = tempDir();
  const r = await runCli(["analyze", repo, "--out", out, "--quiet", ...args]);
  expect(r.code, r.stderr).toBe(0);
  return {
    analysis: readFileSync(path.join(out, "analysis.json"), "utf8"),
    model: readJson<ModelJson>(path.join(out, "model.json")),
    stderr: r.stderr,
  };
}

const edges = (model: { files: { path: string }[]; imports: [number, number, string[]][] }) =>
  model.imports.map(([a, b]) => `${model.files[a].path} -> ${model.files[b].path}`);

describe("the cache", () => {
  it("is invisible in results: cold, warm and --no-cache runs are byte-identical", async () => {
    const repo = buildRepo(script());
    const cold = await analyze(repo);
    const warm = await analyze(repo);
    const none = await analyze(repo, "--no-cache");
    expect(warm.analysis).toBe(cold.analysis);
    expect(none.analysis).toBe(cold.analysis);
    expect(readFileSync(path.join(repo, ".faultline/.gitignore"), "utf8")).toBe("*\n");
  });

  it("shows a new import after one file is edited (a cache that replays old output fails this)", async () => {
    const repo = buildRepo(script());
    await analyze(repo);
    const file = path.join(repo, "src/alpha/f0.ts");
    writeFileSync(
      file,
      readFileSync(file, "utf8") + 'import { v2 as other } from "../beta/f2";\nexport const x = other;\n',
    );
    const warm = await analyze(repo);
    expect(edges(warm.model)).toContain("src/alpha/f0.ts -> src/beta/f2.ts");
    expect(warm.analysis).toBe((await analyze(repo, "--no-cache")).analysis);
  });

  it("extends the cached history when HEAD moves forward, with the same result as a cold run", async () => {
    const repo = buildRepo(script());
    await analyze(repo);
    writeFileSync(path.join(repo, "src/gamma/f1.ts"), "export const v1 = 2;\n");
    git(repo, ["add", "-A"]);
    git(repo, [
      "-c",
      "user.name=Bob",
      "-c",
      "user.email=bob@x.test",
      "commit",
      "-q",
      "-m",
      "gamma",
      "--date",
      "2024-02-01T00:00:00Z",
    ]);
    const warm = await analyze(repo);
    const cold = await analyze(repo, "--no-cache");
    expect(warm.analysis).toBe(cold.analysis);
    expect(parseJson<Analysis>(warm.analysis).repo.commits).toBe(10);
  });

  it("does not carry resolutions from a narrower scope into a wider one", async () => {
    const repo = buildRepo(script());
    // cross-domain imports that only the wider scope can see as edges
    writeFileSync(path.join(repo, "src/alpha/f1.ts"), 'import { v2 } from "../beta/f2";\nexport const v1 = v2;\n');
    await analyze(repo, "--include", "src/alpha/**");
    const wide = await analyze(repo);
    expect(edges(wide.model)).toContain("src/alpha/f1.ts -> src/beta/f2.ts");
    expect(wide.analysis).toBe((await analyze(repo, "--no-cache")).analysis);
  });

  it("follows a .mailmap edited after the cache was written (identities are merged by git)", async () => {
    const repo = buildRepo(script());
    expect((await analyze(repo)).analysis).not.toContain("Ada Lovelace");
    writeFileSync(path.join(repo, ".mailmap"), "Ada Lovelace <ada@x.test> Ada <ada@x.test>\n");
    const warm = await analyze(repo);
    expect(warm.analysis).toContain("Ada Lovelace");
    expect(warm.analysis).toBe((await analyze(repo, "--no-cache")).analysis);
  });

  it("ignores a corrupt cache or one written by other code, with a warning, and still answers right", async () => {
    const repo = buildRepo(script());
    const first = await analyze(repo);
    const dir = path.join(repo, ".faultline/cache");
    writeFileSync(path.join(dir, "parse.v8"), "not a cache");
    writeFileSync(
      path.join(dir, "history.v8"),
      v8.serialize({ version: 999, namespace: "history", entries: new Map([["x", { head: "bogus", commits: [] }]]) }),
    );
    // same cache version, other code (a rebuild after an edit): the outputs of that code are not reused
    const outputs = path.join(dir, "outputs.v8");
    const written = v8.deserialize(readFileSync(outputs)) as { version: string };
    writeFileSync(outputs, v8.serialize({ ...written, version: `${written.version}-other-build` }));
    const again = await analyze(repo);
    expect(again.stderr).toMatch(/parse\.v8 is unreadable: ignored/);
    // history.v8 and outputs.v8 are another build's: one line says so for the folder
    const foreign = again.stderr.split("\n").filter((l) => l.includes("was written by another faultline build"));
    expect(foreign).toEqual([`warning: cache ${dir} was written by another faultline build: ignored and rebuilt`]);
    expect(again.analysis).toBe(first.analysis);
  });
});
