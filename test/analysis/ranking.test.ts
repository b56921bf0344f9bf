import { beforeAll, describe, expect, it } from "vitest";
import { analyzeInto, parseHistory, runCli } from "../helpers/cli.js";
import { buildRepo, day, rng, TSCONFIG, type CommitStep, type RepoScript } from "../helpers/repo.js";

// Three domains known by construction:
// - "ledger" hurts: changed in most commits, recently, by five people, and little crosses its boundary;
// - "catalog" is costly: every other domain imports many of its symbols, and it changes rarely;
// - "audit" is quiet: few changes, one owner, few imports.
function script(): RepoScript {
  const files: Record<string, string> = { "tsconfig.json": TSCONFIG };
  const catalogExports = Array.from(
    { length: 8 },
    (_, k) => `export function item${k}(x: number) { return x + ${k}; }`,
  ).join("\n");
  for (let i = 0; i < 4; i++) {
    const head = i ? `import { item0 } from "./catalog0";\n` : "";
    const tail = i ? "export const base = item0;\n" : "export function item0(x: number) { return x; }\n";
    files[`src/catalog/catalog${i}.ts`] = `${head}${catalogExports.replace(/item/g, `c${i}item`)}\n${tail}`;
  }
  const useCatalog = (i: number) =>
    `import { ${[0, 1, 2, 3, 4, 5].map((k) => `c${i % 4}item${k}`).join(", ")} } from "../catalog/catalog${i % 4}";\n`;
  for (let i = 0; i < 4; i++) {
    files[`src/ledger/ledger${i}.ts`] =
      `import { l${(i + 1) % 4} } from ` +
      `"./ledger${(i + 1) % 4}";\n${i === 0 ? useCatalog(1).replace(/, c1item[1-5]/g, "") : ""}export const l${i} ` +
      `= () => l${(i + 1) % 4};\n`;
    files[`src/audit/audit${i}.ts`] =
      `import { a${(i + 1) % 4} } from "./audit${(i + 1) % 4}";\n${useCatalog(i)}export const a${i} = () => ` +
      `a${(i + 1) % 4};\n`;
    files[`src/report/report${i}.ts`] =
      `import { r${(i + 1) % 4} } from "./report${(i + 1) % 4}";\n${useCatalog(i + 2)}export const r${i} = () => ` +
      `r${(i + 1) % 4};\n`;
  }
  const r = rng(5);
  const people = ["Ada", "Bob", "Cy", "Dee", "Eve"].map((p) => `${p} <${p.toLowerCase()}@x.test>`);
  const commits: CommitStep[] = [
    { author: people[0], date: day(0), touch: Object.keys(files).filter((f) => f.endsWith(".ts")) },
  ];
  const dom = (d: string) => [0, 1, 2, 3].map((i) => `src/${d}/${d}${i}.ts`).filter(() => r() < 0.7);
  for (let i = 1; i <= 120; i++) {
    const d = i % 10 < 6 ? "ledger" : i % 10 < 8 ? "report" : i % 10 < 9 ? "audit" : "catalog";
    const touch = dom(d);
    if (touch.length === 0) touch.push(`src/${d}/${d}0.ts`);
    const author = d === "ledger" ? people[i % 5] : d === "audit" ? people[1] : people[2 + (i % 2)];
    commits.push({ author, date: day(i * 5), touch });
  }
  return { files, commits };
}

let repo: string;
beforeAll(() => {
  repo = buildRepo(script());
});

async function analysis(seed: number) {
  return (await analyzeInto(repo, ["--seed", String(seed)])).analysis;
}

describe("ranking by pain against cost", () => {
  it("recommends the painful, cheap service first and ranks the costly one below it, with figures", async () => {
    const a = await analysis(1);
    const byFolder = (s: { files: string[] }) => s.files[0].split("/")[1];
    const services = a.services.map((s) => [...new Set(s.files.map((f) => f.split("/")[1]))]);
    expect(services.sort(), a.settings.resolutionRule).toEqual([["audit"], ["catalog"], ["ledger"], ["report"]]);
    const first = a.services.find((s) => s.rank === 1)!;
    expect(byFolder(first)).toBe("ledger");
    const catalog = a.services.find((s) => byFolder(s) === "catalog")!;
    const ledger = first;
    expect(catalog.cost).toBeGreaterThan(ledger.cost);
    expect(ledger.pain).toBeGreaterThan(catalog.pain);
    // the reasons carry figures that can be re-derived: ledger's commits are counted in the history
    const history = parseHistory(
      (await runCli(["history", repo, "--quiet", "--min-shared", "1", "--min-revs", "1", "--min-coupling", "0"]))
        .stdout,
    );
    expect(first.why.join("\n")).toMatch(new RegExp(`changed in ${ledger.metrics.revisions} commits`));
    expect(ledger.metrics.revisions).toBeGreaterThanOrEqual(60);
    expect(ledger.metrics.authors).toBe(5);
    expect(history.commits).toBe(121);
    expect(first.why[0]).toMatch(/^extract first: priority [\d.]+ \(pain [\d.]+ \/ \(1 \+ cost [\d.]+\)\) beats /);
    // catalog provides what the others use: its contract lists the imported symbols with their users
    const provided = catalog.contract.provides.map((p: { symbol: string }) => p.symbol);
    expect(provided).toEqual(expect.arrayContaining(["c0item0", "c2item5", "c3item5"]));
    // catalog1 is imported by ledger0, audit1 and report3 (useCatalog(1), (1), (5)): every other
    // service, so it is the shared kernel, and not part of catalog's contract; catalog0, 2 and 3
    // are each imported by two
    expect(a.kernel.files.map((k: { path: string }) => k.path)).toEqual(["src/catalog/catalog1.ts"]);
    expect(provided.some((p: string) => p.startsWith("c1item"))).toBe(false);
    expect(catalog.contract.provides.every((p: { kind: string }) => p.kind === "function")).toBe(true);
  });

  it("keeps the same extraction order across seeds", async () => {
    const orders: string[][] = [];
    for (const s of [1, 2, 3]) orders.push((await analysis(s)).extractionOrder);
    expect(orders[1]).toEqual(orders[0]);
    expect(orders[2]).toEqual(orders[0]);
  });
});

describe("a service with no dominant domain", () => {
  it("is ranked after every domain, however much it hurts, and says why", async () => {
    // the same repository with ledger's files named for roles and frameworks, not a business noun
    const roles = ["server", "app", "helpers", "errorHandler"];
    const rename = (text: string) =>
      text
        .replace(/src\/ledger\/ledger(\d)\.ts/g, (_, i: string) => `src/core/${roles[Number(i)]}.ts`)
        .replace(/"\.\/ledger(\d)"/g, (_, i: string) => `"./${roles[Number(i)]}"`);
    const base = script();
    const files = Object.fromEntries(Object.entries(base.files).map(([f, text]) => [rename(f), rename(text)]));
    const commits = base.commits.map((c) => ({ ...c, touch: c.touch?.map(rename) }));
    const { analysis: a } = await analyzeInto(buildRepo({ files, commits }), ["--seed", "1"]);
    const core = a.services.find((s) => s.files.includes("src/core/server.ts"))!;
    expect(core.files.sort()).toEqual(roles.map((r) => `src/core/${r}.ts`).sort());
    expect(core.noDomain).toBe(true);
    expect(core.rank).toBe(a.services.length);
    expect(core.why[0]).toMatch(/^no dominant domain/);
    // the pick goes to a domain; on the named repository ledger, the same files, is first
    expect(a.services.find((s) => s.rank === 1)!.noDomain).toBeUndefined();
  });
});

describe("a service owning no data", () => {
  it("is passed over for the first pick when other services own entities, and says why", async () => {
    // the same repository with an ORM entity declared in audit and in report: ledger, the pick
    // without them, owns none
    const base = script();
    const entity = (name: string) =>
      `function Entity() {\n  return (target: unknown) => target;\n}\n` +
      `@Entity()\nexport class ${name} {\n  id = "";\n}\n`;
    const files = {
      ...base.files,
      "src/audit/audit0.ts": base.files["src/audit/audit0.ts"] + entity("AuditEntry"),
      "src/report/report0.ts": base.files["src/report/report0.ts"] + entity("Report"),
    };
    const { analysis: a } = await analyzeInto(buildRepo({ files, commits: base.commits }), ["--seed", "1"]);
    const owner = (entity: string) => a.data.entities.find((e) => e.name === entity)?.owner;
    const service = (dir: string) => a.services.find((s) => s.files.includes(`src/${dir}/${dir}0.ts`))!;
    expect(owner("AuditEntry")).toBe(service("audit").id);
    expect(owner("Report")).toBe(service("report").id);
    const ledger = service("ledger");
    const first = a.services.find((s) => s.rank === 1)!;
    expect([service("audit").id, service("report").id]).toContain(first.id);
    expect(first.why[0]).toMatch(
      new RegExp(`the service owning no data is passed over \\(${ledger.name} at [\\d.]+: owning no data\\)`),
    );
    expect(ledger.why[0]).toMatch(/^owns no data that faultline sees: none of the entities it found is its own/);
    expect(ledger.rank).toBeGreaterThan(1); // first without the entities (the first test)
  });
});

describe("a barrel re-exporting another service's code", () => {
  it("provides nothing of its own: the contract names the symbols its users reach through it", async () => {
    // report's barrel passes catalog0 on, and report2 imports its six symbols through it
    const s = script();
    s.files["src/report/index.ts"] = `export * from "../catalog/catalog0";\nexport * from "./report3";\n`;
    s.files["src/report/report2.ts"] = s.files["src/report/report2.ts"].replace(`"../catalog/catalog0"`, `"./index"`);
    // the barrel changes with report's files
    for (const c of s.commits)
      if (c.touch?.some((f) => f.startsWith("src/report/"))) c.touch.push("src/report/index.ts");
    const a = (await analyzeInto(buildRepo(s), ["--seed", "1"])).analysis;
    const catalog = a.services.find((x) => x.files.includes("src/catalog/catalog0.ts"))!;
    const report = a.services.find((x) => x.files.includes("src/report/report2.ts"))!;
    expect(report.files).toContain("src/report/index.ts");
    expect(catalog.id).not.toBe(report.id);
    // by hand: report2 uses c0item0..5 of catalog0 through the barrel; the barrel's `export *` is no
    // namespace import of catalog0
    const toReport = catalog.contract.provides.filter((p) => p.usedBy.includes(report.id));
    const fromCatalog0 = toReport.filter((p) => p.file === "src/catalog/catalog0.ts").map((p) => p.symbol);
    expect(fromCatalog0.sort()).toEqual([0, 1, 2, 3, 4, 5].map((k) => `c0item${k}`));
    expect(a.services.flatMap((x) => x.contract.provides).filter((p) => p.symbol === "*")).toEqual([]);
  });
});
