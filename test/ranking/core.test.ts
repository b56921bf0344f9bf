import { describe, expect, it } from "vitest";
import { coreServices } from "../../src/ranking/core.js";
import type { Contract } from "../../src/ranking/types.js";

/** A contract providing one symbol to `importers` and owning entities read by `readers` each. */
function contract(importers: string[], owns: [string, string[]][] = []): Contract {
  return {
    provides: importers.length ? [{ file: "src/a.ts", symbol: "a", kind: "function", usedBy: importers }] : [],
    requires: [],
    data: { owns: owns.map(([entity, readBy]) => ({ entity, readBy })), requires: [] },
  };
}

describe("core services", () => {
  // five services: four others each
  const ids = ["order", "setting", "search", "user", "asset"];

  it("are those owning data more than half the others read, or whose code more than half import", () => {
    const contracts = new Map<string, Contract>([
      // Order read by 3 of 4: core by its data, whatever imports it
      ["order", contract(["search"], [["Order", ["search", "user", "asset"]]])],
      // imported by 3 of 4 (its own name among its importers does not count)
      ["setting", contract(["order", "search", "user", "setting"])],
      // imported by 2 of 4, data read by 2 of 4: half is not most
      ["search", contract(["order", "user"], [["SearchItem", ["order", "asset"]]])],
      ["user", contract([])],
      ["asset", contract(["user"])],
    ]);
    const core = coreServices(ids, contracts);
    expect([...core.keys()].sort()).toEqual(["order", "setting"]);
    expect(core.get("order")).toEqual({
      kind: "data",
      why:
        "it owns Order, which 3 of the 4 other services read; cut out first, every one of them would read it " +
        "across the network",
    });
    expect(core.get("setting")).toEqual({
      kind: "code",
      why: "3 of the 4 other services import it; cut out first, every one of them would call it across the network",
    });
  });
});
