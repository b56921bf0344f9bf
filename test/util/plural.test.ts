import { describe, expect, it } from "vitest";
import { plural } from "../../src/util/plural.js";

describe("plural", () => {
  it("counts a noun in English: one, many, and consonant + y", () => {
    expect(plural(1, "entity")).toBe("1 entity");
    expect(plural(17, "entity")).toBe("17 entities");
    expect(plural(3, "strongest dependency")).toBe("3 strongest dependencies");
    expect(plural(2, "key")).toBe("2 keys");
    expect(plural(0, "service")).toBe("0 services");
  });
});
