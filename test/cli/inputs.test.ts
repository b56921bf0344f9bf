import type { Analysis } from "../../src/analysis/types.js";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runBin, runCli, tempDir } from "../helpers/cli.js";
import { demoRepo } from "../helpers/demo.js";
import { buildRepo, day, oneCommitRepo, TSCONFIG, type RepoScript } from "../helpers/repo.js";

function script(): RepoScript {
  const files: Record<string, string> = {
    "tsconfig.json": TSCONFIG,
    "src/utils/db.ts": "export const db = (s: string) => s;\n",
    "src/orders/order.ts": 'import { db } from "../utils/db";\nexport const order = () => db("order");\n',
    "src/billing/bill.ts": 'import { order } from "../orders/order";\nexport const bill = () => order();\n',
  };
  return {
    files,
    commits: [
      { author: "Ada <ada@x.test>", date: day(0), touch: Object.keys(files) },
      { author: "Bob <bob@x.test>", date: day(1), touch: ["src/orders/order.ts", "src/billing/bill.ts"] },
    ],
  };
}

let repo: string;
let dir: string;
let proposal: string;
beforeAll(() => {
  repo = buildRepo(script());
  dir = tempDir();
  proposal = path.join(dir, "p.yaml");
  writeFileSync(proposal, "services:\n  orders: [src/orders/**]\n  billing: [src/billing/**]\n");
});

describe("--out is checked before any work", () => {
  it("analyze and report: --out naming a file (or a path through one) is exit 2 with one line", async () => {
    const file = path.join(dir, "a-file");
    writeFileSync(file, "x\n");
    const r = await runCli(["analyze", repo, "--out", file]);
    expect([r.code, r.stderr, r.stdout]).toEqual([2, `faultline: --out ${file}: is a file, not a folder\n`, ""]);
    // nothing was read or cached: the repo's .faultline/ (the cache's home) was never made
    expect(existsSync(path.join(repo, ".faultline"))).toBe(false);
    const below = path.join(file, "reports");
    const r2 = await runCli(["analyze", repo, "--out", below]);
    expect([r2.code, r2.stderr]).toEqual([2, `faultline: --out ${below}: ${file} is a file, not a folder\n`]);
    const rep = await runCli(["report", path.join(dir, "analysis.json"), "--out", file]);
    expect([rep.code, rep.stderr]).toEqual([2, `faultline: --out ${file}: is a file, not a folder\n`]);
  });

  it("proposal accept: --out is a file, in a folder that exists", async () => {
    const folder = path.join(dir, "folder");
    mkdirSync(folder);
    const r = await runCli(["proposal", "accept", proposal, "--out", folder, "--repo", repo]);
    expect([r.code, r.stderr]).toEqual([2, `faultline: --out ${folder}: is a folder, not a file\n`]);
    const missing = path.join(dir, "missing", "accepted.json");
    const r2 = await runCli(["proposal", "accept", proposal, "--out", missing, "--repo", repo]);
    expect([r2.code, r2.stderr]).toEqual([
      2,
      `faultline: --out ${missing}: no folder ${path.join(dir, "missing")} to write it into\n`,
    ]);
  });
});

describe("mistakes in YAML proposals and faultline.config.json name their place", () => {
  it("a duplicate key: the whole position, the key, and where it first appears", async () => {
    const yaml = path.join(dir, "dup.yaml");
    writeFileSync(yaml, "name: x\nservices:\n  orders: [src/orders/**]\n  orders: [src/billing/**]\n");
    const r = await runCli(["compare", yaml, yaml, "--repo", repo, "--quiet"]);
    expect([r.code, r.stderr]).toEqual([2, `faultline: ${yaml}:4:3: duplicate key "orders" (first at line 3)\n`]);
  });

  it("a misspelt top-level key is reported at its own line, with the key it resembles", async () => {
    const yaml = path.join(dir, "typo.yaml");
    writeFileSync(yaml, "name: x\nservcies:\n  orders: [src/orders/**]\n");
    const r = await runCli(["compare", yaml, yaml, "--repo", repo, "--quiet"]);
    expect([r.code, r.stderr]).toEqual([
      2,
      `faultline: ${yaml}:2:1: unknown key "servcies" (expected name, head, scope, services, kernel; did you mean ` +
        `"services"?)\n`,
    ]);
  });

  it("a service given a number instead of globs says what it expects, at its place", async () => {
    const yaml = path.join(dir, "number.yaml");
    writeFileSync(yaml, "name: x\nservices:\n  orders: 5\n");
    const r = await runCli(["compare", yaml, yaml, "--repo", repo, "--quiet"]);
    expect([r.code, r.stderr]).toEqual([
      2,
      `faultline: ${yaml}:3:11: "services.orders": expected a glob or a list of globs and files\n`,
    ]);
  });

  it("a service with no globs is a warning naming it, as a glob matching nothing is", async () => {
    const yaml = path.join(dir, "empty-service.yaml");
    writeFileSync(yaml, "name: x\nservices:\n  orders: [src/orders/**]\n  billing: []\n");
    const r = await runCli(["compare", yaml, proposal, "--repo", repo, "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      `warning: ${yaml}: service "billing" holds no analysed file (no globs, or only files others claim)\n`,
    );
  });

  it("a file that is not JSON is one line, whatever the parser quotes of it", async () => {
    const bad = path.join(dir, "bad.json");
    writeFileSync(bad, "not json {\n\u0007\u0000 more\n");
    const r = await runCli(["report", bad]);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")).toHaveLength(2);
    expect(r.stderr).toMatch(new RegExp(`^faultline: ${bad.replace(/[/.]/g, "\\$&")}: not valid JSON \\(.*\\)\n$`));
    // eslint-disable-next-line no-control-regex
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });

  it("config: an unknown key and a wrong value each name the key and its line", async () => {
    const config = path.join(dir, "config.json");
    writeFileSync(config, '{\n  "include": ["src/**"],\n  "overides": { "kernel": [] }\n}\n');
    const r = await runCli(["analyze", repo, "--config", config, "--quiet"]);
    expect([r.code, r.stderr]).toEqual([
      2,
      `faultline: ${config}:3: unknown key "overides" (expected include, exclude, includeTests, weights, ` +
        `resolution, tier, seed, maxChangeset, minCommits, excludeAuthors, overrides; did you mean "overrides"?)\n`,
    ]);
    writeFileSync(config, '{\n  "weights": {\n    "cochange": "high"\n  }\n}\n');
    const r2 = await runCli(["analyze", repo, "--config", config, "--quiet"]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(new RegExp(`^faultline: ${config.replace(/[/.]/g, "\\$&")}:3: key "weights.cochange": `));
  });
});

describe("the repository: --repo DIR on every command, positional on analyze, graph, history, check", () => {
  it("graph reads the same repo either way; given twice and different is exit 2", async () => {
    // (compare, accept and check take --repo in test/compare; analyze takes it positionally everywhere)
    const positional = await runCli(["graph", repo, "--quiet"]);
    const flag = await runCli(["graph", "--repo", repo, "--quiet"]);
    expect(positional.code, positional.stderr).toBe(0);
    expect(flag).toEqual(positional);
    // the same folder written two ways is one repository
    const same = runBin(["graph", ".", "--repo", repo, "--quiet"], { cwd: repo });
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toBe(positional.stdout);
    const twice = await runCli(["check", repo, "--repo", dir, "--proposal", "x.json"]);
    expect([twice.code, twice.stderr]).toEqual([
      2,
      `faultline: the repository is given twice ("${repo}" and --repo ${dir}): give it once\n`,
    ]);
  });
});

describe("a file that cannot be read", () => {
  it("is skipped with a warning naming it, counted in the summary; the analysis goes on (a broken link)", async () => {
    const r0 = buildRepo(script());
    symlinkSync(path.join(r0, "no-such-target.ts"), path.join(r0, "src/orders/broken.ts"));
    const out = tempDir();
    const r = await runCli(["analyze", r0, "--out", out, "--quiet", "--no-cache"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      "warning: src/orders/broken.ts: skipped, cannot be read (ENOENT: no such file or directory)",
    );
    const analysis = JSON.parse(readFileSync(path.join(out, "analysis.json"), "utf8")) as Analysis;
    expect(analysis.services.flatMap((s) => s.files)).not.toContain("src/orders/broken.ts");
    // the summary says so too: the warnings scroll by, and stderr may go elsewhere
    expect(analysis.repo.skipped).toBe(1);
    expect(r.stdout.split("\n")[1]).toBe(
      "1 file skipped (unreadable, or over --max-file-size): each is named in a warning and is in no service",
    );
    // an analysis that skipped nothing records nothing, and says nothing
    const clean = await runCli(["analyze", repo, "--out", tempDir(), "--quiet"]);
    expect(clean.stdout).not.toContain("skipped");
  });

  it("a folder stands for the analysis.json in it; one without, or given for a file, is one line", async () => {
    const folder = tempDir();
    const none = `faultline: ${folder}: a folder with no analysis.json in it\n`;
    expect(await runCli(["compare", folder, proposal, "--repo", repo, "--quiet"])).toMatchObject({
      code: 2,
      stderr: none,
    });
    expect(await runCli(["proposal", "export", folder])).toMatchObject({ code: 2, stderr: none });
    expect(await runCli(["check", repo, "--proposal", folder])).toMatchObject({
      code: 2,
      stderr: `faultline: --proposal ${folder}: a folder, not a JSON file\n`,
    });
    // analyze's output folder: compare and proposal export read its analysis.json
    const out = tempDir();
    expect((await runCli(["analyze", repo, "--out", out, "--quiet"])).code).toBe(0);
    const byFolder = await runCli(["compare", out, proposal, "--repo", repo, "--quiet", "--format", "json"]);
    const byFile = await runCli([
      "compare",
      path.join(out, "analysis.json"),
      proposal,
      "--repo",
      repo,
      "--quiet",
      "--format",
      "json",
    ]);
    expect(byFolder.code, byFolder.stderr).toBe(0);
    expect(byFolder.stdout).toBe(byFile.stdout);
    expect((await runCli(["proposal", "export", out])).stdout).toBe(
      (await runCli(["proposal", "export", path.join(out, "analysis.json")])).stdout,
    );
  });
});

describe("a cache folder that cannot be made", () => {
  it("gives one warning, and the analysis runs as with --no-cache (a read-only checkout)", async () => {
    const r0 = buildRepo(script());
    // .faultline is a file here: the cache folder cannot be made, as in a checkout the user may not write
    writeFileSync(path.join(r0, ".faultline"), "not a folder\n");
    const out = tempDir();
    const r = await runCli(["analyze", r0, "--out", out, "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    const warnings = r.stderr.split("\n").filter((l) => l.includes("cannot be written"));
    expect(warnings).toEqual([
      `warning: cache ${path.join(r0, ".faultline", "cache")} cannot be written (EEXIST: file already exists): ` +
        "running without the cache",
    ]);
    expect(existsSync(path.join(out, "analysis.json"))).toBe(true);
  });
});

describe("an accepted proposal (faultline/accepted@1)", () => {
  it("is read key by key: a mistyped or missing key is exit 2 naming it; compare reads a well-formed one", async () => {
    const accepted = path.join(tempDir(), "accepted.json");
    const a = await runCli(["proposal", "accept", proposal, "--repo", repo, "--out", accepted]);
    expect(a.code, a.stderr).toBe(0);
    const json = JSON.parse(readFileSync(accepted, "utf8")) as Record<string, unknown>;
    const variant = (change: (j: Record<string, unknown>) => void) => {
      const j = structuredClone(json);
      change(j);
      const file = path.join(tempDir(), "accepted.json");
      writeFileSync(file, JSON.stringify(j));
      return file;
    };
    const misspelt = variant((j) => {
      j.servics = j.services;
      delete j.services;
    });
    const r = await runCli(["check", repo, "--proposal", misspelt]);
    expect([r.code, r.stderr]).toEqual([
      2,
      `faultline: --proposal ${misspelt}: key "services": Invalid input: expected array, received undefined\n`,
    ]);
    const tier = variant((j) => ((j.scope as { tier: string }).tier = "sever"));
    const t = await runCli(["check", repo, "--proposal", tier]);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/^faultline: --proposal .*: key "scope\.tier": Invalid option: expected one of/);
    // compare sets the accepted proposal beside the YAML it was made from: the same cut
    const c = await runCli(["compare", proposal, accepted, "--repo", repo, "--quiet", "--format", "json"]);
    expect(c.code, c.stderr).toBe(0);
    expect((JSON.parse(c.stdout) as { agreement: { ari: number }[] }).agreement[0].ari).toBe(1);
  });
});

describe("overrides that would silently change the cut", () => {
  const analyzeWith = async (config: object, r0 = repo) => {
    const file = path.join(tempDir(), "config.json");
    writeFileSync(file, JSON.stringify(config, null, 2));
    const out = tempDir();
    const r = await runCli(["analyze", r0, "--config", file, "--out", out, "--quiet", "--no-cache"]);
    return {
      ...r,
      file,
      analysis: () => JSON.parse(readFileSync(path.join(out, "analysis.json"), "utf8")) as Analysis,
    };
  };
  it("a rename onto a name another service keeps, or two renames to one name, is exit 2 naming the key", async () => {
    // the demo's service names as the tool gives them (the input here); a pinned service keeps its pin's name
    const demo = await demoRepo();
    const pinned = { pinned: ["src/utils/ids.ts"] };
    const plain = await analyzeWith({ overrides: { pin: pinned } }, demo);
    expect(plain.code, plain.stderr).toBe(0);
    const services = plain.analysis().services.filter((s) => s.name !== "pinned");
    expect(services.length).toBeGreaterThanOrEqual(2);
    const [a, b] = services.map((s) => s.name);
    const onto = await analyzeWith({ overrides: { pin: pinned, rename: { [a]: b } } }, demo);
    expect([onto.code, onto.stderr]).toEqual([
      2,
      `faultline: ${onto.file}: overrides.rename.${a}: "${b}" is already the name of another service\n`,
    ]);
    const toPin = await analyzeWith({ overrides: { pin: pinned, rename: { [a]: "pinned" } } }, demo);
    expect(toPin.stderr).toContain(`overrides.rename.${a}: "pinned" is already the name of another service`);
    const both = await analyzeWith({ overrides: { pin: pinned, rename: { [a]: "gamma", [b]: "gamma" } } }, demo);
    expect([both.code, both.stderr]).toEqual([
      2,
      `faultline: ${both.file}: overrides.rename.${a}: "gamma" is already the name of the service renamed ` +
        `from "${b}"\n`,
    ]);
    // a swap of names is fine: no two services end with one name
    const swap = await analyzeWith({ overrides: { pin: pinned, rename: { [a]: b, [b]: a } } }, demo);
    expect(swap.code, swap.stderr).toBe(0);
    const files = Object.fromEntries(swap.analysis().services.map((s) => [s.name, s.files]));
    expect(files[b]).toEqual(services[0].files);
  });

  it("a file two pins match, or a pin and the kernel, is exit 2 naming both keys and the file", async () => {
    const two = await analyzeWith({ overrides: { pin: { alpha: ["src/orders/**"], beta: ["src/orders/order.ts"] } } });
    expect([two.code, two.stderr]).toEqual([
      2,
      `faultline: ${two.file}: overrides.pin.alpha and overrides.pin.beta both match src/orders/order.ts: ` +
        "give it one place\n",
    ]);
    const kernel = await analyzeWith({ overrides: { pin: { alpha: ["src/utils/db.ts"] }, kernel: ["src/utils/**"] } });
    expect(kernel.code).toBe(2);
    expect(kernel.stderr).toContain("overrides.pin.alpha and overrides.kernel both match src/utils/db.ts");
  });

  it("a pinned file is its pin's service even when nothing ties it to any file", async () => {
    const r0 = buildRepo({
      ...script(),
      files: { ...script().files, "src/lonely.ts": "export const alone = 1;\n" },
    });
    const plain = await analyzeWith({}, r0);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.analysis().isolated).toContain("src/lonely.ts");
    // the summary names it, not only analysis.json
    const line = plain.stdout.split("\n").find((l) => l.includes("isolated file"));
    expect(line).toMatch(/\(no import, co-change or shared author with any other analysed file\)/);
    expect(line).toMatch(/in no service: .*src\/lonely\.ts/);
    const pinned = await analyzeWith({ overrides: { pin: { solo: ["src/lonely.ts"] } } }, r0);
    expect(pinned.code, pinned.stderr).toBe(0);
    const a = pinned.analysis();
    expect(a.services.find((s) => s.name === "solo")?.files).toEqual(["src/lonely.ts"]);
    expect(a.isolated).not.toContain("src/lonely.ts");
  });

  it("a key given twice in the config is exit 2 with both lines (JSON would keep only the last)", async () => {
    const file = path.join(tempDir(), "config.json");
    writeFileSync(
      file,
      '{\n  "overrides": {\n    "pin": { "alpha": ["src/orders/**"] },\n' +
        '    "pin": { "beta": ["src/billing/**"] }\n  }\n}\n',
    );
    const r = await runCli(["analyze", repo, "--config", file, "--quiet"]);
    expect([r.code, r.stderr]).toEqual([
      2,
      `faultline: ${file}:4: key "overrides.pin" appears twice (first at line 3): JSON would keep only the last\n`,
    ]);
  });
});

describe("explain's file argument", () => {
  it("is a path from the current folder when it names a file there, else from the repository", () => {
    const from = (cwd: string, file: string) => runBin(["explain", file, "--repo", repo, "--quiet"], { cwd });
    const root = from(path.dirname(repo), "src/orders/order.ts");
    expect(root.code, root.stderr).toBe(0);
    expect(root.stdout).toMatch(/^src\/orders\/order\.ts /);
    for (const [cwd, file] of [
      [repo, "./src/orders/order.ts"],
      [path.join(repo, "src"), "orders/order.ts"],
      [path.dirname(repo), path.join(path.basename(repo), "src/orders/order.ts")],
    ])
      expect(from(cwd, file).stdout, `${file} from ${cwd}`).toBe(root.stdout);
  });
});

describe("explain given a misspelt file", () => {
  it("is exit 2 with one line suggesting the analysed file meant", async () => {
    const r = await runCli(["explain", "src/orders/ordr.ts", "--repo", repo, "--quiet"]);
    expect(r.code).toBe(2);
    const errors = r.stderr.split("\n").filter((line) => line.startsWith("faultline:"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^faultline: src\/orders\/ordr\.ts: not among the analysed files of /);
    expect(errors[0]).toContain('; did you mean "src/orders/order.ts"? (');
    // typed from a folder of the repository
    const fromSrc = runBin(["explain", "orders/ordr.ts", "--repo", repo, "--quiet"], { cwd: path.join(repo, "src") });
    expect(fromSrc.code).toBe(2);
    expect(fromSrc.stderr).toContain('; did you mean "src/orders/order.ts"? (');
  });
});

describe("explain given a service", () => {
  it("is exit 2 with one line saying it takes a file of it, and which command speaks of a service", async () => {
    const out = tempDir();
    expect((await runCli(["analyze", repo, "--out", out, "--quiet"])).code).toBe(0);
    const analysis = JSON.parse(readFileSync(path.join(out, "analysis.json"), "utf8")) as Analysis;
    const [service] = analysis.services;
    const r = await runCli(["explain", service.id, "--repo", repo, "--analysis", out, "--quiet"]);
    expect([r.code, r.stderr]).toEqual([
      2,
      `faultline: ${service.id}: a service, not a file: explain takes one of its files (${service.files[0]}, ...); ` +
        `\`faultline contract ${service.id}\` prints what it provides and requires, ` +
        "services.md its modules and files\n",
    ]);
  });
});

describe("contract given a misspelt service", () => {
  it("is exit 2 with one line suggesting the service meant", async () => {
    const out = tempDir();
    expect((await runCli(["analyze", repo, "--out", out, "--quiet"])).code).toBe(0);
    const analysis = JSON.parse(readFileSync(path.join(out, "analysis.json"), "utf8")) as Analysis;
    const id = analysis.services[0].id;
    const typo = `${id.slice(0, 1)}x${id.slice(1)}`; // one letter too many
    const r = await runCli(["contract", typo, "--repo", repo, "--analysis", out, "--quiet"]);
    const all = analysis.services.map((s) => s.id).join(", ");
    expect([r.code, r.stderr]).toEqual([
      2,
      `faultline: ${typo}: no such service; did you mean "${id}"? (services: ${all})\n`,
    ]);
  });
});

describe("--include and --exclude globs", () => {
  it("one that matches no file is a warning naming it; none in scope at all is exit 2 naming them", async () => {
    const out = tempDir();
    const r = await runCli([
      ...["analyze", repo, "--out", out, "--quiet", "--include", "src/**", "--include", "src/ordres/**"],
      ...["--exclude", "src/nothing/**"],
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.split("\n").filter((l) => l.includes(" glob "))).toEqual([
      'warning: include glob "src/ordres/**" matches no TypeScript file a tsconfig includes ' +
        "(--include or the config's include)",
      'warning: exclude glob "src/nothing/**" matches no TypeScript file a tsconfig includes ' +
        "(--exclude or the config's exclude)",
    ]);
    const none = await runCli(["analyze", repo, "--out", out, "--quiet", "--include", "src/orders"]);
    expect([none.code, none.stderr]).toEqual([
      2,
      `faultline: ${repo}: no TypeScript files in scope (include src/orders; tsconfigs: tsconfig.json)\n`,
    ]);
  });
});

describe("flag values that leave nothing to analyse", () => {
  it("--since not before --until, empty --weights, or every weight 0 is exit 2 with one line", async () => {
    const run = (...flags: string[]) => runCli(["analyze", repo, "--out", tempDir(), "--quiet", ...flags]);
    expect(await run("--since", "2025-06-01", "--until", "2024-01-01")).toMatchObject({
      code: 2,
      stderr: "faultline: --since 2025-06-01 is not before --until 2024-01-01: no commit could be in between\n",
    });
    expect(await run("--weights", "")).toMatchObject({
      code: 2,
      stderr: "faultline: --weights: empty (expected structural=W,cochange=W,ownership=W,semantic=W)\n",
    });
    expect(await run("--weights", "structural=0,cochange=0,ownership=0,semantic=0")).toMatchObject({
      code: 2,
      stderr: "faultline: --weights or the config's weights: every signal is 0, so nothing ties any two files\n",
    });
  });
});

describe("usage errors", () => {
  it("are one line naming the option or command, with commander's suggestion, exit 2", async () => {
    expect(await runCli(["analyze", repo, "--teir", "server"])).toMatchObject({
      code: 2,
      stderr: "faultline: unknown option '--teir' (did you mean --tier?) (see --help)\n",
    });
    expect(await runCli(["anlyze", repo])).toMatchObject({
      code: 2,
      stderr: "faultline: unknown command 'anlyze' (did you mean analyze?) (see --help)\n",
    });
  });

  it("say that a glob may have been expanded by the shell when arguments are left over", async () => {
    // what `--include src/*.ts` unquoted becomes in a shell: the matches, the first one as the glob
    expect(await runCli(["analyze", repo, "--include", "src/a.ts", "src/b.ts", "src/c.ts"])).toMatchObject({
      code: 2,
      stderr:
        "faultline: too many arguments for 'analyze'. Expected 1 argument but got 3. " +
        "(a glob the shell expanded? quote it, e.g. --include 'src/**') (see --help)\n",
    });
    // report takes no glob: no such hint
    expect(await runCli(["report", "a.json", "b.json"])).toMatchObject({
      code: 2,
      stderr: "faultline: too many arguments for 'report'. Expected 1 argument but got 2. (see --help)\n",
    });
  });
});

describe("a command group named alone", () => {
  it("prints its help on stdout with exit 0, as --help does (faultline, faultline proposal)", async () => {
    for (const group of [[], ["proposal"]]) {
      const help = await runCli([...group, "--help"]);
      expect(help).toMatchObject({ code: 0, stderr: "" });
      expect(help.stdout).toContain(`Usage: ${["faultline", ...group].join(" ")} [options] [command]`);
      expect(await runCli(group)).toEqual(help);
    }
    // a subcommand it does not have is still a usage error
    expect(await runCli(["proposal", "exprot"])).toMatchObject({
      code: 2,
      stderr: "faultline: unknown command 'exprot' (did you mean export?) (see --help)\n",
    });
  });
});

describe("what TypeScript says of a tsconfig", () => {
  /** The files in one commit; analyze's stderr with the --include globs given (exit 0 expected). */
  const repoOf = (files: Record<string, string>) => oneCommitRepo(files);
  const warningsOf = async (dir: string, ...include: string[]) => {
    const r = await runCli([
      "analyze",
      dir,
      "--out",
      tempDir(),
      "--quiet",
      ...include.flatMap((g) => ["--include", g]),
    ]);
    expect(r.code, r.stderr).toBe(0);
    return r.stderr;
  };

  it("is warned about for the configs that own analysed files, not for packages --include leaves out", async () => {
    const vue = '{ "extends": "@faultline-test/vue-missing/tsconfig.json", "include": ["src"] }';
    const files: Record<string, string> = {
      "apps/api/tsconfig.json": TSCONFIG,
      "apps/api/src/order.ts": "export const order = 1;\n",
      "apps/api/src/checkout.ts": 'import { order } from "./order";\nexport const checkout = order;\n',
      "packages/vue/tsconfig.json": vue,
      "packages/vue/src/widget.ts": "export const widget = 1;\n",
    };
    const dir = repoOf(files);
    // by hand: the extends string starts at line 1, column 14
    const warning =
      "warning: packages/vue/tsconfig.json:1:14: File '@faultline-test/vue-missing/tsconfig.json' not found. " +
      "(not installed? continuing with the rest of the config)";
    expect((await warningsOf(dir)).split("\n")).toContain(warning);
    expect(await warningsOf(dir, "apps/api/**")).not.toContain("vue-missing");
  });

  it("is warned about for a base two packages extend, whichever of them is analysed", async () => {
    const pkg = '{ "extends": "../../tsconfig.base.json", "include": ["src"] }';
    const files: Record<string, string> = {
      "tsconfig.base.json": '{ "extends": "@faultline-test/base-missing/tsconfig.json" }',
      "packages/a/tsconfig.json": pkg,
      "packages/a/src/a.ts": "export const a = 1;\n",
      "packages/b/tsconfig.json": pkg,
      "packages/b/src/b.ts": "export const b = 1;\n",
    };
    const dir = repoOf(files);
    // TypeScript reads the base once, for the first package, and says its problem there alone; by hand, the
    // extends string starts at column 14
    for (const only of ["packages/a/**", "packages/b/**"]) {
      expect(await warningsOf(dir, only), only).toContain(
        "warning: tsconfig.base.json:1:14: File '@faultline-test/base-missing/tsconfig.json' not found.",
      );
    }
  });
});
