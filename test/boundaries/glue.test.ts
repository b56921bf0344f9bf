import { describe, expect, it } from "vitest";
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { analyzeInto } from "../helpers/cli.js";
import { buildRepo, day, git, TSCONFIG, type CommitStep } from "../helpers/repo.js";

const FEATURES = ["order", "payment", "invoice", "shipment", "customer", "product"];

/**
 * A NestJS back end: six features, each a module, a service and a controller; the root module
 * imports every feature's module and the entry point imports the root; an `ai` feature whose own
 * module wires four other features' modules beside its service and controller.
 */
function nestRepo(product?: string, appController = false): string {
  const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
  const files: Record<string, string> = { "tsconfig.json": TSCONFIG };
  for (const f of FEATURES) {
    files[`src/${f}/${f}.service.ts`] =
      `export class ${cap(f)}Service {\n  find${cap(f)}() {\n    return "${f}";\n  }\n}\n`;
    files[`src/${f}/${f}.controller.ts`] =
      `import { ${cap(f)}Service } from "./${f}.service";\n` +
      `export class ${cap(f)}Controller {\n  constructor(private readonly s: ${cap(f)}Service) {}\n}\n`;
    files[`src/${f}/${f}.module.ts`] =
      `import { ${cap(f)}Controller } from "./${f}.controller";\nimport { ${cap(f)}Service } from "./${f}.service";\n` +
      `export class ${cap(f)}Module {\n  static parts = [${cap(f)}Controller, ${cap(f)}Service];\n}\n`;
  }
  files["src/ai/ai.service.ts"] = `export class AiService {\n  prompt() {\n    return "hi";\n  }\n}\n`;
  files["src/ai/ai.controller.ts"] =
    `import { AiService } from "./ai.service";\n` +
    `export class AiController {\n  constructor(private readonly s: AiService) {}\n}\n`;
  files["src/ai/ai.module.ts"] =
    FEATURES.slice(0, 4)
      .map((f) => `import { ${cap(f)}Module } from "../${f}/${f}.module";\n`)
      .join("") +
    `import { AiController } from "./ai.controller";\nimport { AiService } from "./ai.service";\n` +
    `export class AiModule {\n  static parts = [${FEATURES.slice(0, 4)
      .map((f) => `${cap(f)}Module`)
      .join(", ")}, AiController, ` +
    `AiService];\n}\n`;
  const all = [...FEATURES, "ai"];
  files["src/app.module.ts"] =
    all.map((f) => `import { ${cap(f)}Module } from "./${f}/${f}.module";\n`).join("") +
    `export class AppModule {\n  static parts = [${all.map((f) => `${cap(f)}Module`).join(", ")}];\n}\n`;
  files["src/main.ts"] = `import { AppModule } from "./app.module";\nexport const app = AppModule;\n`;
  // the app shell's controller (a health check) beside the root module, using the orders
  if (appController) {
    files["src/app.controller.ts"] =
      `import { OrderService } from "./order/order.service";\n` +
      `export class AppController {\n  constructor(private readonly s: OrderService) {}\n}\n`;
    files["src/app.module.ts"] = `import { AppController } from "./app.controller";\n${files["src/app.module.ts"]}`;
  }
  // the product's configuration, named for the product, importing every feature's service
  if (product) {
    files["package.json"] = JSON.stringify({ name: product, private: true });
    files[`src/config/${product}-config.ts`] =
      FEATURES.map((f) => `import { ${cap(f)}Service } from "../${f}/${f}.service";\n`).join("") +
      `export const config = { services: [${FEATURES.map((f) => `${cap(f)}Service`).join(", ")}] };\n`;
  }
  const author = "Ada <ada@x.test>";
  const commits: CommitStep[] = [{ author, date: day(0), touch: Object.keys(files) }];
  // each feature (ai included) changes on its own, its three files together
  [...FEATURES, "ai"].forEach((f, k) => {
    for (let n = 0; n < 3; n++)
      commits.push({
        author,
        date: day(1 + k * 3 + n),
        touch: [`${f}.module`, `${f}.service`, `${f}.controller`].map((x) => `src/${f}/${x}.ts`),
      });
  });
  return buildRepo({ files, commits });
}

describe("framework glue", () => {
  it("holds the app shell's controller in the kernel beside the root module the entry point imports", async () => {
    // app.module.ts (root glue, fixed) and app.controller.ts are a unit, half in the kernel: the root glue
    // is no mere wiring there, so the controller follows it (a feature's wiring module would not take its unit)
    const { analysis } = await analyzeInto(nestRepo(undefined, true), ["--no-cache"]);
    const kernel = new Map(analysis.kernel.files.map((k) => [k.path, k.why]));
    expect(kernel.get("src/app.controller.ts")).toMatch(/^framework glue: half of its unit \(src\/app\.\*\)/);
  });

  it("is the kernel's when the entry point imports it; a feature's wiring module stays with it", async () => {
    const { analysis } = await analyzeInto(nestRepo(), ["--no-cache"]);
    const kernel = new Map(analysis.kernel.files.map((k) => [k.path, k.why]));
    expect(kernel.get("src/app.module.ts")).toMatch(/^framework glue/);
    expect(kernel.get("src/main.ts")).toMatch(/entry point/);
    const ai = analysis.services.find((s) => s.files.includes("src/ai/ai.controller.ts"))!;
    expect(ai.files).toContain("src/ai/ai.module.ts");
    expect(ai.files).toContain("src/ai/ai.service.ts");
  });

  it("is a file named for the product itself, which names no domain of it", async () => {
    const { analysis } = await analyzeInto(nestRepo("shop"), ["--no-cache"]);
    const kernel = new Map(analysis.kernel.files.map((k) => [k.path, k.why]));
    expect(kernel.get("src/config/shop-config.ts")).toMatch(/^framework glue/);
  });
});

const DOMAINS = ["order", "payment", "invoice", "shipment", "customer", "product"];

/** A first commit of every file, then three commits of each domain's files together. */
function domainCommits(files: Record<string, string>, touchOf: (domain: string) => string[]): CommitStep[] {
  const author = "Ada <ada@x.test>";
  const commits: CommitStep[] = [{ author, date: day(0), touch: Object.keys(files) }];
  DOMAINS.forEach((d, k) => {
    for (let n = 0; n < 3; n++) commits.push({ author, date: day(1 + k * 3 + n), touch: touchOf(d) });
  });
  return commits;
}

/**
 * A Koa-style back end under `root`: its `index.ts` starts `main.ts`, which installs an error handler and starts
 * two process roles; the web role mounts the routes of every domain through `routes/index.ts`, the
 * worker role the queue processor of every domain. Each domain is a model, a route and a processor.
 */
function koaRepo(root = "src", more: Record<string, string> = {}): string {
  const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
  const files: Record<string, string> = {
    "tsconfig.json": root === "src" ? TSCONFIG : TSCONFIG.replace('["src"]', JSON.stringify([root])),
  };
  for (const d of DOMAINS) {
    files[`${root}/models/${cap(d)}.ts`] = `export class ${cap(d)} {\n  id = "${d}";\n}\n`;
    files[`${root}/routes/${d}s.ts`] =
      `import { ${cap(d)} } from "../models/${cap(d)}";\nexport const ${d}Routes = () => new ${cap(d)}();\n`;
    files[`${root}/processors/${cap(d)}Processor.ts`] =
      `import { ${cap(d)} } from "../models/${cap(d)}";\nexport const process${cap(d)} = () => new ${cap(d)}();\n`;
  }
  files[`${root}/routes/index.ts`] =
    DOMAINS.map((d) => `import { ${d}Routes } from "./${d}s";\n`).join("") +
    `export const routes = [${DOMAINS.map((d) => `${d}Routes`).join(", ")}];\n`;
  files[`${root}/processors/index.ts`] =
    DOMAINS.map((d) => `import { process${cap(d)} } from "./${cap(d)}Processor";\n`).join("") +
    `export const processors = [${DOMAINS.map((d) => `process${cap(d)}`).join(", ")}];\n`;
  files[`${root}/roles/web.ts`] = `import { routes } from "../routes";\nexport const web = () => routes.length;\n`;
  files[`${root}/roles/worker.ts`] =
    `import { processors } from "../processors";\nexport const worker = () => processors.length;\n`;
  files[`${root}/onerror.ts`] = `export const onerror = (e: unknown) => String(e);\n`;
  files[`${root}/main.ts`] =
    `import { onerror } from "./onerror";\nimport { web } from "./roles/web";\n` +
    `import { worker } from "./roles/worker";\n` +
    `export const start = () => [onerror, web(), worker()];\n`;
  files[`${root}/index.ts`] = `export const boot = () => import("./main").then((m) => m.start());\n`;
  Object.assign(files, more);
  const commits = domainCommits(files, (d) => [
    `${root}/models/${cap(d)}.ts`,
    `${root}/routes/${d}s.ts`,
    `${root}/processors/${cap(d)}Processor.ts`,
  ]);
  commits.push({
    author: "Ada <ada@x.test>",
    date: day(40),
    touch: [`${root}/main.ts`, `${root}/roles/web.ts`, `${root}/roles/worker.ts`],
  });
  return buildRepo({ files, commits });
}

describe("start-up code", () => {
  it("is the kernel's down to the glue that mounts the features, which stay in their services", async () => {
    const { analysis } = await analyzeInto(koaRepo(), ["--no-cache"]);
    const kernel = new Map(analysis.kernel.files.map((k) => [k.path, k.why]));
    expect(kernel.get("src/index.ts")).toMatch(/entry point/);
    for (const f of ["src/main.ts", "src/onerror.ts", "src/roles/web.ts", "src/roles/worker.ts"])
      expect(kernel.get(f), f).toMatch(/^start-up/);
    const services = analysis.services.map((s) => s.files);
    for (const d of DOMAINS) {
      const own = services.find((files) => files.includes(`src/routes/${d}s.ts`));
      expect(own, d).toBeDefined();
      expect(own).toContain(`src/processors/${d[0].toUpperCase() + d.slice(1)}Processor.ts`);
    }
  });

  it("starts at a file named serve that no file imports, in an app given beside a package", async () => {
    // openstatus' apps/server/src/serve.ts runs the app its index exports; with packages/ beside the app, no folder
    // holds every analysed file, so only the name says the process starts there
    const root = "apps/api/src";
    const more = {
      "tsconfig.json": TSCONFIG.replace('["src"]', '["apps", "packages"]'),
      [`${root}/serve.ts`]: 'import { boot } from "./index";\nvoid boot();\n',
      "packages/clock/src/clock.ts": "export const now = () => Date.now();\n",
    };
    const { analysis } = await analyzeInto(koaRepo(root, more), ["--no-cache"]);
    const kernel = new Map(analysis.kernel.files.map((k) => [k.path, k.why]));
    expect(kernel.get(`${root}/serve.ts`)).toMatch(/entry point/);
    for (const f of ["index.ts", "main.ts", "onerror.ts"]) expect(kernel.get(`${root}/${f}`), f).toMatch(/^start-up/);
  });

  it("goes on through files named for starting the process, which name no domain however many say so", async () => {
    // teable's `bootstrap.ts` between its index and the app, with `configs/bootstrap.config.ts` beside it
    const more = {
      "src/index.ts": 'export const boot = () => import("./bootstrap").then((m) => m.bootstrap());\n',
      "src/bootstrap.ts":
        'import { port } from "./config/bootstrap.config";\nimport { start } from "./main";\n' +
        "export const bootstrap = () => [port, start()];\n",
      "src/config/bootstrap.config.ts": "export const port = 3000;\n",
    };
    const { analysis } = await analyzeInto(koaRepo("src", more), ["--no-cache"]);
    const kernel = new Map(analysis.kernel.files.map((k) => [k.path, k.why]));
    for (const f of ["src/bootstrap.ts", "src/config/bootstrap.config.ts", "src/main.ts", "src/roles/web.ts"])
      expect(kernel.get(f), f).toMatch(/^start-up/);
  });

  it("takes a folder of start-up code whoever imports it, but not a file of it named for a domain", async () => {
    // growthbook's `init/`: the database and the queue, started from a route; beside them the orders' seed
    const more = {
      "src/init/index.ts":
        'import { connect } from "./db";\nimport { queue } from "./queue";\nimport { seed } from "./orderSeed";\n' +
        "export const ready = () => [connect(), queue(), seed()];\n",
      "src/init/db.ts": "export const connect = () => 1;\n",
      "src/init/queue.ts": "export const queue = () => 2;\n",
      "src/init/orderSeed.ts": 'import { Order } from "../models/Order";\nexport const seed = () => new Order();\n',
      "src/routes/orders.ts":
        'import { Order } from "../models/Order";\nimport { ready } from "../init";\n' +
        "export const orderRoutes = () => [ready(), new Order()];\n",
    };
    const { analysis } = await analyzeInto(koaRepo("src", more), ["--no-cache"]);
    const kernel = new Map(analysis.kernel.files.map((k) => [k.path, k.why]));
    for (const f of ["src/init/index.ts", "src/init/db.ts", "src/init/queue.ts"])
      expect(kernel.get(f), f).toBe("start-up: it sits in a folder of start-up code, and it names no domain");
    const orders = analysis.services.find((s) => s.files.includes("src/models/Order.ts"))!;
    expect(orders.files).toContain("src/init/orderSeed.ts");
  });

  it("gives the kernel its infrastructure's private code, reached through the kernel alone", async () => {
    // teable's `db-provider/`: every route queries through `db/provider.ts`; the query builders behind it use the
    // models' types and a helper only they import
    const query = (q: string) =>
      `import type { Order } from "../../models/Order";\nimport { quote } from "../../util/sql-quote";\n` +
      `export const ${q}Query = (o?: Order) => quote("${q}") + String(o);\n`;
    const provider =
      'import { filterQuery } from "./query/filter";\nimport { sortQuery } from "./query/sort";\n' +
      'import { groupQuery } from "./query/group";\n' +
      "export const db = () => [filterQuery(), sortQuery(), groupQuery()];\n";
    const more = (direct: boolean): Record<string, string> => ({
      "src/db/provider.ts": provider,
      "src/db/query/filter.ts": query("filter"),
      "src/db/query/sort.ts": query("sort"),
      "src/db/query/group.ts": query("group"),
      "src/util/sql-quote.ts": "export const quote = (s: string) => `'${s}'`;\n",
      ...Object.fromEntries(
        DOMAINS.map((d) => {
          const model = `${d[0].toUpperCase()}${d.slice(1)}`;
          // with `direct`, the orders' route calls a query builder itself: then the folder is no private code
          const sort = direct && d === "order" ? 'import { sortQuery } from "../db/query/sort";\n' : "";
          const call = sort ? "sortQuery(), " : "";
          return [
            `src/routes/${d}s.ts`,
            `import { ${model} } from "../models/${model}";\nimport { db } from "../db/provider";\n${sort}` +
              `export const ${d}Routes = () => [${call}db(), new ${model}()];\n`,
          ];
        }),
      ),
    });
    const { analysis } = await analyzeInto(koaRepo("src", more(false)), ["--no-cache"]);
    const kernel = new Map(analysis.kernel.files.map((k) => [k.path, k.why]));
    expect(kernel.get("src/db/provider.ts")).toBeDefined();
    for (const f of ["src/db/query/filter.ts", "src/db/query/sort.ts", "src/db/query/group.ts"])
      expect(kernel.get(f), f).toBe(
        "private code of infrastructure: other code reaches src/db/ only through the kernel's files",
      );
    // the helper only the folder imports goes with it, said so
    expect(kernel.get("src/util/sql-quote.ts")).toBe(
      "private code of infrastructure: only src/db/, which other code reaches through the kernel, imports it",
    );
    const direct = await analyzeInto(koaRepo("src", more(true)), ["--no-cache"]);
    const why = direct.analysis.kernel.files.map((k) => k.why);
    expect(why.filter((w) => w.startsWith("private code"))).toEqual([]);
  });

  it("takes no private code behind start-up code: the routes every feature mounts stay in their services", async () => {
    // an Express app: index -> app -> routes/index.ts (start-up), each route calls its service, each service the
    // kernel's database client; routes/ is entered only at its index, which is no infrastructure
    const files: Record<string, string> = { "tsconfig.json": TSCONFIG };
    files["src/lib/prisma.ts"] = "export const prisma = { q: (s: string) => s };\n";
    for (const d of DOMAINS) {
      const cls = d[0].toUpperCase() + d.slice(1);
      files[`src/services/${d}.service.ts`] =
        'import { prisma } from "../lib/prisma";\n' +
        `export const list${cls}s = () => prisma.q("select * from ${d}s");\n`;
      files[`src/routes/${d}s.ts`] =
        `import { list${cls}s } from "../services/${d}.service";\nexport const ${d}Router = () => list${cls}s();\n`;
    }
    files["src/routes/index.ts"] =
      DOMAINS.map((d) => `import { ${d}Router } from "./${d}s";\n`).join("") +
      `export const routers = [${DOMAINS.map((d) => `${d}Router`).join(", ")}];\n`;
    files["src/app.ts"] = 'import { routers } from "./routes";\nexport const app = () => routers.length;\n';
    files["src/index.ts"] = 'import { app } from "./app";\napp();\n';
    const commits = domainCommits(files, (d) => [`src/services/${d}.service.ts`, `src/routes/${d}s.ts`]);
    const { analysis } = await analyzeInto(buildRepo({ files, commits }), ["--no-cache"]);
    expect(analysis.kernel.files.filter((k) => k.why.startsWith("private code"))).toEqual([]);
    for (const d of DOMAINS) {
      const own = analysis.services.find((s) => s.files.includes(`src/routes/${d}s.ts`));
      expect(own?.files, d).toContain(`src/services/${d}.service.ts`);
    }
  });

  it("dissolves a cluster that is layer-shaped once the kernel took the helpers it was tied to", async () => {
    // logto's `queries/`: one query file per domain, changed with SQL helpers that three routes also use
    const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
    const helpers = ["pool", "paging", "sorting", "escaping", "quoting", "limits", "cursor"];
    const id = (h: string) => h.replace(/-/g, "_");
    const more: Record<string, string> = {};
    for (const h of helpers) more[`src/lib/${h}.ts`] = `export const ${id(h)} = (s: string) => s;\n`;
    const useHelpers = helpers.map((h) => `import { ${id(h)} } from "../lib/${h}";\n`).join("");
    const called = helpers.map((h) => `${id(h)}("")`).join(", ");
    for (const d of DOMAINS)
      more[`src/queries/${d}s.ts`] = `${useHelpers}export const find${cap(d)}s = () => [${called}];\n`;
    for (const d of DOMAINS.slice(0, 3))
      more[`src/routes/${d}s.ts`] =
        `import { ${cap(d)} } from "../models/${cap(d)}";\n${useHelpers}` +
        `export const ${d}Routes = () => [new ${cap(d)}(), ${called}];\n`;
    // four more domains, each a model, a route and a service: more clusters, so the helpers are no hubs
    const extra = ["refund", "coupon", "review", "ticket"];
    for (const d of extra) {
      more[`src/models/${cap(d)}.ts`] = `export class ${cap(d)} {\n  id = "${d}";\n}\n`;
      more[`src/services/${d}-service.ts`] =
        `import { ${cap(d)} } from "../models/${cap(d)}";\nexport const ${d}Service = () => new ${cap(d)}();\n`;
      more[`src/routes/${d}s.ts`] =
        `import { ${d}Service } from "../services/${d}-service";\nexport const ${d}Routes = () => ${d}Service();\n`;
    }
    const repo = koaRepo("src", more);
    const commit = (files: string[], k: number) => {
      for (const f of files) appendFileSync(path.join(repo, f), `// ${k}\n`);
      git(repo, ["add", "-A"]);
      git(repo, ["-c", "user.name=Bo", "-c", "user.email=bo@x.test", "commit", "-q", "-m", `change ${k}`]);
    };
    // the queries change with the helpers, over and over, and never with their domains
    const queries = [...DOMAINS.map((d) => `src/queries/${d}s.ts`), ...helpers.map((h) => `src/lib/${h}.ts`)];
    for (let k = 0; k < 6; k++) commit(queries, k);
    extra.forEach((d, j) => {
      for (let k = 0; k < 3; k++)
        commit([`src/models/${cap(d)}.ts`, `src/services/${d}-service.ts`, `src/routes/${d}s.ts`], 10 + j * 3 + k);
    });
    const { analysis } = await analyzeInto(repo, ["--no-cache"]);
    const serviceOf = new Map(analysis.services.flatMap((s) => s.files.map((f) => [f, s.name])));
    for (const d of DOMAINS)
      expect(serviceOf.get(`src/queries/${d}s.ts`), d).toBe(serviceOf.get(`src/models/${cap(d)}.ts`));
  });

  it("starts at the index of each app's src/ that no file imports: a worker given beside the API", async () => {
    // openpanel's apps/worker/src/index.ts runs the queue processors of two domains; nothing imports it
    const worker =
      'import { processOrder } from "../../api/src/processors/OrderProcessor";\n' +
      'import { processPayment } from "../../api/src/processors/PaymentProcessor";\n' +
      "const run = () => [processOrder(), processPayment()];\nrun();\n";
    const more = {
      "tsconfig.json": TSCONFIG.replace('["src"]', '["apps"]'),
      "apps/worker/src/index.ts": worker,
    };
    const { analysis } = await analyzeInto(koaRepo("apps/api/src", more), ["--no-cache"]);
    const kernel = new Map(analysis.kernel.files.map((k) => [k.path, k.why]));
    // by hand: no file imports the worker's index, which runs the processors and exports nothing, nor the API's,
    // which exports its boot function; both are the src/ index of an app of apps/
    expect(kernel.get("apps/worker/src/index.ts")).toMatch(/entry point/);
    expect(kernel.get("apps/api/src/index.ts")).toMatch(/entry point/);
  });

  it("starts at the index of a library's src/ only when it exports nothing", async () => {
    // a library of packages/ runs the processors of two domains and exports its runner, which code outside the
    // analysed files loads; nothing imports either here
    const index = (exported: boolean) =>
      'import { processOrder } from "../../../src/processors/OrderProcessor";\n' +
      'import { processPayment } from "../../../src/processors/PaymentProcessor";\n' +
      `${exported ? "export " : ""}const run = () => [processOrder(), processPayment()];\nrun();\n`;
    const files = (exported: boolean) => ({
      "tsconfig.json": TSCONFIG.replace('["src"]', '["src", "packages"]'),
      "packages/runner/src/index.ts": index(exported),
    });
    const kernelOf = async (exported: boolean) =>
      new Map(
        (await analyzeInto(koaRepo("src", files(exported)), ["--no-cache"])).analysis.kernel.files.map((k) => [
          k.path,
          k.why,
        ]),
      );
    expect((await kernelOf(false)).get("packages/runner/src/index.ts")).toMatch(/entry point/);
    expect((await kernelOf(true)).get("packages/runner/src/index.ts") ?? "").not.toMatch(/entry point/);
  });

  it("starts at any file of the root folder that no file imports: a tracer the runtime preloads", async () => {
    // growthbook's `src/tracing.datadog.ts`, loaded with `node -r` before the server, counts the orders it sees
    const tracer = 'import { Order } from "./models/Order";\nexport const traced = [Order];\n';
    // beside it, a script named for a domain that nothing imports either: the orders'
    const exporter = 'import { Order } from "./models/Order";\nexport const exported = () => [new Order()];\n';
    const more = { "src/tracing.ts": tracer, "src/orderExport.ts": exporter };
    const { analysis } = await analyzeInto(koaRepo("src", more), ["--no-cache"]);
    const kernel = new Map(analysis.kernel.files.map((k) => [k.path, k.why]));
    expect(kernel.get("src/tracing.ts")).toMatch(/entry point/);
    expect(analysis.services.flatMap((s) => s.files)).not.toContain("src/tracing.ts");
    const orders = analysis.services.find((s) => s.files.includes("src/models/Order.ts"))!;
    expect(orders.files).toContain("src/orderExport.ts");
  });

  it("gives the kernel a file tied to kernel files alone; one tied to nothing else is isolated", async () => {
    // every model extends a base class (a hub: the kernel's), and only the base imports its id
    // helper; a file nothing imports, importing nothing, touched with nothing else in history is isolated
    const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
    const repo = koaRepo("src", {
      "src/models/base.ts": 'import { newId } from "./base-id";\nexport class Base {\n  id = newId();\n}\n',
      "src/models/base-id.ts": "export const newId = () => Math.random().toString(36);\n",
      // a pair tied to each other alone: neither the kernel's nor any module's
      "src/reporting/sales-report.ts": 'import { fmt } from "./sales-format";\nexport const report = fmt(1);\n',
      "src/reporting/sales-format.ts": "export const fmt = (n: number) => n.toFixed(2);\n",
      ...Object.fromEntries(
        DOMAINS.map((d) => [
          `src/models/${cap(d)}.ts`,
          `import { Base } from "./base";\nexport class ${cap(d)} extends Base {\n  kind = "${d}";\n}\n`,
        ]),
      ),
    });
    writeFileSync(path.join(repo, "src/lonely.ts"), "export const lonely = 1;\n");
    git(repo, ["add", "src/lonely.ts"]);
    git(repo, ["-c", "user.name=Zed", "-c", "user.email=zed@x.test", "commit", "-q", "-m", "a lonely file"]);
    const { analysis } = await analyzeInto(repo, ["--no-cache"]);
    const kernel = new Map(analysis.kernel.files.map((k) => [k.path, k.why]));
    expect(kernel.get("src/models/base.ts")).toMatch(/^imported by 6 of the 6 services/); // a hub
    expect(kernel.get("src/models/base-id.ts")).toMatch(/^tied to the kernel's files alone/);
    expect(analysis.isolated).toEqual([
      "src/lonely.ts",
      "src/reporting/sales-format.ts",
      "src/reporting/sales-report.ts",
    ]);
  });

  it("gives the kernel a cluster of generic utilities that two services import", async () => {
    // unleash's util/: four helpers naming no domain, changed together, imported by the order and payment routes
    const helpers = ["ensure-array", "escape-regex", "is-defined", "parse-env"].map((h) => `src/util/${h}.ts`);
    const kernel = await helpersKernel(helpers);
    for (const h of helpers) expect(kernel.get(h), h).toMatch(/^generic utilities/);
  });

  it("gives the kernel a cluster of utilities whose names come in pairs across folders, no domain words", async () => {
    // outline's sign-in helpers: middlewares/csrf.ts beside utils/csrf.ts, middlewares/passport.ts beside
    // utils/passport.ts; `csrf` and `passport` are nouns two folders share, but no entity's words and on
    // fewer than four files: by hand, none of the four names a domain
    const helpers = [
      "src/middlewares/csrf.ts",
      "src/util/csrf.ts",
      "src/middlewares/passport.ts",
      "src/util/passport.ts",
    ];
    const kernel = await helpersKernel(helpers);
    for (const h of helpers) expect(kernel.get(h), h).toMatch(/^generic utilities/);
  });

  it("keeps a file named for a domain out of it, with the files named for that domain", async () => {
    // outline's commands/documentCreator.ts, changed with the helpers it uses, in their cluster
    const helpers = ["ensure-array", "escape-regex", "is-defined"];
    const util = Object.fromEntries(
      helpers.map((h, k) => [
        `src/util/${h}.ts`,
        `${k ? `import { f${k - 1} } from "./${helpers[k - 1]}";\n` : ""}export const f${k} = (x: unknown) => x;\n`,
      ]),
    );
    const creator =
      helpers.map((h, k) => `import { f${k} } from "../util/${h}";\n`).join("") +
      "export const createOrder = () => [f0, f1, f2];\n";
    const route = (d: string, cap: string) =>
      `import { ${cap} } from "../models/${cap}";\nimport { f0 } from "../util/ensure-array";\n` +
      `export const ${d}Routes = () => [new ${cap}(), f0];\n`;
    const repo = koaRepo("src", {
      ...util,
      "src/commands/orderCreator.ts": creator,
      "src/routes/orders.ts": route("order", "Order"),
      "src/routes/payments.ts": route("payment", "Payment"),
    });
    const together = [...helpers.map((h) => `src/util/${h}.ts`), "src/commands/orderCreator.ts"];
    for (let n = 0; n < 3; n++) {
      for (const f of together)
        writeFileSync(path.join(repo, f), `${readFileSync(path.join(repo, f), "utf8")}// ${n}\n`);
      git(repo, ["add", "src"]);
      git(repo, ["-c", "user.name=Ada", "-c", "user.email=ada@x.test", "commit", "-q", "-m", `helpers ${n}`]);
    }
    const { analysis } = await analyzeInto(repo, ["--no-cache"]);
    const kernel = new Map(analysis.kernel.files.map((k) => [k.path, k.why]));
    // the helper both services import stays the kernel's; those the creator alone uses go with it
    expect(kernel.get("src/util/ensure-array.ts")).toMatch(/^generic utilities/);
    const orders = analysis.services.find((s) => s.files.includes("src/routes/orders.ts"))!;
    expect(orders.files).toContain("src/commands/orderCreator.ts");
    expect(orders.files).toEqual(expect.arrayContaining(["src/util/escape-regex.ts", "src/util/is-defined.ts"]));
  });

  it("does not start at an index that only re-exports: a library's barrel", async () => {
    const root = "packages/lib/src";
    const files: Record<string, string> = { "packages/lib/tsconfig.json": JSON.stringify({ include: ["src"] }) };
    const touch: string[][] = [];
    for (const d of DOMAINS.slice(0, 4)) {
      const cls = d[0].toUpperCase() + d.slice(1);
      files[`${root}/${d}s/${d}.ts`] = `export class ${cls} {\n  id = "${d}";\n}\n`;
      files[`${root}/${d}s/${d}-list.ts`] =
        `import { ${cls} } from "./${d}";\nexport const list = () => [new ${cls}()];\n`;
      touch.push([`${root}/${d}s/${d}.ts`, `${root}/${d}s/${d}-list.ts`]);
    }
    files[`${root}/logger.ts`] = "export const log = (s: string) => s;\n";
    files[`${root}/index.ts`] =
      DOMAINS.slice(0, 4)
        .map((d) => `export * from "./${d}s/${d}-list";\n`)
        .join("") + 'export * from "./logger";\n';
    const commits: CommitStep[] = [{ author: "Ada <ada@x.test>", date: day(0), touch: Object.keys(files) }];
    for (let r = 0; r < 3; r++)
      touch.forEach((t, k) => commits.push({ author: "Ada <ada@x.test>", date: day(1 + r * 4 + k), touch: t }));
    const { analysis } = await analyzeInto(buildRepo({ files, commits }), ["--no-cache", "--include", `${root}/**`]);
    const kernel = new Map(analysis.kernel.files.map((k) => [k.path, k.why]));
    expect(kernel.get(`${root}/index.ts`) ?? "").not.toMatch(/entry point/);
    expect(kernel.get(`${root}/logger.ts`) ?? "").not.toMatch(/^start-up/);
  });

  it("starts at the index of the folder every analysed file is in (a workspace app given with --include)", async () => {
    const root = "apps/api/src";
    const { analysis } = await analyzeInto(koaRepo(root), ["--no-cache", "--include", `${root}/**`]);
    const kernel = new Map(analysis.kernel.files.map((k) => [k.path, k.why]));
    expect(kernel.get(`${root}/index.ts`)).toMatch(/entry point/);
    for (const f of ["main.ts", "onerror.ts", "roles/web.ts", "roles/worker.ts"])
      expect(kernel.get(`${root}/${f}`), f).toMatch(/^start-up/);
  });
});

/**
 * A Koa app whose helpers (`paths`, each importing the one before it) change together three times, the order
 * and payment routes importing the first and the last: the kernel's reasons by path.
 */
async function helpersKernel(paths: string[]): Promise<Map<string, string>> {
  const specifier = (from: string, to: string) => {
    const rel = path.posix.relative(path.posix.dirname(from), to.replace(/\.ts$/, ""));
    return rel.startsWith(".") ? rel : `./${rel}`;
  };
  const last = paths.length - 1;
  const util = Object.fromEntries(
    paths.map((h, k) => [
      h,
      `${k ? `import { f${k - 1} } from "${specifier(h, paths[k - 1])}";\n` : ""}` +
        `export const f${k} = (x: unknown) => x;\n`,
    ]),
  );
  const route = (d: string, cap: string) =>
    `import { ${cap} } from "../models/${cap}";\nimport { f0 } from "${specifier("src/routes/r.ts", paths[0])}";\n` +
    `import { f${last} } from "${specifier("src/routes/r.ts", paths[last])}";\n` +
    `export const ${d}Routes = () => [new ${cap}(), f0, f${last}];\n`;
  const repo = koaRepo("src", {
    ...util,
    "src/routes/orders.ts": route("order", "Order"),
    "src/routes/payments.ts": route("payment", "Payment"),
  });
  for (let n = 0; n < 3; n++) {
    for (const h of paths) writeFileSync(path.join(repo, h), `${util[h]}// ${n}\n`);
    git(repo, ["add", "src"]);
    git(repo, ["-c", "user.name=Ada", "-c", "user.email=ada@x.test", "commit", "-q", "-m", `helpers ${n}`]);
  }
  const { analysis } = await analyzeInto(repo, ["--no-cache"]);
  return new Map(analysis.kernel.files.map((k) => [k.path, k.why]));
}
