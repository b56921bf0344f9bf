import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compareWithOracle, isDeclaration, oracleResolutions } from "../oracle/ts-oracle.mjs";
import { copyFixture, FIXTURES, parseGraph, readJson, runCli } from "../helpers/cli.js";
import type { FixtureExpectations } from "../helpers/graphFixtures.js";

// Every fixture that analyses cleanly is checked against TypeScript's own Program. Workspace
// edges (TypeScript cannot see them without an install) must be among the hand-written
// expectations instead; fixtures whose TypeScript version differs from the bundled one opt out.
const root = path.join(FIXTURES, "graph");
const cases = existsSync(root)
  ? readdirSync(root)
      .filter((d) => existsSync(path.join(root, d, "expected.json")))
      .sort()
  : [];

interface Edge {
  from: string;
  to: string;
}

describe.each(cases)("oracle: %s", (fixture) => {
  const expected = readJson<FixtureExpectations>(path.join(root, fixture, "expected.json"));
  const first = expected.cases[0];
  const skip = (first.exit ?? 0) !== 0 || expected.oracle === false;

  it.skipIf(skip)("edges equal TypeScript's resolution, and every specifier is accounted for", async () => {
    const dir = copyFixture(path.join("graph", fixture));
    const r = await runCli([
      "graph",
      dir,
      "--quiet",
      ...(first.args ?? []).filter((a: string) => a !== "--through-barrels"),
    ]);
    expect(r.code, r.stderr).toBe(0);
    const g = parseGraph(r.stdout);
    const handWritten = new Set<string>(
      expected.cases
        .flatMap((c: { edges?: Edge[]; args?: string[] }) =>
          c.args?.includes("--through-barrels") ? [] : (c.edges ?? []),
        )
        .map((e: Edge) => `${e.from} -> ${e.to}`),
    );
    const rows = oracleResolutions(dir, g);
    const cmp = compareWithOracle(
      g,
      rows,
      (e: Edge) => handWritten.has(`${e.from} -> ${e.to}`) && !rows.some((x) => x.from === e.from && x.to === e.to),
    );
    expect(cmp.missing).toEqual([]);
    expect(cmp.extra).toEqual([]);

    const edgeFrom = (from: string) => g.edges.some((e: Edge) => e.from === from);
    for (const row of rows) {
      const ok =
        (row.to && g.edges.some((e: Edge) => e.from === row.from && e.to === row.to)) ||
        (row.to && isDeclaration(row.to) && g.declarations.some((d: Edge) => d.from === row.from && d.to === row.to)) ||
        g.external.some(
          (x) => x.from === row.from && row.specifier.replace(/^node:/, "").startsWith(x.package.replace(/^node:/, "")),
        ) ||
        g.unresolved.some(
          (u: { from: string; specifier: string }) => u.from === row.from && u.specifier === row.specifier,
        ) ||
        (row.to === null && edgeFrom(row.from) && [...handWritten].some((h) => h.startsWith(`${row.from} -> `))) ||
        row.from === row.to;
      expect(ok, `${row.from}: "${row.specifier}" -> ${row.to}`).toBeTruthy();
    }
  });
});
