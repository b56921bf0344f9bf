// A synthetic layered monolith with known business domains, for the boundary tests.
//
// The app is layered (src/routes, src/services, src/models, src/repositories, src/policies) and
// its business domains cut across those folders: every domain has files in every layer, named
// from a per-domain vocabulary (the orders domain owns services/checkout.ts, models/LineItem.ts,
// repositories/basketStore.ts, ...), so neither folders nor file names give the domains away.
// The code is real TypeScript: each importer uses the functions and classes it imports.
//
// Imports inside a domain: route -> service -> repository -> model, route -> policy -> model,
// route -> models barrel, second service -> first service, second model -> first model. About
// 10% of the domain files (services) also call a service of another domain.
// Hubs (truth label "shared"): utils/db.ts, utils/logger.ts, utils/errors.ts (used by every
// service and repository), utils/http.ts (every route), models/BaseModel.ts (every model
// extends it), models/index.ts (a barrel mixing its own helpers with re-exports of every model;
// routes import models through it) and app.ts (mounts every route).
//
// History (scripts/fixture-repo.mjs commit steps): a skeleton commit, then feature commits that
// each touch 2-5 files of ONE domain across layers, mostly by that domain's main author
// (Conway's law); at least `noiseShare` of the commits are noise (1-2 random files, or two
// domains at once, by anyone); one bulk commit touches every file (a reformat, > 30 files with
// the default 6 domains, so code-maat style analyses drop it).
//
// Everything is drawn from `rng(seed)`: same options, same script, same repository.
import { day, rng, TSCONFIG, type CommitStep, type RepoScript } from "./repo.js";

export interface MonolithOptions {
  seed: number;
  /** business domains, 2..8 (default 6) */
  domains?: number;
  /** commits after the skeleton commit, bulk commit included (default 220) */
  commits?: number;
  /** share of those commits that are noise (default 0.35, at least 0.3 is what the tests want) */
  noiseShare?: number;
  /** share of the domain files that are services importing another domain's service (default 0.1) */
  crossDomainShare?: number;
  /** share of a domain's feature commits made by its main author (default 0.8) */
  mainAuthorShare?: number;
}

export type CommitKind = "skeleton" | "feature" | "noise-random" | "noise-cross" | "bulk";

export interface Monolith {
  script: RepoScript;
  /** every TypeScript file -> its domain; hub files -> "shared" */
  truth: Record<string, string>;
  /** the domains used, in generation order */
  domains: string[];
  /** hub files (truth "shared") */
  hubs: string[];
  /** per commit of script.commits, what kind of commit it is */
  kinds: CommitKind[];
  /** domain -> "Name <email>" of its main author */
  mainAuthors: Record<string, string>;
  /** [importer, imported] cross-domain service imports */
  crossImports: [string, string][];
}

interface Vocabulary {
  name: string;
  /** the word a file name would carry if it were named after the domain */
  stem: string;
  fields: [string, string];
  models: string[];
  services: string[];
  repositories: string[];
  routes: string[];
  policies: string[];
}

/** Per-domain vocabularies: names unique within each layer folder across all domains. */
export const VOCABULARY: Vocabulary[] = [
  {
    name: "orders",
    stem: "order",
    fields: ["quantity", "couponCode"],
    models: ["LineItem", "Basket", "PurchaseOrder"],
    services: ["checkout", "basketPricing", "couponRedemption"],
    repositories: ["basketStore", "purchaseLedger"],
    routes: ["cart", "purchases"],
    policies: ["purchaseLimits", "couponRules"],
  },
  {
    name: "catalog",
    stem: "catalog",
    fields: ["sku", "listPrice"],
    models: ["Product", "Category", "Variant"],
    services: ["merchandising", "searchIndex", "listingBuilder"],
    repositories: ["productStore", "skuRegistry"],
    routes: ["browse", "catalogAdmin"],
    policies: ["listingRules", "visibilityPolicy"],
  },
  {
    name: "billing",
    stem: "bill",
    fields: ["amountDue", "currency"],
    models: ["Invoice", "Payment", "CreditNote"],
    services: ["stripeGateway", "invoicing", "dunning"],
    repositories: ["ledger", "paymentVault"],
    routes: ["payments", "billingPortal"],
    policies: ["chargebackRules", "taxPolicy"],
  },
  {
    name: "shipping",
    stem: "ship",
    fields: ["weightGrams", "trackingCode"],
    models: ["Shipment", "Parcel", "Carrier"],
    services: ["fulfillment", "labelPrinter", "rateQuotes"],
    repositories: ["parcelStore", "trackingLog"],
    routes: ["deliveries", "tracking"],
    policies: ["dispatchRules", "shippingZones"],
  },
  {
    name: "accounts",
    stem: "account",
    fields: ["email", "displayName"],
    models: ["Customer", "Address", "Credential"],
    services: ["signup", "sessions", "passwordReset"],
    repositories: ["customerStore", "sessionCache"],
    routes: ["auth", "profile"],
    policies: ["accessPolicy", "accountLockout"],
  },
  {
    name: "inventory",
    stem: "inventor",
    fields: ["onHand", "binCode"],
    models: ["StockItem", "Warehouse", "Reservation"],
    services: ["replenishment", "stockReservation", "cycleCount"],
    repositories: ["stockLedger", "binLocations"],
    routes: ["stock", "warehouses"],
    policies: ["reorderPolicy", "inventoryAudit"],
  },
  {
    name: "messaging",
    stem: "messag",
    fields: ["channel", "subject"],
    models: ["Notification", "Template", "Campaign"],
    services: ["mailer", "smsSender", "digestBuilder"],
    repositories: ["outbox", "templateStore"],
    routes: ["inbox", "preferences"],
    policies: ["quietHours", "optOutRules"],
  },
  {
    name: "reviews",
    stem: "review",
    fields: ["stars", "headline"],
    models: ["Review", "Rating", "Flag"],
    services: ["moderation", "ratingAggregator", "spamFilter"],
    repositories: ["reviewStore", "flagQueue"],
    routes: ["feedback", "testimonials"],
    policies: ["moderationRules", "publishingPolicy"],
  },
];

const MAIN_AUTHORS = [
  "Ada Okafor <ada@shop.test>",
  "Bruno Silva <bruno@shop.test>",
  "Chen Wei <chen@shop.test>",
  "Dana Levi <dana@shop.test>",
  "Emeka Obi <emeka@shop.test>",
  "Freya Lund <freya@shop.test>",
  "Goran Petrov <goran@shop.test>",
  "Hana Sato <hana@shop.test>",
];
const PLATFORM_AUTHORS = ["Iris Platform <iris@shop.test>", "Jonas Ops <jonas@shop.test>"];

export const HUBS = {
  db: "src/utils/db.ts",
  logger: "src/utils/logger.ts",
  errors: "src/utils/errors.ts",
  http: "src/utils/http.ts",
  baseModel: "src/models/BaseModel.ts",
  barrel: "src/models/index.ts",
  app: "src/app.ts",
} as const;

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
const low = (s: string) => s[0].toLowerCase() + s.slice(1);
const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();

interface Domain {
  vocab: Vocabulary;
  models: string[];
  services: string[];
  repositories: string[];
  routes: string[];
  policies: string[];
  /** services of other domains this domain's services call: [own service, other domain, other service] */
  calls: { from: string; to: Domain; service: string }[];
}

const pathOf = {
  model: (m: string) => `src/models/${m}.ts`,
  service: (s: string) => `src/services/${s}.ts`,
  repository: (r: string) => `src/repositories/${r}.ts`,
  route: (r: string) => `src/routes/${r}.ts`,
  policy: (p: string) => `src/policies/${p}.ts`,
};

function filesOf(d: Domain): string[] {
  return [
    ...d.routes.map(pathOf.route),
    ...d.services.map(pathOf.service),
    ...d.repositories.map(pathOf.repository),
    ...d.models.map(pathOf.model),
    ...d.policies.map(pathOf.policy),
  ];
}

// the exported API of each generated file, shared by the writers of its importers
const modelFromRow = (m: string) => `${low(m)}FromRow`;
const serviceStart = (s: string) => `start${cap(s)}`;
const serviceFind = (s: string) => `find${cap(s)}`;
const policyCanView = (m: string) => `canView${m}`;
const policyAssert = (m: string) => `assertCanChange${m}`;

export function generateMonolith(options: MonolithOptions): Monolith {
  const r = rng(options.seed);
  const count = Math.max(2, Math.min(VOCABULARY.length, options.domains ?? 6));
  const totalCommits = Math.max(20, options.commits ?? 220);
  const noiseShare = options.noiseShare ?? 0.35;
  const crossShare = options.crossDomainShare ?? 0.1;
  const mainShare = options.mainAuthorShare ?? 0.8;

  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const shuffle = <T>(xs: readonly T[]): T[] => {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };

  // ---- the domains and their files -------------------------------------------------------
  const domains: Domain[] = shuffle(VOCABULARY)
    .slice(0, count)
    .map((vocab) => {
      // 5..7 files: one per layer, plus up to two extras among models, services and routes
      const extras = shuffle(["models", "services", "routes"] as const).slice(0, int(0, 2));
      const n = (layer: "models" | "services" | "routes") => 1 + (extras.includes(layer) ? 1 : 0);
      return {
        vocab,
        models: shuffle(vocab.models).slice(0, n("models")),
        services: shuffle(vocab.services).slice(0, n("services")),
        repositories: shuffle(vocab.repositories).slice(0, 1),
        routes: shuffle(vocab.routes).slice(0, n("routes")),
        policies: shuffle(vocab.policies).slice(0, 1),
        calls: [],
      };
    });

  // cross-domain calls: a service of one domain calls a service of another (no pair twice, no
  // call back along an existing one, so the services never import each other in a cycle)
  const domainFileCount = domains.reduce((s, d) => s + filesOf(d).length, 0);
  const wanted = Math.max(1, Math.round(crossShare * domainFileCount));
  const seen = new Set<string>();
  for (let tries = 0; domains.flatMap((d) => d.calls).length < wanted && tries < 1000; tries++) {
    const a = pick(domains);
    const b = pick(domains);
    if (a === b) continue;
    const from = pick(a.services);
    const service = pick(b.services);
    const key = `${from}>${service}`;
    if (seen.has(key) || seen.has(`${service}>${from}`) || a.calls.some((c) => c.from === from)) continue;
    seen.add(key);
    a.calls.push({ from, to: b, service });
  }

  // ---- the code ----------------------------------------------------------------------------
  const files: Record<string, string> = { "tsconfig.json": TSCONFIG, "package.json": packageJson() };
  files[HUBS.errors] = errorsTs();
  files[HUBS.logger] = loggerTs();
  files[HUBS.db] = dbTs();
  files[HUBS.http] = httpTs();
  files[HUBS.baseModel] = baseModelTs();
  const allModels = domains.flatMap((d) => d.models);
  files[HUBS.barrel] = barrelTs(allModels, r);
  files[HUBS.app] = appTs(domains.flatMap((d) => d.routes));
  for (const d of domains) {
    d.models.forEach((m, i) => (files[pathOf.model(m)] = modelTs(d, m, i > 0 ? d.models[0] : undefined)));
    for (const repo of d.repositories) files[pathOf.repository(repo)] = repositoryTs(d, repo);
    d.services.forEach((s, i) => (files[pathOf.service(s)] = serviceTs(d, s, i > 0 ? d.services[0] : undefined)));
    for (const p of d.policies) files[pathOf.policy(p)] = policyTs(d, p);
    d.routes.forEach((rt, i) => (files[pathOf.route(rt)] = routeTs(d, rt, d.services[i % d.services.length])));
  }

  const truth: Record<string, string> = {};
  const hubs = Object.values(HUBS);
  for (const h of hubs) truth[h] = "shared";
  for (const d of domains) for (const f of filesOf(d)) truth[f] = d.vocab.name;

  // ---- the history -------------------------------------------------------------------------
  const mainAuthors: Record<string, string> = {};
  domains.forEach((d, i) => (mainAuthors[d.vocab.name] = MAIN_AUTHORS[i % MAIN_AUTHORS.length]));
  const everyone = [...domains.map((d) => mainAuthors[d.vocab.name]), ...PLATFORM_AUTHORS];
  const allFiles = Object.keys(truth).sort();

  // exact numbers of each kind, in a shuffled order; the bulk commit lands in the middle third
  const noise = Math.ceil(noiseShare * totalCommits);
  const features = totalCommits - noise - 1;
  const schedule: CommitKind[] = shuffle([
    ...Array<CommitKind>(features).fill("feature"),
    ...Array.from({ length: noise }, (_, i): CommitKind => (i % 2 === 0 ? "noise-random" : "noise-cross")),
  ]);
  schedule.splice(int(Math.floor(totalCommits / 3), Math.floor((2 * totalCommits) / 3)), 0, "bulk");

  const commits: CommitStep[] = [
    {
      author: PLATFORM_AUTHORS[0],
      date: day(0),
      message: "skeleton: platform utils, base model, app",
      touch: [...hubs],
    },
  ];
  const kinds: CommitKind[] = ["skeleton"];
  schedule.forEach((kind, k) => {
    const date = day(k + 1);
    let touch: string[];
    let author: string;
    let message: string;
    if (kind === "bulk") {
      touch = allFiles;
      author = PLATFORM_AUTHORS[1];
      message = "chore: reformat everything with the new prettier config";
    } else if (kind === "feature") {
      const d = pick(domains);
      const own = filesOf(d);
      // 2..5 files of the domain, a random pick across its layers
      const size = Math.min(own.length, int(2, 5));
      touch = shuffle(own).slice(0, size);
      // now and then a feature also touches the barrel or the errors module
      if (r() < 0.1) touch.push(pick([HUBS.barrel, HUBS.errors]));
      const main = mainAuthors[d.vocab.name];
      author = r() < mainShare ? main : pick(everyone.filter((a) => a !== main));
      message = `${d.vocab.name}: ${pick(["add", "extend", "rework", "fix"])} ${low(pick(d.models))} handling`;
    } else if (kind === "noise-random") {
      touch = shuffle(allFiles).slice(0, int(1, 2));
      author = pick(everyone);
      message = pick(["fix typo", "tidy imports", "small fix", "bump log level"]);
    } else {
      const [a, b] = shuffle(domains);
      touch = [...shuffle(filesOf(a)).slice(0, int(1, 2)), ...shuffle(filesOf(b)).slice(0, int(1, 2))];
      author = pick(everyone);
      message = `${a.vocab.name} + ${b.vocab.name}: cross-cutting change`;
    }
    commits.push({ author, date, message, touch: [...new Set(touch)].sort() });
    kinds.push(kind);
  });

  const crossImports: [string, string][] = domains.flatMap((d) =>
    d.calls.map((c): [string, string] => [pathOf.service(c.from), pathOf.service(c.service)]),
  );
  return {
    script: { files, commits },
    truth,
    domains: domains.map((d) => d.vocab.name),
    hubs,
    kinds,
    mainAuthors,
    crossImports: crossImports.sort(),
  };
}

// ---- file writers ------------------------------------------------------------------------------

function packageJson(): string {
  return JSON.stringify({ name: "synthetic-shop", private: true, type: "module" }, null, 2) + "\n";
}

function errorsTs(): string {
  return `export class AppError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: string) {
    super(\`\${what} \${id} not found\`, 404);
  }
}

export class ValidationError extends AppError {
  constructor(message: string) {
    super(message, 422);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(message, 409);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "forbidden") {
    super(message, 403);
  }
}
`;
}

function loggerTs(): string {
  return `export type Level = "debug" | "info" | "warn" | "error";

export interface Logger {
  debug(message: string, ...context: unknown[]): void;
  info(message: string, ...context: unknown[]): void;
  warn(message: string, ...context: unknown[]): void;
  error(message: string, ...context: unknown[]): void;
}

const order: Level[] = ["debug", "info", "warn", "error"];
let threshold: Level = "info";

export function setLevel(level: Level): void {
  threshold = level;
}

export function createLogger(scope: string): Logger {
  const emit = (level: Level) => (message: string, ...context: unknown[]) => {
    if (order.indexOf(level) < order.indexOf(threshold)) return;
    console.log(JSON.stringify({ level, scope, message, context }));
  };
  return { debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error") };
}

export const logger = createLogger("app");
`;
}

function dbTs(): string {
  return `import { createLogger } from "./logger";

export type Row = Record<string, unknown> & { id: string };

const log = createLogger("db");
const tables = new Map<string, Map<string, Row>>();

function table(name: string): Map<string, Row> {
  let t = tables.get(name);
  if (!t) tables.set(name, (t = new Map()));
  return t;
}

export const db = {
  async find(name: string, id: string): Promise<Row | undefined> {
    return table(name).get(id);
  },
  async insert(name: string, row: Row): Promise<void> {
    table(name).set(row.id, { ...row });
  },
  async all(name: string): Promise<Row[]> {
    return [...table(name).values()];
  },
};

let depth = 0;

export async function transaction<T>(work: () => Promise<T>): Promise<T> {
  depth++;
  try {
    return await work();
  } catch (e) {
    log.warn("transaction rolled back", depth);
    throw e;
  } finally {
    depth--;
  }
}
`;
}

function httpTs(): string {
  return `export interface Actor {
  id: string;
  roles: string[];
}

export interface Request {
  params: Record<string, string>;
  body: unknown;
  user?: Actor;
}

export interface Response {
  status: number;
  body: unknown;
}

export type Handler = (req: Request) => Promise<Response>;

export interface Router {
  get(path: string, handler: Handler): void;
  post(path: string, handler: Handler): void;
}

export function json(status: number, body: unknown): Response {
  return { status, body };
}

export function createRouter(): Router & { routes: Map<string, Handler> } {
  const routes = new Map<string, Handler>();
  return {
    routes,
    get: (path, handler) => void routes.set(\`GET \${path}\`, handler),
    post: (path, handler) => void routes.set(\`POST \${path}\`, handler),
  };
}
`;
}

function baseModelTs(): string {
  return `import { ValidationError } from "../utils/errors";

export type ModelId = string;

let sequence = 0;

export abstract class BaseModel {
  readonly id: ModelId;
  readonly createdAt: Date;
  updatedAt: Date;

  protected constructor(readonly kind: string, id?: ModelId) {
    this.id = id ?? \`\${kind}_\${++sequence}\`;
    this.createdAt = new Date();
    this.updatedAt = this.createdAt;
  }

  /** Human-readable problems; empty when the model is valid. */
  abstract validate(): string[];

  assertValid(): void {
    const problems = this.validate();
    if (problems.length > 0) throw new ValidationError(problems.join("; "));
  }

  touch(): void {
    this.updatedAt = new Date();
  }
}
`;
}

function barrelTs(models: string[], r: () => number): string {
  const lines = [
    "// The model layer's public surface: routes import models from here.",
    'import type { BaseModel } from "./BaseModel";',
    "",
    'export { BaseModel, type ModelId } from "./BaseModel";',
  ];
  // a mix of star re-exports and named ones, as barrels grow in real code
  for (const m of [...models].sort()) {
    lines.push(
      r() < 0.5 ? `export * from "./${m}";` : `export { ${m}, ${modelFromRow(m)}, type ${m}Props } from "./${m}";`,
    );
  }
  lines.push(
    "",
    "export const MODEL_SCHEMA_VERSION = 4;",
    "",
    "export function isPersisted(model: BaseModel): boolean {",
    "  return model.updatedAt.getTime() > model.createdAt.getTime();",
    "}",
    "",
    "export function byNewest<T extends BaseModel>(models: T[]): T[] {",
    "  return [...models].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());",
    "}",
    "",
  );
  return lines.join("\n");
}

function appTs(routes: string[]): string {
  const sorted = [...routes].sort();
  return [
    'import { createRouter } from "./utils/http";',
    'import { logger } from "./utils/logger";',
    ...sorted.map((rt) => `import { register${cap(rt)}Routes } from "./routes/${rt}";`),
    "",
    "export function buildApp() {",
    "  const router = createRouter();",
    ...sorted.map((rt) => `  register${cap(rt)}Routes(router);`),
    '  logger.info("routes mounted", router.routes.size);',
    "  return router;",
    "}",
    "",
  ].join("\n");
}

function modelTs(d: Domain, m: string, part: string | undefined): string {
  const [f1, f2] = d.vocab.fields;
  const lines = ['import { BaseModel } from "./BaseModel";'];
  if (part) lines.push(`import type { ${part} } from "./${part}";`);
  lines.push(
    "",
    `export interface ${m}Props {`,
    `  ${f1}: number;`,
    `  ${f2}: string;`,
    "}",
    "",
    `export class ${m} extends BaseModel {`,
  );
  if (part) lines.push(`  readonly parts: ${part}[] = [];`, "");
  lines.push(`  constructor(readonly props: ${m}Props, id?: string) {`, `    super("${snake(m)}", id);`, "  }", "");
  if (part) {
    lines.push(`  add(part: ${part}): void {`, "    this.parts.push(part);", "    this.touch();", "  }", "");
  }
  lines.push(
    "  validate(): string[] {",
    "    const problems: string[] = [];",
    `    if (this.props.${f1} < 0) problems.push("${f1} must not be negative");`,
    `    if (!this.props.${f2}) problems.push("${f2} is required");`,
  );
  if (part) lines.push("    for (const p of this.parts) problems.push(...p.validate());");
  lines.push(
    "    return problems;",
    "  }",
    "}",
    "",
    `export function ${modelFromRow(m)}(row: Record<string, unknown>): ${m} {`,
    `  return new ${m}({ ${f1}: Number(row.${f1} ?? 0), ${f2}: String(row.${f2} ?? "") }, String(row.id));`,
    "}",
    "",
  );
  return lines.join("\n");
}

function repositoryTs(d: Domain, repo: string): string {
  const [main, ...rest] = d.models;
  const cls = cap(repo);
  const tableName = snake(main);
  const lines = [
    'import { db } from "../utils/db";',
    'import { createLogger } from "../utils/logger";',
    'import { NotFoundError } from "../utils/errors";',
    ...d.models.map((m) => `import { ${m}, ${modelFromRow(m)} } from "../models/${m}";`),
    "",
    `const log = createLogger("${repo}");`,
    "",
    `export class ${cls} {`,
    `  async find(id: string): Promise<${main}> {`,
    `    const row = await db.find("${tableName}", id);`,
    `    if (!row) throw new NotFoundError("${main}", id);`,
    `    return ${modelFromRow(main)}(row);`,
    "  }",
    "",
    `  async save(entity: ${main}): Promise<void> {`,
    "    entity.assertValid();",
    `    await db.insert("${tableName}", { ...entity.props, id: entity.id });`,
    `    log.info("saved", entity.id);`,
    "  }",
    "",
    `  async list(): Promise<${main}[]> {`,
    `    return (await db.all("${tableName}")).map(${modelFromRow(main)});`,
    "  }",
  ];
  for (const m of rest) {
    lines.push(
      "",
      `  async find${m}(id: string): Promise<${m}> {`,
      `    const row = await db.find("${snake(m)}", id);`,
      `    if (!row) throw new NotFoundError("${m}", id);`,
      `    return ${modelFromRow(m)}(row);`,
      "  }",
      "",
      `  async save${m}(entity: ${m}): Promise<void> {`,
      "    entity.assertValid();",
      `    await db.insert("${snake(m)}", { ...entity.props, id: entity.id });`,
      "  }",
    );
  }
  lines.push("}", "", `export const ${repo} = new ${cls}();`, "");
  // the classes are used as types above; keep the value imports honest
  lines.push(`export const ${low(repo)}Kinds = [${d.models.map((m) => `${m}.name`).join(", ")}];`, "");
  return lines.join("\n");
}

function serviceTs(d: Domain, s: string, first: string | undefined): string {
  const [f1, f2] = d.vocab.fields;
  const main = d.models[0];
  const repo = d.repositories[0];
  const calls = d.calls.filter((c) => c.from === s);
  const lines = [
    `import { ${repo} } from "../repositories/${repo}";`,
    `import { ${main} } from "../models/${main}";`,
    'import { transaction } from "../utils/db";',
    'import { logger } from "../utils/logger";',
    'import { ConflictError } from "../utils/errors";',
  ];
  if (first) lines.push(`import { ${serviceFind(first)} } from "./${first}";`);
  for (const c of calls) lines.push(`import { ${serviceFind(c.service)} } from "./${c.service}";`);
  lines.push(
    "",
    `export interface ${cap(s)}Input {`,
    `  ${f1}: number;`,
    `  ${f2}: string;`,
    "  ref?: string;",
    "}",
    "",
    `export async function ${serviceStart(s)}(input: ${cap(s)}Input): Promise<${main}> {`,
    "  return transaction(async () => {",
  );
  if (first) lines.push(`    if (input.ref) await ${serviceFind(first)}(input.ref);`);
  for (const c of calls) lines.push(`    if (input.ref) await ${serviceFind(c.service)}(input.ref);`);
  lines.push(
    `    const entity = new ${main}({ ${f1}: input.${f1}, ${f2}: input.${f2} });`,
    `    await ${repo}.save(entity);`,
    `    logger.info("${s}: started", entity.id);`,
    "    return entity;",
    "  });",
    "}",
    "",
    `export async function ${serviceFind(s)}(id: string): Promise<${main}> {`,
    `  const entity = await ${repo}.find(id);`,
    `  if (entity.props.${f1} === 0) throw new ConflictError(\`${s} \${id} is empty\`);`,
    "  return entity;",
    "}",
    "",
  );
  return lines.join("\n");
}

function policyTs(d: Domain, p: string): string {
  const main = d.models[0];
  const [f1] = d.vocab.fields;
  return `import type { ${main} } from "../models/${main}";
import { ForbiddenError } from "../utils/errors";

export interface PolicyActor {
  id: string;
  roles: string[];
}

export function ${policyCanView(main)}(actor: PolicyActor | undefined, entity: ${main}): boolean {
  if (!actor) return false;
  return actor.roles.includes("admin") || entity.props.${f1} >= 0;
}

export function ${policyAssert(main)}(actor: PolicyActor | undefined, entity: ${main}): void {
  if (!actor || !actor.roles.includes("${low(p)}:write")) {
    throw new ForbiddenError(\`\${actor?.id ?? "anonymous"} may not change \${entity.id}\`);
  }
}
`;
}

function routeTs(d: Domain, rt: string, service: string): string {
  const main = d.models[0];
  const policy = d.policies[0];
  const [f1, f2] = d.vocab.fields;
  return `import { json, type Router } from "../utils/http";
import { ${main}, isPersisted } from "../models";
import { ${serviceStart(service)}, ${serviceFind(service)} } from "../services/${service}";
import { ${policyCanView(main)}, ${policyAssert(main)} } from "../policies/${policy}";

export function register${cap(rt)}Routes(router: Router): void {
  router.get("/${rt}/:id", async (req) => {
    const entity = await ${serviceFind(service)}(req.params.id);
    if (!${policyCanView(main)}(req.user, entity)) return json(403, { error: "forbidden" });
    return json(200, { id: entity.id, ...entity.props, persisted: isPersisted(entity) });
  });

  router.post("/${rt}", async (req) => {
    const body = req.body as { ${f1}?: number; ${f2}?: string; ref?: string };
    const entity = await ${serviceStart(service)}({ ${f1}: body.${f1} ?? 0, ${f2}: body.${f2} ?? "", ref: body.ref });
    ${policyAssert(main)}(req.user, entity);
    return json(entity instanceof ${main} ? 201 : 500, { id: entity.id });
  });
}
`;
}
