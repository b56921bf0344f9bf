import { describe, expect, it } from "vitest";
import {
  featureFolders,
  keepUnitsTogether,
  mergeTiny,
  folderStrays,
  placeFanOutHubs,
  scatterTiny,
  strandedFiles,
  subProjects,
  unitsOf,
} from "../../src/boundaries/placement.js";
import type { CouplingGraph } from "../../src/coupling/types.js";
import type { ImportGraph } from "../../src/graph/types.js";

const zero = { structural: 0, cochange: 0, ownership: 0, semantic: 0 };

/** An import graph where one file imports each of the others. */
const importsOf = (from: string, to: string[]): ImportGraph => ({
  schema: "faultline/graph@1",
  modules: [],
  edges: to.map((t) => ({ from, to: t, kinds: ["static" as const], typeOnly: false, symbols: ["x"] })),
  declarations: [],
  external: [],
  unresolved: [],
});

const never = () => false;

/** File 0 tied to each other file by the given weights, importing the files `imported`. */
function star(files: string[], weights: number[], imported: number[]) {
  const g: CouplingGraph = {
    files,
    edges: weights.map((weight, k) => ({ a: 0, b: k + 1, weight, signals: zero })),
    weights: { structural: 1, cochange: 1, ownership: 0.25, semantic: 0.5 },
  };
  return {
    g,
    hubImports: importsOf(
      files[0],
      imported.map((b) => files[b]),
    ),
  };
}

describe("fan-out hubs", () => {
  it("go to the cluster of their strongest single tie, not where their many weak imports point", () => {
    // 0 is an orchestrator in cluster A (with 1, its route); it imports 2..5 (cluster B) and one
    // file of each of C, D, E: its weak ties to B sum to 2.0, its single tie to 1 is 0.9
    const files = ["hub", "route", "b1", "b2", "b3", "b4", "c", "d", "e"];
    const labels = Int32Array.from([1, 0, 1, 1, 1, 1, 2, 3, 4]);
    const edges = [
      { a: 0, b: 1, weight: 0.9 },
      ...[2, 3, 4, 5].map((b) => ({ a: 0, b, weight: 0.5 })),
      ...[6, 7, 8].map((b) => ({ a: 0, b, weight: 0.3 })),
    ].map((e) => ({ ...e, signals: zero }));
    const cg: CouplingGraph = { files, edges, weights: { structural: 1, cochange: 1, ownership: 0.25, semantic: 0.5 } };
    const imports = importsOf(
      "hub",
      [2, 3, 4, 5, 6, 7, 8].map((b) => files[b]),
    );
    const never = () => false;
    // labels with the hub (file 0) in the given cluster, placed with the caller's fixed and glue tests
    const place = (own: number, fixed: (i: number) => boolean, glue: (i: number, reached: number) => boolean) => {
      const l = Int32Array.from(labels);
      l[0] = own;
      return { labels: l, ...placeFanOutHubs(l, cg, imports, fixed, glue) };
    };
    // it imports from 3 clusters besides its own (B is its own here): C, D, E, not enough to be a hub
    const few = place(1, never, never);
    expect(few.moved).toEqual([]);
    expect(few.labels[0]).toBe(1);
    // in a cluster of its own, it imports from B, C, D and E: a hub, placed by its strongest tie (route)
    const hub = place(5, never, never);
    expect(hub.moved).toEqual([0]);
    expect(hub.labels[0]).toBe(0);
    // its strongest tie is the route (file 1), which the caller reads to place it again later
    expect(hub.tiedTo.get(0)).toBe(1);
    // a file the caller fixes (pinned, an owned entity) stays
    expect(place(5, (i) => i === 0, never).moved).toEqual([]);
    // one the caller calls glue leaves every cluster, with the number of clusters it reaches
    const glue = place(5, never, (i, reached) => i === 0 && reached === 4);
    expect(glue.moved).toEqual([]);
    expect(glue.glue).toEqual([{ file: 0, clusters: 4 }]);
    expect(glue.labels[0]).toBe(-1);
  });

  it("go with the files named for them before their strongest single tie, when the caller knows those", () => {
    // vendure's order.service.ts (0) imports from four clusters; its strongest single tie is the order
    // modifier (1), which sits for now with the stock movements (cluster 1); the order resolvers and
    // entity (2, 3), named for it, are in cluster 2
    const files = ["order.service", "order-modifier", "order.resolver", "order.entity", "payment", "tax", "stock"];
    const l = Int32Array.from([0, 1, 2, 2, 3, 4, 1]);
    const { g, hubImports } = star(files, [1.26, 1.17, 1.08, 0.5, 0.4, 0.3], [1, 2, 4, 5]);
    const byTie = Int32Array.from(l);
    placeFanOutHubs(byTie, g, hubImports, never, never);
    expect(byTie[0]).toBe(1);
    const byName = Int32Array.from(l);
    const placed = placeFanOutHubs(byName, g, hubImports, never, never, (i) => (i === 0 ? 2 : undefined));
    expect(placed.moved).toEqual([0]);
    expect(byName[0]).toBe(2);
  });

  it("are placed again by the ties they have left once their strongest tie went to the kernel", () => {
    // a task (0) sits with the cron route (6) that runs it and imports from clusters 1 to 5; its
    // strongest tie is its base class (1, 0.9), then the user model (2, 0.6)
    const files = ["task", "BaseTask", "User", "order", "product", "share", "cron"];
    const l = Int32Array.from([6, 1, 2, 3, 4, 5, 6]);
    const { g, hubImports: taskImports } = star(files, [0.9, 0.6, 0.3, 0.3, 0.2, 0.1], [1, 2, 3, 4, 5]);
    const first = placeFanOutHubs(l, g, taskImports, never, never);
    expect(first.tiedTo.get(0)).toBe(1);
    expect(l[0]).toBe(1);
    l[1] = -1;
    // the base class goes to the kernel; placed again, a tie to a file in no cluster counts for
    // nothing, and the user model is its strongest tie left (it still imports from clusters 2 to 5)
    const again = placeFanOutHubs(l, g, taskImports, never, never);
    expect(again.moved).toEqual([0]);
    expect(l[0]).toBe(2);
    expect(again.tiedTo.get(0)).toBe(2);
  });
});

describe("units (x.module.ts, x.service.ts, x.controller.ts in one folder)", () => {
  const weights = { structural: 1, cochange: 1, ownership: 0.25, semantic: 0.5 };
  const files = [
    "src/order/order.module.ts", // 0
    "src/order/order.service.ts", // 1
    "src/order/order.controller.ts", // 2
    "src/prisma/prisma.module.ts", // 3
    "src/prisma/prisma.service.ts", // 4
    "src/user/user.module.ts", // 5
    "src/user/user.service.ts", // 6
    "src/user/user.controller.ts", // 7
    "src/order/order.ts", // 8: no kind, no unit's
    "src/cart/cart.service.ts", // 9: alone, no unit
    "src/user/helpers/user.service.ts", // 10: another folder, another unit (alone)
  ];

  it("are the files of one folder sharing the name before their kind", () => {
    expect(unitsOf(files)).toEqual([
      [0, 1, 2],
      [3, 4],
      [5, 6, 7],
    ]);
  });

  it("go where most of the unit is, to the kernel on half, and between modules to the one most tied", () => {
    // order: two of three in module 1; prisma: one of two in the kernel (-1); user: one each in
    // modules 2, 3 and 4, the unit tied most to module 4 (through the controller's tie to 8)
    const labels = Int32Array.from([0, 1, 1, 0, -1, 2, 3, 4, 4, 0, 0]);
    const edges = [
      { a: 5, b: 9, weight: 0.2 },
      { a: 6, b: 10, weight: 0.3 },
      { a: 7, b: 8, weight: 0.9 },
    ].map((e) => ({ ...e, signals: zero }));
    const cg: CouplingGraph = { files, edges, weights };
    const { moved } = keepUnitsTogether(
      labels,
      cg,
      () => true,
      () => false,
    );
    expect(moved).toEqual([0, 3, 5, 6]);
    expect([...labels]).toEqual([1, 1, 1, -1, -1, 4, 4, 4, 4, 0, 0]);
  });

  it("stay in their module on half when the kernel holds only the unit's wiring (framework glue)", () => {
    // order.service.ts is out of play: order's unit is its module (in the kernel, fixed) and its controller
    // (module 1); prisma's is its module (kernel) and its service (module 0). By hand: order's module is
    // wiring (novu's events.module.ts, glue importing many modules), so the controller stays; prisma's
    // module is not, so on half the kernel takes prisma.service.ts
    const cg: CouplingGraph = { files, edges: [], weights };
    /** the first five labels after keeping units together, with `wiring` the one wiring file, and the moves */
    const keep = (wiring: number) => {
      const labels = Int32Array.from([-1, 1, 1, -1, 0, 2, 2, 2, 4, 0, 0]);
      const { moved } = keepUnitsTogether(
        labels,
        cg,
        (i) => i !== 1,
        (i) => i === 0,
        (i) => i === wiring,
      );
      return { moved, labels: [...labels.slice(0, 5)] };
    };
    expect(keep(0)).toEqual({ moved: [4], labels: [-1, 1, 1, -1, -1] });
    // the other way round: order's module is no wiring, prisma's is (and not fixed: it joins its service)
    expect(keep(3)).toEqual({ moved: [2, 3], labels: [-1, 1, -1, 0, 0] });
  });

  it("never move a fixed file (pinned, forced into the kernel), though it counts", () => {
    const labels = Int32Array.from([0, 1, 1, 0, -1, 2, 2, 3, 4, 0, 0]);
    const cg: CouplingGraph = { files, edges: [], weights };
    const { moved } = keepUnitsTogether(
      labels,
      cg,
      () => true,
      (i) => i === 0 || i === 3,
    );
    expect(moved).toEqual([7]);
    expect([...labels.slice(0, 8)]).toEqual([0, 1, 1, 0, -1, 2, 2, 2]);
  });
});

describe("a cluster the kernel leaves too small", () => {
  // two modules of three (0: document, 1: integration) and what the kernel left of a third: an
  // archivable base class tied to the document model, and an integration's credentials tied to it
  const files = ["Document", "Revision", "Star", "Integration", "IntegrationHelper", "IntegrationPolicy"]
    .map((f) => `server/models/${f}.ts`)
    .concat(["server/models/base/ArchivableModel.ts", "server/models/IntegrationAuthentication.ts"]);
  const labels = Int32Array.from([0, 0, 0, 1, 1, 1, 2, 2]);
  const edges = [
    { a: 0, b: 1, weight: 1 },
    { a: 0, b: 2, weight: 1 },
    { a: 3, b: 4, weight: 1 },
    { a: 3, b: 5, weight: 1 },
    { a: 6, b: 0, weight: 0.69 },
    { a: 7, b: 3, weight: 0.9 },
    { a: 6, b: 7, weight: 0.1 },
  ].map((e) => ({ ...e, signals: zero }));
  const cg: CouplingGraph = { files, edges, weights: { structural: 1, cochange: 1, ownership: 0.25, semantic: 0.5 } };
  const active = new Uint8Array(files.length).fill(1);

  it("is scattered: each file joins the module its own ties pull most", () => {
    expect([...scatterTiny(labels, cg, 3, active)]).toEqual([0, 0, 0, 1, 1, 1, 0, 1]);
  });

  it("would join one module whole, the one its files together are most tied to", () => {
    // 0.9 to integration against 0.69 to document: both files to integration
    expect([...mergeTiny(labels, cg, 3, active)]).toEqual([0, 0, 0, 1, 1, 1, 1, 1]);
  });
});

describe("a module the kernel leaves stranded", () => {
  // a module of three (0), the kernel's logger (-1), and two small modules tied to the logger alone:
  // 1 the error handler and its formatter, 2 a billing route and its service
  const files = [
    "src/routes/orders.ts",
    "src/services/orders.ts",
    "src/models/Order.ts",
    "src/utils/logger.ts",
    "src/middleware/errorHandler.ts",
    "src/middleware/errorFormat.ts",
    "src/routes/billing.ts",
    "src/services/billing.ts",
  ];
  const labels = Int32Array.from([0, 0, 0, -1, 1, 1, 2, 2]);
  const edges = [
    [0, 1],
    [1, 2],
    [4, 3],
    [4, 5],
    [6, 3],
    [6, 7],
  ].map(([a, b]) => ({ a, b, weight: 1, signals: zero }));
  const cg: CouplingGraph = { files, edges, weights: { structural: 1, cochange: 1, ownership: 0.25, semantic: 0.5 } };
  const inModule = (i: number) => labels[i] >= 0;
  const inKernel = (i: number) => i === 3;

  it("is the kernel's when it is tied to the kernel alone and none of its files names a domain", () => {
    const billing = (i: number) => files[i].includes("billing") || files[i].includes("Order");
    expect(strandedFiles(labels, cg, 3, inModule, inKernel, billing)).toEqual([4, 5]);
    // with no domain word anywhere, the billing pair is stranded too
    expect(strandedFiles(labels, cg, 3, inModule, inKernel, () => false)).toEqual([4, 5, 6, 7]);
    // tied to another module, it is not stranded
    const tied = { ...cg, edges: [...edges, { a: 7, b: 2, weight: 0.1, signals: zero }] };
    expect(strandedFiles(labels, tied, 3, inModule, inKernel, billing)).toEqual([4, 5]);
    expect(strandedFiles(labels, tied, 3, inModule, inKernel, () => false)).toEqual([4, 5]);
  });
});

describe("workspace packages", () => {
  const files = [
    "packages/order/src/order.ts", // 0
    "packages/order/src/order-service.ts", // 1
    "packages/order/src/return.ts", // 2
    "packages/order/src/line-item.ts", // 3: with the cart's look-alike
    "packages/cart/src/line-item.ts", // 4
    "packages/cart/src/cart.ts", // 5
    "packages/links/src/order-cart.ts", // 6
    "packages/links/src/order-product.ts", // 7
    "packages/links/src/cart-product.ts", // 8
    "packages/links/src/product-price.ts", // 9
    "packages/order/plugins/tax/src/tax.ts", // 10: a package of its own inside order's folder
    "packages/order/src/pinned.ts", // 11
  ];
  const packages = ["packages/order", "packages/cart", "packages/links", "packages/order/plugins/tax"];

  it("bring their strays to the module holding more than half of them; a spread package stays", () => {
    // order: 3 of 5 in module 0 (the pinned file counts but stays); links: two modules, two each
    const labels = Int32Array.from([0, 0, 0, 1, 1, 1, 0, 0, 1, 2, 1, 1]);
    const moved = folderStrays(
      labels,
      files,
      packages,
      () => true,
      (i) => files[i].endsWith("pinned.ts"),
    );
    expect(moved).toEqual([3]);
    expect([...labels]).toEqual([0, 0, 0, 0, 1, 1, 0, 0, 1, 2, 1, 1]);
  });
});

describe("feature folders", () => {
  it("are folders named as the unit inside them, whose subfolders' files (guards, decorators) they hold", () => {
    // auth/ holds no auth unit, infra/ a unit named otherwise, app.* sits at the top: no feature folders
    const files = [
      ["team", "team.module", "team.service", "guards/rest-team-member.guard"],
      ["admin", "admin.module", "admin.resolver", "guards/rest-admin.guard"],
      ["auth", "guards/jwt-auth.guard"],
      ["infra", "mailer.module", "mailer.service"],
      [".", "app.module", "app.controller"],
    ].flatMap(([dir, ...names]) => names.map((n) => (dir === "." ? `src/${n}.ts` : `src/${dir}/${n}.ts`)));
    expect(featureFolders(files)).toEqual(["src/admin", "src/team"]);
    // a folder holding other features is the application; a unit at the root has no folder
    const app = ["src/app/app.module.ts", "src/app/app.controller.ts", "team.module.ts", "team.service.ts"];
    expect(featureFolders([...files.map((f) => f.replace("src/", "src/app/")), ...app])).toEqual([
      "src/app/admin",
      "src/app/team",
    ]);
    // the REST guards sat together, away from their features: each goes home
    const labels = Int32Array.from([0, 0, 2, 1, 1, 2, 2, 3, 3, 4, 4]);
    const moved = folderStrays(
      labels,
      files,
      featureFolders(files),
      () => true,
      () => false,
    );
    expect(moved).toEqual([2, 5]);
    expect([...labels]).toEqual([0, 0, 0, 1, 1, 1, 2, 3, 3, 4, 4]);
  });
});

describe("sub-projects", () => {
  it("are sibling folders, three or more, holding a file at one path two folders deep or more", () => {
    // [file, module]: three plugins with server/index.ts, whose registrations sat together in module 3
    const placed: [string, number][] = [
      ["plugins/slack/server/index.ts", 3],
      ["plugins/slack/server/api/hooks.ts", 0],
      ["plugins/slack/server/slack.ts", 0],
      ["plugins/github/server/index.ts", 3],
      ["plugins/github/server/github.ts", 1],
      ["plugins/github/server/api.ts", 1],
      ["plugins/notion/server/index.ts", 3],
      ["plugins/notion/server/notion.ts", 3],
      // `docs` has no server/index.ts, `wiki` only a client: no sub-projects
      ["plugins/docs/README.ts", 4],
      ["plugins/wiki/client/index.tsx", 4],
      // folders sharing only a barrel one deep (index.ts, schema.ts) are any layer's subfolders
      ["server/routes/api/users/index.ts", 5],
      ["server/routes/api/users/schema.ts", 6],
      ["server/routes/api/teams/index.ts", 5],
      ["server/routes/api/teams/schema.ts", 6],
      ["server/routes/api/pins/index.ts", 5],
      ["server/routes/api/pins/schema.ts", 6],
      // two siblings are not enough
      ["apps/web/src/main.ts", 7],
      ["apps/api/src/main.ts", 8],
    ];
    const files = placed.map(([f]) => f);
    expect(subProjects(files)).toEqual(["plugins/github", "plugins/notion", "plugins/slack"]);
    // each registration goes home to its plugin; notion's module is its own already
    const labels = Int32Array.from(placed.map(([, m]) => m));
    expect(
      folderStrays(
        labels,
        files,
        subProjects(files),
        () => true,
        () => false,
      ),
    ).toEqual([0, 3]);
    expect([...labels.slice(0, 8)]).toEqual([0, 0, 0, 1, 1, 1, 3, 3]);
  });

  it("are never layer folders side by side, each with the same domains below it", () => {
    const files = ["controllers", "services", "models"].flatMap((layer) =>
      ["users", "orders"].flatMap((d) => [`src/${layer}/${d}/index.ts`, `src/${layer}/${d}/${d}.ts`]),
    );
    expect(subProjects(files)).toEqual([]);
  });

  it("leave out folders half or more of whose files declare types alone: a layer of data descriptions", () => {
    const http = ["order", "product", "cart"].flatMap((d) => [
      `types/http/${d}/admin/entities.ts`,
      `types/http/${d}/admin/payloads.ts`,
    ]);
    expect(subProjects(http)).toEqual(["types/http/cart", "types/http/order", "types/http/product"]);
    // cart's folder also holds a helper that runs code: two of its three files declare types alone
    const files = [...http, "types/http/cart/admin/format.ts"];
    expect(subProjects(files, new Set(http.map((_, i) => i)))).toEqual([]);
  });
});
