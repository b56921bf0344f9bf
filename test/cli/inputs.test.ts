import type { Analysis } from "../../src/analysis/types.js";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { buildRepo, day, TSCONFIG, type RepoScript } from "../helpers/repo.js";

function script(): RepoScript {
  const files: Record<string, string> = {
    "tsconfig.json": TSCONFIG,
    "src/utils/db.ts": "export const db = (s: string) => s;\n",
    "src/orders/order.ts": 'import { db } from "../utils/db";\nexport const order = () => db("order");\n',
    "src/billing/bill.ts": 'import { order } from "../orders/order";\nexport const bill = () => order();\n',
  };
  return {
    files,
    commits: [
      { author: "Ada <ada@x.test>", date: day(0), touch: Object.keys(files) },
      { author: "Bob <bob@x.test>", date: day(1), touch: ["src/orders/order.ts", "src/billing/bill.ts"] },
    ],
  };
}

let repo: string;
let dir: string;
let proposal: string;
beforeAll(() => {
  repo = buildRepo(script());
  dir = tempDir();
  proposal = path.join(dir, "p.yaml");
  writeFileSync(proposal, "services:\n  orders: [src/orders/**]\n  billing: [src/billing/**]\n");
});

describe("--out is checked before any work", () => {
  it("analyze and report: --out naming a file (or a path through one) is exit 2 with one line", async () => {
    const file = path.join(dir, "a-file");
    writeFileSync(file, "x\n");
    const r = await runCli(["analyze", repo, "--out", file]);
    expect([r.code, r.stderr, r.stdout]).toEqual([2, `faultline: --out ${file}: is a file, not a folder\n`, ""]);
    // nothing was read or cached: the repo's .faultline/ (the cache's home) was never made
    expect(existsSync(path.join(repo, ".faultline"))).toBe(false);
    const below = path.join(file, "reports");
    const r2 = await runCli(["analyze", repo, "--out", below]);
    expect([r2.code, r2.stderr]).toEqual([2, `faultline: --out ${below}: ${file} is a file, not a folder\n`]);
    const rep = await runCli(["report", path.join(dir, "analysis.json"), "--out", file]);
    expect([rep.code, rep.stderr]).toEqual([2, `faultline: --out ${file}: is a file, not a folder\n`]);
  });

  it("proposal accept: --out is a file, in a folder that exists", async () => {
    const folder = path.join(dir, "folder");
    mkdirSync(folder);
    const r = await runCli(["proposal", "accept", proposal, "--out", folder, "--repo", repo]);
    expect([r.code, r.stderr]).toEqual([2, `faultline: --out ${folder}: is a folder, not a file\n`]);
    const missing = path.join(dir, "missing", "accepted.json");
    const r2 = await runCli(["proposal", "accept", proposal, "--out", missing, "--repo", repo]);
    expect([r2.code, r2.stderr]).toEqual([
      2,
      `faultline: --out ${missing}: no folder ${path.join(dir, "missing")} to write it into\n`,
    ]);
  });
});

describe("mistakes in YAML proposals and faultline.config.json name their place", () => {
  it("a duplicate key: the whole position, the key, and where it first appears", async () => {
    const yaml = path.join(dir, "dup.yaml");
    writeFileSync(yaml, "name: x\nservices:\n  orders: [src/orders/**]\n  orders: [src/billing/**]\n");
    const r = await runCli(["compare", yaml, yaml, "--repo", repo, "--quiet"]);
    expect([r.code, r.stderr]).toEqual([2, `faultline: ${yaml}:4:3: duplicate key "orders" (first at line 3)\n`]);
  });

  it("a misspelt top-level key is reported at its own line, with the key it resembles", async () => {
    const yaml = path.join(dir, "typo.yaml");
    writeFileSync(yaml, "name: x\nservcies:\n  orders: [src/orders/**]\n");
    const r = await runCli(["compare", yaml, yaml, "--repo", repo, "--quiet"]);
    expect([r.code, r.stderr]).toEqual([
      2,
      `faultline: ${yaml}:2:1: unknown key "servcies" (expected name, head, services, kernel; did you mean ` +
        `"services"?)\n`,
    ]);
  });

  it("config: an unknown key and a wrong value each name the key and its line", async () => {
    const config = path.join(dir, "config.json");
    writeFileSync(config, '{\n  "include": ["src/**"],\n  "overides": { "kernel": [] }\n}\n');
    const r = await runCli(["analyze", repo, "--config", config, "--quiet"]);
    expect([r.code, r.stderr]).toEqual([
      2,
      `faultline: ${config}:3: unknown key "overides" (expected include, exclude, includeTests, weights, ` +
        `resolution, tier, seed, maxChangeset, minCommits, excludeAuthors, overrides; did you mean "overrides"?)\n`,
    ]);
    writeFileSync(config, '{\n  "weights": {\n    "cochange": "high"\n  }\n}\n');
    const r2 = await runCli(["analyze", repo, "--config", config, "--quiet"]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(new RegExp(`^faultline: ${config.replace(/[/.]/g, "\\$&")}:3: key "weights.cochange": `));
  });
});

describe("the repository: --repo DIR on every command, positional on analyze, graph, history, check", () => {
  it("graph reads the same repo either way; given twice and different is exit 2", async () => {
    // (compare, accept and check take --repo in test/compare; analyze takes it positionally everywhere)
    const positional = await runCli(["graph", repo, "--quiet"]);
    const flag = await runCli(["graph", "--repo", repo, "--quiet"]);
    expect(positional.code, positional.stderr).toBe(0);
    expect(flag).toEqual(positional);
    const twice = await runCli(["check", repo, "--repo", dir, "--proposal", "x.json"]);
    expect([twice.code, twice.stderr]).toEqual([
      2,
      `faultline: the repository is given twice ("${repo}" and --repo ${dir}): give it once\n`,
    ]);
  });
});

describe("a file that cannot be read", () => {
  it("is skipped with a warning naming it, and the analysis goes on (a dangling symlink)", async () => {
    const r0 = buildRepo(script());
    symlinkSync(path.join(r0, "no-such-target.ts"), path.join(r0, "src/orders/broken.ts"));
    const out = tempDir();
    const r = await runCli(["analyze", r0, "--out", out, "--quiet", "--no-cache"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      "warning: src/orders/broken.ts: skipped, cannot be read (ENOENT: no such file or directory)",
    );
    const analysis = JSON.parse(readFileSync(path.join(out, "analysis.json"), "utf8")) as Analysis;
    expect(analysis.services.flatMap((s) => s.files)).not.toContain("src/orders/broken.ts");
  });
});

describe("a cache folder that cannot be made", () => {
  it("gives one warning, and the analysis runs as with --no-cache (a read-only checkout)", async () => {
    const r0 = buildRepo(script());
    // .faultline is a file here: the cache folder cannot be made, as in a checkout the user may not write
    writeFileSync(path.join(r0, ".faultline"), "not a folder\n");
    const out = tempDir();
    const r = await runCli(["analyze", r0, "--out", out, "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    const warnings = r.stderr.split("\n").filter((l) => l.includes("cannot be written"));
    expect(warnings).toEqual([
      `warning: cache ${path.join(r0, ".faultline", "cache")} cannot be written (EEXIST: file already exists): ` +
        "running without the cache",
    ]);
    expect(existsSync(path.join(out, "analysis.json"))).toBe(true);
  });
});

describe("an accepted proposal (faultline/accepted@1)", () => {
  it("is read key by key: a mistyped or missing key is exit 2 naming it; compare reads a well-formed one", async () => {
    const accepted = path.join(tempDir(), "accepted.json");
    const a = await runCli(["proposal", "accept", proposal, "--repo", repo, "--out", accepted]);
    expect(a.code, a.stderr).toBe(0);
    const json = JSON.parse(readFileSync(accepted, "utf8")) as Record<string, unknown>;
    const variant = (change: (j: Record<string, unknown>) => void) => {
      const j = structuredClone(json);
      change(j);
      const file = path.join(tempDir(), "accepted.json");
      writeFileSync(file, JSON.stringify(j));
      return file;
    };
    const misspelt = variant((j) => {
      j.servics = j.services;
      delete j.services;
    });
    const r = await runCli(["check", repo, "--proposal", misspelt]);
    expect([r.code, r.stderr]).toEqual([
      2,
      `faultline: --proposal ${misspelt}: key "services": Invalid input: expected array, received undefined\n`,
    ]);
    const tier = variant((j) => ((j.scope as { tier: string }).tier = "sever"));
    const t = await runCli(["check", repo, "--proposal", tier]);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/^faultline: --proposal .*: key "scope\.tier": Invalid option: expected one of/);
    // compare sets the accepted proposal beside the YAML it was made from: the same cut
    const c = await runCli(["compare", proposal, accepted, "--repo", repo, "--quiet", "--format", "json"]);
    expect(c.code, c.stderr).toBe(0);
    expect((JSON.parse(c.stdout) as { agreement: { ari: number }[] }).agreement[0].ari).toBe(1);
  });
});
