import { readdirSync, statSync, symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readConfigListings } from "../../src/repo/configFiles.js";
import { parseJsonc } from "../../src/repo/jsonc.js";
import { initialTsconfigs, isDeclarationFile, JS_EXT, selectScopeFiles, TS_EXT } from "../../src/repo/scopeFiles.js";
import { isGitWorkTree, listVisibleFiles } from "../../src/repo/visibleFiles.js";
import type * as ScopeModule from "../../src/repo/scope.js";
import type * as TsconfigsModule from "../../src/repo/tsconfigs.js";
import { FIXTURES, PROJECT, tempDir } from "../helpers/cli.js";
import { writeTree } from "../helpers/repo.js";

const quiet = { warn() {}, progress() {} };
const collecting = (into: string[]) => ({ warn: (m: string) => into.push(m), progress() {} });
// the reference side loads TypeScript through a CommonJS module, which vitest does not transform:
// it comes from the build (npm test builds dist/ first)
const { discoverRepo } = (await import(path.join(PROJECT, "dist/repo/scope.js"))) as typeof ScopeModule;
const { loadTsconfigs, visibleParseHost } = (await import(
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
  const reference = loadTsconfigs(root, initial, visibleParseHost(root, visible), collecting(warnings));
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
  const scope = selectScopeFiles(root, fast, new Set(visible), {}, (t) => t.allowJs).map((f) => f.path);
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
    const root = tempDir();
    const ts = (name: string): [string, string] => [name, `export const x = ${JSON.stringify(name)};\n`];
    writeTree(root, {
      ...Object.fromEntries(
        [
          "src/a.ts",
          "src/a.tsx",
          "src/a.d.ts",
          "src/b.tsx",
          "src/b.js",
          "src/c.js",
          "src/c.d.ts",
          "src/d.mts",
          "src/d.mjs",
          "src/e.cts",
          "src/e.d.cts",
          "src/e.cjs",
          "src/x.min.js",
          "src/.hidden/h.ts",
          "src/node_modules/pkg/index.ts",
          "src/deep/er/f.ts",
          "src/deep/er/f.test.ts",
          "src/gen/g1.ts",
          "src/gen/g2.ts",
          "src/q1.ts",
          "src/q22.ts",
          "out/o.ts",
          "lib/l.ts",
          "lib/sub/l2.ts",
          "explicit/only.ts",
          "explicit/other.ts",
          "pkgs/one/src/p.ts",
          "pkgs/one/dist/p.ts",
          "pkgs/two/src/t.ts",
          "pkgs/two/src/t.js",
          "pkgs/two/types/t2.ts",
          "tools/.config/c.ts",
          "tools/t.ts",
        ].map(ts),
      ),
      "tsconfig.json": `{
        // comments and trailing commas, as people write them
        "extends": ["./configs/base.json", "./configs/js"],
        "compilerOptions": { "outDir": "out", },
        "include": ["src/**/*", "lib", "src/q?.ts", "${"$"}{configDir}/tools/*.ts"],
        "exclude": ["src/gen/g2.ts", "**/*.test.ts", "out"],
        "files": ["explicit/only.ts"],
        "references": [{ "path": "./pkgs/one" }, { "path": "./pkgs/two/tsconfig.lib.json" }, { "path": "./missing" }],
      }`,
      "configs/base.json":
        `{ "compilerOptions": { "allowJs": false, "declarationDir": "../decl" }, "exclude": ` + `["../nothing"] }`,
      "configs/js.json": `{ "compilerOptions": { "allowJs": true } }`,
      "pkgs/one/tsconfig.json": `{ "extends": "../../configs/inherit.json", "compilerOptions": { "outDir": "dist" } }`,
      "configs/inherit.json": `{ "include": ["../pkgs/one/src", "../pkgs/one/dist"] }`,
      "pkgs/two/tsconfig.lib.json":
        `{ "compilerOptions": { "allowJs": true }, "include": ["src/*", ` + `"types/**/t?.ts"] }`,
      "tools/tsconfig.json": `{ "include": ["**/*"] }`,
    });
    expect(compare(root)).toBe("same");
  });

  it("match TypeScript's where its steps depend on order, and on references to folders", () => {
    const x = "export const x = 1;\n";
    // TypeScript meets a.js (first include) before a.d.ts (second), and a.d.ts then drops it
    const order = tempDir();
    writeTree(order, {
      "tsconfig.json": `{"compilerOptions":{"allowJs":true},"include":["src/**/*.js","src/**/*.ts"]}`,
      "src/a.js": x,
      "src/a.d.ts": "export declare const x: number;\n",
      "src/b.ts": x,
    });
    expect(compare(order)).toBe("same");
    // a reference not ending in .json names a folder, even when a file has that name
    const refs = tempDir();
    writeTree(refs, {
      "tsconfig.json": `{"include":["src"],"references":[{"path":"./tsconfig.web"}]}`,
      "tsconfig.web": `{"include":["web"]}`,
      "src/a.ts": x,
      "web/w.ts": x,
    });
    expect(compare(refs)).toBe("same");
  });

  it("leave to TypeScript the configs it rejects or reads its own way", () => {
    const x = "export const x = 1;\n";
    const fast = (files: Record<string, string>) => {
      const root = tempDir();
      writeTree(root, files);
      const visible = listVisibleFiles(root, false);
      return readConfigListings(root, initialTsconfigs(root, undefined, visible), visible);
    };
    expect(
      fast({ "tsconfig.json": `{"include":["src"],"exclude":["src/**/../gen"]}`, "src/gen/g.ts": x }),
    ).toBeUndefined();
    expect(fast({ "tsconfig.json": `{"include":["src/**"]}`, "src/a.ts": x })).toBeUndefined();
    expect(
      fast({
        "tsconfig.json": `{"include":["src"],"references":[{"path":"./web/jsconfig.json"}]}`,
        "web/jsconfig.json": "{}",
        "src/a.ts": x,
      }),
    ).toBeUndefined();
    expect(
      fast({
        "base.json": `{"compilerOptions":{"allowJs":true}}`,
        "tsconfig.json": `{"extends":"./base.json","compilerOptions":{"allowJs":null}}`,
        "src/a.ts": x,
      }),
    ).toBeUndefined();
    expect(fast({ "tsconfig.json": `{,}`, "src/a.ts": x })).toBeUndefined();
  });

  it("skip an extends of a package that is not installed, with TypeScript's warning at its line and column", () => {
    const x = "export const x = 1;\n";
    const root = tempDir();
    writeTree(root, {
      // a byte order mark, CRLF line ends and a comment before the extends: the column still TypeScript's
      "tsconfig.json":
        `\ufeff{\r\n  // base first\r\n  "extends": ["./base.json", ` +
        `"@faultline-test/missing-a/tsconfig.json"],\r\n  "include": ["src"]\r\n}`,
      // a base that extends a missing package itself, and sets what the file list depends on
      "base.json":
        `{ "extends":\t"@faultline-test/missing-b", "compilerOptions": { "allowJs": true, "outDir": ` + `"out" } }`,
      // the same missing package again: warned about once
      "web/tsconfig.json": `{ "include": ["**/*"], "extends": "@faultline-test/missing-a/tsconfig.json" }`,
      "lib/tsconfig.json": `{ "include": ["."], "extends": "@faultline-test/missing-c" }`,
      "src/a.ts": x,
      "src/b.js": x,
      "out/o.ts": x,
      "web/w.ts": x,
      "lib/l.ts": x,
    });
    expect(compare(root)).toBe("same");
    const warnings: string[] = [];
    const visible = listVisibleFiles(root, false);
    readConfigListings(root, initialTsconfigs(root, undefined, visible), visible, warnings);
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
      const x = "export const x = 1;\n";
      const root = tempDir();
      writeTree(root, {
        "tsconfig.json":
          `{ "extends": ["@faultline-test/base/tsconfig.lib.json", "faultline-test-bare"], ` +
          `"compilerOptions": { "outDir": "out" } }`,
        // allowJs from a .json file named in the package
        "node_modules/@faultline-test/base/package.json": `{ "name": "@faultline-test/base", "main": "index.js" }`,
        "node_modules/@faultline-test/base/tsconfig.lib.json": `{ "compilerOptions": { "allowJs": true } }`,
        // a bare name: the package's own tsconfig.json, whose include is relative to where it lies
        "node_modules/faultline-test-bare/tsconfig.json": `{ "include": ["../../src/**/*", "../../lib"] }`,
        // a package that is a file, name.json, and one only in a node_modules further up
        "web/tsconfig.json": `{ "extends": "faultline-test-file", "include": ["."] }`,
        "node_modules/faultline-test-file.json": `{ "compilerOptions": { "allowJs": true } }`,
        "app/node_modules/.keep": "",
        "app/tsconfig.json": `{ "extends": "@faultline-test/base/tsconfig.lib.json", "include": ["**/*"] }`,
        // not there at all, though node_modules are: TypeScript warns and goes on
        "tools/tsconfig.json": `{ "extends": "@faultline-test/absent/tsconfig.json", "include": ["."] }`,
        "src/a.ts": x,
        "src/b.js": x,
        "lib/l.ts": x,
        "out/o.ts": x,
        "web/w.js": x,
        "app/p.js": x,
        "tools/t.ts": x,
      });
      expect(compare(root)).toBe("same");
      // a symlinked package (pnpm's layout), whose include is relative to where the link is
      const linked = tempDir();
      writeTree(linked, {
        "tsconfig.json": `{ "extends": "faultline-test-linked/tsconfig.json" }`,
        "vendor/store/faultline-test-linked/tsconfig.json":
          `{ "include": ["../../src"], "compilerOptions": { ` + `"allowJs": true } }`,
        "src/a.ts": x,
        "src/b.js": x,
        "node_modules/.keep": "",
      });
      symlinkSync(
        path.join(linked, "vendor/store/faultline-test-linked"),
        path.join(linked, "node_modules/faultline-test-linked"),
        "dir",
      );
      expect(compare(linked)).toBe("same");
      const warnings: string[] = [];
      const visible = listVisibleFiles(root, false);
      const listings = readConfigListings(root, initialTsconfigs(root, undefined, visible), visible, warnings)!;
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
      const fast = (files: Record<string, string>) => {
        const root = tempDir();
        writeTree(root, { "src/a.ts": "export {};\n", ...files });
        const visible = listVisibleFiles(root, false);
        return readConfigListings(root, initialTsconfigs(root, undefined, visible), visible);
      };
      const base = `{ "compilerOptions": { "allowJs": true } }`;
      const ext = (spec: string) => `{ "extends": "${spec}", "include": ["src"] }`;
      // package.json exports, a tsconfig field, typesVersions; a name with a dot (TypeScript swaps its extension first)
      expect(
        fast({
          "tsconfig.json": ext("faultline-test-base"),
          "node_modules/faultline-test-base/package.json": `{ "exports": { ".": "./tsconfig.json" } }`,
          "node_modules/faultline-test-base/tsconfig.json": base,
        }),
      ).toBeUndefined();
      expect(
        fast({
          "tsconfig.json": ext("faultline-test-base"),
          "node_modules/faultline-test-base/package.json": `{ "tsconfig": "./base.json" }`,
          "node_modules/faultline-test-base/base.json": base,
        }),
      ).toBeUndefined();
      expect(
        fast({
          "tsconfig.json": ext("faultline-test-base/b"),
          "node_modules/faultline-test-base/package.json": `{ "typesVersions": {} }`,
          "node_modules/faultline-test-base/b.json": base,
        }),
      ).toBeUndefined();
      expect(
        fast({
          "tsconfig.json": ext("faultline-test-base/tsconfig.base"),
          "node_modules/faultline-test-base/tsconfig.base.json": base,
        }),
      ).toBeUndefined();

      // given twice, TypeScript reads (and warns about) both
      expect(
        fast({
          "tsconfig.json": `{ "extends": "@faultline-test/x", "include": ["src"], "extends": "@faultline-test/y" }`,
        }),
      ).toBeUndefined();
      // the package's own name, which its exports resolve
      expect(
        fast({
          "tsconfig.json": `{ "extends": "@faultline-test/self/base.json" }`,
          "package.json": `{ "name": "@faultline-test/self", "exports": { "./base.json": "./base.json" } }`,
          "base.json": base,
        }),
      ).toBeUndefined();
      // without exports the name is not resolved: skipped
      expect(
        fast({
          "tsconfig.json": `{ "extends": "@faultline-test/self/base.json" }`,
          "package.json": `{ "name": "@faultline-test/self" }`,
          "base.json": base,
        }),
      ).toHaveLength(1);
      expect(parseJsonc(`{ "a": [1, 2,], /* c */ "b": "x,}" // d\n }`)).toEqual({ a: [1, 2], b: "x,}" });
      expect(parseJsonc(`{ "a": 1 `)).toBeUndefined();
      // a comma is dropped only after a value: `{,}` and `[1,,]` stay broken, as TypeScript reads them
      expect(parseJsonc(`{,}`)).toBeUndefined();
      expect(parseJsonc(`[1,,]`)).toBeUndefined();
      expect(parseJsonc(`{ "a": { "b": 1 , /* x */ }\t,\n}`)).toEqual({ a: { b: 1 } });
    },
  );
});
