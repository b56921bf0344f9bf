import type { Analysis } from "../../src/analysis/types.js";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readJson, runCli, tempDir } from "../helpers/cli.js";
import { demoRepo } from "../helpers/demo.js";
import { buildRepo } from "../helpers/repo.js";
import { NASTY_FILES, xssRepoScript } from "../helpers/xss.js";

/** Cells of a Markdown table row, splitting only at unescaped pipes (as GitHub does). */
function cells(row: string): string[] {
  return row.replace(/^\||\|$/g, "").split(/(?<!\\)\|/);
}

function tables(md: string): string[][] {
  const out: string[][] = [];
  let cur: string[] | undefined;
  for (const line of md.split("\n")) {
    if (line.startsWith("|")) (cur ??= []).push(line);
    else if (cur) {
      out.push(cur);
      cur = undefined;
    }
  }
  return out;
}

/** The demo analysed into a fresh folder: the folder, its analysis.json and the analysis read back. */
async function demoAnalysis(): Promise<{ out: string; file: string; a: Analysis }> {
  const repo = await demoRepo();
  const out = tempDir();
  expect((await runCli(["analyze", repo, "--out", out, "--quiet"])).code).toBe(0);
  const file = path.join(out, "analysis.json");
  return { out, file, a: readJson<Analysis>(file) };
}

describe("report.md", () => {
  it("leads with the recommendation, draws services in Mermaid, lists every service", async () => {
    const repo = await demoRepo();
    const out = tempDir();
    expect((await runCli(["analyze", repo, "--out", out, "--quiet"])).code).toBe(0);
    const md = readFileSync(path.join(out, "report.md"), "utf8");
    const detail = readFileSync(path.join(out, "services.md"), "utf8");
    const a = readJson<Analysis>(path.join(out, "analysis.json"));
    const first = a.services.find((s) => s.rank === 1)!;
    expect(md).toMatch(new RegExp(`^## Extract first: ${first.name}`, "m"));
    expect(md).toMatch(/```mermaid\nflowchart LR\n/);
    // every service in report.md's table, its detail in services.md, which report.md names
    for (const s of a.services) {
      // its modules named, one as well as several (a service named for its entity, its module for its files)
      expect(md).toContain(`| ${s.rank} | ${s.name} | ${s.modules.map((m) => m.name).join(", ")} |`);
      expect(detail).toContain(`## ${s.rank}. ${s.name}`);
    }
    // by hand: the demo's first pick is its products, one module of that name
    expect(md).toContain("| 1 | product | product | 9 |");
    expect(md).toContain("`services.md`");
    // a global metric with what it measures, which way is better and its usual range (the card's)
    expect(md).toContain(
      `- Cross-edge share **${a.metrics.crossEdgeShare}**: share of the import edges among service files that go ` +
        "from one service to another: each becomes a remote call or a shared library; lower is better, from 0 to 1; " +
        "under 0.3 is clean, 0.3\u20130.5 usual in a monolith, over 0.5 most imports cross a border.",
    );
    expect(md).toContain("\n\n## Settings and method\n");
    for (const t of [...tables(md), ...tables(detail)]) {
      const width = cells(t[0]).length;
      for (const row of t) expect(cells(row).length, row).toBe(width);
    }
    // `faultline report` re-renders the same Markdown from the saved analysis, titled by the folder analysed
    expect(md.split("\n")[0]).toBe(`# faultline report: ${path.basename(repo)}`);
    const again = tempDir();
    const r = await runCli(["report", path.join(out, "analysis.json"), "--out", again]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(again, "report.md"), "utf8")).toBe(md);
    expect(readFileSync(path.join(again, "services.md"), "utf8")).toBe(detail);
    // and from the folder analyze wrote to, with the --quiet every command takes
    const fromFolder = tempDir();
    expect(await runCli(["report", out, "--out", fromFolder, "--quiet"])).toMatchObject({ code: 0, stderr: "" });
    expect(readFileSync(path.join(fromFolder, "report.md"), "utf8")).toBe(
      readFileSync(path.join(again, "report.md"), "utf8"),
    );
  });

  it("counts the entities of the first pick its line leaves out, and reads its boundary both ways", async () => {
    const { out, file, a } = await demoAnalysis();
    const first = a.services.find((s) => s.id === a.extractionOrder[0])!;
    // eight entities owned, as a bigger first pick has: six are named, then the count of the rest
    first.contract.data.owns = ["A", "B", "C", "D", "E", "F", "G", "H"].map((entity) => ({
      entity,
      file: `src/models/${entity}.ts`,
      readBy: [],
    }));
    writeFileSync(file, JSON.stringify(a));
    expect((await runCli(["report", file])).code).toBe(0);
    const md = readFileSync(path.join(out, "report.md"), "utf8");
    expect(md).toContain("- owns 8 entities: A; B; C; D; E; F; and 2 more\n");
    const { importsIn, importsOut } = first.costFactors;
    expect(md).toContain(`its boundary: other services import from it ${importsIn} time`);
    expect(md).toContain(`it imports from them ${importsOut} time`);
  });

  it("shows the kernel's 41st file rather than 'and 1 more', and cuts at 40 past that", async () => {
    const { out, file, a } = await demoAnalysis();
    // the first n files of the demo (71) as the kernel, each a row of its own, out of their services
    const paths = readJson<{ files: { path: string }[] }>(path.join(out, "model.json")).files.map((f) => f.path);
    const table = async (n: number) => {
      const kernel = new Set(paths.slice(0, n));
      const services = a.services.map((s) => ({ ...s, files: s.files.filter((f) => !kernel.has(f)) }));
      const files = [...kernel].map((p) => ({ path: p, why: "glue" }));
      writeFileSync(file, JSON.stringify({ ...a, services, kernel: { files } }));
      const r = await runCli(["report", file]);
      expect(r.code, r.stderr).toBe(0);
      const section = readFileSync(path.join(out, "report.md"), "utf8").split("## Shared kernel")[1].split("\n## ")[0];
      return { rows: section.split("\n").filter((l) => l.endsWith(" | glue |")).length, section };
    };
    const one = await table(41);
    expect(one.rows).toBe(41);
    expect(one.section).not.toContain("more in analysis.json");
    const two = await table(42);
    expect(two.rows).toBe(40);
    expect(two.section).toContain("and 2 more in analysis.json.");
  });

  it("counts the cycle of most services and says the cycles listed below it are others", async () => {
    const { out, file, a } = await demoAnalysis();
    const ids = a.services.map((s) => s.id);
    const section = async (cycles: string[][]) => {
      writeFileSync(file, JSON.stringify({ ...a, cycles: cycles.map((services) => ({ services })) }));
      const r = await runCli(["report", file]);
      expect(r.code, r.stderr).toBe(0);
      return readFileSync(path.join(out, "report.md"), "utf8").split("## Import cycles")[1].split("\n## ")[0];
    };
    const name = (id: string) => a.services.find((s) => s.id === id)!.name;
    // the demo's seven services: five in one cycle, the other two in another
    const two = await section([ids.slice(0, 5), ids.slice(5)]);
    expect(two).toContain(`5 of 7 services form one import cycle. Another cycle:\n- ${name(ids[5])}, ${name(ids[6])}`);
    expect(await section([ids.slice(0, 5)])).toContain("5 of 7 services form one import cycle.\n");
    // three in each of two cycles: no cycle of most services, each listed
    const listed = await section([ids.slice(0, 3), ids.slice(3, 6)]);
    expect(listed).toContain(`- ${ids.slice(0, 3).map(name).join(", ")}\n- ${ids.slice(3, 6).map(name).join(", ")}`);
  });

  it("lists hidden coupling across two services first, each file with its service", async () => {
    const { out, file, a } = await demoAnalysis();
    const serviceOf = (f: string) => a.services.find((s) => s.files.includes(f));
    const inside = a.hiddenCoupling.filter((h) => serviceOf(h.a) && serviceOf(h.a) === serviceOf(h.b));
    expect(inside.length).toBeGreaterThan(1);
    // move the last such pair's second file to another service: that pair now crosses, and leads
    const moved = inside[inside.length - 1];
    const from = serviceOf(moved.b)!;
    const to = a.services.find((s) => s !== from)!;
    from.files = from.files.filter((f) => f !== moved.b);
    to.files.push(moved.b);
    writeFileSync(file, JSON.stringify(a));
    expect((await runCli(["report", file])).code).toBe(0);
    const section = readFileSync(path.join(out, "report.md"), "utf8").split("## Hidden coupling")[1];
    // by hand from the edited cut: the pairs whose files now sit in two services, in analysis.json's order
    const across = a.hiddenCoupling.filter(
      (h) => serviceOf(h.a) && serviceOf(h.b) && serviceOf(h.a) !== serviceOf(h.b),
    );
    expect(across.length).toBeGreaterThan(0);
    expect(section).toContain(`between them; the ${across.length} pair${across.length > 1 ? "s" : ""} across two`);
    const rows = section.split("\n").filter((l) => /^\| [^-]/.test(l) && !l.startsWith("| file"));
    expect(rows.slice(0, across.length).map((r) => cells(r).map((c) => c.trim()))).toEqual(
      across.map((h) => [h.a, serviceOf(h.a)!.name, h.b, serviceOf(h.b)!.name, String(h.shared), `${h.degree}%`]),
    );
  });

  it("keeps hostile file and author names inert: no HTML, no broken table, no broken Mermaid", async () => {
    const repo = buildRepo(xssRepoScript());
    const out = tempDir();
    const r = await runCli(["analyze", repo, "--out", out, "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    const md = readFileSync(path.join(out, "report.md"), "utf8");
    const detail = readFileSync(path.join(out, "services.md"), "utf8");
    for (const text of [md, detail]) expect(text).not.toMatch(/<img|<script/i);
    expect(detail).toContain("&lt;img src=x onerror=alert(1)&gt;");
    // the author: no link, no emphasis, no live entity, and the owners cell stays one cell
    expect(md).toContain('Mallory \\| \\*bold\\* \\](javascript:alert(1)) &amp;amp; "q"');
    for (const t of [...tables(md), ...tables(detail)]) {
      const width = cells(t[0]).length;
      for (const row of t) expect(cells(row).length, row).toBe(width);
    }
    const mermaid = /```mermaid\n([\s\S]*?)```/.exec(md)![1];
    for (const line of mermaid.split("\n").slice(1).filter(Boolean)) {
      // every line is a node with a quoted, entity-escaped label, or an edge between ids
      expect(line, line).toMatch(/^ {2}(\w+\[\(?"[^"<>`|\]]*"\)?\]|\w+ -->\|\d+\| \w+)$/);
    }
    expect((await runCli(["report", path.join(out, "analysis.json")])).code).toBe(0);
    const files = new Set(
      readJson<Analysis>(path.join(out, "analysis.json")).services.flatMap((s: { files: string[] }) => s.files),
    );
    expect(NASTY_FILES.some((f) => files.has(f))).toBe(true);
  });

  it("report: one-line errors for a missing or foreign file", async () => {
    const missing = await runCli(["report", "/nope/analysis.json"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("/nope/analysis.json");
    // a folder with no analysis.json in it
    const empty = tempDir();
    expect(await runCli(["report", empty])).toMatchObject({
      code: 2,
      stderr: `faultline: ${empty}: a folder with no analysis.json in it\n`,
    });
  });
});

/**
 * Orders and billing, each a model, a service and a route, changed apart: with `entities` each model
 * is a TypeORM entity that only its own service's files use.
 */
function twoDomains(entities: boolean): string {
  const decorator = entities ? "@Entity() " : "";
  const files: Record<string, string> = {
    "tsconfig.json": JSON.stringify({ compilerOptions: { experimentalDecorators: true }, include: ["src"] }),
    "src/entity.ts": "export function Entity() { return (c: unknown) => c; }\n",
  };
  const touch: Record<string, string[]> = {};
  for (const d of ["order", "invoice"]) {
    const cls = d[0].toUpperCase() + d.slice(1);
    files[`src/${d}s/${d}.model.ts`] = `import { Entity } from "../entity";\n${decorator}export class ${cls} {}\n`;
    files[`src/${d}s/${d}.service.ts`] =
      `import { ${cls} } from "./${d}.model";\nexport const make${cls} = () => new ${cls}();\n`;
    files[`src/${d}s/${d}.route.ts`] = `import { make${cls} } from "./${d}.service";\nexport const r = make${cls};\n`;
    touch[d] = [`src/${d}s/${d}.model.ts`, `src/${d}s/${d}.service.ts`, `src/${d}s/${d}.route.ts`];
  }
  const commits = [{ author: "Ada <ada@x.test>", date: "2024-01-01T10:00:00Z", touch: Object.keys(files) }];
  for (let i = 1; i < 9; i++)
    commits.push({
      author: "Ada <ada@x.test>",
      date: `2024-01-${String(i + 1).padStart(2, "0")}T10:00:00Z`,
      touch: touch[i % 2 ? "order" : "invoice"],
    });
  return buildRepo({ files, commits });
}

describe("shared data, when there is none", () => {
  it("says no entity was found, or that none is read outside its owner, instead of saying nothing", async () => {
    for (const [entities, line] of [
      [
        false,
        "no data entity found (faultline reads ORM entity classes, Sequelize and Mongoose models, model classes of a " +
          "factory over a named collection or table, Prisma schemas, Drizzle tables; " +
          "not SQL files), so no service is passed over for owning no data",
      ],
      [true, "no entity is read by a service other than its owner"],
    ] as const) {
      const out = tempDir();
      const r = await runCli(["analyze", twoDomains(entities), "--out", out]);
      expect(r.code, r.stderr).toBe(0);
      const a = readJson<Analysis>(path.join(out, "analysis.json"));
      // the premise, from analysis.json: entities found or not, none read by another service
      expect(a.data.entities.length > 0).toBe(entities);
      expect(a.data.entities.every((e) => e.readBy.length === 0)).toBe(true);
      expect(r.stdout).toContain(`Shared data: ${line}\n`);
      const md = readFileSync(path.join(out, "report.md"), "utf8");
      expect(md).toContain(`## Shared data\n\n${line[0].toUpperCase()}${line.slice(1)}.\n`);
    }
  });
});
