import { describe, expect, it } from "vitest";
import { explainFile } from "../../src/analysis/explain.js";
import type { Analysis } from "../../src/analysis/types.js";
import type { CouplingGraph } from "../../src/coupling/types.js";

describe("explaining a file", () => {
  it("sums its ties to the kernel apart from the services' pull", () => {
    // growthbook's init/mongo.ts: tied to three kernel files (0.78 + 0.66 + 0.50), to one file of
    // integration (0.48) and one of its own service, user (0.26)
    const kernel = ["mongo.util", "secrets", "logger"].map((f) => `src/util/${f}.ts`);
    const files = ["src/init/mongo.ts", ...kernel, "src/init/index.ts", "src/controllers/auth.ts"];
    const zero = { structural: 0, cochange: 0, ownership: 0, semantic: 0 };
    const edges = [0.78, 0.66, 0.5, 0.48, 0.26].map((weight, k) => ({ a: 0, b: k + 1, weight, signals: zero }));
    const cg: CouplingGraph = { files, edges, weights: { structural: 1, cochange: 1, ownership: 0.25, semantic: 0.5 } };
    const analysis = {
      services: [
        { id: "user", files: [files[0], files[5]], confidence: { [files[0]]: 0.6 } },
        { id: "integration", files: [files[4]], confidence: {} },
      ],
      kernel: { files: kernel.map((path) => ({ path, why: "shared infrastructure" })) },
      isolated: [],
    } as unknown as Analysis;
    const x = explainFile(files[0], analysis, cg);
    expect(x.pull).toEqual([
      { service: "integration", weight: 0.48 },
      { service: "user", weight: 0.26 },
    ]);
    expect(x.kernelPull).toBeCloseTo(1.94, 10);
    expect(x.runnerUp).toEqual({ service: "integration", weight: 0.48, gap: 0.26 - 0.48 });
  });
});
