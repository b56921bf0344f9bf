import type { Analysis } from "../../src/analysis/types.js";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { parseGraph, readJson, runCli, tempDir } from "../helpers/cli.js";
import { demoRepo } from "../helpers/demo.js";
import { writeTree, TSCONFIG } from "../helpers/repo.js";

interface Service {
  id: string;
  name: string;
  files: string[];
  rank: number;
  why: string[];
  pain: number;
  cost: number;
  noDomain?: true;
  confidence: Record<string, number>;
  contract: {
    provides: { file: string; symbol: string; kind: string; usedBy: string[] }[];
    requires: { service: string; file: string; symbol: string }[];
  };
}

let repo: string;
let analysis: {
  services: Service[];
  kernel: { files: { path: string; why: string }[] };
  extractionOrder: string[];
  schema: string;
  repo: { commits: number; files: number };
};

beforeAll(async () => {
  repo = await demoRepo();
  const out = tempDir();
  const r = await runCli(["analyze", repo, "--out", out, "--quiet"]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toContain("Extract first:");
  analysis = readJson<Analysis>(path.join(out, "analysis.json"));
});

describe("faultline analyze on the demo monolith", () => {
  it("writes a complete analysis: every service ranked with reasons, a kernel with reasons", () => {
    expect(analysis.schema).toBe("faultline/analysis@1");
    expect(analysis.repo.commits).toBeGreaterThan(250);
    expect(analysis.services.length).toBeGreaterThanOrEqual(4);
    const ranks = analysis.services.map((s) => s.rank).sort((a, b) => a - b);
    expect(ranks).toEqual(analysis.services.map((_, i) => i + 1));
    expect(analysis.extractionOrder).toEqual([...analysis.services].sort((a, b) => a.rank - b.rank).map((s) => s.id));
    for (const s of analysis.services) {
      expect(s.why.length, s.id).toBeGreaterThan(0);
      expect(s.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(s.name).not.toMatch(/cluster/i);
      for (const f of s.files) expect(s.confidence[f]).toBeGreaterThanOrEqual(0);
    }
    expect(analysis.kernel.files.map((k) => k.path)).toEqual(
      expect.arrayContaining(["src/utils/db.ts", "src/utils/logger.ts"]),
    );
    // the first in the order says why it beats the second
    const first = analysis.services.find((s) => s.rank === 1)!;
    const second = analysis.services.find((s) => s.rank === 2)!;
    expect(first.why[0]).toContain(`beats ${second.name}`);
  });

  it("puts the polyfills the entry point loads and the error handler only the glue mounts in the kernel", () => {
    const kernel = new Map(analysis.kernel.files.map((k) => [k.path, k.why]));
    // server.ts alone imports the polyfills; app.ts (the glue mounting every route) alone the handler
    expect(kernel.get("src/utils/polyfills.ts")).toMatch(/^start-up/);
    expect(kernel.get("src/middleware/errorHandler.ts")).toMatch(/^tied to no module/);
    expect(analysis.services.some((s) => s.noDomain)).toBe(false);
  });

  it(
    "contracts match the imports that cross boundaries, symbol by symbol (checked against faultline graph " +
      "--through-barrels)",
    async () => {
      const g = await runCli(["graph", repo, "--through-barrels", "--quiet", "--exclude", "**/*.test.ts"]);
      const graph = parseGraph(g.stdout);
      const serviceOf = new Map<string, string>();
      for (const s of analysis.services) for (const f of s.files) serviceOf.set(f, s.id);
      const provided = new Map<string, Set<string>>(); // "file\0symbol" -> users
      for (const s of analysis.services) {
        for (const p of s.contract.provides) {
          expect(serviceOf.get(p.file)).toBe(s.id);
          provided.set(`${p.file}\0${p.symbol}`, new Set(p.usedBy));
        }
      }
      let crossing = 0;
      const expected = new Set<string>();
      for (const e of graph.edges) {
        const a = serviceOf.get(e.from);
        const b = serviceOf.get(e.to);
        // a barrel's `export * from` passes symbols on, and uses none: its users' edges name the definitions
        if (!a || !b || a === b || e.kinds.every((k) => k === "reexport")) continue;
        for (const sym of e.symbols.length ? e.symbols : ["*"]) {
          crossing++;
          expected.add(`${e.to}\0${sym}`);
          expect(provided.get(`${e.to}\0${sym}`)?.has(a), `${e.from} -> ${e.to} (${sym})`).toBe(true);
        }
      }
      expect(crossing).toBeGreaterThan(0);
      // and nothing is provided that no other service imports
      expect([...provided.keys()].sort()).toEqual([...expected].sort());
    },
  );

  it("prints each contract as a TypeScript sketch that tsc --noEmit accepts", async () => {
    const dir = tempDir();
    // the three services with the largest contracts; each sketch is a module of its own, so one
    // program checks all three (each file's diagnostics apart)
    const withProvides = analysis.services
      .filter((s) => s.contract.provides.length > 0)
      .sort((a, b) => b.contract.provides.length - a.contract.provides.length || (a.id < b.id ? -1 : 1))
      .slice(0, 3);
    expect(withProvides.length).toBe(3);
    const sketches = new Map<string, string>();
    for (const s of withProvides) {
      const r = await runCli(["contract", s.id, "--repo", repo]);
      expect(r.code, r.stderr).toBe(0);
      const file = path.join(dir, `${s.id}.ts`);
      writeFileSync(file, r.stdout);
      sketches.set(file, r.stdout);
      for (const p of s.contract.provides.filter(
        (p) => p.symbol !== "*" && p.symbol !== "default" && p.kind !== "unknown",
      )) {
        expect(r.stdout, `${s.id} sketch names ${p.symbol}`).toContain(p.symbol);
      }
    }
    const program = ts.createProgram([...sketches.keys()], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      types: [],
    });
    for (const [file, text] of sketches) {
      const diags = ts
        .getPreEmitDiagnostics(program, program.getSourceFile(file))
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, " "));
      expect(diags, `${file}:\n${text}`).toEqual([]);
    }
    const bad = await runCli(["contract", "no-such-service", "--repo", repo]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("no-such-service");
  }, 180_000);

  it("explains a file: its service, ties with signals, and the runner-up", async () => {
    // a file that imports from another service has ties there: a runner-up
    const serviceOf = new Map<string, Service>();
    for (const x of analysis.services) for (const f of x.files) serviceOf.set(f, x);
    const g = await runCli(["graph", repo, "--quiet"]);
    const edge = parseGraph(g.stdout).edges.find((e) => {
      const a = serviceOf.get(e.from);
      const b = serviceOf.get(e.to);
      return a && b && a !== b;
    })!;
    const s = serviceOf.get(edge.from)!;
    const file = edge.from;
    const r = await runCli(["explain", file, "--repo", repo]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`sits in ${s.name}`);
    expect(r.stdout).toMatch(/strongest ties:\n\s+\d+\.\d\d\s+\S+/);
    expect(r.stdout).toMatch(/runner-up: /);
    const k = await runCli(["explain", analysis.kernel.files[0].path, "--repo", repo]);
    expect(k.stdout).toContain("shared kernel");
    const none = await runCli(["explain", "src/nope.ts", "--repo", repo]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("src/nope.ts");
  });

  it("is byte-identical across runs with the same seed, neither run reading a cache", async () => {
    const a = tempDir();
    const b = tempDir();
    for (const out of [a, b])
      expect((await runCli(["analyze", repo, "--out", out, "--quiet", "--seed", "3", "--no-cache"])).code).toBe(0);
    expect(readFileSync(path.join(a, "analysis.json"), "utf8")).toBe(
      readFileSync(path.join(b, "analysis.json"), "utf8"),
    );
  });
});

describe("faultline analyze: bad input and settings", () => {
  it("without git, warns loudly and proposes from structure alone", async () => {
    const dir = tempDir();
    const files: Record<string, string> = { "tsconfig.json": TSCONFIG };
    for (const d of ["alpha", "beta"]) {
      for (let i = 0; i < 4; i++)
        files[`src/${d}/f${i}.ts`] =
          `import { v as w } from "./f${(i + 1) % 4}";\nexport const v = ${i};\nexport const u = w;\n`;
    }
    writeTree(dir, files);
    const out = tempDir();
    const r = await runCli(["analyze", dir, "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/not a git repository/);
    const a = readJson<Analysis>(path.join(out, "analysis.json"));
    expect(a.settings.history).toBe(false);
    const groups = a.services
      .map((s: Service) => s.files.map((f) => f.split("/")[1]))
      .map((ds: string[]) => [...new Set(ds)]);
    expect(groups).toEqual([["alpha"], ["beta"]]);
  });

  it("names the flag or key at fault, exit 2", async () => {
    const dir = tempDir();
    writeTree(dir, { "tsconfig.json": TSCONFIG, "src/a.ts": "export const a = 1;\n" });
    const w = await runCli(["analyze", dir, "--weights", "structural=1,imports=2"]);
    expect(w.code).toBe(2);
    expect(w.stderr).toContain("--weights");
    const res = await runCli(["analyze", dir, "--resolution", "fine"]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("--resolution");
    writeTree(dir, { "faultline.config.json": JSON.stringify({ weights: { structural: -1 } }) });
    const c = await runCli(["analyze", dir]);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain("weights.structural");
    writeTree(dir, { "faultline.config.json": JSON.stringify({ colour: "blue" }) });
    const k = await runCli(["analyze", dir]);
    expect(k.code).toBe(2);
    expect(k.stderr).toMatch(/faultline.config.json.*colour/);
    expect(k.stderr.trim().split("\n")).toHaveLength(1);
  });
});
