import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { copyFixture, FIXTURES, parseGraph, readJson, runCli } from "../helpers/cli.js";
import type { FixtureExpectations } from "../helpers/graphFixtures.js";

const root = path.join(FIXTURES, "graph");
const cases = existsSync(root)
  ? readdirSync(root)
      .filter((d) => existsSync(path.join(root, d, "expected.json")))
      .sort()
  : [];

describe.each(cases)("graph fixture %s", (fixture) => {
  const expected = readJson<FixtureExpectations>(path.join(root, fixture, "expected.json"));
  const dir = copyFixture(path.join("graph", fixture));

  it.each(expected.cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const r = await runCli(["graph", dir, "--quiet", ...(c.args ?? [])]);
    expect(r.code, r.stderr).toBe(c.exit ?? 0);
    if (c.stderr) expect(r.stderr).toContain(c.stderr);
    if ((c.exit ?? 0) !== 0) {
      expect(r.stderr.trim().split("\n")).toHaveLength(1); // one line, never a stack trace
      return;
    }
    const g = parseGraph(r.stdout);
    if (c.modules) expect(g.modules.map((m: { path: string }) => m.path)).toEqual([...c.modules].sort());
    for (const [file, tsconfig] of Object.entries(c.moduleTsconfigs ?? {})) {
      expect(g.modules.find((m: { path: string }) => m.path === file)?.tsconfig, file).toBe(tsconfig);
    }
    for (const e of c.edges ?? []) {
      const actual = g.edges.find((x: { from: string; to: string }) => x.from === e.from && x.to === e.to);
      expect(actual, `edge ${e.from} -> ${e.to}`).toEqual(e);
    }
    if (c.edgesExact) expect(g.edges.length).toBe(c.edges?.length ?? 0);
    for (const e of c.noEdges ?? []) {
      expect(
        g.edges.some((x: { from: string; to: string }) => x.from === e.from && x.to === e.to),
        `no edge ${e.from} -> ${e.to}`,
      ).toBe(false);
    }
    for (const d of c.declarations ?? []) expect(g.declarations).toContainEqual(d);
    for (const x of c.external ?? []) expect(g.external).toContainEqual(x);
    for (const u of c.unresolved ?? []) {
      const hit = g.unresolved.find(
        (x: { from: string; specifier: string }) => x.from === u.from && x.specifier === u.specifier,
      );
      expect(hit, `unresolved ${u.from} ${u.specifier}`).toBeDefined();
      if (u.reason) expect(hit?.reason).toBe(u.reason);
    }
  });
});
