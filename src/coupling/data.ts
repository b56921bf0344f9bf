import path from "node:path";
import type { ModuleRecord } from "../graph/types.js";
import { globMatcher } from "../util/globs.js";
import { byString } from "../util/order.js";

/** A domain entity: what the ORM says is one (a model or entity class, a Prisma model, a Drizzle table). */
export interface Entity {
  /**
   * its analysed file, or `schema.prisma#Order` for a model of a schema that is not TypeScript, `db/schema.ts#users`
   * for a table of a Drizzle schema file (a file of several tables)
   */
  key: string;
  name: string;
  /** the analysed file that declares it (absent for a Prisma model and a table of a schema file) */
  file?: string;
  how: string;
}

/** A file's use of an entity: write calls (create, save, update, upsert, destroy, delete), or 0 for a read. */
export interface DataAccess {
  file: string;
  entity: string;
  /** how many write calls the file makes on it: 0 when it only reads it */
  writes: number;
}

export interface DataModel {
  entities: Entity[];
  access: DataAccess[];
}

/** Verbs of the methods that write (`createWithCtx`, `updateMany`, `destroy`); every other data call reads. */
const WRITE_VERBS =
  "create save update upsert destroy delete remove insert increment decrement restore persist softDelete";
const WRITE = new RegExp(`^(?:${WRITE_VERBS.split(" ").join("|")}|bulkCreate|findOrCreate)(?:$|[A-Z])`);

/**
 * The entities of the analysed code and who reads or writes them, from the syntax alone: an
 * entity class or model (sequelize-typescript, TypeORM, MikroORM, `model.define`, a Mongoose model), a model
 * of a schema.prisma, a Drizzle table; a write is a create/save/update/upsert/destroy/delete call on the model
 * (`Document.create`), on an instance whose declared type or finder names it (`document.save()`),
 * on its repository (`Repository<Order>`, `getRepository(Order)`, a class named `OrderRepository`), on
 * the Prisma client (`prisma.order.update`), or one given the entity first, imported from its file or an index
 * (`db.insert(users)`); a file that imports an entity or queries it reads it, unless it registers the models
 * (imports half of those below its folder or more, at least four).
 */
export function readDataModel(records: ModuleRecord[], prisma: { schema: string; models: string[] }[]): DataModel {
  const entities: Entity[] = [];
  // a file of several Drizzle tables is a schema, like schema.prisma: each table a model of it, owned by who uses it
  const tablesOf = new Map<string, Set<string>>();
  for (const r of records) {
    const tables = r.data.entities.filter((e) => e.how.startsWith("drizzle"));
    if (tables.length >= 2) tablesOf.set(r.path, new Set(tables.map((e) => e.name)));
  }
  for (const r of records)
    for (const e of r.data.entities)
      entities.push(
        tablesOf.get(r.path)?.has(e.name)
          ? { key: `${r.path}#${e.name}`, name: e.name, how: e.how }
          : { key: r.path, name: e.name, file: r.path, how: e.how },
      );
  for (const s of prisma)
    for (const name of s.models) entities.push({ key: `${s.schema}#${name}`, name, how: PRISMA_HOW });
  // a name two entities share says nothing about which one a call means
  const byName = new Map<string, string | null>();
  for (const e of entities) byName.set(e.name, byName.has(e.name) ? null : e.key);
  // the Prisma client's property of each model (`prisma.order`); a model of several schemas (teable's one per
  // database) is the last schema's
  const prismaByClient = new Map<string, string>();
  for (const e of entities.filter((x) => x.how === PRISMA_HOW))
    prismaByClient.set(e.name.charAt(0).toLowerCase() + e.name.slice(1), e.key);
  const entityFiles = new Set(entities.filter((e) => e.file).map((e) => e.file!));

  const access = new Map<string, DataAccess>();
  const note = (file: string, entity: string, write: boolean) => {
    const k = `${file}\0${entity}`;
    const had = access.get(k) ?? { file, entity, writes: 0 };
    access.set(k, { ...had, writes: had.writes + (write ? 1 : 0) });
  };
  for (const r of records) {
    const named = new Map<string, string>(); // local name -> entity key
    for (const [local, , imported] of r.bindings) {
      const key = byName.get(imported === "default" ? local : imported);
      if (key) named.set(local, key);
    }
    const importedEntity = argumentEntities(r, named, tablesOf.get(r.path));
    for (const [local, type] of r.data.typed) {
      // a repository class named for its entity (novu's `SubscriberRepository` of the model Subscriber)
      const key = byName.get(type) ?? (type.endsWith("Repository") ? byName.get(type.slice(0, -10)) : undefined);
      if (key) named.set(local, key);
    }
    for (const call of r.data.calls) {
      const last = call.receiver[call.receiver.length - 1];
      const key = named.get(last) ?? (call.receiver.length >= 2 ? prismaByClient.get(last) : undefined);
      if (key && key !== r.path) note(r.path, key, WRITE.test(call.method));
    }
    for (const { name, method } of r.data.given) {
      const key = importedEntity.get(name);
      if (key && key !== r.path) note(r.path, key, WRITE.test(method));
    }
    const registry = isRegistry(r, entityFiles);
    for (const imp of r.imports) {
      if (imp.target.type !== "module" || imp.target.path === r.path) continue;
      if (entityFiles.has(imp.target.path) && !registry) note(r.path, imp.target.path, false);
      // the tables of a schema file it imports by name, in that import
      const tables = tablesOf.get(imp.target.path);
      for (const [, specifier, imported] of tables ? r.bindings : [])
        if (specifier === imp.specifier && tables!.has(imported)) note(r.path, `${imp.target.path}#${imported}`, false);
    }
  }
  return {
    entities: entities.sort((a, b) => byString(a.key, b.key)),
    access: [...access.values()].sort((a, b) => byString(a.entity, b.entity) || byString(a.file, b.file)),
  };
}

/** A file importing this many entity files below its folder, half of those there or more, registers them. */
const REGISTRY_MIN = 4;
const PRISMA_HOW = "a model of schema.prisma";
/** An index file: it may re-export an entity from its own file. */
const INDEX = /(^|\/)index\.[cm]?[jt]sx?$/;

/**
 * The entities a file may give first to a client's method (`db.insert(users)`), by local name: those imported from
 * their own file, or through an index that re-exports them, and the tables of this very schema file; not typed
 * locals, which the receiver's call already counts (`repo.save(order)`), nor a name imported from elsewhere (a
 * `session` of a cache). `named`: its local names of entities.
 */
function argumentEntities(
  r: ModuleRecord,
  named: Map<string, string>,
  ownTables: Set<string> | undefined,
): Map<string, string> {
  const resolved = new Map(
    r.imports.flatMap((imp) => (imp.target.type === "module" ? [[imp.specifier, imp.target.path] as const] : [])),
  );
  const out = new Map<string, string>();
  for (const [local, specifier] of r.bindings) {
    const key = named.get(local);
    const from = resolved.get(specifier);
    // an entity's home: its file, or its schema file (`db/schema.ts` of `db/schema.ts#users`)
    if (key && from && (from === key.split("#")[0] || INDEX.test(from))) out.set(local, key);
  }
  for (const table of ownTables ?? []) out.set(table, `${r.path}#${table}`);
  return out;
}

/**
 * A registry of the models (Sequelize's `models/index.ts`) imports REGISTRY_MIN of the entity files below its
 * folder or more, half of those there or more, to wire them up: it reads none of them.
 */
function isRegistry(r: ModuleRecord, entityFiles: Set<string>): boolean {
  const below = `${path.posix.dirname(r.path)}/`;
  const imported = new Set(
    r.imports.flatMap((imp) =>
      imp.target.type === "module" && entityFiles.has(imp.target.path) && imp.target.path.startsWith(below)
        ? [imp.target.path]
        : [],
    ),
  );
  if (imported.size < REGISTRY_MIN) return false;
  return imported.size * 2 >= [...entityFiles].filter((f) => f.startsWith(below)).length;
}

/** The model names of a schema.prisma (`model Order {`), read as data. */
export function prismaModels(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*model\s+([A-Za-z_][A-Za-z0-9_]*)\s*\{/gm)) out.push(m[1]);
  return out;
}

/**
 * The Prisma schemas the application's client is made from, among the repository's `.prisma` files outside
 * `--exclude`: those where Prisma looks for one (`schema.prisma`, or any file below a `prisma/` or `schema/`
 * folder: a schema in several files), not the sample schemas an app reads as data (amplication's
 * `predefinedSchemes/abby/abby.prisma`), unless no file is where Prisma looks (a location a package.json names);
 * of those, the ones `--include` takes in when it takes in any, since the schema of another package of the
 * workspace (amplication's `gpt-gateway`) defines models of the same names for another process.
 */
export function appSchemas(paths: string[], scope: { include?: string[]; exclude?: string[] }): string[] {
  const excluded = globMatcher(scope.exclude, false);
  const all = paths
    .filter((p) => p.endsWith(".prisma") && !p.split("/").includes("node_modules") && !excluded(p))
    .sort(byString);
  const where = all.filter((p) => path.posix.basename(p) === "schema.prisma" || /(^|\/)(prisma|schema)\//.test(p));
  const schemas = where.length ? where : all;
  const included = globMatcher(scope.include, true);
  const inScope = schemas.filter(included);
  return inScope.length ? inScope : schemas;
}
