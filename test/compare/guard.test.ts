import type { AcceptedProposal } from "../../src/compare/accept.js";
import type { CheckResult } from "../../src/compare/check.js";
import type { Comparison } from "../../src/compare/compare.js";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeInto, parseJson, readJson, runBin, runCli, tempDir } from "../helpers/cli.js";
import { buildRepo, day, git, type RepoScript } from "../helpers/repo.js";

// Two domains and an audit file under src/, a kernel, and a front end under web/ that the
// accepted proposal leaves out of its scope (--include "src/**").
function script(): RepoScript {
  const files: Record<string, string> = {
    "tsconfig.json": JSON.stringify({ compilerOptions: { strict: true }, include: ["src", "web"] }),
    "src/utils/db.ts": "export const db = (s: string) => s;\n",
    "src/orders/order.ts": 'import { db } from "../utils/db";\nexport const total = () => db("order").length;\n',
    "src/orders/checkout.ts": 'import { total } from "./order";\nexport const checkout = () => total();\n',
    "src/billing/invoice.ts": 'import { db } from "../utils/db";\nexport const invoice = () => db("invoice");\n',
    "src/billing/bill.ts":
      'import { invoice } from "./invoice";\nimport { total } from "../orders/order";\nexport const bill = () => ' +
      "[invoice(), total()];\n",
    "src/audit/trail.ts": 'import { db } from "../utils/db";\nexport const trail = [db("audit")];\n',
    "web/app.ts": 'import { view } from "./view";\nexport const app = () => view();\n',
    "web/view.ts": "export const view = () => 1;\n",
  };
  const commits = [{ author: "Ada <ada@x.test>", date: day(0), touch: Object.keys(files) }];
  for (let i = 1; i < 7; i++)
    commits.push({
      author: "Bob <bob@x.test>",
      date: day(i),
      touch:
        i % 2 ? ["src/orders/order.ts", "src/orders/checkout.ts"] : ["src/billing/invoice.ts", "src/billing/bill.ts"],
    });
  return { files, commits };
}

const SRC_SCOPE = { tsconfigs: [], include: ["src/**"], exclude: [], tier: "server" };

let repo: string;
let dir: string;
beforeAll(() => {
  repo = buildRepo(script());
  dir = tempDir();
});

describe("the scope travels from analyze and accept to check", () => {
  it("analysis.json and accepted.json record it; check reuses it, and flags override it", async () => {
    const { out, analysis } = await analyzeInto(repo, ["--include", "src/**"]);
    expect(analysis.settings.scope).toEqual(SRC_SCOPE);
    // accepting the analysis with no scope flag takes the analysis' scope
    const accepted = path.join(dir, "from-analysis.json");
    const acc = await runCli([
      "proposal",
      "accept",
      path.join(out, "analysis.json"),
      "--out",
      accepted,
      "--repo",
      repo,
    ]);
    expect(acc.code, acc.stderr).toBe(0);
    expect(readJson<AcceptedProposal>(accepted).scope).toEqual(SRC_SCOPE);

    // without --include, check reads src/ only, as accepted: web/ is no flood of unassigned files
    // (whatever the clustering left in no service, it is under src/)
    const reused = await runCli(["check", "--repo", repo, "--proposal", accepted, "--format", "json"]);
    expect(reused.code, reused.stderr).toBe(0);
    const unassigned = parseJson<CheckResult>(reused.stdout).unassigned;
    expect(unassigned.filter((f) => !f.startsWith("src/"))).toEqual([]);
    // a flag wins over the recorded scope: the two web/ files are then in scope and nobody's
    const wider = await runCli(["check", repo, "--proposal", accepted, "--include", "**", "--format", "json"]);
    expect(wider.code, wider.stderr).toBe(0);
    expect(parseJson<CheckResult>(wider.stdout).unassigned).toEqual([...unassigned, "web/app.ts", "web/view.ts"]);
  });
});

describe("compare and the recorded scope", () => {
  it("scores the code the analysis was made of, unless a flag says otherwise", async () => {
    const { out } = await analyzeInto(repo, ["--include", "src/**"]);
    const analysis = path.join(out, "analysis.json");
    const yaml = path.join(dir, "scoped.yaml");
    writeFileSync(yaml, YAML);
    const unassigned = async (extra: string[]) => {
      const r = await runCli(["compare", analysis, yaml, "--repo", repo, "--format", "json", "--quiet", ...extra]);
      expect(r.code, r.stderr).toBe(0);
      return parseJson<Comparison>(r.stdout).proposals.map((p) => p.unassigned);
    };
    // by hand: the YAML claims every file under src/; web/ is out of the recorded scope
    expect((await unassigned([]))[1]).toEqual([]);
    expect((await unassigned(["--include", "**"]))[1]).toEqual(["web/app.ts", "web/view.ts"]);
  });

  it("takes tests in when the analysis did, and warns when two proposals were made in other scopes", async () => {
    const withSpec = script();
    withSpec.files["src/orders/order.spec.ts"] = 'import { total } from "./order";\nexport const t = total();\n';
    withSpec.commits[0].touch = [...(withSpec.commits[0].touch ?? []), "src/orders/order.spec.ts"];
    const r0 = buildRepo(withSpec);
    const tested = await analyzeInto(r0, ["--include", "src/**", "--include-tests"]);
    expect(tested.analysis.settings.scope).toEqual({ ...SRC_SCOPE, includeTests: true });
    expect(tested.analysis.services.flatMap((s) => s.files)).toContain("src/orders/order.spec.ts");
    const file = path.join(tested.out, "analysis.json");
    // by hand: the spec file is in one of the analysis' services; scored without tests, its path would
    // match no analysed file
    const self = await runCli(["compare", file, file, "--repo", r0, "--format", "json", "--quiet"]);
    expect(self.code, self.stderr).toBe(0);
    expect(parseJson<Comparison>(self.stdout).proposals[0].emptyPatterns).toEqual([]);
    const plain = await analyzeInto(r0, ["--include", "src/**"]);
    const both = await runCli(["compare", path.join(plain.out, "analysis.json"), file, "--repo", r0, "--quiet"]);
    expect(both.code, both.stderr).toBe(0);
    expect(both.stderr).toContain(`${file} was made with another scope than `);
  });

  it("refuses, in one line, a folder that holds few of the proposal's paths", async () => {
    const { out } = await analyzeInto(repo, ["--include", "src/**"]);
    const file = path.join(out, "analysis.json");
    const elsewhere = tempDir();
    const r = await runCli(["compare", file, file, "--repo", elsewhere]);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")).toHaveLength(2);
    expect(r.stderr).toMatch(/^faultline: .*analysis\.json: \d+ of its \d+ paths are not in /);
    expect(r.stderr).toContain(": is --repo the repository it was made of?\n");
    // run from that folder without --repo: the current folder is the default, and the line says so
    const here = runBin(["compare", file, file], { cwd: elsewhere });
    expect(here.code).toBe(2);
    expect(here.stderr).toMatch(
      /: give the repository it was made of with --repo \(the default is the current folder\)\n$/,
    );
  });
});

const YAML = `name: guard
services:
  orders: [src/orders/**]
  billing: [src/billing/**]
  audit: [src/audit/**]
kernel: [src/utils/**]
`;

describe("a typo cannot disarm the guard", () => {
  it("accept: a glob that matches no analysed file is exit 2 naming file, line, column and glob", async () => {
    const yaml = path.join(dir, "typo.yaml");
    writeFileSync(yaml, YAML.replace("[src/orders/**]", "[src/ordres/**]"));
    const accepted = path.join(dir, "typo.json");
    const r = await runCli([
      ...["proposal", "accept", yaml, "--out", accepted, "--repo", repo, "--include", "src/**", "--quiet"],
    ]);
    expect(r.code).toBe(2);
    // line 3, and the glob starts after "  orders: [" (11 characters): column 12
    expect(r.stderr).toBe(
      `faultline: ${yaml}:3:12: "src/ordres/**" (service orders) matches no analysed file: nothing would be ` +
        "guarded there\n",
    );
    expect(existsSync(accepted)).toBe(false);
    // two more typos: the first is named, the others counted as globs
    writeFileSync(yaml, YAML.replace("[src/orders/**]", "[src/ordres/**]").replace("src/billing/", "src/biling/"));
    writeFileSync(yaml, readFileSync(yaml, "utf8").replace("[src/audit/**]", "[src/audti/**]"));
    const three = await runCli([
      ...["proposal", "accept", yaml, "--out", accepted, "--repo", repo, "--include", "src/**", "--quiet"],
    ]);
    expect(three.stderr).toBe(
      `faultline: ${yaml}:3:12: "src/ordres/**" (service orders) matches no analysed file: nothing would be ` +
        "guarded there (and 2 more globs like it)\n",
    );
  });

  it("accept: a file two services (or a service and the kernel) claim, or a service of no globs: exit 2", async () => {
    const accept = async (text: string) => {
      const yaml = path.join(tempDir(), "p.yaml");
      writeFileSync(yaml, text);
      const accepted = path.join(dir, "never.json");
      const r = await runCli([
        ...["proposal", "accept", yaml, "--out", accepted, "--repo", repo, "--include", "src/**", "--quiet"],
      ]);
      expect(existsSync(accepted)).toBe(false);
      return { ...r, yaml };
    };
    // billing also claims the order file: which service guards it would be the first listed, silently;
    // by hand, the second claim is line 4's second glob, at column 29
    const twice = await accept(YAML.replace("[src/billing/**]", "[src/billing/**, src/orders/order.ts]"));
    expect([twice.code, twice.stderr]).toEqual([
      2,
      `faultline: ${twice.yaml}:4:29: src/orders/order.ts is claimed by service orders and service billing: give ` +
        "each file one place\n",
    ]);
    // the kernel also claims the audit trail: imports into it would pass as kernel imports; the kernel is
    // read first, so audit's glob (line 5, column 11) is the second claim
    const kernel = await accept(YAML.replace("kernel: [src/utils/**]", "kernel: [src/utils/**, src/audit/trail.ts]"));
    expect(kernel.code).toBe(2);
    expect(kernel.stderr).toContain(`${kernel.yaml}:5:11: src/audit/trail.ts is claimed by kernel and service audit`);
    const bare = await accept(YAML.replace("  audit: [src/audit/**]", "  audit: []"));
    expect([bare.code, bare.stderr]).toEqual([
      2,
      `faultline: ${bare.yaml}:5:10: service audit lists no files or globs: nothing would be guarded there\n`,
    ]);
  });

  it("accept and check: a scope's misspelt tsconfig or glob is named as the proposal's, not as a flag", async () => {
    const accept = async (scope: string) => {
      const yaml = path.join(tempDir(), "scoped.yaml");
      writeFileSync(yaml, `${YAML}scope:\n${scope}`);
      const r = await runCli([
        "proposal",
        "accept",
        yaml,
        "--out",
        path.join(dir, "scoped.json"),
        "--repo",
        repo,
        "--quiet",
      ]);
      return { ...r, yaml };
    };
    // by hand: YAML's 6 lines, then scope: the tsconfig is line 8's second item, after 29 characters
    const tsconfig = await accept("  tsconfigs: [tsconfig.json, tsconfg.json]\n");
    expect([tsconfig.code, tsconfig.stderr]).toEqual([
      2,
      `faultline: ${tsconfig.yaml}:8:30: scope.tsconfigs: tsconfg.json: file not found (--tsconfig chooses ` +
        "another)\n",
    ]);
    const empty = await accept("  include: [src/ordres/**]\n");
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe(
      `faultline: ${repo}: no TypeScript files in the scope ${empty.yaml} records (include src/ordres/**; ` +
        "tsconfigs: tsconfig.json)\n",
    );
    const partly = await accept("  include: [src/**, src/ordres/**]\n");
    expect(partly.code, partly.stderr).toBe(0);
    expect(partly.stderr).toContain(
      `warning: include glob "src/ordres/**" matches no TypeScript file a tsconfig includes (scope.include in ` +
        `${partly.yaml})\n`,
    );

    // accepted.json's scope: its tsconfig gone since acceptance
    const own = buildRepo(script());
    const yaml = path.join(tempDir(), "own.yaml");
    writeFileSync(yaml, `${YAML}scope:\n  tsconfigs: [tsconfig.json]\n  include: [src/**]\n`);
    const accepted = path.join(tempDir(), "own.json");
    const acc = await runCli(["proposal", "accept", yaml, "--out", accepted, "--repo", own]);
    expect(acc.code, acc.stderr).toBe(0);
    git(own, ["mv", "tsconfig.json", "tsconfig.base.json"]);
    const r = await runCli(["check", own, "--proposal", accepted]);
    expect([r.code, r.stderr]).toEqual([
      2,
      `faultline: ${accepted}: scope.tsconfigs: tsconfig.json: file not found (--tsconfig chooses another)\n`,
    ]);
  });

  it("check: files no glob claimed at acceptance are counted apart from those added since", async () => {
    const own = buildRepo(script());
    const yaml = path.join(tempDir(), "no-audit.yaml");
    writeFileSync(yaml, YAML.replace("  audit: [src/audit/**]\n", ""));
    const accepted = path.join(tempDir(), "no-audit.json");
    const acc = await runCli(["proposal", "accept", yaml, "--out", accepted, "--repo", own, "--include", "src/**"]);
    expect(acc.code, acc.stderr).toBe(0);
    expect(readJson<AcceptedProposal>(accepted).unassigned).toEqual(["src/audit/trail.ts"]);
    writeFileSync(path.join(own, "src/audit/export.ts"), 'import { trail } from "./trail";\nexport const e = trail;\n');
    const r = await runCli(["check", own, "--proposal", accepted]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.split("\n").filter((l) => l.startsWith("warning:"))).toEqual([
      "warning: src/audit/export.ts belongs to no service of guard (added since acceptance? add it to a service's " +
        "globs)",
      "warning: 1 file no glob of guard claimed at acceptance is still in no service, unguarded: src/audit/trail.ts",
    ]);
  });

  it("check: a glob whose files were deleted since acceptance is a warning; exit 0 without violations", async () => {
    const yaml = path.join(dir, "guard.yaml");
    writeFileSync(yaml, YAML);
    const accepted = path.join(dir, "guard.json");
    const acc = await runCli(["proposal", "accept", yaml, "--out", accepted, "--repo", repo, "--include", "src/**"]);
    expect(acc.code, acc.stderr).toBe(0);
    expect(readJson<AcceptedProposal>(accepted).scope).toEqual(SRC_SCOPE);

    git(repo, ["rm", "-q", "src/audit/trail.ts"]);
    git(repo, ["-c", "user.name=Ada", "-c", "user.email=ada@x.test", "commit", "-q", "-m", "drop the audit trail"]);
    const r = await runCli(["check", repo, "--proposal", accepted]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(
      `warning: --proposal ${accepted}: "src/audit/**" (service audit) matches no analysed file (its files deleted ` +
        "since acceptance?)\n",
    );
    expect(r.stdout).toBe("ok: no imports outside the contracts\n");
    const json = parseJson<CheckResult>(
      (await runCli(["check", repo, "--proposal", accepted, "--format", "json"])).stdout,
    );
    expect(json.emptyGlobs).toEqual([{ service: "audit", glob: "src/audit/**", why: "matches no analysed file" }]);
  });
});

describe("check and a barrel", () => {
  it("passes the code it was accepted on when a service's barrel re-exports another's symbols", async () => {
    // logto's session barrel re-exports the OIDC consent: billing's index passes orders' checkout on, and no
    // billing file takes it through the barrel; a re-export uses nothing, so nothing is outside a contract
    const s = script();
    s.files["src/billing/index.ts"] = 'export { checkout } from "../orders/checkout";\nexport * from "./invoice";\n';
    s.commits[0].touch!.push("src/billing/index.ts");
    const own = buildRepo(s);
    const yaml = path.join(tempDir(), "barrel.yaml");
    writeFileSync(yaml, YAML);
    const accepted = path.join(tempDir(), "barrel.json");
    const acc = await runCli(["proposal", "accept", yaml, "--out", accepted, "--repo", own, "--include", "src/**"]);
    expect(acc.code, acc.stderr).toBe(0);
    const orders = readJson<AcceptedProposal>(accepted).services.find((x) => x.id === "orders")!;
    expect(orders.contract.provides.map((p) => p.symbol)).toEqual(["total"]); // bill.ts's, by hand
    const r = await runCli(["check", own, "--proposal", accepted]);
    expect([r.code, r.stdout]).toEqual([0, "ok: no imports outside the contracts\n"]);
  });
});
