import { describe, expect, it } from "vitest";
import { startModule } from "../../src/ranking/startModule.js";

const HEAD = "2026-01-01T00:00:00Z";
const H = Date.parse(HEAD) / 1000;
const YEAR = 365 * 86_400;

describe("the module to start with", () => {
  // service billing: modules api (a1, a2), core (c1, c2), cash (x1); service tax: t1; kernel: k
  const modules = [
    { id: "api", name: "api", files: ["src/a1.ts", "src/a2.ts"] },
    { id: "cash", name: "cash", files: ["src/x1.ts"] },
    { id: "core", name: "core", files: ["src/c1.ts", "src/c2.ts"] },
  ];
  const partition = {
    services: [
      { id: "billing", name: "billing", files: modules.flatMap((m) => m.files) },
      { id: "tax", name: "tax", files: ["src/t1.ts"] },
    ],
    kernel: ["src/k.ts"],
  };
  const edges = [
    { from: "src/a1.ts", to: "src/c1.ts" }, // crosses api's and core's boundaries
    { from: "src/a2.ts", to: "src/a1.ts" }, // inside api
    { from: "src/c1.ts", to: "src/k.ts" }, // the kernel: aside
    { from: "src/c2.ts", to: "src/t1.ts" }, // crosses core's (and the service's)
  ];
  const paths = ["src/a1.ts", "src/a2.ts", "src/c1.ts", "src/c2.ts", "src/k.ts", "src/t1.ts", "src/x1.ts"];
  const at = (files: string[], ago = 0) => ({ time: H - ago, files: files.map((f) => paths.indexOf(f)) });
  const history = {
    headDate: HEAD,
    files: [...paths, "test/a2.spec.ts"].map((path) => ({ path })),
    changesets: [
      at(["src/a1.ts", "src/c1.ts"]), // api and core together: neither's own
      at(["src/a1.ts", "src/k.ts"]), // api's own (the kernel aside)
      at(["src/c1.ts", "src/c2.ts"], YEAR), // core's own, a year old: weight 0.5
      at(["src/c2.ts", "src/t1.ts"]), // core with another service: not its own
      at(["src/a2.ts"]), // api's own
      at(["src/c1.ts"]), // core's own
      { time: H, files: [1, 7] }, // a2 with a file outside the analysis: api's own
      // cash changes most, but always with api: none of its changes is its own
      ...[1, 2, 3, 4, 5].map(() => at(["src/x1.ts", "src/a1.ts"])),
    ],
  };

  it("is the one with the most changes of its own for the imports crossing its boundary, the kernel aside", () => {
    // by hand: own changes api 3, core 1.5, cash 0 (lower median 1.5): api 2, core 1, cash 0; imports
    // across the boundary api 1, core 2, cash 0 (median 1): api 1, core 2, cash 0. api 2 / (1 + 1) = 1,
    // core 1 / (1 + 2) = 0.33, cash 0
    expect(startModule(modules, partition, edges, history)).toEqual({
      id: "api",
      why:
        "start with its api module: commits of its own weighing 3 (by recency) for 1 import across its boundary " +
        "(kernel aside)",
    });
  });

  it("with no history, falls to the first module by id", () => {
    expect(startModule(modules, partition, edges, undefined).id).toBe("api");
    const reversed = modules.map((m) => ({ ...m, id: `z-${m.id}` }));
    reversed[2].id = "a-core";
    expect(startModule(reversed, partition, edges, undefined).id).toBe("a-core");
  });
  it("weighs changes and imports relative to the service's median module, as services are ranked", () => {
    // hot: 10 own commits, 10 imports across its boundary; quiet: 1 own commit, no import.
    // By hand: changes relative to the lower median (1): hot 10 capped at 5, quiet 1; imports
    // relative to the mean (5, the median being 0): hot 2, quiet 0; hot 5 / 3 = 1.67 beats quiet 1
    // (per raw import: quiet 1 / 1 beats hot 10 / 11)
    const two = [
      { id: "hot", name: "hot", files: ["src/h.ts"] },
      { id: "quiet", name: "quiet", files: ["src/q.ts"] },
    ];
    const p = { services: [{ id: "s", name: "s", files: ["src/h.ts", "src/q.ts"] }], kernel: [] };
    const e = Array.from({ length: 10 }, (_, k) => ({ from: "src/h.ts", to: `src/other${k}.ts` }));
    const files = ["src/h.ts", "src/q.ts"].map((path) => ({ path }));
    const changesets = [...Array.from({ length: 10 }, () => ({ time: H, files: [0] })), { time: H, files: [1] }];
    expect(startModule(two, p, e, { headDate: HEAD, files, changesets }).id).toBe("hot");
  });

  it("is never a module that names no domain while the service has one that does", () => {
    // boot (src/main.ts, the bootstrap) changes on its own twice and imports nothing across its
    // boundary: by changes and imports alone it would come first (2 own against api's 3, with no import)
    const withBoot = [...modules, { id: "boot", name: "boot", files: ["src/main.ts"] }];
    const booted = {
      services: [
        { ...partition.services[0], files: [...partition.services[0].files, "src/main.ts"] },
        partition.services[1],
      ],
      kernel: partition.kernel,
    };
    const bootHistory = {
      ...history,
      files: [...history.files, { path: "src/main.ts" }],
      changesets: [...history.changesets, ...[1, 2].map(() => ({ time: H, files: [history.files.length] }))],
    };
    expect(startModule(withBoot, booted, edges, bootHistory).id).toBe("boot");
    const namesDomain = (files: string[]) => !files.includes("src/main.ts");
    expect(startModule(withBoot, booted, edges, bootHistory, namesDomain).id).toBe("api");
  });
});
