import { beforeAll, describe, expect, it } from "vitest";
import type { Analysis } from "../../src/analysis/types.js";
import { analyzeInto } from "../helpers/cli.js";
import { buildRepo, day, rng, TSCONFIG, type CommitStep, type RepoScript } from "../helpers/repo.js";

/**
 * A layered back end (models, policies, presenters, commands, routes) of five domains, each named
 * once per layer (models/Order.ts, policies/order.ts, presenters/order.ts, commands/orderCreator.ts,
 * routes/orders.ts), with:
 * - infrastructure every file imports (env, logger, errors): the kernel;
 * - a User entity every policy and route imports: a domain hub, owned by the user domain;
 * - an Invoice command that reads Order (Order.findByPk) and writes Invoice (Invoice.create);
 * - a checkout orchestrator importing from every domain, tied most to its own route;
 * - an app mounting every route, whose own name says no domain (its folder's does): framework glue;
 * - the process's entry point (src/main.ts), which nothing imports: framework glue too.
 * Features touch one domain across the layers; a few commits touch two.
 */
const DOMAINS = ["order", "product", "invoice", "user", "shipment"];
const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

function layered(domains = DOMAINS): { script: RepoScript; truth: Record<string, string> } {
  const DOMAINS = domains;
  const files: Record<string, string> = { "tsconfig.json": TSCONFIG };
  const truth: Record<string, string> = {};
  const infra =
    `import { env } from "../infra/env";\nimport { log } from "../infra/logger";\n` +
    `import { AppError } from "../infra/errors";\n`;
  files["src/infra/env.ts"] = `export const env = { port: 3000 };\n`;
  files["src/infra/logger.ts"] = `export function log(m: string): void {\n  console.log(m);\n}\n`;
  files["src/infra/errors.ts"] = `export class AppError extends Error {}\n`;
  for (const d of DOMAINS) {
    const M = cap(d);
    const model = `src/models/${M}.ts`;
    files[model] =
      `${infra}@Table({ tableName: "${d}s" })\nexport class ${M} {\n  id = "";\n  ${d}Name = "";\n` +
      `  static create(x: object): ${M} {\n    log(env.port + String(x));\n    return new ${M}();\n  }\n` +
      `  static findByPk(id: string): ${M} {\n    if (!id) throw new AppError();\n    return new ${M}();\n  }\n` +
      `  save(): void {}\n}\nfunction Table(o: object) {\n  return (c: unknown) => c ?? o;\n}\n`;
    const userImport = d === "user" ? "" : `import { User } from "../models/User";\n`;
    files[`src/policies/${d}.ts`] =
      `${infra}${userImport}import { ${M} } from "../models/${M}";\n` +
      `export function can${M}(actor: ${d === "user" ? M : "User"}, x: ${M}): boolean {\n` +
      `  log(String(env.port));\n  return !!actor && !!x;\n}\n`;
    files[`src/presenters/${d}.ts`] =
      `${infra}import { ${M} } from "../models/${M}";\nexport function present${M}(x: ${M}) {\n` +
      `  return { id: x.id, name: x.${d}Name, env: env.port };\n}\n`;
    files[`src/commands/${d}Creator.ts`] =
      `${infra}import { ${M} } from "../models/${M}";\n` +
      `${d === "invoice" ? `import { Order } from "../models/Order";\n` : ""}` +
      `export function create${M}(input: object): ${M} {\n` +
      `${d === "invoice" ? "  Order.findByPk(String(input));\n" : ""}` +
      `  const made: ${M} = ${M}.create(input);\n  made.save();\n  log(String(env.port));\n  return made;\n}\n`;
    files[`src/routes/${d}s.ts`] =
      `${infra}${userImport}import { ${M} } from "../models/${M}";\nimport { can${M} } from "../policies/${d}";\n` +
      `import { present${M} } from "../presenters/${d}";\nimport { create${M} } from "../commands/${d}Creator";\n` +
      `export function ${d}Route(actor: ${d === "user" ? M : "User"}) {\n` +
      `  const x = create${M}({});\n  if (!can${M}(actor, x)) throw new AppError();\n  log(String(env.port));\n` +
      `  return present${M}(${M}.findByPk(x.id));\n}\n`;
    for (const layer of [model, `src/policies/${d}.ts`, `src/presenters/${d}.ts`]) truth[layer] = d;
    truth[`src/commands/${d}Creator.ts`] = d;
    truth[`src/routes/${d}s.ts`] = d;
  }
  // the orchestrator: imports from every domain, its own route imports it and changes with it
  // (and most of its imports are of product files: summed, they outweigh its route)
  files["src/services/checkout.ts"] =
    `${infra}` +
    DOMAINS.map((d) => `import { create${cap(d)} } from "../commands/${d}Creator";\n`).join("") +
    `import { Product } from "../models/Product";\nimport { canProduct } from "../policies/product";\n` +
    `import { presentProduct } from "../presenters/product";\n` +
    `import { productRoute } from "./../routes/products";\n` +
    `export function checkout() {\n  log(String(env.port));\n` +
    `  const p = Product.findByPk("1");\n  void canProduct, presentProduct(p), productRoute;\n` +
    DOMAINS.map((d) => `  create${cap(d)}({});\n`).join("") +
    `}\nexport function checkoutTotal() {\n  return 1;\n}\nexport function checkoutTax() {\n  return 2;\n}\n`;
  files["src/routes/checkout.ts"] =
    `${infra}import { checkout, checkoutTotal, checkoutTax } from "../services/checkout";\n` +
    `export function checkoutRoute() {\n  log(String(env.port));\n  checkout();\n` +
    `  return checkoutTotal() + checkoutTax();\n}\n`;
  // the app mounting every route: framework glue whose own name says no domain, the kernel's,
  // though the folder it sits in names one (nounOf climbs to "storefront")
  files["src/storefront/app.ts"] =
    `${infra}` +
    [...DOMAINS.map((d) => `${d}s`), "checkout"]
      .map((r) => `import { ${r.replace(/s$/, "")}Route } from "../routes/${r}";\n`)
      .join("") +
    `export const routes = [${[...DOMAINS, "checkout"].map((d) => `${d}Route`).join(", ")}];\n` +
    `log(String(env.port));\nvoid AppError;\n`;
  // the process's entry point: nothing imports it; through the order command it would join order
  files["src/main.ts"] =
    `import { routes } from "./storefront/app";\nimport { createOrder } from "./commands/orderCreator";\n` +
    `export function start(): number {\n  createOrder({});\n  return routes.length;\n}\nstart();\n`;
  truth["src/services/checkout.ts"] = "checkout";
  truth["src/routes/checkout.ts"] = "checkout";

  const r = rng(11);
  const of = (d: string) => Object.keys(truth).filter((f) => truth[f] === d);
  const commits: CommitStep[] = [{ author: "Ada <ada@x.test>", date: day(0), touch: Object.keys(files) }];
  const people = (d: string) => `${cap(d)} <${d}@x.test>`;
  for (let i = 1; i <= 108; i++) {
    const d = [...DOMAINS, "checkout"][i % (DOMAINS.length + 1)];
    const touch = of(d).filter(() => r() < 0.7);
    if (touch.length < 2) touch.push(...of(d).slice(0, 2));
    if (i % 9 === 0) touch.push(of(DOMAINS[(i + 1) % DOMAINS.length])[0]);
    commits.push({ author: people(d), date: day(i * 3), touch: [...new Set(touch)], message: `feat: ${d} ${i}` });
  }
  return { script: { files, commits }, truth };
}

let analysis: Analysis;
let truth: Record<string, string>;
beforeAll(async () => {
  const built = layered();
  truth = built.truth;
  analysis = (await analyzeInto(buildRepo(built.script), ["--no-cache"])).analysis;
});

describe("services and modules on a layered back end", () => {
  it("keep each domain together across its layers, modules partitioning each service", () => {
    const serviceOf = new Map<string, string>();
    for (const s of analysis.services) {
      for (const f of s.files) serviceOf.set(f, s.id);
      // modules partition the service's files
      expect(s.modules.flatMap((m) => m.files).sort()).toEqual([...s.files].sort());
    }
    for (const d of [...DOMAINS, "checkout"]) {
      const files = Object.keys(truth).filter((f) => truth[f] === d);
      const services = new Set(files.map((f) => serviceOf.get(f)));
      expect([...services], `${d}: ${files.map((f) => `${f} -> ${serviceOf.get(f)}`).join(", ")}`).toHaveLength(1);
      expect(services.has(undefined)).toBe(false);
    }
    // and the five domains are five services
    const domainServices = DOMAINS.map((d) => serviceOf.get(`src/models/${cap(d)}.ts`));
    expect(new Set(domainServices).size).toBe(DOMAINS.length);
  });

  it("put infrastructure alone in the kernel; entities many services use get an owner instead", () => {
    expect(analysis.kernel.files.map((k) => k.path).sort()).toEqual([
      "src/infra/env.ts",
      "src/infra/errors.ts",
      "src/infra/logger.ts",
      "src/main.ts",
      "src/storefront/app.ts",
    ]);
    const main = analysis.kernel.files.find((k) => k.path === "src/main.ts")!;
    expect(main.why).toBe("framework glue: the process's entry point, which no file imports");
    const app = analysis.kernel.files.find((k) => k.path === "src/storefront/app.ts")!;
    expect(app.why).toMatch(/^framework glue: imports from \d+ modules/);
    const user = analysis.services.find((s) => s.files.includes("src/models/User.ts"))!;
    expect(user.files).toContain("src/routes/users.ts");
    // kernel reasons count the final services
    for (const k of analysis.kernel.files.filter((x) => x.path.startsWith("src/infra/")))
      expect(k.why).toMatch(new RegExp(`of the ${analysis.services.length} services$`));
  });

  it("say who owns each entity and who reads it, in analysis.json and each contract", () => {
    const order = analysis.data.entities.find((e) => e.name === "Order")!;
    const orders = analysis.services.find((s) => s.files.includes("src/models/Order.ts"))!;
    const invoices = analysis.services.find((s) => s.files.includes("src/models/Invoice.ts"))!;
    expect(order.owner).toBe(orders.id);
    expect(order.readBy).toContain(invoices.id);
    expect(orders.contract.data.owns.find((d) => d.entity === "Order")?.readBy).toContain(invoices.id);
    expect(invoices.contract.data.requires).toContainEqual({ entity: "Order", owner: orders.id, write: false });
    // User is read by every other domain's policies and routes
    const userEntity = analysis.data.entities.find((e) => e.name === "User")!;
    expect(userEntity.readBy.length).toBeGreaterThanOrEqual(3);
  });

  it("place the orchestrator with its own route, not where it imports most", () => {
    const s = analysis.services.find((x) => x.files.includes("src/services/checkout.ts"))!;
    expect(s.files).toContain("src/routes/checkout.ts");
  });

  it("name services after the entity they own, never a layer or a role word", () => {
    const named = Object.fromEntries(analysis.services.map((s) => [s.name, s.files]));
    for (const d of DOMAINS) expect(named[d], d).toContain(`src/models/${cap(d)}.ts`);
    for (const s of analysis.services) expect(s.name).not.toMatch(/^(policies|presenters|models|commands|routes)$/);
  });
});

describe("identity and access on a layered back end", () => {
  // the five domains and three more, one of them API keys: users and API keys are identity and access
  const domains = [...DOMAINS, "apiKey", "cart", "review"];
  let gathered: Analysis;
  beforeAll(async () => {
    gathered = (await analyzeInto(buildRepo(layered(domains).script), ["--no-cache"])).analysis;
  });

  it("gathers the modules of users and API keys into one service, named for the entity most files use", () => {
    const serviceOf = (d: string) => gathered.services.find((s) => s.files.includes(`src/models/${cap(d)}.ts`))!;
    const identity = serviceOf("user");
    // every policy and route imports User; only the API keys' own files import ApiKey
    expect(identity.name).toBe("user");
    expect(identity.files).toContain("src/models/ApiKey.ts");
    expect(identity.modules.map((m) => m.name).sort()).toEqual(["api-key", "user"]);
    const others = domains.filter((d) => d !== "user" && d !== "apiKey").map((d) => serviceOf(d).id);
    expect(new Set(others).size).toBe(others.length);
    expect(others).not.toContain(identity.id);
  });
});
