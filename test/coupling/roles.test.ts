import { describe, expect, it } from "vitest";
import { fileRoles, ROLE_MIN_FOLDERS } from "../../src/coupling/roles.js";
import { analyzeInto, runCli } from "../helpers/cli.js";
import { buildRepo, day, rng, TSCONFIG, type CommitStep, type RepoScript } from "../helpers/repo.js";

describe("file roles", () => {
  it("come from a kind suffix or a file name that recurs in more folders than an app has layers", () => {
    const many = (make: (i: number) => string) => Array.from({ length: ROLE_MIN_FOLDERS }, (_, i) => make(i));
    const modules = many((i) => `app/d${i}/d${i}.module.ts`);
    const routes = many((i) => `api/admin/d${i}/route.ts`);
    const layered = ["models/user.ts", "routes/user.ts", "services/user.ts", "controllers/user.ts"];
    const rare = ["web/next.config.ts", "docs/vite.config.ts"];
    const files = [...modules, ...routes, ...layered, ...rare, "app/d0/d0.service.ts", "api/admin/d0/helpers.ts"];
    const roles = fileRoles(files);
    const of = (f: string) => roles[files.indexOf(f)];
    for (const m of modules) expect(of(m)).toBe("*.module");
    for (const r of routes) expect(of(r)).toBe("route");
    // a domain named once per layer (4 folders) is a domain; a suffix in two folders is no convention
    for (const f of [...layered, ...rare, "app/d0/d0.service.ts", "api/admin/d0/helpers.ts"])
      expect(of(f)).toBeUndefined();
  });
});

/**
 * A NestJS-shaped app: each domain folder holds a module, a controller, a service and a dto.
 * Every module imports its controller and service and also four other modules (dependency
 * injection), app.module imports them all; one maintainer owns the wiring and sweeps it now and
 * then (upgrades touching every module file), while features touch one domain's files.
 */
function nestApp(): { script: RepoScript; domains: Record<string, string[]> } {
  const names = [
    "account",
    "order",
    "market",
    "report",
    "user",
    "billing",
    "invoice",
    "ticket",
    "review",
    "search",
    "budget",
    "alert",
  ];
  const files: Record<string, string> = { "tsconfig.json": TSCONFIG };
  const domains: Record<string, string[]> = {};
  const cls = (d: string) => d[0].toUpperCase() + d.slice(1);
  names.forEach((d, k) => {
    const others = [1, 2, 3, 5].map((o) => names[(k + o) % names.length]);
    const dir = `src/app/${d}`;
    files[`${dir}/${d}.dto.ts`] = `export interface ${cls(d)}Dto { id: string; ${d}Total: number }\n`;
    files[`${dir}/${d}.service.ts`] =
      `import type { ${cls(d)}Dto } from "./${d}.dto";\nexport class ${cls(d)}Service { find${cls(d)}(id: string): ` +
      `${cls(d)}Dto { return { id, ${d}Total: 0 }; } }\n`;
    files[`${dir}/${d}.controller.ts`] =
      `import { ${cls(d)}Service } from "./${d}.service";\nimport type { ${cls(d)}Dto } from "./${d}.dto";\nexport ` +
      `class ${cls(d)}Controller { constructor(private readonly ${d}Service: ${cls(d)}Service) {}\n  ` +
      `get${cls(d)}(id: string): ${cls(d)}Dto { return this.${d}Service.find${cls(d)}(id); } }\n`;
    files[`${dir}/${d}.module.ts`] =
      others.map((o) => `import { ${cls(o)}Module } from "../${o}/${o}.module";`).join("\n") +
      `\nimport { ${cls(d)}Controller } from "./${d}.controller";\nimport { ${cls(d)}Service } from ` +
      `"./${d}.service";\n` +
      `export class ${cls(d)}Module { static imports = [${others.map((o) => `${cls(o)}Module`).join(", ")}]; static ` +
      `controllers = [${cls(d)}Controller]; static providers = [${cls(d)}Service]; static exports = ` +
      `[${cls(d)}Service]; }\n`;
    domains[d] = ["dto", "service", "controller", "module"].map((kind) => `${dir}/${d}.${kind}.ts`);
  });
  files["src/app/app.module.ts"] =
    names.map((d) => `import { ${cls(d)}Module } from "./${d}/${d}.module";`).join("\n") +
    `\nexport const modules = [${names.map((d) => `${cls(d)}Module`).join(", ")}];\n`;
  const r = rng(11);
  const maintainer = "Mae <mae@shop.test>";
  const devs = ["Ada <ada@shop.test>", "Bob <bob@shop.test>", "Cy <cy@shop.test>"];
  const commits: CommitStep[] = [{ author: maintainer, date: day(0), touch: Object.keys(files) }];
  for (let i = 1; i < 240; i++) {
    if (i % 8 === 0) {
      // a sweep over the wiring: every module file, and the app module
      commits.push({
        author: maintainer,
        date: day(i),
        touch: [...names.map((d) => domains[d][3]), "src/app/app.module.ts"],
      });
      continue;
    }
    const d = names[Math.floor(r() * names.length)];
    const touch = domains[d].slice(0, 3).filter(() => r() < 0.7);
    if (r() < 0.15) touch.push(domains[d][3]); // now and then a feature changes its module too
    if (touch.length === 0) touch.push(domains[d][1]);
    commits.push({ author: devs[Math.floor(r() * devs.length)], date: day(i), touch });
  }
  return { script: { files, commits }, domains };
}

describe("framework wiring", () => {
  it("joins the domain it wires instead of forming a service of modules", async () => {
    const { script, domains } = nestApp();
    const repo = buildRepo(script);
    const { analysis } = await analyzeInto(repo, ["--no-cache"]);
    const serviceOf = new Map<string, string>();
    for (const s of analysis.services) for (const f of s.files) serviceOf.set(f, s.id);
    for (const [d, files] of Object.entries(domains)) {
      // each domain is one service, its module included, and no other domain's file is in it
      const ids = new Set(files.map((f) => serviceOf.get(f)));
      expect(ids.size, `${d}: ${files.map((f) => `${f} -> ${serviceOf.get(f)}`).join(", ")}`).toBe(1);
      const id = [...ids][0];
      const members = analysis.services.find((s) => s.id === id)!.files.filter((f) => f !== "src/app/app.module.ts");
      expect(members.sort()).toEqual([...files].sort());
    }
    // and explain says why a tie between two modules counts for less
    const x = await runCli(["explain", "src/app/account/account.module.ts", "--repo", repo, "--no-cache"]);
    expect(x.code, x.stderr).toBe(0);
    expect(x.stdout).toMatch(/src\/app\/order\/order\.module\.ts .*\(both \*\.module: a shared role, damped\)/);
  });
});
