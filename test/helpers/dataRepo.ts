import { day, TSCONFIG, type CommitStep, type RepoScript } from "./repo.js";

/** Business domains of the data repo, each with its ORM entity, and the entities of others it reads. */
const DOMAINS = [
  { dir: "users", entity: "User", reads: [] as string[] },
  { dir: "catalog", entity: "Product", reads: ["User"] },
  { dir: "orders", entity: "Order", reads: ["User", "Product"] },
  { dir: "billing", entity: "Invoice", reads: ["User", "Order"] },
  { dir: "shipping", entity: "Shipment", reads: ["User", "Order"] },
];

const dirOf = (entity: string) => DOMAINS.find((d) => d.entity === entity)!.dir;

/**
 * A small server whose domains each declare an ORM entity (`@Entity()` classes) and read other
 * domains' entities: analyze finds the data model, its owners and readers (User is read by every
 * other domain). Its history is short (fewer commits than --min-commits), so there is no first
 * pick and analysis.json says why in extractionNote.
 */
export function dataRepoScript(): RepoScript {
  const files: Record<string, string> = {
    "tsconfig.json": TSCONFIG,
    "src/orm.ts": "export function Entity() {\n  return (target: unknown) => target;\n}\n",
  };
  for (const d of DOMAINS) {
    const e = d.entity;
    const v = e.toLowerCase();
    files[`src/${d.dir}/${e}.ts`] =
      `import { Entity } from "../orm";\n\n@Entity()\nexport class ${e} {\n  id = "";\n` +
      `  static findAll(): ${e}[] {\n    return [];\n  }\n  save(): void {}\n}\n`;
    const imports = d.reads.map((r) => `import { ${r} } from "../${dirOf(r)}/${r}";\n`).join("");
    const related = d.reads.map((r) => `${r}.findAll()`).join(", ");
    files[`src/${d.dir}/service.ts`] =
      `import { ${e} } from "./${e}";\n${imports}\nexport function list${e}s() {\n` +
      `  return ${e}.findAll().map((${v}) => ({ ${v}, related: [${related}] }));\n` +
      `}\n\nexport function create${e}() {\n  const ${v} = new ${e}();\n  ${v}.save();\n  return ${v};\n}\n`;
    files[`src/${d.dir}/routes.ts`] =
      `import { create${e}, list${e}s } from "./service";\n\nexport const ${v}Routes = { list: list${e}s, ` +
      `create: create${e} };\n`;
    files[`src/${d.dir}/validate.ts`] =
      `import type { ${e} } from "./${e}";\n\nexport function valid${e}(${v}: ${e}): boolean {\n` +
      `  return ${v}.id !== "";\n}\n`;
  }
  const own = (d: (typeof DOMAINS)[number]) =>
    [`${d.entity}.ts`, "service.ts", "routes.ts", "validate.ts"].map((f) => `src/${d.dir}/${f}`);
  const commits: CommitStep[] = [
    { author: "Ada <ada@x.test>", date: day(0), touch: Object.keys(files).filter((f) => f !== "tsconfig.json") },
  ];
  for (let i = 0; i < 20; i++) {
    const d = DOMAINS[i % DOMAINS.length];
    commits.push({ author: `${d.dir} <${d.dir}@x.test>`, date: day(i + 1), touch: own(d).slice(0, 2 + (i % 3)) });
  }
  return { files, commits };
}
