import { describe, expect, it } from "vitest";
import { parseGraph, runCli, tempDir } from "../helpers/cli.js";
import { TSCONFIG, writeTree } from "../helpers/repo.js";

// A generated repo of 600 files whose graph is known by construction: every edge, its kinds,
// type-only flag and symbols must come out exactly.
describe("a generated 600-file repo", () => {
  it("gives the graph the files define, edge for edge", async () => {
    const n = 600;
    const files: Record<string, string> = { "tsconfig.json": TSCONFIG };
    for (let i = 0; i < n; i++) {
      const next = (i + 1) % n;
      const skip = (i * 7 + 3) % n;
      files[`src/m${String(i).padStart(3, "0")}.ts`] =
        `import { f${next} } from "./m${String(next).padStart(3, "0")}";\n` +
        `import type { T${skip} } from "./m${String(skip).padStart(3, "0")}";\n` +
        `export type T${i} = number;\nexport function f${i}(x: T${skip}): number { return x + f${next}.length; }\n`;
    }
    const dir = tempDir();
    writeTree(dir, files);
    const r = await runCli(["graph", dir, "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    const g = parseGraph(r.stdout);
    expect(g.modules).toHaveLength(n);
    const expected = new Map<string, { kinds: string[]; typeOnly: boolean; symbols: string[] }>();
    const name = (i: number) => `src/m${String(i).padStart(3, "0")}.ts`;
    for (let i = 0; i < n; i++) {
      const next = (i + 1) % n;
      const skip = (i * 7 + 3) % n;
      if (next === skip)
        expected.set(`${name(i)} -> ${name(next)}`, {
          kinds: ["static"],
          typeOnly: false,
          symbols: [`T${skip}`, `f${next}`].sort(),
        });
      else {
        expected.set(`${name(i)} -> ${name(next)}`, { kinds: ["static"], typeOnly: false, symbols: [`f${next}`] });
        expected.set(`${name(i)} -> ${name(skip)}`, { kinds: ["static"], typeOnly: true, symbols: [`T${skip}`] });
      }
    }
    expect(g.edges).toHaveLength(expected.size);
    for (const e of g.edges)
      expect({ kinds: e.kinds, typeOnly: e.typeOnly, symbols: e.symbols }, `${e.from} -> ${e.to}`).toEqual(
        expected.get(`${e.from} -> ${e.to}`),
      );
  });
});
