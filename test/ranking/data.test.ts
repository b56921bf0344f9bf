import { describe, expect, it } from "vitest";
import ts from "typescript";
import { prismaModels, readDataModel } from "../../src/coupling/data.js";
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

describe("who owns a Prisma model", () => {
  it("is the service making the most write calls on it, not the one with the most files touching it once", () => {
    const schema = prismaModels("model Order {\n  id String @id\n}\nmodel Tag {\n  id String @id\n}\n");
    const records = [
      // the activities service implements the order's create, update and delete: four write calls
      record("src/activities/activities.service.ts", [
        "export class ActivitiesService {",
        "  create() { return this.prisma.order.create({}); }",
        "  update() { return this.prisma.order.update({}); }",
        "  remove() { return this.prisma.order.delete({}); }",
        "  bulk() { return this.prisma.order.deleteMany({}); }",
        "  list() { return this.prisma.order.findMany({}); }",
        "}",
      ]),
      // a demo seeder and an admin screen, both in the admin service, each write an order once
      record("src/demo/demo.service.ts", ["export const seed = () => prisma.order.createMany({});"]),
      record("src/admin/admin.service.ts", [
        "export const fix = () => prisma.order.update({});",
        "export const tags = () => prisma.tag.findMany({});",
      ]),
    ];
    const data = readDataModel(records, [{ schema: "prisma/schema.prisma", models: schema }]);
    const { entities } = dataOwnership(data, {
      services: [
        { id: "activities", name: "activities", files: ["src/activities/activities.service.ts"] },
        { id: "admin", name: "admin", files: ["src/demo/demo.service.ts", "src/admin/admin.service.ts"] },
      ],
      kernel: [],
    });
    const order = entities.find((e) => e.name === "Order")!;
    // hand-counted: activities 4 write calls in 1 file, admin 2 write calls in 2 files
    expect(order.owner).toBe("activities");
    expect(order.writtenBy).toEqual(["admin"]);
    // nobody writes Tag: the service reading it owns it
    expect(entities.find((e) => e.name === "Tag")!.owner).toBe("admin");
  });

  it("counts the writes made inside a transaction, through the client a call returns", () => {
    const schema = prismaModels("model Space {\n  id String @id\n}\n");
    const records = [
      // the space service writes only through its transaction's client: two write calls
      record("src/space/space.service.ts", [
        "export class SpaceService {",
        "  create() { return this.prismaService.txClient().space.create({}); }",
        "  rename() { return this.prismaService.txClient().space.update({}); }",
        "}",
      ]),
      // the trash empties a space once, on the client itself
      record("src/trash/trash.service.ts", ["export const purge = () => this.prisma.space.delete({});"]),
    ];
    const data = readDataModel(records, [{ schema: "prisma/schema.prisma", models: schema }]);
    const { entities } = dataOwnership(data, {
      services: [
        { id: "space", name: "space", files: ["src/space/space.service.ts"] },
        { id: "trash", name: "trash", files: ["src/trash/trash.service.ts"] },
      ],
      kernel: [],
    });
    // hand-counted: space 2 write calls, trash 1
    expect(entities.find((e) => e.name === "Space")).toMatchObject({ owner: "space", writtenBy: ["trash"] });
  });
});
