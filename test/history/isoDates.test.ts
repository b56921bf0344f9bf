import { describe, expect, it } from "vitest";
import { iso } from "../../src/history/readHistory.js";
import { rng } from "../helpers/repo.js";

describe("commit times as ISO dates", () => {
  it("match Date's toISOString (without milliseconds) at every edge and on random times", () => {
    const reference = (s: number) => new Date(s * 1000).toISOString().replace(".000Z", "Z");
    const day = 86_400;
    const edges = [
      0,
      59,
      60,
      3599,
      3600,
      day - 1,
      day,
      951_782_400 /* 2000-02-29 */,
      951_868_800,
      4_107_542_400 /* 2100-03-01 */,
      4_107_456_000,
      253_402_300_799,
      1_700_000_000,
    ];
    // every month's last second and first second over four centuries' worth of leap rules
    for (let y = 1970; y <= 2430; y += 7)
      for (let m = 0; m < 12; m++) {
        const start = Date.UTC(y, m, 1) / 1000;
        edges.push(start, start - 1);
      }
    const r = rng(11);
    for (let i = 0; i < 20_000; i++) edges.push(Math.floor(r() * 253_402_300_800));
    for (const s of edges) expect(iso(s), String(s)).toBe(reference(s));
    // outside the computed range, Date answers
    expect(iso(-1)).toBe("1969-12-31T23:59:59Z");
  });
});
