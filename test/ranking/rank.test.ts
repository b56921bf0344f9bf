import { describe, expect, it } from "vitest";
import { rankServices, type CoreReason } from "../../src/ranking/rank.js";
import type { CostFactors, PainFactors } from "../../src/ranking/types.js";

const pain = (revisions: number): PainFactors => ({
  recentRevisions: revisions,
  revisions,
  hotspots: [],
  fixCommits: revisions,
  fragmentation: 0.5,
  authors: 2,
});
const cost = (imports: number): CostFactors => ({
  importsIn: imports,
  importsOut: imports,
  cochangeLeaving: imports,
  dataNotOwned: [],
  cycleWith: [],
  kernelImports: 0,
});

/**
 * Three services: document hurts most (40 revisions, 40 fixes) at a cost twice the median; share
 * half as much at the median cost; pin least. By hand, each factor over its median (share's; no
 * hotspots, no data or cycles: 0), the mean of four: document's pain (2 + 0 + 2 + 1) / 4 = 1.25
 * and cost (2 + 2 + 0 + 0) / 4 = 1, priority 1.25 / 2 = 0.625; share 0.75 / 1.5 = 0.5; pin
 * (0.5 + 0 + 0.5 + 1) / 4 = 0.5 over 1 + 0.25, 0.4.
 */
function rank(core?: Map<string, CoreReason>, dataless?: Set<string>, pick = true) {
  const ids = ["document", "share", "pin"];
  const p = new Map([
    ["document", pain(40)],
    ["share", pain(20)],
    ["pin", pain(10)],
  ]);
  const c = new Map([
    ["document", cost(20)],
    ["share", cost(10)],
    ["pin", cost(5)],
  ]);
  const names = new Map(ids.map((id) => [id, id]));
  return rankServices(ids, p, c, { names, giantCycle: new Set(), pick, core, dataless });
}

describe("the ranking", () => {
  it("puts the highest priority first: pain over one plus cost", () => {
    const r = rank();
    expect([...r].sort((a, b) => a[1].rank - b[1].rank).map(([id]) => id)).toEqual(["document", "share", "pin"]);
    expect(r.get("document")!.priority).toBeCloseTo(0.625, 4);
  });

  it("says a service changed far less than the median as under 0.05x, never 0x", () => {
    // by hand: 2 revisions and fixes against the median's 40 (three services: 2, 40, 60) is 0.05, rounded 0.1;
    // 1 against 40 is 0.025, which rounds to 0
    const ranked = (least: number) => {
      const p = new Map([
        ["a", pain(least)],
        ["b", pain(40)],
        ["c", pain(60)],
      ]);
      const c = new Map(["a", "b", "c"].map((id) => [id, cost(5)]));
      const names = new Map(["a", "b", "c"].map((id) => [id, id]));
      const r = rankServices(["a", "b", "c"], p, c, { names, giantCycle: new Set(), pick: false });
      return r.get("a")!.why.join("\n");
    };
    expect(ranked(2)).toContain("2 weighted by recency (half-life one year) (0.1x the median service)");
    expect(ranked(1)).toContain("1 weighted by recency (half-life one year) (under 0.05x the median service)");
    expect(ranked(1)).toContain("(subjects naming a fix, bug, hotfix, revert or issue key) (under 0.05x the median");
  });

  it("never picks first a service owning data most others read, and says why", () => {
    const why =
      "it owns Document, which 2 of the 2 other services read; cut out first, every one of them would read it";
    const r = rank(new Map([["document", { kind: "data", why }]]));
    expect([...r].sort((a, b) => a[1].rank - b[1].rank).map(([id]) => id)).toEqual(["share", "document", "pin"]);
    expect(r.get("share")!.why[0]).toBe(
      "extract first: priority 0.5 (pain 0.75 / (1 + cost 0.5)), the highest once the core is passed over " +
        "(document at 0.625: data most services read); it beats pin at 0.4 (pain 0.5, cost 0.25)",
    );
    expect(r.get("document")!.why[0]).toBe(`core: ${why}`);
  });

  it("passes over services most others import as it does those owning data, naming each kind", () => {
    const r = rank(
      new Map<string, CoreReason>([
        ["document", { kind: "data", why: "it owns Document, which 2 of the 2 other services read" }],
        ["share", { kind: "code", why: "2 of the 2 other services import it" }],
      ]),
    );
    expect([...r].sort((a, b) => a[1].rank - b[1].rank).map(([id]) => id)).toEqual(["pin", "document", "share"]);
    expect(r.get("pin")!.why[0]).toBe(
      "extract first: priority 0.4 (pain 0.5 / (1 + cost 0.25)), the highest once the core is passed over " +
        "(document at 0.625: data most services read; share at 0.5: imported by most services)",
    );
    expect(r.get("share")!.why[0]).toBe("core: 2 of the 2 other services import it");
  });

  it("weighs the pick against the best other service that is not core, not a core one ranked below it", () => {
    // share is core; document, not core, leads and is weighed against pin, not share
    const code = { kind: "code", why: "2 of the 2 other services import it" } as const;
    const r = rank(new Map<string, CoreReason>([["share", code]]));
    // share, core, ranks between them: the line names it, and share's reasons say why it is core
    expect(r.get("document")!.why[0]).toBe(
      "extract first: priority 0.625 (pain 1.25 / (1 + cost 1)) beats pin at 0.4 (pain 0.5, cost 0.25), " +
        "the next that is not core (between them, share at 0.5: imported by most services)",
    );
    expect(r.get("share")!.why[0]).toBe("core: 2 of the 2 other services import it");
    // pin core too: no service to weigh it against
    const both = rank(
      new Map<string, CoreReason>([
        ["share", code],
        ["pin", code],
      ]),
    );
    expect(both.get("document")!.why[0]).toBe("extract first: priority 0.625 (pain 1.25 / (1 + cost 1))");
  });

  it("says when most services are core: the cut is tangled whatever goes first", () => {
    const code = { kind: "code", why: "2 of the 2 other services import it" } as const;
    const two = rank(
      new Map([
        ["document", code],
        ["share", code],
      ]),
    );
    expect(two.get("pin")!.why[1]).toBe(
      "most services are core (2 of 3): most of the others read their data or import their code, so the cut " +
        "stays tangled whatever goes first; the first pick is the best of the few left",
    );
    // one of three is core: nothing said
    const one = rank(new Map([["document", code]]));
    expect(one.get("share")!.why.join("\n")).not.toMatch(/most services are core/);
  });

  it("says the pick is a sketch when the cut is not a clear one, and only then", () => {
    const ranked = (modularity: number) => {
      const ids = ["document", "share", "pin"];
      const p = new Map(ids.map((id, k) => [id, pain(40 - 10 * k)]));
      const c = new Map(ids.map((id) => [id, cost(5)]));
      const names = new Map(ids.map((id) => [id, id]));
      return rankServices(ids, p, c, { names, giantCycle: new Set(), pick: true, modularity });
    };
    const note = "the cut is not a clear one (modularity 0.398, under the 0.4 of a clear cut): the code shows weak";
    expect(ranked(0.398).get("document")!.why[1]).toContain(note);
    // at 0.4, where the scorecard calls a cut clear, nothing is said; nor among the other services' reasons
    expect(ranked(0.4).get("document")!.why.join("\n")).not.toContain("not a clear one");
    expect(ranked(0.398).get("share")!.why.join("\n")).not.toContain("not a clear one");
  });

  it("picks a core service when every service is core", () => {
    const all = new Map(
      ["document", "share", "pin"].map((id): [string, CoreReason] => [id, { kind: "data", why: "it owns X" }]),
    );
    const r = rank(all);
    expect(r.get("document")!.rank).toBe(1);
    expect(r.get("document")!.why[1]).toMatch(/^most services are core \(3 of 3\): .* the best of them$/);
  });

  it("passes over services owning no data as it does the core, and names them", () => {
    const r = rank(undefined, new Set(["document"]));
    expect([...r].sort((a, b) => a[1].rank - b[1].rank).map(([id]) => id)).toEqual(["share", "document", "pin"]);
    expect(r.get("share")!.why[0]).toBe(
      "extract first: priority 0.5 (pain 0.75 / (1 + cost 0.5)), the highest once the service owning no data " +
        "is passed over (document at 0.625: owning no data); it beats pin at 0.4 (pain 0.5, cost 0.25)",
    );
    expect(r.get("document")!.why[0]).toBe(OWNS_NO_DATA);
  });

  it("names the core and the services owning no data apart, before and after the pick", () => {
    const code = { kind: "code", why: "2 of the 2 other services import it" } as const;
    // document core, share owning no data: pin, the only one owning data that is not core, leads
    const r = rank(new Map([["document", code]]), new Set(["share"]));
    expect(r.get("pin")!.why[0]).toBe(
      "extract first: priority 0.4 (pain 0.5 / (1 + cost 0.25)), the highest once the core and the service " +
        "owning no data are passed over (document at 0.625: imported by most services; share at 0.5: owning no data)",
    );
    // share owning no data ranks between document, which leads, and pin, the next that qualifies
    const between = rank(undefined, new Set(["share"]));
    expect(between.get("document")!.why[0]).toBe(
      "extract first: priority 0.625 (pain 1.25 / (1 + cost 1)) beats pin at 0.4 (pain 0.5, cost 0.25), the next " +
        "that is not core and owns data (between them, share at 0.5: owning no data)",
    );
    // pin owning no data, share core: document leads, weighed against nothing passed over for neither
    const after = rank(new Map([["share", code]]), new Set(["pin"]));
    expect(after.get("document")!.why[0]).toBe("extract first: priority 0.625 (pain 1.25 / (1 + cost 1))");
  });

  it("picks the best service that is not core when every one owning data is core, saying nothing of data", () => {
    const data = { kind: "data", why: "it owns Document, which 2 of the 2 other services read" } as const;
    const r = rank(new Map([["document", data]]), new Set(["share", "pin"]));
    expect([...r].sort((a, b) => a[1].rank - b[1].rank).map(([id]) => id)).toEqual(["share", "document", "pin"]);
    expect(r.get("share")!.why[0]).toBe(
      "extract first: priority 0.5 (pain 0.75 / (1 + cost 0.5)), the highest once the core is passed over " +
        "(document at 0.625: data most services read); it beats pin at 0.4 (pain 0.5, cost 0.25)",
    );
    // the rule did not apply: no service says it was passed over for owning no data
    for (const [, ranked] of r) expect(ranked.why).not.toContain(OWNS_NO_DATA);
  });

  it("passes nothing over without a first pick: the order is by priority", () => {
    const code = { kind: "code", why: "2 of the 2 other services import it" } as const;
    const r = rank(new Map([["document", code]]), new Set(["share"]), false);
    expect([...r].sort((a, b) => a[1].rank - b[1].rank).map(([id]) => id)).toEqual(["document", "share", "pin"]);
    expect(r.get("share")!.why).not.toContain(OWNS_NO_DATA);
  });
});

const OWNS_NO_DATA =
  "owns no data that faultline sees: none of the entities it found is its own, " +
  "so cutting it out first settles no data " +
  "(passed over for the first pick while a service owning data qualifies)";
