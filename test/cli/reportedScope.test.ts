import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { analyzeInto, readJson, runCli, tempDir } from "../helpers/cli.js";
import { buildRepo, day, TSCONFIG } from "../helpers/repo.js";
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
      `warning: speaking of the analysis ${file}, made with --exclude '${left}' (a flag sets any of them ` +
      "otherwise)\n";

    const out = await runCli(["explain", left, "--repo", dir]);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      `${note}faultline: ${left}: not among the analysed files of ${dir} ${"("}the scope is --exclude '${left}'; ` +
        "tests are left out unless --include-tests; see --include/--exclude)\n",
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
    expect(flagged.stderr).not.toContain("speaking of the analysis");
    expect(flagged.stdout.split("\n")[0]).toMatch(new RegExp(`^${left.replace(/[/.]/g, "\\$&")} (sits in|is in)`));
  }, 60_000);

  it("follow an analysis written elsewhere (--analysis): its scope and the settings that shaped it", async () => {
    const dir = path.join(tempDir(), "demo-shop");
    await buildDemoRepo(dir);
    const seed = ["--seed", "7", "--resolution", "8"];
    // written elsewhere than the repository's .faultline/
    const { out: written, analysis } = await analyzeInto(dir, seed);
    // a file whose service these settings name otherwise than the defaults do (cart, not order)
    const file = "src/services/checkout.ts";
    const owner = analysis.services.find((s) => s.files.includes(file))!;
    const byFlags = await runCli(["explain", file, "--repo", dir, ...seed, "--no-cache"]);
    const byDefaults = await runCli(["explain", file, "--repo", dir, "--include", "**", "--no-cache"]);
    expect(byFlags.stdout.split("\n")[0]).toContain(`sits in ${owner.name},`);
    expect(byDefaults.stdout.split("\n")[0]).not.toContain(`sits in ${owner.name},`);
    const followed = await runCli(["explain", file, "--repo", dir, "--analysis", written, "--no-cache"]);
    expect(followed.code, followed.stderr).toBe(0);
    expect(followed.stdout).toBe(byFlags.stdout);
    expect(followed.stderr).toBe(
      `warning: speaking of the analysis ${path.join(written, "analysis.json")}, made with --resolution 8 ` +
        "--seed 7 (a flag sets any of them otherwise)\n",
    );
    // a flag wins over what the analysis records
    const seeded = await runCli(["contract", owner.id, "--repo", dir, "--analysis", written, "--seed", "7"]);
    expect(seeded.stderr).toContain("made with --resolution 8 (a flag");
    // a service of the saved analysis that analysing again does not find (another build made it): said so
    const saved = readJson<Analysis>(path.join(written, "analysis.json"));
    const renamed = { ...saved, services: saved.services.map((s, k) => (k ? s : { ...s, id: "old-build" })) };
    writeFileSync(path.join(written, "analysis.json"), JSON.stringify(renamed));
    const stale = await runCli(["contract", "old-build", "--repo", dir, "--analysis", written]);
    expect(stale.code).toBe(2);
    expect(stale.stderr.split("\n").at(-2)).toBe(
      `faultline: old-build: a service of ${path.join(written, "analysis.json")}, but not of the repository ` +
        `analysed now (services now: ${analysis.services.map((s) => s.id).join(", ")}): the code, faultline or a ` +
        "flag changed since that analysis; run analyze again",
    );
    // no analysis to follow in the default folder, and no scope given: said, once
    const bare = path.join(tempDir(), "bare-shop");
    await buildDemoRepo(bare);
    const none = await runCli(["explain", file, "--repo", bare]);
    expect(none.code, none.stderr).toBe(0);
    expect(none.stderr).toBe(
      `warning: no analysis in ${path.join(bare, ".faultline", "analysis.json")} to follow: analysing ${bare} as ` +
        "the flags and config say (one written with --out: --analysis DIR)\n",
    );
    // errors name the flag
    const missing = await runCli(["explain", file, "--repo", dir, "--analysis", path.join(bare, "nothing")]);
    expect([missing.code, missing.stderr]).toEqual([
      2,
      `faultline: --analysis ${path.join(bare, "nothing")}: file not found\n`,
    ]);
    const empty = await runCli(["contract", owner.id, "--repo", dir, "--analysis", bare]);
    expect([empty.code, empty.stderr]).toEqual([
      2,
      `faultline: --analysis ${bare}: a folder with no analysis.json in it\n`,
    ]);
    // another repository's analysis: refused, as compare refuses it
    const other = buildRepo({
      files: {
        "tsconfig.json": TSCONFIG,
        "lib/a.ts": "export const a = 1;\n",
        "lib/b.ts": 'export { a } from "./a";\n',
      },
      commits: [{ author: "Ada <ada@x.test>", date: day(0), touch: ["tsconfig.json", "lib/a.ts", "lib/b.ts"] }],
    });
    const foreign = await runCli(["explain", "lib/a.ts", "--repo", other, "--analysis", written]);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(
      /analysis\.json: made from another repository: its commit \w+ is not in .* \(--repo\)/,
    );
    // the config would choose another seed and resolution: the analysis's own, defaults, are named
    const { out: plain } = await analyzeInto(dir);
    writeFileSync(path.join(dir, "faultline.config.json"), JSON.stringify({ seed: 7, resolution: 8 }));
    const configured = await runCli(["explain", file, "--repo", dir, "--analysis", plain]);
    expect(configured.stderr).toContain("made with --resolution auto --seed 1 (a flag");
  }, 90_000);
});
