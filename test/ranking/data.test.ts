import { describe, expect, it } from "vitest";
import ts from "typescript";
import { appSchemas, prismaModels, readDataModel } from "../../src/coupling/data.js";
import { analyzeInto } from "../helpers/cli.js";
import { dataRepoScript } from "../helpers/dataRepo.js";
import { buildRepo, day } from "../helpers/repo.js";
import type { ModuleRecord } from "../../src/graph/types.js";
import { dataOwnership } from "../../src/ranking/data.js";

// the built parser (npm test builds dist/ first): it loads TypeScript through the compile cache
const { parseModule } = (await import(
  new URL("../../dist/graph/parse.js", import.meta.url).href
)) as typeof import("../../src/graph/parse.js");

/** A module record of a real parse; no imports resolved (Prisma models are used through the client). */
function record(path: string, lines: string[]): ModuleRecord {
  const facts = parseModule(path, lines.join("\n"), {}, ts.ModuleKind.ESNext);
  return { ...facts, path, tsconfig: "tsconfig.json", imports: [] };
}

/** A record of a class whose methods are given one per line. */
function classRecord(path: string, name: string, methods: string[]): ModuleRecord {
  return record(path, [`export class ${name} {`, ...methods.map((m) => `  ${m}`), "}"]);
}

/** The entities of a schema.prisma's models, owned among services given as id -> files. */
function ownedEntities(models: string[], records: ModuleRecord[], services: Record<string, string[]>) {
  const schema = prismaModels(models.map((m) => `model ${m} {\n  id String @id\n}\n`).join(""));
  const data = readDataModel(records, [{ schema: "prisma/schema.prisma", models: schema }]);
  return dataOwnership(data, {
    services: Object.entries(services).map(([id, files]) => ({ id, name: id, files })),
    kernel: [],
  }).entities;
}

describe("who owns a Prisma model", () => {
  it("is the service making the most write calls on it, not the one with the most files touching it once", () => {
    const records = [
      // the activities service implements the order's create, update and delete: four write calls
      classRecord("src/activities/activities.service.ts", "ActivitiesService", [
        "create() { return this.prisma.order.create({}); }",
        "update() { return this.prisma.order.update({}); }",
        "remove() { return this.prisma.order.delete({}); }",
        "bulk() { return this.prisma.order.deleteMany({}); }",
        "list() { return this.prisma.order.findMany({}); }",
      ]),
      // a demo seeder and an admin screen, both in the admin service, each write an order once
      record("src/demo/demo.service.ts", ["export const seed = () => prisma.order.createMany({});"]),
      record("src/admin/admin.service.ts", [
        "export const fix = () => prisma.order.update({});",
        "export const tags = () => prisma.tag.findMany({});",
      ]),
    ];
    const entities = ownedEntities(["Order", "Tag"], records, {
      activities: ["src/activities/activities.service.ts"],
      admin: ["src/demo/demo.service.ts", "src/admin/admin.service.ts"],
    });
    const order = entities.find((e) => e.name === "Order")!;
    // hand-counted: activities 4 write calls in 1 file, admin 2 write calls in 2 files
    expect(order.owner).toBe("activities");
    expect(order.writtenBy).toEqual(["admin"]);
    // nobody writes Tag: the service reading it owns it
    expect(entities.find((e) => e.name === "Tag")!.owner).toBe("admin");
  });

  it("counts the writes made inside a transaction, through the client a call returns", () => {
    const records = [
      // the space service writes only through its transaction's client: two write calls
      classRecord("src/space/space.service.ts", "SpaceService", [
        "create() { return this.prismaService.txClient().space.create({}); }",
        "rename() { return this.prismaService.txClient().space.update({}); }",
      ]),
      // the trash empties a space once, on the client itself
      record("src/trash/trash.service.ts", ["export const purge = () => this.prisma.space.delete({});"]),
    ];
    const entities = ownedEntities(["Space"], records, {
      space: ["src/space/space.service.ts"],
      trash: ["src/trash/trash.service.ts"],
    });
    // hand-counted: space 2 write calls, trash 1
    expect(entities.find((e) => e.name === "Space")).toMatchObject({ owner: "space", writtenBy: ["trash"] });
  });
});

describe("a Mongoose model", () => {
  it("is written through a repository class named for it, as through its own name", () => {
    const records = [
      record("src/subscriber/subscriber.schema.ts", [
        `import mongoose from "mongoose";`,
        `export const Subscriber = mongoose.model("Subscriber", subscriberSchema);`,
      ]),
      // novu's use cases: a SubscriberRepository injected, its create and update calls
      classRecord("src/events/trigger.usecase.ts", "TriggerUsecase", [
        "constructor(private subscriberRepository: SubscriberRepository, private cache: CacheRepository) {}",
        "run() { return this.subscriberRepository.create({}); }",
        "again() { return this.subscriberRepository.update({}, {}); }",
        "read() { return this.subscriberRepository.findOne({}); }",
        "other() { return this.cache.create({}); }", // a repository named for no entity
      ]),
    ];
    const data = readDataModel(records, []);
    expect(data.entities).toEqual([
      { key: "src/subscriber/subscriber.schema.ts", name: "Subscriber", file: records[0].path, how: "mongoose.model" },
    ]);
    // by hand: two write calls, one read, all on the Subscriber model
    expect(data.access).toEqual([
      { file: "src/events/trigger.usecase.ts", entity: "src/subscriber/subscriber.schema.ts", writes: 2 },
    ]);
  });
});

describe("who owns a Prisma model, when a service is named for it", () => {
  it("is that service, when it uses the model, however many write calls another makes", () => {
    const records = [
      // documenso's webhooks: the user service's settings write the webhook three times, the webhooks' own once
      record("src/user/settings.ts", [
        "export const a = () => prisma.webhook.create({});",
        "export const b = () => prisma.webhook.update({});",
        "export const c = () => prisma.webhook.delete({});",
      ]),
      record("src/webhook/trigger.ts", ["export const t = () => prisma.webhook.update({});"]),
      // an envelope item, written by the documents alone, beside a service named for it that never touches it
      record("src/document/items.ts", ["export const i = () => prisma.envelopeItem.create({});"]),
    ];
    const entities = ownedEntities(["Webhook", "EnvelopeItem"], records, {
      user: ["src/user/settings.ts"],
      webhook: ["src/webhook/trigger.ts"],
      document: ["src/document/items.ts"],
      "envelope-item": [],
    });
    expect(entities.find((e) => e.name === "Webhook")).toMatchObject({ owner: "webhook", writtenBy: ["user"] });
    expect(entities.find((e) => e.name === "EnvelopeItem")!.owner).toBe("document");
  });
});

describe("the Prisma schemas read", () => {
  const paths = [
    "packages/db/prisma/schema.prisma",
    "packages/gateway/prisma/schema.prisma",
    "packages/forms/schema/main.prisma",
    "packages/forms/schema/workflows.prisma",
    "apps/api/src/import/samples/shop.prisma",
    "node_modules/.prisma/client/schema.prisma",
  ];

  it("are every schema outside --exclude when none is where Prisma looks, and those in folders below prisma/", () => {
    // by hand: a multi-file schema's models folder is below prisma/; a location only a package.json names is read
    // when nothing is where Prisma looks; --exclude holds with or without --include
    const multi = ["prisma/schema.prisma", "prisma/models/user.prisma", "src/import/samples/shop.prisma"];
    expect(appSchemas(multi, {})).toEqual(["prisma/models/user.prisma", "prisma/schema.prisma"]);
    expect(appSchemas(["db/main.prisma"], {})).toEqual(["db/main.prisma"]);
    expect(appSchemas(paths, { exclude: ["packages/gateway/**"] })).not.toContain(
      "packages/gateway/prisma/schema.prisma",
    );
    expect(appSchemas(paths, { include: ["apps/api/**"], exclude: ["packages/gateway/**"] })).toEqual([
      "packages/db/prisma/schema.prisma",
      "packages/forms/schema/main.prisma",
      "packages/forms/schema/workflows.prisma",
    ]);
  });

  it("are those where Prisma looks for one, of the scope when it takes any in, never a sample schema", () => {
    // by hand: the sample sits in no prisma/ or schema/ folder and is no schema.prisma; node_modules is no source
    const apps = paths.slice(0, 4);
    expect(appSchemas(paths, {})).toEqual([...apps].sort());
    expect(appSchemas(paths, { include: ["apps/api/**", "packages/db/**"] })).toEqual([
      "packages/db/prisma/schema.prisma",
    ]);
    // a scope taking in none of them (ghostfolio's apps/api/ beside the root prisma/): every one of the app's
    expect(appSchemas(paths, { include: ["apps/api/**"] })).toEqual([...apps].sort());
    expect(appSchemas(paths, { include: ["packages/**"], exclude: ["packages/db/**"] })).toEqual(
      [...apps.slice(1)].sort(),
    );
  });

  it("give a model the key of the scope's schema, not another process's of the same name", async () => {
    const script = dataRepoScript();
    const model = "model Payment {\n  id String @id\n}\n";
    script.files["src/billing/charge.ts"] =
      'import { listInvoices } from "./service";\n\ndeclare const prisma: any;\n\n' +
      "export const charge = () => {\n  listInvoices();\n  return prisma.payment.create({});\n};\n";
    for (const schema of ["packages/db/prisma/schema.prisma", "packages/gateway/prisma/schema.prisma"])
      script.files[schema] = model;
    script.files["src/import/samples/shop.prisma"] = model;
    script.commits.push({ author: "billing <billing@x.test>", date: day(30), touch: ["src/billing/charge.ts"] });
    const repo = buildRepo(script);
    const { analysis } = await analyzeInto(repo, ["--include", "src/**", "--include", "packages/db/**"]);
    // by hand: the sample sits in no prisma/ folder, the gateway's schema is out of the scope that takes in the db's
    const payment = analysis.data.entities.filter((e) => e.name === "Payment");
    expect(payment.map((e) => e.key)).toEqual(["packages/db/prisma/schema.prisma#Payment"]);
  });
});

describe("Drizzle tables", () => {
  const table = (name: string) => `export const ${name} = pgTable("${name}", { id: text("id") });`;
  /** A record whose imports resolve each specifier to the file given. */
  const resolving = (r: ModuleRecord, targets: Record<string, string>): ModuleRecord => ({
    ...r,
    imports: Object.entries(targets).map(([specifier, path]) => ({
      specifier,
      kind: "static",
      target: { type: "module", path },
    })) as ModuleRecord["imports"],
  });

  it("of a schema file are its models, owned by their writers; a file of one table owns it as an entity file", () => {
    const records = [
      record("src/db/schema.ts", [table("users"), table("posts")]),
      record("src/db/audit.ts", [table("auditLog")]),
      // the posts service inserts posts and reads users; the admin reads posts and writes the audit log
      resolving(
        record("src/posts/service.ts", [
          'import { posts, users } from "../db/schema";',
          "export const add = () => db.insert(posts).values({});",
          "export const who = () => db.select().from(users);",
        ]),
        { "../db/schema": "src/db/schema.ts" },
      ),
      resolving(
        record("src/admin/log.ts", [
          'import { auditLog } from "../db/audit";',
          "export const log = () => db.insert(auditLog);",
        ]),
        { "../db/audit": "src/db/audit.ts" },
      ),
    ];
    const data = readDataModel(records, []);
    // by hand: the schema's two tables are keyed by file and name, with no file of their own; the audit log is its file
    expect(data.entities.map((e) => [e.key, e.file])).toEqual([
      ["src/db/audit.ts", "src/db/audit.ts"],
      ["src/db/schema.ts#posts", undefined],
      ["src/db/schema.ts#users", undefined],
    ]);
    expect(data.access).toEqual([
      { file: "src/admin/log.ts", entity: "src/db/audit.ts", writes: 1 },
      { file: "src/posts/service.ts", entity: "src/db/schema.ts#posts", writes: 1 },
      { file: "src/posts/service.ts", entity: "src/db/schema.ts#users", writes: 0 },
    ]);
  });

  it("of a schema file belong to the service named for them in the singular, when it uses them", () => {
    const records = [
      record("src/db/schema.ts", [table("users"), table("posts")]),
      resolving(
        record("src/user/profile.ts", ['import { users } from "../db/schema";', "export const me = () => users;"]),
        { "../db/schema": "src/db/schema.ts" },
      ),
      resolving(
        record("src/admin/ban.ts", [
          'import { users } from "../db/schema";',
          "export const ban = () => db.update(users);",
        ]),
        { "../db/schema": "src/db/schema.ts" },
      ),
    ];
    const owned = dataOwnership(readDataModel(records, []), {
      services: [
        { id: "user", name: "user", files: ["src/user/profile.ts"] },
        { id: "admin", name: "admin", files: ["src/admin/ban.ts"] },
      ],
      kernel: ["src/db/schema.ts"],
    }).entities;
    // by hand: `users` in the singular is the user service's name, and it reads the table; the admin writes it
    expect(owned.find((e) => e.name === "users")).toMatchObject({ owner: "user", writtenBy: ["admin"] });
  });

  it("are written and read only through the names imported from them, or from an index, or in their own file", () => {
    const records = [
      record("src/db/schema.ts", [table("users"), table("session"), "export const wipe = () => db.delete(session);"]),
      // a `session` of a cache, a `users` router: names of the tables, imported from elsewhere
      resolving(
        record("src/cache/flush.ts", [
          'import { session } from "./store";',
          'import { users } from "../routers/users";',
          'import { posts } from "../db/schema";',
          "export const flush = () => cache.delete(session);",
        ]),
        {
          "./store": "src/cache/store.ts",
          "../routers/users": "src/routers/users.ts",
          "../db/schema": "src/db/schema.ts",
        },
      ),
      // through the index re-exporting the schema
      resolving(
        record("src/auth/logout.ts", [
          'import { session } from "../db";',
          "export const out = () => db.delete(session);",
        ]),
        { "../db": "src/db/index.ts" },
      ),
      // a typed local given first: the repository's own call counts it, not the argument
      record("src/users/rename.ts", ["export const f = (users: User) => store.update(users);"]),
    ];
    const data = readDataModel(records, []);
    // by hand: the schema file deletes its own session; flush.ts imports neither table from the schema (posts is
    // none of its tables) and writes nothing; logout.ts deletes the session through the index
    expect(data.access).toEqual([
      { file: "src/auth/logout.ts", entity: "src/db/schema.ts#session", writes: 1 },
      { file: "src/db/schema.ts", entity: "src/db/schema.ts#session", writes: 1 },
    ]);
  });
});

describe("a registry of the models", () => {
  it("reads none of them: a file importing four entity files or more, half of them or more, wires them up", () => {
    const model = (name: string) => record(`src/models/${name}.ts`, [`@Entity() export class ${name} {}`]);
    const names = ["Member", "Activity", "Tenant", "Segment", "Report"];
    const importing = (path: string, lines: string[], targets: string[]): ModuleRecord => ({
      ...record(path, lines),
      imports: targets.map((t) => ({
        specifier: t,
        kind: "static",
        target: { type: "module", path: t },
      })) as ModuleRecord["imports"],
    });
    const files = names.map((n) => `src/models/${n}.ts`);
    const records = [
      ...names.map(model),
      // crowd.dev's models/index.ts imports four of the five model files to define them on the connection
      importing("src/models/index.ts", ["export const models = {};"], files.slice(0, 4)),
      // a service importing two of them reads both
      importing("src/services/memberService.ts", ["export const s = 1;"], files.slice(0, 2)),
    ];
    const reads = readDataModel(records, [])
      .access.filter((a) => a.writes === 0)
      .map((a) => `${a.file} ${a.entity}`);
    // by hand: 4 of 5 entity files, at least four and at least half: the index is a registry
    expect(reads).toEqual([
      "src/services/memberService.ts src/models/Activity.ts",
      "src/services/memberService.ts src/models/Member.ts",
    ]);
  });
});

describe("a registry of the models, among many", () => {
  it("imports half the entity files below its folder or more; a service importing many elsewhere reads them", () => {
    const names = Array.from({ length: 10 }, (_, k) => `Model${k}`);
    const files = names.map((n) => `src/models/${n}.ts`);
    const importing = (path: string, targets: string[]): ModuleRecord =>
      ({
        ...record(path, ["export const x = 1;"]),
        imports: targets.map((t) => ({ specifier: t, kind: "static", target: { type: "module", path: t } })),
      }) as ModuleRecord;
    const records = [
      ...names.map((n, k) => record(files[k], [`@Entity() export class ${n} {}`])),
      importing("src/models/index.ts", files.slice(0, 5)),
      importing("src/models/associations.ts", files.slice(0, 4)),
      importing("src/services/report.ts", files.slice(0, 6)),
    ];
    const readers = new Map<string, number>();
    for (const a of readDataModel(records, []).access) readers.set(a.file, (readers.get(a.file) ?? 0) + 1);
    // by hand: the index imports 5 of the 10 below src/models/, half: a registry; the associations 4, under half;
    // the report 6, none below its own folder src/services/
    expect(Object.fromEntries(readers)).toEqual({ "src/models/associations.ts": 4, "src/services/report.ts": 6 });
  });
});
