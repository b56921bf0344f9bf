// The tsconfig trees test/repo/configFiles.test.ts checks the TypeScript-free reader on, and
// bench/tsconfig-readers.mjs compares the tsconfig libraries on. Plain JavaScript so that both
// vitest and plain node can load it. Each case is a folder: files (path -> content) and links
// (link path -> target path, both relative to the folder).
import { symlinkSync } from "node:fs";
import path from "node:path";
import { writeTree } from "./fixture-repo.mjs";

const x = "export const x = 1;\n";
const named = (name) => [name, `export const x = ${JSON.stringify(name)};\n`];
const base = `{ "compilerOptions": { "allowJs": true } }`;
const ext = (spec) => `{ "extends": "${spec}", "include": ["src"] }`;

/** @type {Record<string, { files: Record<string, string>, links?: Record<string, string> }>} */
export const TSCONFIG_CASES = {
  // wildcards, excludes, extends chains, priorities and references
  wildcards: {
    files: {
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
        ].map(named),
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
    },
  },
  // TypeScript meets a.js (first include) before a.d.ts (second), and a.d.ts then drops it
  order: {
    files: {
      "tsconfig.json": `{"compilerOptions":{"allowJs":true},"include":["src/**/*.js","src/**/*.ts"]}`,
      "src/a.js": x,
      "src/a.d.ts": "export declare const x: number;\n",
      "src/b.ts": x,
    },
  },
  // a reference not ending in .json names a folder, even when a file has that name
  "folder-reference": {
    files: {
      "tsconfig.json": `{"include":["src"],"references":[{"path":"./tsconfig.web"}]}`,
      "tsconfig.web": `{"include":["web"]}`,
      "src/a.ts": x,
      "web/w.ts": x,
    },
  },
  // corners of the wildcard grammar: `?` and `*` at the start of a name (never a dot for `?`; `*`
  // may match nothing), a wildcard name beside bower_components, a literal .json in include
  "wildcard-corners": {
    files: {
      "question/tsconfig.json": `{"include":["src/?b.ts"]}`,
      "question/src/ab.ts": x,
      "question/src/.b.ts": x,
      "star/tsconfig.json": `{"include":["src/*.ts"]}`,
      "star/src/a.ts": x,
      "star/src/.ts": x,
      "bower/tsconfig.json": `{"include":["bower*/*.ts"]}`,
      "bower/bower_components/b.ts": x,
      "bower/bowers/c.ts": x,
      "json/tsconfig.json": `{"compilerOptions":{"resolveJsonModule":true},"include":["src/*.ts","src/*.json"]}`,
      "json/src/a.ts": x,
      "json/src/data.json": "{}\n",
    },
  },
  // configs TypeScript rejects or reads its own way: the reader leaves them to it
  "dotdot-after-recursion": {
    files: { "tsconfig.json": `{"include":["src"],"exclude":["src/**/../gen"]}`, "src/gen/g.ts": x },
  },
  "trailing-recursion": { files: { "tsconfig.json": `{"include":["src/**"]}`, "src/a.ts": x } },
  "jsconfig-reference": {
    files: {
      "tsconfig.json": `{"include":["src"],"references":[{"path":"./web/jsconfig.json"}]}`,
      "web/jsconfig.json": "{}",
      "src/a.ts": x,
    },
  },
  "null-reset": {
    files: {
      "base.json": `{"compilerOptions":{"allowJs":true}}`,
      "tsconfig.json": `{"extends":"./base.json","compilerOptions":{"allowJs":null}}`,
      "src/a.ts": x,
    },
  },
  "not-json": { files: { "tsconfig.json": `{,}`, "src/a.ts": x } },
  // extends of packages that are not installed: TypeScript warns (at the value's line and column) and goes on
  "missing-packages": {
    files: {
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
    },
  },
  // extends of installed packages: a .json in it, its tsconfig.json, name.json, further up
  "installed-packages": {
    files: {
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
    },
  },
  // a symlinked package (pnpm's layout), whose include is relative to where the link is
  "linked-package": {
    files: {
      "tsconfig.json": `{ "extends": "faultline-test-linked/tsconfig.json" }`,
      "vendor/store/faultline-test-linked/tsconfig.json":
        `{ "include": ["../../src"], "compilerOptions": { ` + `"allowJs": true } }`,
      "src/a.ts": x,
      "src/b.js": x,
      "node_modules/.keep": "",
    },
    links: { "node_modules/faultline-test-linked": "vendor/store/faultline-test-linked" },
  },
  // packages the reader leaves to TypeScript: exports, a tsconfig field, typesVersions, a name
  // with a dot (TypeScript swaps its extension first)
  "package-exports": {
    files: {
      "tsconfig.json": ext("faultline-test-base"),
      "node_modules/faultline-test-base/package.json": `{ "exports": { ".": "./tsconfig.json" } }`,
      "node_modules/faultline-test-base/tsconfig.json": base,
      "src/a.ts": "export {};\n",
    },
  },
  "package-tsconfig-field": {
    files: {
      "tsconfig.json": ext("faultline-test-base"),
      "node_modules/faultline-test-base/package.json": `{ "tsconfig": "./base.json" }`,
      "node_modules/faultline-test-base/base.json": base,
      "src/a.ts": "export {};\n",
    },
  },
  "package-types-versions": {
    files: {
      "tsconfig.json": ext("faultline-test-base/b"),
      "node_modules/faultline-test-base/package.json": `{ "typesVersions": {} }`,
      "node_modules/faultline-test-base/b.json": base,
      "src/a.ts": "export {};\n",
    },
  },
  "package-dotted-name": {
    files: {
      "tsconfig.json": ext("faultline-test-base/tsconfig.base"),
      "node_modules/faultline-test-base/tsconfig.base.json": base,
      "src/a.ts": "export {};\n",
    },
  },
  // given twice, TypeScript reads (and warns about) both
  "extends-twice": {
    files: {
      "tsconfig.json": `{ "extends": "@faultline-test/x", "include": ["src"], "extends": "@faultline-test/y" }`,
      "src/a.ts": "export {};\n",
    },
  },
  // the package's own name, which its exports resolve; without exports the name is not resolved
  "self-exports": {
    files: {
      "tsconfig.json": `{ "extends": "@faultline-test/self/base.json" }`,
      "package.json": `{ "name": "@faultline-test/self", "exports": { "./base.json": "./base.json" } }`,
      "base.json": base,
      "src/a.ts": "export {};\n",
    },
  },
  "self-without-exports": {
    files: {
      "tsconfig.json": `{ "extends": "@faultline-test/self/base.json" }`,
      "package.json": `{ "name": "@faultline-test/self" }`,
      "base.json": base,
      "src/a.ts": "export {};\n",
    },
  },
};

/** Writes a case into `dir` (an empty folder). */
export function writeCase(dir, { files, links = {} }) {
  writeTree(dir, files);
  for (const [link, target] of Object.entries(links)) symlinkSync(path.join(dir, target), path.join(dir, link), "dir");
}
