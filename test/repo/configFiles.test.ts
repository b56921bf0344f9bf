import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readConfigListings } from "../../src/repo/configFiles.js";
import { parseJsonc } from "../../src/repo/jsonc.js";
import { initialTsconfigs, isDeclarationFile, JS_EXT, selectScopeFiles, TS_EXT } from "../../src/repo/scopeFiles.js";
import { isGitWorkTree, listVisibleFiles } from "../../src/repo/visibleFiles.js";
import type * as ScopeModule from "../../src/repo/scope.js";
import type * as TsconfigsModule from "../../src/repo/tsconfigs.js";
import { FIXTURES, PROJECT, tempDir } from "../helpers/cli.js";
import { TSCONFIG_CASES, writeCase } from "../../scripts/tsconfig-cases.mjs";

const quiet = { warn() {}, progress() {} };
const collecting = (into: string[]) => ({ warn: (m: string) => into.push(m), progress() {} });
// the reference side loads TypeScript through a CommonJS module, which vitest does not transform:
// it comes from the build (npm test builds dist/ first)
const { discoverRepo } = (await import(path.join(PROJECT, "dist/repo/scope.js"))) as typeof ScopeModule;
const { loadTsconfigs, visibleParseHost, warnOnce } = (await import(
  path.join(PROJECT, "dist/repo/tsconfigs.js")
)) as typeof TsconfigsModule;

/**
 * The files each tsconfig lists, and the scope chosen from them, read without TypeScript, must
 * be what TypeScript's own parse gives (the reference: ts.parseJsonSourceFileConfigFileContent).
 * Declaration files never count, JavaScript only where allowJs is set; compared on those.
 */
function compare(root: string) {
  // the files as discoverRepo sees them (fixtures sit inside this repo's git work tree)
  const visible = listVisibleFiles(root, isGitWorkTree(root));
  const initial = initialTsconfigs(root, undefined, visible);
  const fastWarnings: string[] = [];
  const fast = readConfigListings(root, initial, visible, fastWarnings);
  if (!fast) return "fallback";
  const warnings: string[] = [];
  const loaded = loadTsconfigs(root, initial, visibleParseHost(root, visible));
  // every config's warnings, each once, as the scope gives them when every config owns analysed files
  warnOnce(loaded, () => true, collecting(warnings));
  const reference = loaded.tsconfigs;
  // what TypeScript warns about (a package `extends` it cannot find), word for word and where
  expect(fastWarnings).toEqual(warnings);
  expect(fast.map((c) => c.path).sort()).toEqual(reference.map((c) => c.path).sort());
  for (const ref of reference) {
    const mine = fast.find((c) => c.path === ref.path)!;
    const counted = (files: string[], allowJs: boolean) =>
      files
        .map((f) => path.relative(root, f).split(path.sep).join("/"))
        .filter((f) => !isDeclarationFile(f) && (TS_EXT.test(f) || (allowJs && JS_EXT.test(f))))
        .sort();
    expect(mine.allowJs, ref.path).toBe(!!ref.options.allowJs);
    expect(counted(mine.fileNames, mine.allowJs), ref.path).toEqual(counted(ref.fileNames, !!ref.options.allowJs));
  }
  const scope = selectScopeFiles(root, fast, new Set(visible), {}, (t) => t.allowJs).files.map((f) => f.path);
  expect(scope).toEqual(discoverRepo(root, {}, quiet).files.map((f) => f.path));
  return "same";
}

/** Every folder of fixtures/graph that holds a tsconfig, as its own repo root. */
function fixtureRoots(): string[] {
  const roots: string[] = [];
  const walk = (dir: string) => {
    const entries = readdirSync(dir);
    if (entries.some((e) => /^tsconfig.*\.json$/.test(e))) roots.push(dir);
    else
      for (const e of entries)
        if (statSync(path.join(dir, e)).isDirectory() && e !== "node_modules") walk(path.join(dir, e));
  };
  walk(path.join(FIXTURES, "graph"));
  return roots;
}

/** A case of scripts/tsconfig-cases.mjs, written into a fresh folder. */
function caseRoot(name: string): string {
  const root = tempDir();
  writeCase(root, TSCONFIG_CASES[name]);
  return root;
}

/** The reader's answer for a folder that is not a git work tree. */
function fast(root: string, warnings: string[] = []) {
  const visible = listVisibleFiles(root, false);
  return readConfigListings(root, initialTsconfigs(root, undefined, visible), visible, warnings);
}

describe("tsconfig file lists without TypeScript", () => {
  it("match TypeScript's on every graph fixture, or leave the fixture to TypeScript", () => {
    const outcomes = new Map<string, string>();
    for (const root of fixtureRoots()) outcomes.set(path.relative(FIXTURES, root), compare(root));
    // the plain ones are read without TypeScript, an extends of a package this project's
    // node_modules does not hold too (with TypeScript's warning); broken JSON and an extends loop
    // are left to TypeScript
    expect(outcomes.get("graph/basic")).toBe("same");
    expect(outcomes.get("graph/workspaces-pnpm/apps/web")).toBe("same");
    expect(outcomes.get("graph/bad-tsconfig-json")).toBe("fallback");
    expect(outcomes.get("graph/extends-cycle")).toBe("fallback");
    expect(outcomes.get("graph/tsconfigs")).toBe("same");
    expect([...outcomes.values()].filter((o) => o === "same").length).toBeGreaterThanOrEqual(15);
  });

  it("match TypeScript's on wildcards, excludes, extends chains, priorities and references", () => {
    expect(compare(caseRoot("wildcards"))).toBe("same");
  });

  it("match TypeScript's where its steps depend on order, and on references to folders", () => {
    expect(compare(caseRoot("order"))).toBe("same");
    expect(compare(caseRoot("folder-reference"))).toBe("same");
  });

  it("match TypeScript's on the corners of its wildcard grammar", () => {
    expect(compare(caseRoot("wildcard-corners"))).toBe("same");
  });

  it("leave to TypeScript the configs it rejects or reads its own way", () => {
    for (const name of ["dotdot-after-recursion", "trailing-recursion", "jsconfig-reference", "null-reset", "not-json"])
      expect(fast(caseRoot(name)), name).toBeUndefined();
  });

  it("skip an extends of a package that is not installed, with TypeScript's warning at its line and column", () => {
    const root = caseRoot("missing-packages");
    expect(compare(root)).toBe("same");
    const warnings: string[] = [];
    fast(root, warnings);
    // by hand, configs in path order: lib's value starts at column 32; the root's array's second
    // element at column 30 of line 3, warned about before the base is read
    expect(warnings).toEqual([
      "lib/tsconfig.json:1:32: File '@faultline-test/missing-c' not found. (not installed? continuing with the rest " +
        "of the config)",
      "tsconfig.json:3:30: File '@faultline-test/missing-a/tsconfig.json' not found. (not installed? continuing " +
        "with the rest of the config)",
      "base.json:1:14: File '@faultline-test/missing-b' not found. (not installed? continuing with the rest of the " +
        "config)",
    ]);
  });

  it(
    "follow an extends of an installed package as TypeScript does: a .json in it, its tsconfig.json, name.json, " +
      "further up",
    () => {
      const root = caseRoot("installed-packages");
      expect(compare(root)).toBe("same");
      expect(compare(caseRoot("linked-package"))).toBe("same");
      const warnings: string[] = [];
      const listings = fast(root, warnings)!;
      expect(warnings).toEqual([
        "tools/tsconfig.json:1:14: File '@faultline-test/absent/tsconfig.json' not found. (not installed? continuing " +
          "with the rest of the config)",
      ]);
      // by hand: the root takes src/ and lib/ from the bare package, JavaScript from the other base
      const names = (p: string) =>
        listings
          .find((l) => l.path === p)!
          .fileNames.map((f) => path.relative(root, f).split(path.sep).join("/"))
          .sort();
      expect(names("tsconfig.json")).toEqual(["lib/l.ts", "src/a.ts", "src/b.js"]);
      expect(names("web/tsconfig.json")).toEqual(["web/w.js"]);
      expect(names("app/tsconfig.json")).toEqual(["app/p.js"]);
    },
  );

  it(
    "leave to TypeScript what they do not follow: packages with exports or a tsconfig field, self-references, " +
      "broken JSON",
    () => {
      for (const name of [
        "package-exports",
        "package-tsconfig-field",
        "package-types-versions",
        "package-dotted-name",
        "extends-twice",
        "self-exports",
      ])
        expect(fast(caseRoot(name)), name).toBeUndefined();
      // without exports the name is not resolved: skipped
      expect(fast(caseRoot("self-without-exports"))).toHaveLength(1);
      expect(parseJsonc(`{ "a": [1, 2,], /* c */ "b": "x,}" // d\n }`)).toEqual({ a: [1, 2], b: "x,}" });
      expect(parseJsonc(`{ "a": 1 `)).toBeUndefined();
      // a comma is dropped only after a value: `{,}` and `[1,,]` stay broken, as TypeScript reads them
      expect(parseJsonc(`{,}`)).toBeUndefined();
      expect(parseJsonc(`[1,,]`)).toBeUndefined();
      expect(parseJsonc(`{ "a": { "b": 1 , /* x */ }\t,\n}`)).toEqual({ a: { b: 1 } });
      // a `//` comment ends at a carriage return, as TypeScript reads it; at U+2028 for TypeScript
      // only (jsonc-parser reads on): left to it; a byte order mark is not part of the text
      expect(parseJsonc(`{"a": 1, // c\r"b": 2\n}`)).toEqual({ a: 1, b: 2 });
      expect(parseJsonc(`{"a": 1 // c\u2028, "b": 2\n}`)).toBeUndefined();
      expect(parseJsonc(`\ufeff{"a": 1, // x\n}`)).toEqual({ a: 1 });
    },
  );
});
