import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeInto } from "../helpers/cli.js";
import { buildRepo, day, type CommitStep } from "../helpers/repo.js";
import { findPlatform, platformFiles } from "../../src/tiers/platform.js";
import type { WorkspacePackage } from "../../src/repo/types.js";

const json = (x: unknown) => JSON.stringify(x, null, 2);
const pkg = (dir: string, name: string, manifest: Record<string, unknown> = {}): WorkspacePackage => ({
  name,
  dir: `/repo/${dir}`,
  manifest: { name, ...manifest },
});

describe("the platform of a workspace", () => {
  it("is the package half of the others build on at run time, with every package it builds on", () => {
    const framework = { peerDependencies: { "@acme/framework": "*" } };
    const found = findPlatform("/repo", [
      pkg("core/framework", "@acme/framework", { dependencies: { "@acme/utils": "*", "@acme/loader": "*" } }),
      pkg("core/loader", "@acme/loader", { dependencies: { "@acme/utils": "*" } }),
      pkg("core/utils", "@acme/utils"),
      pkg("modules/orders", "@acme/orders", framework),
      pkg("modules/customers", "@acme/customers", framework),
      // an optional peer and a dev dependency say nothing of what a package runs on
      pkg("modules/payments", "@acme/payments", {
        peerDependencies: { "@acme/framework": "*" },
        devDependencies: { "@acme/customers": "*" },
      }),
      pkg("modules/reports", "@acme/reports", {
        peerDependencies: { "@acme/framework": "*", "@acme/orders": "*" },
        peerDependenciesMeta: { "@acme/orders": { optional: true } },
      }),
    ]);
    // framework: 4 dependents of the 6 others; utils: 2 (framework, loader); orders: 0 at run time
    const why = "4 of the 6 other workspace packages depend on @acme/framework";
    expect(found).toEqual([
      { name: "@acme/framework", dir: "core/framework", why: `platform: ${why}` },
      { name: "@acme/loader", dir: "core/loader", why: `platform: @acme/framework builds on @acme/loader (${why})` },
      { name: "@acme/utils", dir: "core/utils", why: `platform: @acme/framework builds on @acme/utils (${why})` },
    ]);
  });

  it("leaves out a package of types alone: it runs nothing, each file describes a domain", () => {
    const framework = { peerDependencies: { "@acme/framework": "*" } };
    const found = findPlatform(
      "/repo",
      [
        pkg("core/framework", "@acme/framework", { dependencies: { "@acme/types": "*", "@acme/utils": "*" } }),
        pkg("core/types", "@acme/types"),
        pkg("core/utils", "@acme/utils"),
        pkg("modules/orders", "@acme/orders", framework),
        pkg("modules/customers", "@acme/customers", framework),
        pkg("modules/payments", "@acme/payments", framework),
      ],
      (dir) => dir === "core/types",
    );
    expect(found.map((p) => p.name)).toEqual(["@acme/framework", "@acme/utils"]);
  });

  it("is nothing when no package has three dependents and half of the others", () => {
    const lib = { dependencies: { "@acme/lib": "*" } };
    const names = ["a", "b", "c", "d", "e", "f", "g"];
    // three of seven others: not half
    const workspaces = [pkg("lib", "@acme/lib"), ...names.map((n, i) => pkg(n, `@acme/${n}`, i < 3 ? lib : {}))];
    expect(findPlatform("/repo", workspaces)).toEqual([]);
    // two of two others: half, but two packages sharing a library are not a platform
    expect(
      findPlatform("/repo", [pkg("lib", "@acme/lib"), pkg("a", "@acme/a", lib), pkg("b", "@acme/b", lib)]),
    ).toEqual([]);
  });

  it("holds no file when it would be half of the analysed files: the framework is then what is analysed", () => {
    const platform = [{ name: "@acme/framework", dir: "core/framework", why: "platform" }];
    const half = ["core/framework/a.ts", "core/framework/b.ts", "modules/x.ts", "modules/y.ts"];
    expect([...platformFiles(half, platform)]).toEqual([]);
    const few = ["core/framework/a.ts", "core/frameworks/b.ts", "modules/x.ts"];
    // core/frameworks/ is another folder, not inside core/framework/
    expect([...platformFiles(few, platform)]).toEqual([[0, "platform"]]);
    // a package inside another gives its own files its own reason
    const nested = [...platform, { name: "@acme/cli", dir: "core/framework/cli", why: "cli" }];
    const files = ["core/framework/cli/run.ts", "core/framework/a.ts", "modules/x.ts", "modules/y.ts", "modules/z.ts"];
    expect([...platformFiles(files, nested)]).toEqual([
      [0, "cli"],
      [1, "platform"],
    ]);
  });
});

/**
 * Four business packages built on a framework package, which builds on a utilities package. The
 * framework changes in most commits, with fixes: by pain alone it would be extracted first. With `db`, every
 * business package also depends on a database package declaring the Drizzle tables of the first `inDb` domains;
 * the others declare theirs in their own package.
 */
function monorepo(db = false, inDb = 4) {
  const files: Record<string, string> = {
    "package.json": json({ name: "acme", private: true, workspaces: ["core/*", "modules/*"] }),
    "tsconfig.json": json({
      compilerOptions: { strict: true, module: "esnext", moduleResolution: "bundler", baseUrl: "." },
      include: ["core", "modules"],
    }),
    "core/types/package.json": json({ name: "@acme/types", main: "src/index.ts" }),
    "core/types/src/index.ts": `export * from "./order";\n`,
    "core/types/src/order.ts": `export interface OrderDTO {\n  id: string;\n  total: number;\n}\n`,
    "core/utils/package.json": json({ name: "@acme/utils", main: "src/index.ts" }),
    "core/utils/src/index.ts": `export * from "./strings";\nexport * from "./numbers";\n`,
    "core/utils/src/strings.ts": `export const upper = (s: string) => s.toUpperCase();\n`,
    "core/utils/src/numbers.ts": `export const round = (n: number) => Math.round(n);\n`,
    "core/framework/package.json": json({
      name: "@acme/framework",
      main: "src/index.ts",
      dependencies: { "@acme/utils": "*", "@acme/types": "*", koa: "2" },
    }),
    "core/framework/src/index.ts": `export * from "./module";\nexport * from "./router";\n`,
    "core/framework/src/module.ts":
      `import { upper } from "@acme/utils";\n` + `export const defineModule = (name: string) => upper(name);\n`,
    "core/framework/src/router.ts":
      `import { round } from "@acme/utils";\n` + `export const route = (path: string) => path + round(1);\n`,
  };
  const domains = ["order", "customer", "payment", "invoice"];
  for (const d of domains) {
    files[`modules/${d}/package.json`] = json({
      name: `@acme/${d}`,
      main: "src/index.ts",
      peerDependencies: { "@acme/framework": "*" },
    });
    files[`modules/${d}/src/index.ts`] = `export * from "./${d}-service";\nexport * from "./${d}-routes";\n`;
    files[`modules/${d}/src/${d}-model.ts`] =
      d === "order"
        ? `import type { OrderDTO } from "@acme/types";\nexport interface Order extends OrderDTO {\n  id: string;\n}\n`
        : `export interface ${cap(d)} {\n  id: string;\n}\n`;
    files[`modules/${d}/src/${d}-service.ts`] =
      `import { defineModule } from "@acme/framework";\nimport type { ${cap(d)} } from "./${d}-model";\n` +
      `export const ${d}Module = defineModule("${d}");\nexport const list${cap(d)} = (): ${cap(d)}[] => [];\n`;
    files[`modules/${d}/src/${d}-routes.ts`] =
      `import { route } from "@acme/framework";\nimport { list${cap(d)} } from "./${d}-service";\n` +
      `export const ${d}Routes = [route("/${d}s"), list${cap(d)}];\n`;
  }
  if (db) {
    files["core/db/package.json"] = json({ name: "@acme/db", main: "src/index.ts" });
    const shared = domains.slice(0, inDb);
    files["core/db/src/index.ts"] = shared.map((d) => `export * from "./schema/${d}";\n`).join("");
    for (const d of domains) {
      const table =
        `import { pgTable, text } from "drizzle-orm/pg-core";\n` +
        `export const ${d}s = pgTable("${d}s", { id: text("id") });\n`;
      if (shared.includes(d)) files[`core/db/src/schema/${d}.ts`] = table;
      else files[`modules/${d}/src/${d}-table.ts`] = table;
      const manifest = JSON.parse(files[`modules/${d}/package.json`]) as Record<string, unknown>;
      files[`modules/${d}/package.json`] = json({ ...manifest, dependencies: { "@acme/db": "*" } });
      const from = shared.includes(d) ? "@acme/db" : `./${d}-table`;
      files[`modules/${d}/src/${d}-store.ts`] =
        `import { ${d}s } from "${from}";\nexport const ${d}Table = () => ${d}s;\n`;
      files[`modules/${d}/src/${d}-service.ts`] += `export { ${d}Table } from "./${d}-store";\n`;
    }
  }
  const author = "Ada <ada@x.test>";
  const framework = Object.keys(files).filter((f) => /^core\/(framework|utils|types)\//.test(f) && f.endsWith(".ts"));
  const commits: CommitStep[] = [{ author, date: day(0), touch: Object.keys(files), message: "initial import" }];
  for (let i = 1; i <= 60; i++) {
    const d = domains[i % 4];
    const own = Object.keys(files).filter((f) => f.startsWith(`modules/${d}/src/`));
    // the framework changes in two commits of three, half of them fixes; each domain in one of four
    const table = db ? [`core/db/src/schema/${d}.ts`] : [];
    const touch = i % 3 === 0 ? [...own, ...table] : [...framework, ...own.slice(0, 2)];
    commits.push({ author, date: day(i), touch, message: i % 2 ? "fix: framework regression" : `feat: ${d}` });
  }
  return { files, commits };
}
const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

describe("analyze on a workspace with a platform", () => {
  it("puts the framework and what it builds on in the kernel, and picks a business service", async () => {
    const repo = buildRepo(monorepo());
    const { analysis, out } = await analyzeInto(repo, ["--no-cache", "--min-commits", "10"]);
    const inServices = analysis.services.flatMap((s) => s.files);
    // the types package runs nothing: no platform, its order types go with orders
    expect(inServices.filter((f) => f.startsWith("core/")).sort()).toEqual([
      "core/types/src/index.ts",
      "core/types/src/order.ts",
    ]);
    const orderTypes = analysis.services.find((s) => s.files.includes("core/types/src/order.ts"))!;
    expect(orderTypes.files).toContain("modules/order/src/order-model.ts");
    const platform = analysis.kernel.files.filter((k) => k.path.startsWith("core/") && k.why.startsWith("platform"));
    const base = "4 of the 6 other workspace packages depend on @acme/framework";
    const utils = `platform: @acme/framework builds on @acme/utils (${base})`;
    expect(Object.fromEntries(platform.map((k) => [k.path, k.why]))).toEqual({
      "core/framework/src/index.ts": `platform: ${base}`,
      "core/framework/src/module.ts": `platform: ${base}`,
      "core/framework/src/router.ts": `platform: ${base}`,
      "core/utils/src/index.ts": utils,
      "core/utils/src/numbers.ts": utils,
      "core/utils/src/strings.ts": utils,
    });
    const first = analysis.services.find((s) => s.id === analysis.extractionOrder[0])!;
    expect(first.files.filter((f) => /^core\/(framework|utils)\//.test(f))).toEqual([]);
    expect(first.files.some((f) => f.startsWith("modules/"))).toBe(true);
    // report.md gives each platform package one row, its folder and file count, before the other kernel files
    const kernel = readFileSync(path.join(out, "report.md"), "utf8").split("## Shared kernel")[1].split("\n## ")[0];
    const rows = kernel.split("\n").filter((l) => l.startsWith("| core/"));
    expect(rows).toEqual([
      `| core/framework/src/ (3 files) | platform: ${base} |`,
      `| core/utils/src/ (3 files) | ${utils} |`,
    ]);
    expect(kernel).toMatch(/framework glue\), and the platform packages the services are built with:/);
  });

  it("leaves out a package declaring the repository's entities: each table goes where its domain is", async () => {
    // every business package depends on @acme/db (4 of the 7 others): by count a platform, but its files
    // declare all the entities, each domain's table
    const { analysis } = await analyzeInto(buildRepo(monorepo(true)), ["--no-cache", "--min-commits", "10"]);
    const platform = analysis.kernel.files.filter((k) => k.why.startsWith("platform")).map((k) => k.path);
    expect(platform.filter((f) => f.startsWith("core/db/"))).toEqual([]);
    expect(platform).toContain("core/framework/src/module.ts");
    for (const d of ["order", "customer", "payment", "invoice"]) {
      const service = analysis.services.find((s) => s.files.includes(`core/db/src/schema/${d}.ts`));
      expect(service?.files, d).toContain(`modules/${d}/src/${d}-store.ts`);
    }
  });

  it("keeps a package declaring few of the entities in the platform", async () => {
    // @acme/db declares the order and customer tables, each other business package its own: by hand, two entities
    // of four, half but fewer than three, so @acme/db is a platform package the business packages run on
    const { analysis } = await analyzeInto(buildRepo(monorepo(true, 2)), ["--no-cache", "--min-commits", "10"]);
    const kernel = new Map(analysis.kernel.files.map((k) => [k.path, k.why]));
    for (const f of ["core/db/src/index.ts", "core/db/src/schema/order.ts"])
      expect(kernel.get(f), f).toBe("platform: 4 of the 7 other workspace packages depend on @acme/db");
  });
});
