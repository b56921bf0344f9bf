import { describe, expect, it } from "vitest";
import ts from "typescript";

// the built parser (npm test builds dist/ first): it loads TypeScript through the compile cache
const { parseModule } = (await import(
  new URL("../../dist/graph/parse.js", import.meta.url).href
)) as typeof import("../../src/graph/parse.js");

const parse = (text: string, file = "src/x.ts") => parseModule(file, text, {}, ts.ModuleKind.ESNext);

describe("data evidence read from the syntax", () => {
  it("finds entities: ORM decorators and Sequelize definitions on the instance, db or a model helper", () => {
    const text = [
      `@Entity() export class Cart { id = ""; }`,
      `@Table({ tableName: "orders" }) export class Order {}`,
      `export const Invoice = sequelize.define("Invoice", {});`,
      `export const Refund = db.define("Refund", {});`,
      `export const Coupon = model.define({ name: "Coupon" });`,
      `export const Nope = registry.define("Nope", {});`, // not Sequelize
      `function Entity() { return (c: unknown) => c; }`,
      `function Table(o: object) { return (c: unknown) => c ?? o; }`,
    ].join("\n");
    const { data } = parse(text);
    expect(data.entities).toEqual([
      { name: "Cart", how: "@Entity" },
      { name: "Order", how: "@Table" },
      { name: "Invoice", how: "model.define" },
      { name: "Refund", how: "model.define" },
      { name: "Coupon", how: "model.define" },
    ]);
  });

  it("finds Mongoose models: compiled from a schema, named by their first argument; NestJS schema classes", () => {
    const text = [
      `import mongoose, { model } from "mongoose";`,
      `export const Subscriber = mongoose.models.Subscriber || mongoose.model<SubscriberDB>("Subscriber", schema);`,
      `export const Topic = model("Topic", topicSchema);`,
      `export const Feed = connection.model('Feed', feedSchema, "feeds");`,
      `export const CatSchema = SchemaFactory.createForClass(Cat);`, // @nestjs/mongoose's
      `export const theme = this.model("dark");`, // no schema: a model of something else
      `export const lower = mongoose.model("job", jobSchema);`, // not a class-like name
    ].join("\n");
    // MobX-State-Tree's models, in a file that does not import Mongoose: none
    expect(parse(`export const Todo = types.model("Todo", { title: types.string });`).data.entities).toEqual([]);
    expect(parse(`import { types } from "mobx-state-tree";\nconst T = types.model("T", {});`).data.entities).toEqual(
      [],
    );
    expect(parse(text).data.entities).toEqual([
      { name: "Subscriber", how: "mongoose.model" },
      { name: "Topic", how: "mongoose.model" },
      { name: "Feed", how: "mongoose.model" },
      { name: "Cat", how: "SchemaFactory.createForClass" },
    ]);
  });

  it("finds model classes a repository's own factory makes over a collection or table", () => {
    // growthbook's BaseModel: `MakeModelClass({ collectionName })`, the class extending the base it returns
    const text = [
      `import { MakeModelClass } from "./BaseModel";`,
      `const BaseClass = MakeModelClass({ schema: savedGroupValidator, collectionName: "savedgroups" });`,
      `export class SavedGroupModel extends BaseClass {}`,
      `export class RampScheduleModel extends MakeModelClass({ tableName: "ramp_schedules" }) {}`,
      `const Other = makeThing({ name: "x" });`,
      `export class NotAModel extends Other {}`, // no collection or table named
      `const Dynamic = MakeModelClass({ collectionName: name });`,
      `export class DynamicModel extends Dynamic {}`, // a collection named by a variable: unknown
      `export class Model extends MakeModelClass({ collectionName: "models" }) {}`, // "Model" alone stays
    ].join("\n");
    expect(parse(text).data.entities).toEqual([
      { name: "SavedGroup", how: "a model factory" },
      { name: "RampSchedule", how: "a model factory" },
      { name: "Model", how: "a model factory" },
    ]);
  });

  it("finds Drizzle tables, and the tables given first to a client's methods", () => {
    const text = [
      `import { pgTable, text } from "drizzle-orm/pg-core";`,
      `export const users = pgTable("user", { id: text("id") });`,
      `export const posts = sqliteTable("posts", { id: text("id") });`,
      `export const notATable = someTable("x", {});`, // not a dialect's table
      `export function fixture() {\n  const temp = pgTable("temp", {});\n  return temp;\n}`, // inside a function: none
      `export const insertUser = () => db.insert(users).values({ id: "1" });`,
      `export const removePost = () => tx.delete(posts);`,
      `export const list = () => db.select().from(users);`, // a read: not a data method
    ].join("\n");
    const { data } = parse(text);
    expect(data.entities).toEqual([
      { name: "users", how: "drizzle pgTable" },
      { name: "posts", how: "drizzle sqliteTable" },
    ]);
    expect(data.calls).toEqual([
      { receiver: ["db"], method: "insert" },
      { receiver: ["tx"], method: "delete" },
    ]);
    expect(data.given).toEqual([
      { name: "posts", method: "delete" },
      { name: "users", method: "insert" },
    ]);
  });

  it("records data calls with their receivers and the entities names are declared as", () => {
    const text = [
      `export async function f(document: Document, repo: Repository<Order>) {`,
      `  await Order.findByPk("1");`,
      `  await this.orders.save(document);`,
      `  await prisma.order.update({});`,
      `  await this.prismaService.txClient().space.update({});`, // a transaction's client, got by a call
      `  await this.pool.forTenant(id).space.update({});`, // a call taking arguments may return anything: none
      `  [1, 2].find((x) => x > 1);`, // an array literal: no receiver name
      `  await this.connection.getRepository(ctx, OrderLine).save(line);`, // the repository of OrderLine
      `  await dataSource.getRepository(Refund).delete({});`,
      `  await this.connection.getRepository(ctx, entityType).save(x);`, // a variable: its name, no entity known
      `  await this.connection.getRepository().find();`, // no argument: no receiver
      `}`,
    ].join("\n");
    const { data } = parse(text);
    expect(data.calls).toEqual([
      { receiver: ["Order"], method: "findByPk" },
      { receiver: ["OrderLine"], method: "save" },
      { receiver: ["Refund"], method: "delete" },
      { receiver: ["entityType"], method: "save" },
      { receiver: ["prisma", "order"], method: "update" },
      { receiver: ["prismaService", "txClient", "space"], method: "update" },
      { receiver: ["this", "orders"], method: "save" },
    ]);
    expect(data.typed).toEqual([
      ["document", "Document"],
      ["repo", "Order"],
    ]);
    // by hand: each call with a name for its first argument gives that name too
    expect(data.given).toEqual([
      { name: "document", method: "save" },
      { name: "line", method: "save" },
      { name: "x", method: "save" },
    ]);
  });
});
