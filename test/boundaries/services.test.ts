import { describe, expect, it } from "vitest";
import { groupModules } from "../../src/boundaries/services.js";
import type { CouplingGraph } from "../../src/coupling/types.js";

const zero = { structural: 0, cochange: 0, ownership: 0, semantic: 0 };
/** Four modules with names of no identity, owning no data. */
const plain = { names: ["a", "b", "c", "d"], ownsData: [false, false, false, false] };
/** Eight or six such modules. */
const plainOf = (n: number) => ({
  names: Array.from({ length: n }, (_, k) => `m${k}`),
  ownsData: Array<boolean>(n).fill(false),
});

/**
 * Modules A (files 0-3), B (4-13), C (14-23) and D (24-63, tied to none: it keeps every merge
 * under a quarter of the files); A's only ties: to B and to C, with these weights.
 */
function threeModules(toB: number, toC: number): { modules: number[][]; cg: CouplingGraph } {
  const files = Array.from({ length: 64 }, (_, i) => `src/f${i}.ts`);
  const edges = [
    { a: 0, b: 4, weight: toB },
    { a: 0, b: 14, weight: toC },
  ].map((e) => ({ ...e, signals: zero }));
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
  return {
    modules: [range(0, 4), range(4, 14), range(14, 24), range(24, 64)],
    cg: { files, edges, weights: { structural: 1, cochange: 1, ownership: 0.25, semantic: 0.5 } },
  };
}

describe("modules grouped into services", () => {
  it("a module doing a clear majority of its business with another joins it as a satellite", () => {
    // A does 60% of its business with B; B and C are bigger than A, so neither is its satellite
    const { modules, cg } = threeModules(0.6, 0.4);
    expect(groupModules(modules, cg, plain).service).toEqual([1, 1, 2, 3]);
  });

  it("one that owns data stays a service of its own, unless its name makes it a part of the other", () => {
    // A (4 files, above the 2.5% floor) owns an entity and does 60% of its business with B
    const { modules, cg } = threeModules(0.6, 0.4);
    const owning = [true, false, false, false];
    expect(groupModules(modules, cg, { names: ["payment", "order", "c", "d"], ownsData: owning }).service).toEqual([
      0, 1, 2, 3,
    ]);
    expect(
      groupModules(modules, cg, { names: ["order-exchange", "order", "c", "d"], ownsData: owning }).service,
    ).toEqual([1, 1, 2, 3]);
    // B owning data says nothing of A
    expect(
      groupModules(modules, cg, { names: ["payment", "order", "c", "d"], ownsData: [false, true, false, false] })
        .service,
    ).toEqual([1, 1, 2, 3]);
  });

  it("one whose ties barely lean to one side (52% against 48%) stays a service of its own", () => {
    // A holds 4 of 64 files, above the 2.5% floor, so nothing else merges it
    const { modules, cg } = threeModules(0.52, 0.48);
    expect(groupModules(modules, cg, plain).service).toEqual([0, 1, 2, 3]);
  });

  it("one named as a part of a module that already joined another service joins that service", () => {
    // A order-exchange (files 0-3, owns data), B cart (4-13), C order (14-23), D (24-123, tied to none).
    // Ties: A-B 0.6, A-C 0.4, B-C 1. C does 1 / 1.4 = 71% of its business with B and joins it first (B
    // does 62% with C); then A does all of its business with cart + order, and is named for order.
    const files = Array.from({ length: 124 }, (_, i) => `src/f${i}.ts`);
    const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
    const edges = [
      { a: 0, b: 4, weight: 0.6 },
      { a: 0, b: 14, weight: 0.4 },
      { a: 4, b: 14, weight: 1 },
    ].map((e) => ({ ...e, signals: zero }));
    const cg: CouplingGraph = { files, edges, weights: { structural: 1, cochange: 1, ownership: 0.25, semantic: 0.5 } };
    const modules = [range(0, 4), range(4, 14), range(14, 24), range(24, 124)];
    const about = { names: ["order-exchange", "cart", "order", "d"], ownsData: [true, false, false, false] };
    expect(groupModules(modules, cg, about).service).toEqual([1, 1, 1, 3]);
    // named for no module of that service, it stays
    expect(groupModules(modules, cg, { ...about, names: ["refund", "cart", "order", "d"] }).service).toEqual([
      0, 1, 1, 3,
    ]);
  });

  it("modules named for one thing of different owners, each owner a module, are one service first", () => {
    // hoppscotch's team and user collections: A team-collection (4 files) does 60% of its business with
    // B team, none with C user-collection; C's owner `user` is D. A and C join (14 files, under the cap of
    // 16), and then A is no satellite of B: the pair is bigger than B
    const { modules, cg } = threeModules(0.6, 0);
    const named = (names: string[]) => ({ names, ownsData: plain.ownsData });
    const { service, rule } = groupModules(modules, cg, named(["team-collection", "team", "user-collection", "user"]));
    expect(service).toEqual([0, 1, 0, 3]);
    expect(rule).toMatch(
      /^1 module joined one named for the same thing of another owner \(team-collection \+ user-collection\); /,
    );
    // an owner that names no module (`infra-token`, `access-token`): nothing joins by name, A is B's satellite
    expect(groupModules(modules, cg, named(["team-collection", "team", "user-collection", "d"])).service).toEqual([
      1, 1, 2, 3,
    ]);
    // three words name no owner and thing
    expect(
      groupModules(modules, cg, named(["team-collection-sort", "team", "user-collection-sort", "user"])).service,
    ).toEqual([1, 1, 2, 3]);
  });

  it("modules named for identity and access move to the service of the biggest of them, whatever their ties", () => {
    // A (4 files) is B's satellite by its ties; A and C are identity modules, C the bigger
    const { modules, cg } = threeModules(0.6, 0.4);
    const named = (names: string[]) => ({ names, ownsData: plain.ownsData });
    expect(groupModules(modules, cg, named(["user", "b", "c", "d"])).service).toEqual([1, 1, 2, 3]);
    expect(groupModules(modules, cg, named(["user", "b", "api-key", "d"])).service).toEqual([2, 1, 2, 3]);
  });

  it("identity modules gather alone when the service of the biggest would pass a quarter of the files", () => {
    // 100 files: users U (0-11), billing X (12-21) tied to U alone, OAuth apps V (22-29) tied to none, the rest R
    const files = Array.from({ length: 100 }, (_, i) => `src/f${i}.ts`);
    const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
    const modules = [range(0, 12), range(12, 22), range(22, 30), range(30, 100)];
    const edges = [{ a: 0, b: 12, weight: 1, signals: zero }];
    const cg = { files, edges, weights: { structural: 1, cochange: 1, ownership: 0.25, semantic: 0.5 } };
    const names = ["user", "billing", "oauth", "r"];
    // by hand: X is U's satellite (all its ties), 22 files; with V they would be 30, past the 25 a service may
    // hold, while U and V alone are 20: U leaves billing, and V joins it
    const { service } = groupModules(modules, cg, { names, ownsData: [false, false, false, false] });
    expect(service[0]).toBe(service[2]);
    expect(new Set(service).size).toBe(3);
    expect(service[1]).not.toBe(service[0]);
  });

  it("identity modules stay apart when together they would pass a quarter of the files", () => {
    // B and C hold 20 of 64 files, past the 16 a service may hold
    const { modules, cg } = threeModules(0.52, 0.48);
    const names = ["a", "oauth", "session", "d"];
    expect(groupModules(modules, cg, { names, ownsData: plain.ownsData }).service).toEqual([0, 1, 2, 3]);
  });
});

describe("a small module", () => {
  // S (files 0-1) is under the 2.5% floor of 100 files. Its ties: hub H 5, partner P 3, Y 3 (45% at
  // most to one side: no satellite). H is tied to X1 12 and X2 13 (total 30), P to X2 12 (total
  // 15), Y to X1 20 (total 23). Against what the totals predict (w / (11 · total)): H 0.0152,
  // P 0.0182, Y 0.0119; divided by the geometric mean (w / √(11 · total)), H would win: 0.275 against
  // P 0.234 and Y 0.189.
  const files = Array.from({ length: 100 }, (_, i) => `src/f${i}.ts`);
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
  const [S, H, P, X1, X2, Y] = [range(0, 2), range(2, 22), range(22, 32), range(32, 57), range(57, 82), range(82, 100)];
  const tie = (a: number[], b: number[], weight: number) => ({ a: a[0], b: b[0], weight, signals: zero });
  const cg: CouplingGraph = {
    files,
    edges: [tie(S, H, 5), tie(S, P, 3), tie(S, Y, 3), tie(H, X1, 12), tie(H, X2, 13), tie(P, X2, 12), tie(Y, X1, 20)],
    weights: { structural: 1, cochange: 1, ownership: 0.25, semantic: 0.5 },
  };

  it("joins the partner its ties single out, not the hub everyone is tied to by its size", () => {
    const { service } = groupModules([S, H, P, X1, X2, Y], cg, plainOf(6));
    expect(service).toEqual([2, 1, 2, 3, 4, 5]);
  });

  it("stays when tied to no other service and no service holds most of its folder, and the rule says so", () => {
    // novu's subscription-preference: 2 of 100 files (under the floor of 2.5), nothing outside them tied to them;
    // their folder holds 2 files of P, 2 of Y and 1 of H: P and Y the most, neither most of the 5
    const edges = [tie(H, X1, 12), tie(P, X2, 12), tie(Y, X1, 20)];
    const folder = new Set([...S, 22, 23, 82, 83, 2]);
    const mixed = files.map((f, i) => (folder.has(i) ? `src/preference/f${i}.ts` : f));
    const { service, rule } = groupModules([S, H, P, X1, X2, Y], { ...cg, files: mixed, edges }, plainOf(6));
    expect(service[0]).toBe(0);
    expect(service.filter((g) => g === 0)).toHaveLength(1);
    expect(rule).toContain("joined the one they are most tied to (ties against what both sides' totals predict), 1 ");
    expect(rule).toContain("1 service under it tied to no other stayed");
  });

  it("joins the service holding most of the other files of its folders when tied to no other", () => {
    // unleash's last-seen read models: nothing analysed imports them; their folder holds 3 files of P (the
    // last-seen service and store) and 1 of Y, the rest of the files sit elsewhere
    const edges = [tie(H, X1, 12), tie(P, X2, 12), tie(Y, X1, 20)];
    const folder = new Set([...S, 22, 23, 24, 82]);
    const beside = files.map((f, i) => (folder.has(i) ? `src/last-seen/f${i}.ts` : f));
    const { service, rule } = groupModules([S, H, P, X1, X2, Y], { ...cg, files: beside, edges }, plainOf(6));
    expect(service).toEqual([2, 1, 2, 3, 4, 5]);
    expect(rule).toContain("1 service under it tied to no other joined the one holding its folders");
    expect(rule).not.toContain("stayed");
  });

  it("stays at 2.5% of the files, and joins under it", () => {
    // 120 files: a module of 3 (files 0, 1 and 100) is at the floor of 2.5% (3 files) and stays, though
    // 3% would be 3.6 files; S (2 of 120) is under the floor and joins P as above
    const many = Array.from({ length: 120 }, (_, i) => `src/m${i}.ts`);
    const graph = (s: number[]) => ({
      files: many,
      edges: [tie(s, H, 5), tie(s, P, 3), tie(s, Y, 3), tie(H, X1, 12), tie(H, X2, 13), tie(P, X2, 12), tie(Y, X1, 20)],
      weights: cg.weights,
    });
    const rest = range(100, 120);
    const three = [0, 1, 100];
    expect(groupModules([three, H, P, X1, X2, Y, range(101, 120)], graph(three), plainOf(7)).service[0]).toBe(0);
    expect(groupModules([S, H, P, X1, X2, Y, rest], graph(S), plainOf(7)).service[0]).toBe(2);
    // 136 files: a module of 3 is under the floor of 3.4 and joins P, though 2% would be 2.7 files (the cap
    // of 34 still keeps P from X2 and Y from X1)
    const three2 = [0, 1, 100];
    const wider = { ...graph(three2), files: Array.from({ length: 136 }, (_, i) => `src/m${i}.ts`) };
    expect(groupModules([three2, H, P, X1, X2, Y, range(101, 136)], wider, plainOf(7)).service[0]).toBe(2);
  });

  it("merges the strongest pair of all first, not the smallest service first", () => {
    // 100 files, floor 2.5: A (1 file) and B (2) are small. Ties: A-B 1, A-D 1.1, B-C 6, B-E 5, C-X1 4,
    // D-X2 10.8, E-X3 20 (no satellites: A 52% to D, B 50% to C, the rest bigger or past the cap).
    // Totals: A 2.1, B 12, C 10, D 11.9, E 25. By hand: B-C 6 / (12 · 10) = 0.050 beats A-D 1.1 /
    // (2.1 · 11.9) = 0.044 and A-B 0.040, so B joins C; then A-(B+C) 1 / (2.1 · 10) = 0.048 beats A-D,
    // and A joins them. Smallest first, A would have joined D (0.044 against 0.040) before B moved.
    const many = Array.from({ length: 100 }, (_, i) => `src/m${i}.ts`);
    const [A, B, C, D, E, X1, X2, X3] = [
      range(0, 1),
      range(1, 3),
      range(3, 13),
      range(13, 23),
      range(23, 33),
      range(33, 58),
      range(58, 83),
      range(83, 100),
    ];
    const graph: CouplingGraph = {
      files: many,
      edges: [
        tie(A, B, 1),
        tie(A, D, 1.1),
        tie(B, C, 6),
        tie(B, E, 5),
        tie(C, X1, 4),
        tie(D, X2, 10.8),
        tie(E, X3, 20),
      ],
      weights: cg.weights,
    };
    const { service } = groupModules([A, B, C, D, E, X1, X2, X3], graph, plainOf(8));
    expect(service).toEqual([2, 2, 2, 3, 4, 5, 6, 7]);
  });
});
