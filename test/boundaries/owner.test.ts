import { describe, expect, it } from "vitest";
import {
  adjacencyOf,
  entitiesToWriters,
  entityAtHome,
  isDomainHub,
  ownerOf,
  type DomainHints,
} from "../../src/boundaries/hubs.js";
import type { CouplingGraph } from "../../src/coupling/types.js";

const signals = (s: Partial<Record<"structural" | "cochange" | "ownership" | "semantic", number>>) => ({
  structural: 0,
  cochange: 0,
  ownership: 0,
  semantic: 0,
  ...s,
});

/**
 * An entity (0) that its own policy and route import (module 0) but that changes with two files of
 * shipments (module 1); and a second entity (5) whose noun only one other file carries.
 */
const files = [
  "src/models/User.ts",
  "src/policies/user.ts",
  "src/routes/users.ts",
  "src/shipments/a.ts",
  "src/shipments/b.ts",
  "src/models/Tag.ts",
  "src/presenters/tag.ts",
];
const labels = Int32Array.from([-1, 0, 0, 1, 1, -1, 0]);
const edges = [
  { a: 0, b: 1, signals: signals({ structural: 1 }) },
  { a: 0, b: 2, signals: signals({ structural: 1 }) },
  { a: 0, b: 3, signals: signals({ cochange: 0.8 }) },
  { a: 0, b: 4, signals: signals({ cochange: 0.8 }) },
  { a: 5, b: 6, signals: signals({ structural: 1 }) },
  { a: 5, b: 3, signals: signals({ cochange: 0.5 }) },
].map((e) => ({ ...e, weight: e.signals.structural + e.signals.cochange }));
const cg: CouplingGraph = { files, edges, weights: { structural: 1, cochange: 1, ownership: 0.25, semantic: 0.5 } };
const hints: DomainHints = {
  nouns: ["user", "user", "user", "shipment", "shipment", "tag", "tag"],
  entityFiles: new Set([0, 5]),
  writers: new Map(),
  users: new Map(),
  domainWords: new Set(["user", "shipment", "tag"]),
  entityNouns: new Set(["user", "tag"]),
  entityNounOf: new Map(),
  typeFiles: new Set<number>(),
  productNamed: new Set<number>(),
};

describe("the owner of an entity many modules use", () => {
  it("is the module holding the files named for it, though it changes with another module's files", () => {
    const owner = ownerOf(0, labels, cg, hints, adjacencyOf(cg));
    expect(owner?.label).toBe(0);
    expect(owner?.why).toBe("most files named for it (user) are in this module");
  });

  it("is found by its entity's name where that says more than its file's (OrderAddress in address.ts)", () => {
    // file 0 declares AccountUser: no other file says "account-user", so the files named "user" are
    // another entity's, and its co-change with module 1 decides
    const named: DomainHints = { ...hints, entityNounOf: new Map([[0, "account-user"]]) };
    expect(ownerOf(0, labels, cg, named, adjacencyOf(cg))?.label).toBe(1);
    expect(entityAtHome(0, Int32Array.from([0, 0, 0, 1, 1, -1, 0]), named)).toBe(false);
  });

  it("is the module it changes with when fewer than two other files carry its noun", () => {
    // only presenters/tag.ts says "tag": one namesake is no evidence, the co-change with module 1 decides
    expect(ownerOf(5, labels, cg, hints, adjacencyOf(cg))?.label).toBe(1);
  });
});

describe("an entity at home", () => {
  it("is one in the module of the files named for it, which fan-out placement leaves where it is", () => {
    // User (0) placed with its policy and route (module 0): home; in module 1, with the shipments: not
    expect(entityAtHome(0, Int32Array.from([0, 0, 0, 1, 1, -1, 0]), hints)).toBe(true);
    expect(entityAtHome(0, Int32Array.from([1, 0, 0, 1, 1, -1, 0]), hints)).toBe(false);
    // a policy beside its namesakes is no entity: fan-out placement decides it by its ties
    expect(entityAtHome(1, Int32Array.from([0, 0, 0, 1, 1, -1, 0]), hints)).toBe(false);
    // one namesake is no evidence of home
    expect(entityAtHome(5, Int32Array.from([0, 0, 0, 1, 1, 0, 0]), hints)).toBe(false);
  });
});

describe("a hub that is domain data", () => {
  it("is one whose own name is an entity's, though no other folder names it (a GraphQL type of a Prisma model)", () => {
    const prisma: DomainHints = { ...hints, nouns: [], entityFiles: new Set(), entityNouns: new Set(["team"]) };
    // team/team.model.ts: the Team model's GraphQL type; prisma/prisma.service.ts: the client, infrastructure
    expect(isDomainHub(0, prisma, "src/team/team.model.ts")).toBe(true);
    expect(isDomainHub(1, prisma, "src/prisma/prisma.service.ts")).toBe(false);
    // a file of the team folder whose own name says no entity is no domain hub by the folder's name
    expect(isDomainHub(2, prisma, "src/team/guards/gql-team-member.guard.ts")).toBe(false);
  });
});

describe("an entity its own module never writes", () => {
  // vendure's OrderLine (file 0) sat with the money columns it declares (module 0, file 1); the
  // order services (module 1: files 2, 3) write it, and one stock file (module 2: file 4)
  const files = [
    "src/entity/order-line.entity.ts",
    "src/entity/money.decorator.ts",
    "src/service/order.service.ts",
    "src/service/order-modifier.ts",
    "src/service/stock-movement.service.ts",
  ];
  const labels = Int32Array.from([0, 0, 1, 1, 2]);
  const base: DomainHints = {
    ...hints,
    nouns: [undefined, undefined, "order", "order", "stock-movement"],
    entityFiles: new Set([0]),
    writers: new Map([[0, new Set([2, 3, 4])]]),
    domainWords: new Set(["order", "stock-movement"]),
    entityNouns: new Set(["order-line"]),
  };
  const none = () => false;

  it("goes to the module that writes it most, from two files and over half of its writers", () => {
    expect(files.length).toBe(labels.length);
    expect(entitiesToWriters(labels, base, none)).toEqual([{ file: 0, to: 1, writers: 2 }]);
  });

  it("stays when its module writes it too, when one file writes it, when no module holds most writers", () => {
    const ownWriter = { ...base, writers: new Map([[0, new Set([1, 2, 3])]]) };
    expect(entitiesToWriters(labels, ownWriter, none)).toEqual([]);
    const oneFile = { ...base, writers: new Map([[0, new Set([2])]]) };
    expect(entitiesToWriters(labels, oneFile, none)).toEqual([]);
    // two writers in module 1, two in module 2: no majority
    const split = { ...base, writers: new Map([[0, new Set([2, 3, 4, 5])]]) };
    expect(entitiesToWriters(Int32Array.from([0, 0, 1, 1, 2, 2]), split, none)).toEqual([]);
    expect(entitiesToWriters(labels, base, (i) => i === 0)).toEqual([]);
  });

  it("stays at home with the files named for it", () => {
    // module 0 holds two more files named for the entity's noun, order-line
    const home: DomainHints = {
      ...base,
      nouns: ["order-line", "order-line", "order", "order", "stock-movement", "order-line"],
      entityNounOf: new Map([[0, "order-line"]]),
    };
    expect(entitiesToWriters(Int32Array.from([0, 0, 1, 1, 2, 0]), home, none)).toEqual([]);
  });
});
