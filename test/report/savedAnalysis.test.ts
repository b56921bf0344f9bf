import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeInto, runCli, tempDir, type Analyzed } from "../helpers/cli.js";
import { buildRepo, day, TSCONFIG, type RepoScript } from "../helpers/repo.js";

function script(extraCommit = false): RepoScript {
  const files: Record<string, string> = {
    "tsconfig.json": TSCONFIG,
    "src/utils/db.ts": "export const db = (s: string) => s;\n",
    "src/orders/order.ts": 'import { db } from "../utils/db";\nexport const order = () => db("order");\n',
    "src/billing/bill.ts": 'import { order } from "../orders/order";\nexport const bill = () => order();\n',
  };
  const commits: RepoScript["commits"] = [
    { author: "Ada <ada@x.test>", date: day(0), touch: Object.keys(files) },
    { author: "Bob <bob@x.test>", date: day(1), touch: ["src/orders/order.ts", "src/billing/bill.ts"] },
  ];
  if (extraCommit) commits.push({ author: "Ada <ada@x.test>", date: day(2), touch: ["src/billing/bill.ts"] });
  return { files, commits };
}

let saved: Analyzed;
let later: Analyzed;
beforeAll(async () => {
  saved = await analyzeInto(buildRepo(script()));
  // the same repository one commit on: its model is another analysis's
  later = await analyzeInto(buildRepo(script(true)));
});

/** A copy of the saved analysis.json and model.json, one of them changed; then `faultline report` on it. */
async function reportOn(change: (dir: string) => void) {
  const dir = tempDir();
  for (const f of ["analysis.json", "model.json"]) copyFileSync(path.join(saved.out, f), path.join(dir, f));
  change(dir);
  const analysis = path.join(dir, "analysis.json");
  const r = await runCli(["report", analysis, "--out", dir]);
  return { ...r, dir, analysis, model: path.join(dir, "model.json") };
}

const editJson = (file: string, edit: (j: Record<string, unknown>) => void) => {
  const j = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  edit(j);
  writeFileSync(file, JSON.stringify(j));
};

describe("faultline report reads analysis.json and model.json key by key", () => {
  it("a file of another schema version, or another faultline file, is exit 2 naming it", async () => {
    const v2 = await reportOn((d) =>
      editJson(path.join(d, "analysis.json"), (j) => (j.schema = "faultline/analysis@2")),
    );
    expect([v2.code, v2.stderr]).toEqual([
      2,
      `faultline: ${v2.analysis}: schema faultline/analysis@2, but this faultline reads faultline/analysis@1 ` +
        "(written by another version: analyze again)\n",
    ]);
    const swapped = await reportOn((d) => copyFileSync(path.join(d, "model.json"), path.join(d, "analysis.json")));
    expect([swapped.code, swapped.stderr]).toEqual([
      2,
      `faultline: ${swapped.analysis}: a faultline/model@1 file, not faultline/analysis@1\n`,
    ]);
    const m2 = await reportOn((d) => editJson(path.join(d, "model.json"), (j) => (j.schema = "faultline/model@2")));
    expect(m2.code).toBe(2);
    expect(m2.stderr).toBe(
      `faultline: ${m2.model}: schema faultline/model@2, but this faultline reads faultline/model@1 ` +
        "(written by another version: analyze again)\n",
    );
  });

  it("a damaged file is exit 2 naming the key at fault (it was a TypeError and a stack trace)", async () => {
    const metric = await reportOn((d) =>
      editJson(path.join(d, "analysis.json"), (j) => {
        (j.services as { metrics: { cohesion: unknown } }[])[0].metrics.cohesion = "high";
      }),
    );
    expect([metric.code, metric.stderr]).toEqual([
      2,
      `faultline: ${metric.analysis}: key "services.0.metrics.cohesion": Invalid input: expected number, ` +
        "received string\n",
    ]);
    const noKernel = await reportOn((d) => editJson(path.join(d, "analysis.json"), (j) => delete j.kernel));
    expect([noKernel.code, noKernel.stderr]).toEqual([
      2,
      `faultline: ${noKernel.analysis}: key "kernel": Invalid input: expected object, received undefined\n`,
    ]);
    const edge = await reportOn((d) =>
      editJson(path.join(d, "model.json"), (j) => (j.coupling as { edges: number[][] }).edges.push([0, 99, 1])),
    );
    expect(edge.code).toBe(2);
    expect(edge.stderr).toMatch(/^faultline: .*model\.json: key "coupling\.edges\.\d+": file index 99 is out of range/);
    const truncated = await reportOn((d) => writeFileSync(path.join(d, "model.json"), '{"schema": "faultline/mo'));
    expect(truncated.code).toBe(2);
    expect(truncated.stderr).toMatch(/^faultline: .*model\.json: not valid JSON \(.*\)\n$/);
  });

  it("a model.json of another analysis is exit 2 naming both files", async () => {
    const other = await reportOn((d) => copyFileSync(path.join(later.out, "model.json"), path.join(d, "model.json")));
    const [was, now] = [saved.analysis.repo.head, later.analysis.repo.head].map((h) => h.slice(0, 12));
    expect([other.code, other.stderr]).toEqual([
      2,
      `faultline: ${other.model}: made at ${now}, ${other.analysis} at ${was}: the model of another analysis ` +
        "(faultline analyze writes the two together)\n",
    ]);
  });

  it("without model.json the reports are written, with a warning saying what is lost", async () => {
    const r = await reportOn((d) => rmSync(path.join(d, "model.json")));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(
      `warning: ${r.model}: not found, so report.html draws the ties analysis.json records and its what-if ` +
        "cannot re-score (faultline analyze writes model.json beside analysis.json)\n",
    );
    expect(existsSync(path.join(r.dir, "report.html"))).toBe(true);
  });
});
