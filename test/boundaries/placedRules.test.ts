import { describe, expect, it } from "vitest";
import type { DomainHints } from "../../src/boundaries/hubs.js";
import { proposeBoundaries } from "../../src/boundaries/propose.js";
import type { CouplingGraph } from "../../src/coupling/types.js";
import type { ImportGraph } from "../../src/graph/types.js";

const zero = { structural: 0, cochange: 0, ownership: 0, semantic: 0 };
const DOMAINS = ["a", "b", "c", "d", "e"];

/**
 * Five domains of five files, each tied to each other file of its domain (1); and an orchestrator,
 * src/checkout/checkout.ts, tied weakly to four files of domain a (0.35 each: 1.4 in all), strongly to
 * one file of b (0.9) and barely to one of c, d and e (0.1), importing from b, c, d and e.
 */
function orchestrated(): { cg: CouplingGraph; imports: ImportGraph; hints: DomainHints; hub: number; b0: number } {
  const files = [
    ...DOMAINS.flatMap((d) => [0, 1, 2, 3, 4].map((k) => `src/${d}/${d}${k}.ts`)),
    "src/checkout/checkout.ts",
  ];
  const hub = files.length - 1;
  const edges: { a: number; b: number; weight: number }[] = [];
  DOMAINS.forEach((_, d) => {
    for (let x = 0; x < 5; x++) for (let y = x + 1; y < 5; y++) edges.push({ a: 5 * d + x, b: 5 * d + y, weight: 1 });
  });
  for (const k of [0, 1, 2, 3]) edges.push({ a: hub, b: k, weight: 0.35 });
  edges.push({ a: hub, b: 5, weight: 0.9 }, { a: hub, b: 10, weight: 0.1 }, { a: hub, b: 15, weight: 0.1 });
  edges.push({ a: hub, b: 20, weight: 0.1 });
  const cg: CouplingGraph = {
    files,
    edges: edges.map((e) => ({ ...e, signals: zero })),
    weights: { structural: 1, cochange: 1, ownership: 0.25, semantic: 0.5 },
  };
  const imports: ImportGraph = {
    schema: "faultline/graph@1",
    modules: [],
    edges: [0, 5, 10, 15, 20].map((t) => ({
      from: files[hub],
      to: files[t],
      kinds: ["static" as const],
      typeOnly: false,
      symbols: ["x"],
    })),
    declarations: [],
    external: [],
    unresolved: [],
  };
  const hints: DomainHints = {
    nouns: files.map(() => undefined),
    entityFiles: new Set(),
    writers: new Map(),
    users: new Map(),
    domainWords: new Set(),
    entityNouns: new Set(),
    entityNounOf: new Map(),
    typeFiles: new Set(),
    productNamed: new Set(),
  };
  return { cg, imports, hints, hub, b0: 5 };
}

describe("files a rule placed", () => {
  it("are recorded with the rule: a fan-out hub with its strongest single tie, no clustering confidence", () => {
    const { cg, imports, hints, hub, b0 } = orchestrated();
    const p = proposeBoundaries(cg, imports, hints, { seed: 1, runs: 10, resolution: 1, minServiceSize: 3 });
    // by hand: the clustering puts the orchestrator with domain a (1.4 against 0.9); it imports from
    // four other clusters, so it moves to the cluster of its strongest single tie, b0
    expect(p.assignment[hub]).toBe(p.assignment[b0]);
    expect(p.placed).toEqual([
      {
        file: hub,
        why: "a fan-out hub (it imports from four modules or more), with its strongest single tie, src/b/b0.ts",
      },
    ]);
    // no run put it with b's files: its confidence says so, and `placed` says why it is there
    expect(p.confidence[hub]).toBe(0);
    expect(p.confidence[b0]).toBe(1);
  });
});
