import type { Comparison } from "../../src/compare/compare.js";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseJson, runCli, tempDir } from "../helpers/cli.js";
import { buildRepo, day, TSCONFIG, type RepoScript } from "../helpers/repo.js";

// Five domains in their own folders and a kernel of two utils; the files of each domain change
// together in the history. The proposals below are written by hand, so the expected moves and
// changes follow from the globs alone (the clustering plays no part).
const DOMAINS: Record<string, string[]> = {
  notification: ["email", "index", "push", "queue", "sms", "templates"],
  processor: ["jobs", "retry", "runner", "schedule"],
  policies: ["engine", "limits", "quota", "rules", "store"],
  billing: ["invoice", "invoiceLines", "invoicePdf", "payment", "paymentGateway", "paymentRefund"],
  audit: ["export", "trail"],
};
const filesOf = (domain: string) => DOMAINS[domain].map((f) => `src/${domain}/${f}.ts`).sort();

function script(): RepoScript {
  const files: Record<string, string> = {
    "tsconfig.json": TSCONFIG,
    "src/utils/db.ts": "export const db = (s: string) => s;\n",
    "src/utils/log.ts": "export const log = (s: string) => s;\n",
  };
  for (const [domain, names] of Object.entries(DOMAINS))
    for (const name of names)
      files[`src/${domain}/${name}.ts`] =
        `import { db } from "../utils/db";\nexport const ${name} = () => db("${domain}.${name}");\n`;
  const commits = [{ author: "Ada <ada@x.test>", date: day(0), touch: Object.keys(files) }];
  Object.keys(DOMAINS).forEach((domain, i) =>
    commits.push({ author: "Bob <bob@x.test>", date: day(i + 1), touch: filesOf(domain) }),
  );
  return { files, commits };
}

// The audit files are left out of every proposal but `new`: they stay "(unassigned)".
const BASE = {
  notification: ["src/notification/**"],
  processor: ["src/processor/**"],
  policies: ["src/policies/**"],
  billing: ["src/billing/**"],
};
const KERNEL = ["src/utils/**"];

function yaml(name: string, services: Record<string, string[]>, kernel = KERNEL): string {
  const lines = [`name: ${name}`, "services:"];
  for (const [s, globs] of Object.entries(services)) lines.push(`  ${s}: [${globs.join(", ")}]`);
  lines.push(`kernel: [${kernel.join(", ")}]`);
  return lines.join("\n") + "\n";
}

const PROPOSALS: Record<string, string> = {
  base: yaml("base", BASE),
  // processor deleted, its 4 files moved into notification
  merged: yaml("merged", {
    notification: ["src/notification/**", "src/processor/**"],
    policies: BASE.policies,
    billing: BASE.billing,
  }),
  // policies folded into the kernel
  folded: yaml("folded", { notification: BASE.notification, processor: BASE.processor, billing: BASE.billing }, [
    ...KERNEL,
    "src/policies/**",
  ]),
  // billing cut in two: 3 invoice files, 3 payment files
  split: yaml("split", {
    notification: BASE.notification,
    processor: BASE.processor,
    policies: BASE.policies,
    invoices: ["src/billing/invoice*.ts"],
    payments: ["src/billing/payment*.ts"],
  }),
  // notification deleted, its 6 files moved into processor (4 files): the larger part keeps its identity
  absorbed: yaml("absorbed", {
    processor: ["src/processor/**", "src/notification/**"],
    policies: BASE.policies,
    billing: BASE.billing,
  }),
  renamed: yaml("renamed", {
    notifications: BASE.notification,
    processor: BASE.processor,
    policies: BASE.policies,
    billing: BASE.billing,
  }),
  // the two files no service claimed become a service
  new: yaml("new", { ...BASE, audit: ["src/audit/**"] }),
};

let repo: string;
let files: Record<string, string>;
let c: Comparison;
beforeAll(async () => {
  repo = buildRepo(script());
  const dir = tempDir();
  files = {};
  for (const [name, text] of Object.entries(PROPOSALS)) {
    files[name] = path.join(dir, `${name}.yaml`);
    writeFileSync(files[name], text);
  }
  const r = await runCli(["compare", ...Object.values(files), "--repo", repo, "--format", "json", "--quiet"]);
  expect(r.code, r.stderr).toBe(0);
  c = parseJson<Comparison>(r.stdout);
});

const pair = (a: string, b: string) => c.moves.find((m) => m.a === a && m.b === b)!;

describe("compare: what changes between two proposals", () => {
  it("a merge: the deleted service's files move, and the change is merged", () => {
    // notification (6 files) keeps its name and most files: matched to itself; processor is
    // matched to nothing, and all 4 of its files land in notification
    const m = pair("base", "merged");
    expect(m.moved).toBe(4);
    expect(m.groups).toEqual([{ from: "processor", to: "notification", files: filesOf("processor") }]);
    expect(m.changes).toEqual([{ kind: "merged", from: ["processor"], to: ["notification"], files: 4 }]);
  });

  it("a small service absorbing a larger one: the larger one's match carries the merge", () => {
    // notification shares 6 files with B's processor, A's processor only 4: notification is matched
    // with processor, A's processor is unmatched and its 4 files move; the merge names both
    const m = pair("base", "absorbed");
    expect(m.moved).toBe(4);
    expect(m.groups).toEqual([{ from: "processor", to: "processor", files: filesOf("processor") }]);
    expect(m.changes).toEqual([{ kind: "merged", from: ["notification", "processor"], to: ["processor"], files: 4 }]);
  });

  it("a fold into the kernel: every folded file moves, and the service is dissolved", () => {
    // policies cannot be matched with the kernel (a group, not a service): all 5 files move
    const m = pair("base", "folded");
    expect(m.moved).toBe(5);
    expect(m.groups).toEqual([{ from: "policies", to: "(kernel)", files: filesOf("policies") }]);
    expect(m.changes).toEqual([{ kind: "dissolved", from: ["policies"], to: ["(kernel)"], files: 5 }]);
  });

  it("a split: one half keeps billing's identity, the other half moves", () => {
    // billing shares 3 files with invoices and 3 with payments; on the tie, invoices comes first
    // by name, so the 3 payment files move; both halves hold 3 of 6 files (>= 1/5 and >= 2)
    const m = pair("base", "split");
    expect(m.moved).toBe(3);
    expect(m.groups).toEqual([
      {
        from: "billing",
        to: "payments",
        files: ["src/billing/payment.ts", "src/billing/paymentGateway.ts", "src/billing/paymentRefund.ts"],
      },
    ]);
    expect(m.changes).toEqual([{ kind: "split", from: ["billing"], to: ["invoices", "payments"], files: 3 }]);
  });

  it("a rename moves nothing", () => {
    const m = pair("base", "renamed");
    expect(m.moved).toBe(0);
    expect(m.groups).toEqual([]);
    expect(m.changes).toEqual([{ kind: "renamed", from: ["notification"], to: ["notifications"], files: 0 }]);
  });

  it("a new service: its files move in from the unassigned group, which matches no service", () => {
    const m = pair("base", "new");
    expect(m.moved).toBe(2);
    expect(m.groups).toEqual([{ from: "(unassigned)", to: "audit", files: filesOf("audit") }]);
    expect(m.changes).toEqual([{ kind: "new", from: [], to: ["audit"], files: 2 }]);
  });

  it("undoing a merge is a split; the agreement is kept beside the changes", () => {
    // merged -> folded: notification (10 files) keeps 6 and gives 4 back to processor (40%),
    // while policies goes to the kernel as before
    const m = pair("merged", "folded");
    expect(m.moved).toBe(9);
    expect(m.changes).toEqual([
      { kind: "split", from: ["notification"], to: ["notification", "processor"], files: 4 },
      { kind: "dissolved", from: ["policies"], to: ["(kernel)"], files: 5 },
    ]);
    // renaming changes no grouping: MoJoFM 100 both ways and ARI 1
    const renamed = c.agreement.find((g) => g.a === "base" && g.b === "renamed")!;
    expect([renamed.mojoFMab, renamed.mojoFMba, renamed.ari]).toEqual([100, 100, 1]);
  });

  it("markdown: the service-level changes first, each with its files, then the moves by (from, to)", async () => {
    const r = await runCli(["compare", files.base, files.merged, "--repo", repo, "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    const section = r.stdout.slice(r.stdout.indexOf("## From base to merged"));
    const order = [
      "### Service-level changes: 1",
      "merged: processor into notification (4 files move)",
      "  - src/processor/jobs.ts → notification",
      "### Files that move: 4",
      "<details><summary>4 from processor to notification</summary>",
      "\n- src/processor/schedule.ts\n",
    ].map((line) => section.indexOf(line));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
  });

  it("markdown: a rename counts the files that left the service, never the moves elsewhere", async () => {
    const r = await runCli(["compare", files.base, files.renamed, "--repo", repo, "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("renamed: notification to notifications (none of its files move)");
    expect(r.stdout).not.toContain("nothing moves");
  });
});
