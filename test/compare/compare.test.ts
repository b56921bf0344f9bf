import type { CheckResult } from "../../src/compare/check.js";
import type { AcceptedProposal } from "../../src/compare/accept.js";
import type { Comparison } from "../../src/compare/compare.js";
import type { Analysis } from "../../src/analysis/types.js";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { collapseGlobs } from "../../src/compare/exportProposal.js";
import { patternMatcher } from "../../src/compare/resolveProposal.js";
import { analyzeInto, parseJson, readJson, runCli, tempDir } from "../helpers/cli.js";
import { buildRepo, day, git, TSCONFIG, type RepoScript } from "../helpers/repo.js";

// A small layered app with two domains (orders, billing) across routes/services/models, and a
// shared kernel; its history keeps the domains apart.
function script(): RepoScript {
  const files: Record<string, string> = {
    "tsconfig.json": TSCONFIG,
    "src/utils/db.ts": "export const db = { q: (s: string) => s };\n",
    "src/models/Order.ts":
      'import { db } from "../utils/db";\nexport class Order { id = db.q("o"); }\nexport function total(o: Order) { ' +
      "return o.id.length; }\n",
    "src/services/checkout.ts":
      'import { Order, total } from "../models/Order";\nexport function checkout() { return total(new Order()); }\n',
    "src/routes/orders.ts":
      'import { checkout } from "../services/checkout";\nexport const ordersRoute = () => checkout();\n',
    "src/models/Invoice.ts": 'import { db } from "../utils/db";\nexport class Invoice { id = db.q("i"); }\n',
    "src/services/billing.ts":
      'import { Invoice } from "../models/Invoice";\nimport { total } from "../models/Order";\nexport function ' +
      "bill() { return [new Invoice(), total]; }\n",
    "src/routes/invoices.ts":
      'import { bill } from "../services/billing";\nexport const invoicesRoute = () => bill();\n',
  };
  const orders = ["src/models/Order.ts", "src/services/checkout.ts", "src/routes/orders.ts"];
  const billing = ["src/models/Invoice.ts", "src/services/billing.ts", "src/routes/invoices.ts"];
  const commits = [{ author: "Ada <ada@x.test>", date: day(0), touch: Object.keys(files) }];
  for (let i = 1; i < 13; i++)
    commits.push({
      author: i % 2 ? "Ada <ada@x.test>" : "Bob <bob@x.test>",
      date: day(i),
      touch: i % 2 ? orders : billing,
    });
  return { files, commits };
}

let repo: string;
let out: string;
beforeAll(async () => {
  repo = buildRepo(script());
  out = tempDir();
  const r = await runCli(["analyze", repo, "--out", out, "--quiet"]);
  expect(r.code, r.stderr).toBe(0);
});

const YAML = `name: architects-v1
services:
  orders: [src/models/Order.ts, src/services/checkout.ts, src/routes/orders.ts]
  billing:
    - src/models/Invoice.ts
    - src/services/billing.ts
    - src/routes/invoices.ts
kernel: [src/utils/**]
`;

describe("faultline compare", () => {
  it("a proposal compared with itself: MoJoFM 100 both ways, ARI 1, nothing moves", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "a.yaml"), YAML);
    const r = await runCli([
      "compare",
      path.join(dir, "a.yaml"),
      path.join(dir, "a.yaml"),
      "--repo",
      repo,
      "--format",
      "json",
      "--quiet",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const c = parseJson<Comparison>(r.stdout);
    expect(c.agreement).toEqual([{ a: "architects-v1", b: "architects-v1", mojoFMab: 100, mojoFMba: 100, ari: 1 }]);
    expect(c.moves[0].moved).toBe(0);
    expect(c.proposals[0].unassigned).toEqual([]);
  });

  it("scores a hand-written proposal and the machine's side by side, with the same figures analyze wrote", async () => {
    const dir = tempDir();
    // billing's route is put with orders: one file moves
    writeFileSync(
      path.join(dir, "b.yaml"),
      YAML.replace("src/routes/orders.ts]", "src/routes/orders.ts, src/routes/invoices.ts]").replace(
        "    - src/routes/invoices.ts\n",
        "",
      ),
    );
    const analysisFile = path.join(out, "analysis.json");
    const r = await runCli([
      "compare",
      analysisFile,
      path.join(dir, "b.yaml"),
      "--repo",
      repo,
      "--format",
      "json",
      "--quiet",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const c = parseJson<Comparison>(r.stdout);
    const analysis = readJson<Analysis>(analysisFile);
    expect(c.proposals[0].scorecard.global).toEqual(analysis.metrics);
    for (const s of analysis.services) expect(c.proposals[0].scorecard.services[s.id]).toEqual(s.metrics);
    // the machine found the two domains (with two services there is no kernel, db.ts goes with
    // orders); the hand proposal moves the invoices route to orders and db.ts to the kernel
    const services = Object.fromEntries(
      analysis.services.map((s: { name: string; files: string[] }) => [s.name, s.files]),
    );
    expect(services).toEqual({
      invoice: ["src/models/Invoice.ts", "src/routes/invoices.ts", "src/services/billing.ts"],
      order: ["src/models/Order.ts", "src/routes/orders.ts", "src/services/checkout.ts", "src/utils/db.ts"],
    });
    expect(c.moves[0].moved).toBe(2);
    expect(c.moves[0].groups).toEqual([
      { from: "invoice", to: "orders", files: ["src/routes/invoices.ts"] },
      { from: "order", to: "(kernel)", files: ["src/utils/db.ts"] },
    ]);
    // each machine service is matched one to one with the hand service holding most of its files
    // (order: 3 in orders; invoice: 2 in billing), under another name: two renames, one file each
    expect(c.moves[0].changes).toEqual([
      { kind: "renamed", from: ["invoice"], to: ["billing"], files: 1 },
      { kind: "renamed", from: ["order"], to: ["orders"], files: 1 },
    ]);
    // MoJoFM(machine -> hand) by hand: 2 moves, 0 joins; the hand groups have sizes 1, 2, 4, so
    // max mno = 7 - 3 = 4, and MoJoFM = (1 - 2/4) * 100 = 50
    expect(c.agreement[0].mojoFMab).toBe(50);
    const md = await runCli(["compare", analysisFile, path.join(dir, "b.yaml"), "--repo", repo, "--quiet"]);
    expect(md.stdout).toMatch(/\| modularity \(higher is better\) \|/);
    expect(md.stdout).toContain("1 from invoice to orders");
  });

  it("reports YAML mistakes at file:line:column; unmatched globs, double claims, unclaimed files", async () => {
    const dir = tempDir();
    const bad = path.join(dir, "bad.yaml");
    writeFileSync(bad, "name: x\nservices:\n  a: [src/**]\ncolour: blue\n");
    const r = await runCli(["compare", bad, bad, "--repo", repo, "--quiet"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      `faultline: ${bad}:4:1: unknown key "colour" (expected name, head, scope, services, kernel)`,
    );
    writeFileSync(bad, "name: x\nservices:\n  a: [src/**\n");
    const syntax = await runCli(["compare", bad, bad, "--repo", repo, "--quiet"]);
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toMatch(new RegExp(`${bad.replace(/[/.]/g, "\\$&")}:\\d+:\\d+: `));

    const messy = path.join(dir, "messy.yaml");
    writeFileSync(
      messy,
      "services:\n  orders:\n    - src/models/**\n    - src/nothing/**\n  billing: [src/models/Invoice.ts, " +
        "src/services/billing.ts]\n",
    );
    const m = await runCli(["compare", messy, messy, "--repo", repo, "--format", "json"]);
    expect(m.code, m.stderr).toBe(0);
    expect(m.stderr).toContain(`${messy}:4:7: "src/nothing/**" (service orders) matches no analysed file`);
    expect(m.stderr).toContain("src/models/Invoice.ts is claimed by orders and billing");
    const p = parseJson<Comparison>(m.stdout).proposals[0];
    expect(p.unassigned).toEqual([
      "src/routes/invoices.ts",
      "src/routes/orders.ts",
      "src/services/checkout.ts",
      "src/utils/db.ts",
    ]);
    // a file both leave out (the kernel's db.ts) is said once, for every proposal; the rest per proposal
    const tidy = path.join(dir, "tidy.yaml");
    writeFileSync(
      tidy,
      "services:\n  orders: [src/models/Order.ts, src/services/checkout.ts, src/routes/orders.ts]\n" +
        "  billing: [src/models/Invoice.ts, src/services/billing.ts, src/routes/invoices.ts]\n",
    );
    const both = await runCli(["compare", messy, tidy, "--repo", repo]);
    expect(both.code, both.stderr).toBe(0);
    expect(both.stdout).toContain("- every proposal: 1 analysed file belongs to no service, e.g. src/utils/db.ts\n");
    expect(both.stdout).toContain(
      `- ${messy}: 3 analysed files belong to no service in it alone, e.g. src/routes/invoices.ts, ` +
        "src/routes/orders.ts, src/services/checkout.ts\n",
    );
    expect(both.stdout).not.toContain(`- ${tidy}:`);
    expect(both.stderr.match(/belongs? to no service/g)).toHaveLength(2);
    expect(both.stderr).toContain(
      "1 analysed file belongs to no service in any of the 2 proposals (e.g. src/utils/db.ts)",
    );
  });

  it("warns when a proposal was made at another commit", async () => {
    const dir = tempDir();
    const older = git(repo, ["rev-parse", "HEAD~2"]).trim();
    writeFileSync(path.join(dir, "old.yaml"), `head: ${older}\n` + YAML);
    const r = await runCli([
      "compare",
      path.join(dir, "old.yaml"),
      path.join(dir, "old.yaml"),
      "--repo",
      repo,
      "--format",
      "json",
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`made at ${older.slice(0, 12)}, the repo is at `);
  });

  it("refuses a proposal from another repository in one line; a clone behind, or YAML by hand, is read", async () => {
    // another repository: another history and other files
    const catalog = "src/catalog/item.ts";
    const otherRepo = buildRepo({
      files: {
        "tsconfig.json": TSCONFIG,
        [catalog]: "export const item = 1;\n",
        "src/cart/cart.ts": 'import { item } from "../catalog/item";\nexport const cart = [item];\n',
        "src/cart/line.ts": 'import { cart } from "./cart";\nexport const line = cart[0];\n',
      },
      commits: [{ author: "Eve <eve@x.test>", date: day(3), touch: [catalog, "src/cart/cart.ts", "src/cart/line.ts"] }],
    });
    const { out: otherOut, analysis: other } = await analyzeInto(otherRepo);
    expect(other.services.length + other.kernel.files.length).toBeGreaterThan(0);
    const mine = path.join(out, "analysis.json");
    const theirs = path.join(otherOut, "analysis.json");
    const r = await runCli(["compare", mine, theirs, "--repo", repo, "--quiet"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    // none of its paths is in this repository
    const paths = other.services.reduce((n, sv) => n + sv.files.length, other.kernel.files.length);
    expect(r.stderr).toBe(
      `faultline: ${theirs}: made from another repository: its commit ${other.repo.head.slice(0, 12)} is not in ` +
        `${repo} (--repo), and ${paths} of its ${paths} paths are not there either\n`,
    );
    const accepted = path.join(tempDir(), "a.json");
    const accept = await runCli(["proposal", "accept", theirs, "--repo", repo, "--out", accepted]);
    expect([accept.code, accept.stderr]).toEqual([2, r.stderr]);
    // accepted in its own repository, then checked here: refused the same way, before its scope is applied
    const acceptedThere = path.join(tempDir(), "theirs.json");
    const there = await runCli(["proposal", "accept", theirs, "--repo", otherRepo, "--out", acceptedThere]);
    expect(there.code, there.stderr).toBe(0);
    const frozen = readJson<AcceptedProposal>(acceptedThere);
    const globs = frozen.services.reduce((n, sv) => n + sv.globs.length, frozen.kernel.globs.length);
    const check = await runCli(["check", repo, "--proposal", acceptedThere]);
    expect([check.code, check.stderr]).toEqual([
      2,
      `faultline: ${acceptedThere}: made from another repository: its commit ${other.repo.head.slice(0, 12)} is ` +
        `not in ${repo} (--repo), and ${globs} of its ${globs} paths are not there either\n`,
    ]);
    // the same code one commit on, in a clone that has not fetched that commit: compared, with a warning
    const ahead = script();
    ahead.commits.push({ author: "Eve <eve@x.test>", date: day(20), touch: ["src/utils/db.ts"] });
    const { out: aheadOut, analysis: later } = await analyzeInto(buildRepo(ahead));
    const behind = await runCli(["compare", mine, path.join(aheadOut, "analysis.json"), "--repo", repo, "--quiet"]);
    expect(behind.code, behind.stderr).toBe(0);
    expect(behind.stderr).toContain(`made at ${later.repo.head.slice(0, 12)}, the repo is at `);
    // YAML written by hand names no commit: it is scored against the repository as it is
    const yaml = path.join(tempDir(), "mine.yaml");
    writeFileSync(yaml, YAML);
    const ok = await runCli(["compare", yaml, mine, "--repo", repo, "--quiet", "--format", "json"]);
    expect(ok.code, ok.stderr).toBe(0);
  });
});

describe("faultline proposal export / accept, and check", () => {
  it("exports YAML that compares equal to the analysis it came from", async () => {
    const analysisFile = path.join(out, "analysis.json");
    const r = await runCli(["proposal", "export", analysisFile]);
    expect(r.code, r.stderr).toBe(0);
    const yamlFile = path.join(tempDir(), "p.yaml");
    writeFileSync(yamlFile, r.stdout);
    const c = parseJson<Comparison>(
      (await runCli(["compare", analysisFile, yamlFile, "--repo", repo, "--format", "json", "--quiet"])).stdout,
    );
    expect(c.agreement[0].ari).toBe(1);
    expect(c.moves[0].moved).toBe(0);
  });

  it("exports folders named as Next.js names them, (group) and [param], as globs of those folders", async () => {
    // the two domains in feature folders under a route group; billing's under a dynamic segment
    const files: Record<string, string> = {
      "tsconfig.json": TSCONFIG,
      "src/utils/db.ts": "export const db = { q: (s: string) => s };\n",
      "src/(shop)/orders/Order.ts": 'import { db } from "../../utils/db";\nexport const order = () => db.q("o");\n',
      "src/(shop)/orders/checkout.ts": 'import { order } from "./Order";\nexport const checkout = () => order();\n',
      "src/(shop)/billing/[id]/Invoice.ts":
        'import { db } from "../../../utils/db";\nexport const invoice = () => db.q("i");\n',
      "src/(shop)/billing/[id]/bill.ts":
        'import { invoice } from "./Invoice";\nimport { order } from "../../orders/Order";\n' +
        "export const bill = () => [invoice(), order()];\n",
      // matched by the class [id] were the folder's name read as a glob
      "src/(shop)/billing/i/refund.ts": 'import { bill } from "../[id]/bill";\nexport const refund = () => bill();\n',
    };
    const orders = ["src/(shop)/orders/Order.ts", "src/(shop)/orders/checkout.ts"];
    const billing = Object.keys(files).filter((f) => f.includes("/billing/"));
    const commits = [{ author: "Ada <ada@x.test>", date: day(0), touch: Object.keys(files) }];
    for (let i = 1; i < 13; i++)
      commits.push({ author: "Ada <ada@x.test>", date: day(i), touch: i % 2 ? orders : billing });
    const dir = buildRepo({ files, commits });
    const { out: nextOut } = await analyzeInto(dir);
    const exported = await runCli(["proposal", "export", nextOut]);
    expect(exported.code, exported.stderr).toBe(0);
    const yamlFile = path.join(tempDir(), "next.yaml");
    writeFileSync(yamlFile, exported.stdout);
    // unedited, it claims each analysed file where the analysis put it, and accept takes it as it is
    const c = parseJson<Comparison>(
      (await runCli(["compare", path.join(nextOut, "analysis.json"), yamlFile, "--repo", dir, "--format", "json"]))
        .stdout,
    );
    expect([c.agreement[0].ari, c.moves[0].moved, c.proposals[1].unassigned]).toEqual([1, 0, []]);
    expect(c.proposals[1].name).toBe("next");
    const accepted = path.join(tempDir(), "accepted.json");
    const acc = await runCli(["proposal", "accept", yamlFile, "--out", accepted, "--repo", dir, "--quiet"]);
    expect([acc.code, acc.stderr]).toEqual([0, ""]);
    // the case in question: a folder with those names became one glob, escaped
    expect(exported.stdout).toContain("- src/\\(shop\\)/billing/**\n");
  });

  it("exports the analysis's scope, which accept and check then keep (no flag repeated)", async () => {
    const scoped = script();
    // a seed script the analysis was told to leave out
    scoped.files["src/scripts/seed.ts"] =
      'import { Order } from "../models/Order";\nexport const seed = new Order();\n';
    scoped.commits[0].touch = Object.keys(scoped.files);
    const dir = buildRepo(scoped);
    const { out: scopedOut } = await analyzeInto(dir, ["--exclude", "src/scripts/**"]);
    const exported = await runCli(["proposal", "export", scopedOut]);
    expect(exported.code, exported.stderr).toBe(0);
    const yamlFile = path.join(tempDir(), "p.yaml");
    writeFileSync(yamlFile, exported.stdout);
    const accepted = path.join(tempDir(), "accepted.json");
    const acc = await runCli(["proposal", "accept", yamlFile, "--out", accepted, "--repo", dir, "--quiet"]);
    expect([acc.code, acc.stderr]).toEqual([0, ""]);
    expect(readJson<AcceptedProposal>(accepted).scope).toMatchObject({ exclude: ["src/scripts/**"] });
    // the seed script is out of scope, not a file that belongs to no service
    const checked = await runCli(["check", dir, "--proposal", accepted]);
    expect([checked.code, checked.stderr]).toEqual([0, ""]);
    // a misspelt scope key is exit 2 at its line, never a scope silently widened
    writeFileSync(yamlFile, exported.stdout.replace("  exclude:", "  exlude:"));
    const typo = await runCli(["proposal", "accept", yamlFile, "--out", accepted, "--repo", dir, "--quiet"]);
    expect(typo.code).toBe(2);
    // the line of the misspelt key, found in the text
    const line = exported.stdout.split("\n").findIndex((l) => l.startsWith("  exclude:")) + 1;
    expect([typo.code, typo.stderr]).toEqual([
      2,
      `faultline: ${yamlFile}:${line}:3: unknown key "scope.exlude" (expected include, exclude, tsconfigs, tier, ` +
        `includeTests; did you mean "exclude"?)\n`,
    ]);
  });

  it("takes a scope part a YAML proposal leaves out from the config, as analyze does", async () => {
    const scoped = script();
    scoped.files["src/scripts/seed.ts"] =
      'import { Order } from "../models/Order";\nexport const seed = new Order();\n';
    scoped.files["faultline.config.json"] = JSON.stringify({ exclude: ["src/scripts/**"] });
    scoped.commits[0].touch = Object.keys(scoped.files);
    const dir = buildRepo(scoped);
    const yamlFile = path.join(tempDir(), "tier-only.yaml");
    // a scope that says the tier alone: its exclude is the config's
    writeFileSync(yamlFile, YAML.replace("services:", "scope:\n  tier: server\nservices:"));
    const accepted = path.join(tempDir(), "accepted.json");
    const acc = await runCli(["proposal", "accept", yamlFile, "--out", accepted, "--repo", dir, "--quiet"]);
    expect([acc.code, acc.stderr]).toEqual([0, ""]);
    expect(readJson<AcceptedProposal>(accepted).scope).toEqual({
      tsconfigs: [],
      include: [],
      exclude: ["src/scripts/**"],
      tier: "server",
    });
  });

  it("check fails on a new cross-service import, and passes with a baseline that records it", async () => {
    const dir = tempDir();
    const yamlFile = path.join(dir, "a.yaml");
    writeFileSync(yamlFile, YAML);
    const accepted = path.join(dir, "accepted.json");
    const acc = await runCli(["proposal", "accept", yamlFile, "--out", accepted, "--repo", repo, "--quiet"]);
    expect(acc.code, acc.stderr).toBe(0);
    const frozen = readJson<AcceptedProposal>(accepted);
    // billing imports `total` from orders' model: the one symbol orders provides
    expect(frozen.services.find((s) => s.name === "orders")?.contract.provides.map((p) => p.symbol)).toEqual(["total"]);

    expect((await runCli(["check", repo, "--proposal", accepted])).code).toBe(0);

    // a new import of something orders does not provide, and a new file nobody claims
    writeFileSync(
      path.join(repo, "src/services/billing.ts"),
      'import { Invoice } from "../models/Invoice";\nimport { total, Order } from "../models/Order";\nexport ' +
        "function bill() { return [new Invoice(), total, Order]; }\n",
    );
    writeFileSync(path.join(repo, "src/routes/orders-v2.ts"), "export const v2 = 1;\n");
    const fail = await runCli(["check", repo, "--proposal", accepted]);
    expect(fail.code).toBe(1);
    expect(fail.stdout).toContain("src/services/billing.ts -> src/models/Order.ts (Order)");
    expect(fail.stdout).not.toContain("(total)");
    expect(fail.stderr).toContain("src/routes/orders-v2.ts belongs to no service");

    const baseline = path.join(dir, "baseline.json");
    expect((await runCli(["check", repo, "--proposal", accepted, "--write-baseline", baseline])).code).toBe(0);
    const pass = await runCli(["check", repo, "--proposal", accepted, "--baseline", baseline]);
    expect(pass.code, pass.stdout).toBe(0);
    expect(pass.stdout).toContain("1 more recorded in the baseline");
    const json = parseJson<CheckResult>(
      (await runCli(["check", repo, "--proposal", accepted, "--baseline", baseline, "--format", "json"])).stdout,
    );
    expect(json.violations).toEqual([
      {
        from: "src/services/billing.ts",
        to: "src/models/Order.ts",
        symbol: "Order",
        fromService: "billing",
        toService: "orders",
        reason: "not-provided",
        baseline: true,
      },
    ]);
    git(repo, ["checkout", "--", "."]);
  });

  it("check fails on a service that starts to use another, even through a symbol the contract provides", async () => {
    const dir = tempDir();
    const yamlFile = path.join(dir, "three.yaml");
    // the invoices route is a service of its own, web, which uses billing and the order service; the order
    // service's id is not its name
    writeFileSync(
      yamlFile,
      'services:\n  "Order Service": [src/models/Order.ts, src/services/checkout.ts, src/routes/orders.ts]\n' +
        "  billing: [src/models/Invoice.ts, src/services/billing.ts]\n  web: [src/routes/invoices.ts]\n" +
        "kernel: [src/utils/db.ts]\n",
    );
    const write = (file: string, text: string) => writeFileSync(path.join(repo, file), text);
    write(
      "src/routes/invoices.ts",
      'import { bill } from "../services/billing";\nimport { checkout } from "../services/checkout";\n' +
        "export const invoicesRoute = () => [bill(), checkout()];\n",
    );
    const accepted = path.join(dir, "accepted.json");
    const acc = await runCli(["proposal", "accept", yamlFile, "--out", accepted, "--repo", repo, "--quiet"]);
    expect(acc.code, acc.stderr).toBe(0);
    const contracts = readJson<AcceptedProposal>(accepted).services.map((s) => [
      s.id,
      s.contract.provides.map((p) => [p.symbol, p.usedBy]),
    ]);
    expect(contracts).toEqual([
      [
        "order-service",
        // by file: the model's total, then the checkout service's
        [
          ["total", ["billing"]],
          ["checkout", ["web"]],
        ],
      ],
      ["billing", [["bill", ["web"]]]],
      ["web", []],
    ]);
    // the order service starts to use billing, through `bill`, which billing provides to web alone; billing,
    // which uses the order service already, takes `checkout`, provided to web: that is allowed
    write(
      "src/services/checkout.ts",
      'import { Order, total } from "../models/Order";\nimport { bill } from "./billing";\n' +
        "export function checkout() { return [total(new Order()), bill]; }\n",
    );
    write(
      "src/services/billing.ts",
      'import { Invoice } from "../models/Invoice";\nimport { total } from "../models/Order";\n' +
        'import { checkout } from "./checkout";\nexport function bill() { return [new Invoice(), total, checkout]; }\n',
    );
    const fail = await runCli(["check", repo, "--proposal", accepted]);
    expect(fail.code).toBe(1);
    expect(fail.stdout.split("\n")).toEqual([
      "src/services/checkout.ts -> src/services/billing.ts (bill)  " +
        "[order-service -> billing: a new dependency (billing provides it to web only)]",
      "1 violation",
      "",
    ]);
    const json = parseJson<CheckResult>(
      (await runCli(["check", repo, "--proposal", accepted, "--format", "json"])).stdout,
    );
    expect(json.violations.map((v) => [v.symbol, v.reason, v.providedTo])).toEqual([
      ["bill", "new-dependency", ["web"]],
    ]);
    git(repo, ["checkout", "--", "."]);
  });
});

describe("exported paths", () => {
  it("match the files they name and no other, whatever glob characters the names hold", () => {
    // two owners in each folder: every file is listed by its path, escaped; read as a glob, x's `src/[id]/a.ts`
    // would also claim y's `src/d/a.ts` (the class [id] matches d)
    const owner = new Map([
      ["src/[id]/a.ts", "s:x"],
      ["src/[id]/b.ts", "s:y"],
      ["src/a|b/c.ts", "s:x"],
      ["src/a|b/d.ts", "s:y"],
      ["src/d/a.ts", "s:y"],
      // a folder of x's alone: one glob, `src/p|q/**`, whose bar picomatch would read as "or"
      ["src/p|q/e.ts", "s:x"],
    ]);
    const globs = collapseGlobs(owner, "s:x");
    const claimed = [...owner.keys()].filter((f) => globs.some((g) => patternMatcher(g)(f)));
    expect(claimed).toEqual(["src/[id]/a.ts", "src/a|b/c.ts", "src/p|q/e.ts"]);
  });
});
