import { describe, expect, it } from "vitest";
import path from "node:path";
import { analyzeInto, readJson, runCli, tempDir } from "../helpers/cli.js";
import { buildDemoRepo } from "../../scripts/demo-repo.mjs";
import type { Analysis } from "../../src/analysis/types.js";

describe("explain and contract speak of the analysis the report shows", () => {
  it("analyse in the scope of analyze's default folder unless a scope flag says otherwise", async () => {
    // the demo, of its own: analyze writes into the repository's .faultline/ here
    const dir = path.join(tempDir(), "demo-shop");
    await buildDemoRepo(dir);
    // a file of a service the team chose to analyse without
    const whole = (await analyzeInto(dir)).analysis;
    const left = whole.services.find((s) => s.files.length >= 3)!.files[0];
    expect((await runCli(["analyze", dir, "--exclude", left, "--quiet"])).code).toBe(0);
    const file = path.join(dir, ".faultline", "analysis.json");
    const analysis = readJson<Analysis>(file);
    expect(analysis.services.flatMap((s) => s.files)).not.toContain(left);
    const note =
      `warning: analysing in the scope ${path.relative(process.cwd(), file)} was made with ` +
      `(--exclude '${left}' --tier server); scope flags choose another\n`;

    const out = await runCli(["explain", left, "--repo", dir]);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      `${note}faultline: ${left}: not among the analysed files of ${dir} ${"("}tests are left out ` +
        "unless --include-tests; see --include/--exclude)\n",
    );
    const owner = analysis.services[0];
    const kept = await runCli(["explain", owner.files[0], "--repo", dir]);
    expect([kept.code, kept.stderr]).toEqual([0, note]);
    expect(kept.stdout.split("\n")[0]).toContain(`sits in ${owner.name}`);
    const contract = await runCli(["contract", owner.id, "--repo", dir]);
    expect([contract.code, contract.stderr]).toEqual([0, note]);
    // a scope flag replaces its part of the recorded scope, and nothing is said of it
    const flagged = await runCli(["explain", left, "--repo", dir, "--exclude", "nothing/**"]);
    expect(flagged.code, flagged.stderr).toBe(0);
    expect(flagged.stderr).not.toContain("analysing in the scope");
    expect(flagged.stdout.split("\n")[0]).toMatch(new RegExp(`^${left.replace(/[/.]/g, "\\$&")} (sits in|is in)`));
  }, 60_000);
});
