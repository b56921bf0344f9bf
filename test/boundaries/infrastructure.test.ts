import { describe, expect, it } from "vitest";
import { sharedInfrastructure, soleServiceImporters, utilityClusters } from "../../src/boundaries/hubs.js";
import { domainWords } from "../../src/coupling/names.js";
import type { CouplingGraph } from "../../src/coupling/types.js";
import type { ImportGraph } from "../../src/graph/types.js";

const importGraph = (edges: [string, string][]): ImportGraph => ({
  schema: "faultline/graph@1",
  modules: [],
  edges: edges.map(([from, to]) => ({ from, to, kinds: ["static" as const], typeOnly: false, symbols: ["x"] })),
  declarations: [],
  external: [],
  unresolved: [],
});

/**
 * Four modules (order, product, invoice, shipment), each a model and a route, and four helpers in
 * module 0: a base class and a cache helper imported by three other modules' routes, an order
 * formatter imported by three too, and a pager imported by two.
 */
const files = [
  "src/models/Order.ts",
  "src/routes/orders.ts",
  "src/models/Product.ts",
  "src/routes/products.ts",
  "src/models/Invoice.ts",
  "src/routes/invoices.ts",
  "src/models/Shipment.ts",
  "src/routes/shipments.ts",
  "src/lib/BaseRoute.ts",
  "src/lib/CacheHelper.ts",
  "src/lib/orderFormatter.ts",
  "src/lib/pager.ts",
];
const labels = Int32Array.from([0, 0, 1, 1, 2, 2, 3, 3, 0, 0, 0, 0]);
const cg: CouplingGraph = { files, edges: [], weights: { structural: 1, cochange: 1, ownership: 0.25, semantic: 0.5 } };
const routes = ["src/routes/products.ts", "src/routes/invoices.ts", "src/routes/shipments.ts"];
const imports = importGraph([
  ...routes.flatMap((r): [string, string][] => [
    [r, "src/lib/BaseRoute.ts"],
    [r, "src/lib/CacheHelper.ts"],
    [r, "src/lib/orderFormatter.ts"],
  ]),
  ["src/routes/orders.ts", "src/lib/BaseRoute.ts"], // its own module's import does not count
  ["src/routes/products.ts", "src/lib/pager.ts"],
  ["src/routes/invoices.ts", "src/lib/pager.ts"],
]);

describe("shared infrastructure", () => {
  it("is a file three other modules import whose name says no domain word", () => {
    const words = domainWords(files, ["Order", "Product", "Invoice", "Shipment"], () => false);
    const hints = {
      nouns: [],
      entityFiles: new Set([0, 2, 4, 6]),
      writers: new Map(),
      users: new Map(),
      domainWords: words,
      entityNouns: new Set<string>(),
      entityNounOf: new Map<number, string>(),
      typeFiles: new Set<number>(),
      productNamed: new Set<number>(),
    };
    const found = sharedInfrastructure(labels, imports, cg, hints, () => false);
    // by hand: BaseRoute and CacheHelper (3 importers each, no domain word); orderFormatter says
    // "order", an entity's name; pager has two importers
    expect(found.map((h) => [files[h.file], h.importers])).toEqual([
      ["src/lib/BaseRoute.ts", 3],
      ["src/lib/CacheHelper.ts", 3],
    ]);
    // a fixed (pinned) file stays where it is
    expect(sharedInfrastructure(labels, imports, cg, hints, (i) => i === 8).map((h) => files[h.file])).toEqual([
      "src/lib/CacheHelper.ts",
    ]);
  });

  it("that one service alone imports goes back to it, to the module importing it most", () => {
    // modules without the two helpers; modules 1 and 2 form one service, 0 and 3 one each
    const modules = [
      [0, 1, 10, 11],
      [2, 3],
      [4, 5],
      [6, 7],
    ];
    const oneService = importGraph([
      ["src/routes/products.ts", "src/lib/BaseRoute.ts"],
      ["src/models/Product.ts", "src/lib/BaseRoute.ts"],
      ["src/routes/invoices.ts", "src/lib/BaseRoute.ts"],
      ...routes.map((r): [string, string] => [r, "src/lib/CacheHelper.ts"]),
    ]);
    // BaseRoute: imported twice from module 1, once from module 2, both of service 1; CacheHelper
    // by services 1 and 2 (module 3): shared, it stays in the kernel
    expect(soleServiceImporters([8, 9], modules, [0, 1, 1, 2], files, oneService)).toEqual([[8, 1]]);
  });
});

describe("domain words", () => {
  it("are the words of entity names and words four or more files' own names carry", () => {
    const named = [
      "src/order/order.module.ts",
      "src/order/order.service.ts",
      "src/order/orders.controller.ts",
      "src/guards/requires-order.guard.ts",
      "src/infra/database.ts",
      "src/infra/redis.ts",
      "src/infra/redis-prefix.helper.ts",
      "src/acme.module.ts",
      "src/acme.service.ts",
      "src/acme.controller.ts",
      "src/acme-config.ts",
    ];
    // by hand: "order" on four own names; "redis" on two; "database" on one; the entity says
    // "stock" and "movement"; "acme", on four, is the product's own name
    expect([...domainWords(named, ["StockMovements"], (w) => w === "acme")].sort()).toEqual([
      "movement",
      "order",
      "stock",
    ]);
  });

  it("include a word on more than a tenth of the files, the product's core domain", () => {
    // unleash: `feature` on 12 of 40 own names (past the cap of ten on which a noun sets a module apart);
    // `util` names no file's noun
    const feature = ["store", "service", "controller", "schema"].flatMap((role) =>
      ["flag", "type", "tag"].map((thing) => `src/${role}s/feature-${thing}-${role}.ts`),
    );
    const rest = Array.from({ length: 28 }, (_, i) => `src/util/helper${i}.ts`);
    expect(domainWords([...feature, ...rest], [], () => false).has("feature")).toBe(true);
    // a word trailing the nouns that carry it (`response` of twelve DTOs of as many things) says none
    const dtos = Array.from({ length: 12 }, (_, i) => `src/dtos/thing${i}-response.dto.ts`);
    expect(domainWords([...dtos, ...rest], [], () => false).has("response")).toBe(false);
  });
});

describe("generic utilities", () => {
  it("are a cluster most of whose files sit in a utility folder and name no domain", () => {
    const clusters = [
      // unleash's util/ and middleware/ files, none naming a domain
      ["src/util/ensureArray.ts", "src/util/escape-regex.ts", "src/util/metrics/createCounter.ts"],
      ["src/util/orderTotals.ts", "src/util/orderDates.ts", "src/util/pager.ts"], // two of three name orders
      ["src/jobs/queue.ts", "src/jobs/retry.ts", "src/jobs/util/backoff.ts"], // one of three in util/
      // a package named shared holds them: its source root, or three folders up, is no utility folder
      ["packages/shared/src/hash.ts", "packages/shared/src/tokens/verify.ts"],
    ];
    clusters[0].push("src/middleware/secure-headers.ts");
    const paths = clusters.flat();
    const labels = Int32Array.from(clusters.flatMap((c, k) => c.map(() => k)));
    const namesDomain = (i: number) => [4, 5].includes(i);
    expect(utilityClusters(labels, paths, () => true, namesDomain)).toEqual([0, 1, 2, 3]);
    // a file outside every module (a pinned one, say) is no part of its cluster
    expect(utilityClusters(labels, paths, (i) => i !== 3, namesDomain)).toEqual([0, 1, 2]);
    // a folder's name in any case
    const helpers = ["src/Helpers/Format.ts", "src/Helpers/Parse.ts"];
    expect(
      utilityClusters(
        Int32Array.from([0, 0]),
        helpers,
        () => true,
        () => false,
      ),
    ).toEqual([0, 1]);
  });
});
