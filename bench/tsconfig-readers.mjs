#!/usr/bin/env node
// `node bench/tsconfig-readers.mjs [--runs N] [--examples N] [--no-fixtures] REPO...`
// (or `npm run bench -- tsconfig-readers REPO...`)
// Every tsconfig of each repo read by faultline's TypeScript-free reader (src/repo/configFiles.ts
// and the files it uses), by get-tsconfig (getTsconfig + createFilesMatcher, as tsx uses them) and
// by TypeScript itself (ts.parseJsonConfigFileContent, the reference), and the JSON of those files
// read by faultline's parseJsonc, by jsonc-parser and by TypeScript. Prints, per source, how often
// each reader agrees with TypeScript, and how long each takes. See bench/README.md.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { TSCONFIG_CASES, writeCase } from "../scripts/tsconfig-cases.mjs";
import {
  BenchError,
  FAULTLINE_ROOT,
  checkBuild,
  loadAverage,
  makeTempDir,
  median,
  parseArgs,
  positiveInt,
  printTable,
  repoArg,
} from "./lib.mjs";

export const usage =
  "tsconfig-readers REPO... [--runs N] [--examples N] [--no-fixtures]   tsconfig and JSONC readers against TypeScript";

const dist = (p) => pathToFileURL(path.join(FAULTLINE_ROOT, "dist", p)).href;
const SELF = fileURLToPath(import.meta.url);
const CONFIG_DIR = "${configDir}";

/** Where the files of a folder come from: git's list in a work tree, else a walk (as faultline does). */
async function visibleFiles(root) {
  const { listVisibleFiles, isGitWorkTree } = await import(dist("repo/visibleFiles.js"));
  return listVisibleFiles(root, isGitWorkTree(root));
}

/** Every tsconfig*.json outside node_modules, as faultline discovers them (absolute). */
async function tsconfigsOf(root, visible) {
  const { initialTsconfigs } = await import(dist("repo/scopeFiles.js"));
  return initialTsconfigs(root, undefined, visible).map((p) => path.resolve(root, p));
}

/** JSON files the readers parse: tsconfigs, jsconfigs and package.json files (absolute). */
function jsonFilesOf(root, visible) {
  return visible
    .filter((p) => /^(tsconfig.*|jsconfig.*|package)\.json$/.test(path.posix.basename(p)))
    .map((p) => path.join(root, p));
}

const posix = (p) =>
  p
    .split(path.sep)
    .join("/")
    .replace(/(.)\/$/, "$1");
/** A spec or path option made absolute as TypeScript does: `${configDir}` is the config's folder. */
const absSpec = (dir, s) =>
  posix(s.startsWith(CONFIG_DIR) ? path.join(dir, s.slice(CONFIG_DIR.length)) : path.resolve(dir, s));
const absSpecs = (dir, list) => (Array.isArray(list) ? list.map((s) => absSpec(dir, String(s))) : undefined);

/**
 * What each reader says of one tsconfig, in one shape: outcome "ok" | "fallback" (faultline's
 * reader leaves it to TypeScript) | "error"; the effective include, exclude (with the default
 * excludes outDir and declarationDir), files, allowJs and outDir; the absolute file names.
 */
function settings({ dir, include, exclude, files, allowJs, outDir, declarationDir }) {
  const out = outDir === undefined ? undefined : absSpec(dir, outDir);
  const decl = declarationDir === undefined ? undefined : absSpec(dir, declarationDir);
  return {
    include: absSpecs(dir, include) ?? (files ? [] : [posix(path.join(dir, "**/*"))]),
    exclude: absSpecs(dir, exclude) ?? [out, decl].filter(Boolean),
    files: absSpecs(dir, files) ?? [],
    allowJs: allowJs === true,
    outDir: out ?? null,
  };
}

/** The tsconfig readers. Each: load() its modules, then session(root, visible)(abs) per config. */
const READERS = {
  typescript: {
    note: "ts.readConfigFile + ts.parseJsonConfigFileContent (TypeScript of @ts-morph/common), the reference",
    async load() {
      // the host faultline gives TypeScript: its own matchFiles on git's files (src/repo/tsconfigs.ts)
      const { ts } = await import("@ts-morph/common");
      const { visibleParseHost } = await import(dist("repo/tsconfigs.js"));
      return { ts, visibleParseHost };
    },
    session({ ts, visibleParseHost }, root, visible) {
      const host = visibleParseHost(root, visible);
      const extended = new Map();
      return (abs) => {
        const dir = path.dirname(abs);
        const { config, error } = ts.readConfigFile(abs, (f) => host.readFile(f));
        if (error) return { outcome: "error", why: ts.flattenDiagnosticMessageText(error.messageText, " ") };
        const parsed = ts.parseJsonConfigFileContent(config, host, dir, undefined, abs, undefined, undefined, extended);
        const loop = parsed.errors.find((e) => e.code === 18000);
        if (loop) return { outcome: "error", why: ts.flattenDiagnosticMessageText(loop.messageText, " ") };
        const { raw, options } = parsed;
        return {
          outcome: "ok",
          settings: settings({ dir, ...raw, allowJs: options.allowJs, ...paths(options) }),
          files: parsed.fileNames.map(posix),
          references: (parsed.projectReferences ?? []).map((r) => ts.resolveProjectReferencePath(r)),
        };
      };
    },
  },
  faultline: {
    note: "resolveConfig + fileNames (src/repo/tsconfigExtends.ts, tsconfigWildcards.ts), as readConfigListings",
    async load() {
      const { resolveConfig } = await import(dist("repo/tsconfigExtends.js"));
      const { codeFiles, fileNames } = await import(dist("repo/tsconfigWildcards.js"));
      return { resolveConfig, codeFiles, fileNames };
    },
    session({ resolveConfig, codeFiles, fileNames }, root, visible) {
      const code = codeFiles(root, visible);
      return (abs) => {
        const c = resolveConfig(abs, [], []);
        if (!c) return { outcome: "fallback" };
        return { outcome: "ok", settings: settings(c), files: fileNames(c, code).map(posix) };
      };
    },
  },
  "get-tsconfig": {
    note: "getTsconfig(dir, name, cache) + createFilesMatcher on each code file, as tsx uses them",
    async load() {
      const { getTsconfig, createFilesMatcher } = await import("get-tsconfig");
      const { codeFiles } = await import(dist("repo/tsconfigWildcards.js"));
      return { getTsconfig, createFilesMatcher, codeFiles };
    },
    session({ getTsconfig, createFilesMatcher, codeFiles }, root, visible) {
      const cache = new Map();
      // the matcher answers one file at a time: asked of every file some config could list
      const code = codeFiles(root, visible).files;
      return (abs) => {
        let found;
        try {
          found = getTsconfig(path.dirname(abs), path.basename(abs), cache);
        } catch (e) {
          return { outcome: "error", why: e instanceof Error ? e.message : String(e) };
        }
        if (!found || found.path !== abs) return { outcome: "error", why: `getTsconfig found ${found?.path}` };
        const { config } = found;
        const opts = config.compilerOptions ?? {};
        const matches = createFilesMatcher(found);
        // beyond the code files, the matcher takes only what `files` names: asked of those too
        const listed = (config.files ?? []).map((f) => absSpec(path.dirname(abs), f)).filter((f) => !code.includes(f));
        return {
          outcome: "ok",
          settings: settings({ dir: path.dirname(abs), ...config, allowJs: opts.allowJs, ...paths(opts) }),
          files: [...listed, ...code].filter((f) => matches(f)),
        };
      };
    },
  },
};

const paths = (o) => ({ outDir: o.outDir, declarationDir: o.declarationDir });

/** The JSONC readers: each gives the value of a text, or "error". */
const JSONC_READERS = {
  typescript: {
    note: "ts.parseConfigFileTextToJson (error: a syntax error)",
    async load() {
      const { ts } = await import("@ts-morph/common");
      return (text) => {
        const { config, error } = ts.parseConfigFileTextToJson("/x/tsconfig.json", text);
        return error ? "error" : config;
      };
    },
  },
  faultline: {
    note: "parseJsonc (src/repo/jsonc.ts; error: undefined)",
    async load() {
      const { parseJsonc } = await import(dist("repo/jsonc.js"));
      return (text) => parseJsonc(text) ?? "error";
    },
  },
  "jsonc-parser": {
    note: "parse(text, errors, { allowTrailingComma: true }) (error: any ParseError)",
    async load() {
      const { parse } = await import("jsonc-parser");
      return (text) => {
        const errors = [];
        const value = parse(text, errors, { allowTrailingComma: true });
        return errors.length ? "error" : value;
      };
    },
  },
};

/**
 * Texts where JSON readers part ways (line ends in comments, whitespace, escapes, empty files),
 * beside the real files: the readers' rules, not what repos happen to contain.
 */
const EDGE_TEXTS = {
  "trailing commas and comments": '{ "a": [1, 2,], /* c */ "b": "x,}" // d\n }',
  "unterminated object": '{ "a": 1 ',
  "{,}": "{,}",
  "[1,,]": "[1,,]",
  "comma after comment": '{"a": 1 /* c */,}',
  "comment ended by CR": '{"a": 1, // c\r"b": 2\n}',
  "comment ended by U+2028": '{"a": 1 // c\u2028, "b": 2\n}',
  "U+2028 in a string": '{"a": "x\u2028y"}',
  "no-break space": '{\u00a0"a": 1}',
  "vertical tab": '{\u000b"a": 1}',
  "tab in a string": '{"a": "x\ty"}',
  "control character in a string": '{"a": "\u0001"}',
  "unknown escape": '{"a": "\\q"}',
  "single quotes": "{'a': 1}",
  "bare key": "{a: 1}",
  "empty text": "",
  "only a comment": "// x",
  "two values": "{} {}",
  "duplicate key": '{"a": 1, "a": 2}',
  "hex number": '{"a": 0x10}',
  "unterminated block comment": '{"a": 1 /* x',
  "byte order mark": '\ufeff{"a": 1}',
  "byte order mark and comment": '\ufeff{"a": 1, // x\n}',
  ["__proto__ key"]: '{"__proto__": {"x": 1}, "y": 2}',
  "comment at the end": '{"a": 1} // x',
  "slashes in strings": '{"a": "//x", "b": "/*y*/"}',
  "top-level trailing comma": "{},",
};

/** Sources: each a name and a list of roots (folders with tsconfigs), with their visible files. */
async function sources(repos, { fixtures }) {
  const out = [];
  if (fixtures) {
    const graph = path.join(FAULTLINE_ROOT, "fixtures", "graph");
    out.push({ name: "fixtures/graph", roots: await Promise.all(fixtureRoots(graph).map(rootOf)) });
    const { dir, cleanup } = makeTempDir("faultline-bench-cases-");
    process.once("exit", cleanup);
    const roots = [];
    for (const [name, c] of Object.entries(TSCONFIG_CASES)) {
      fs.mkdirSync(path.join(dir, name));
      writeCase(path.join(dir, name), c);
      roots.push(await rootOf(path.join(dir, name)));
    }
    out.push({ name: "test cases", roots });
  }
  for (const repo of repos) out.push({ name: path.basename(repo), roots: [await rootOf(repo)], repo });
  return out;
}

async function rootOf(root) {
  const visible = await visibleFiles(root);
  return { root, visible, configs: await tsconfigsOf(root, visible), json: jsonFilesOf(root, visible) };
}

/** Every folder below `dir` that holds a tsconfig, as its own root (as the test takes them). */
function fixtureRoots(dir) {
  const entries = fs.readdirSync(dir);
  if (entries.some((e) => /^tsconfig.*\.json$/.test(e))) return [dir];
  return entries
    .filter((e) => e !== "node_modules" && fs.statSync(path.join(dir, e)).isDirectory())
    .flatMap((e) => fixtureRoots(path.join(dir, e)));
}

/**
 * Each reader's answers on every config of a root, with TypeScript's; the configs are the
 * discovered ones and those their references lead to (by TypeScript's reading).
 */
function readAll(loaded, { root, visible, configs }) {
  const sessions = Object.fromEntries(
    Object.keys(READERS).map((n) => [n, READERS[n].session(loaded[n], root, visible)]),
  );
  const queue = [...configs];
  const seen = new Set();
  const rows = [];
  while (queue.length) {
    const abs = queue.shift();
    if (seen.has(abs) || !fs.existsSync(abs)) continue;
    seen.add(abs);
    const answers = Object.fromEntries(Object.entries(sessions).map(([n, read]) => [n, read(abs)]));
    for (const ref of answers.typescript.references ?? [])
      queue.push(fs.existsSync(ref) && fs.statSync(ref).isFile() ? ref : path.join(ref, "tsconfig.json"));
    rows.push({ config: posix(path.relative(root, abs)), answers });
  }
  return rows;
}

/** How one reader's answer stands to TypeScript's. */
function verdict(ts, mine, inScope) {
  if (mine.outcome === "fallback") return { kind: "fallback" };
  if (ts.outcome === "error" || mine.outcome === "error")
    return ts.outcome === mine.outcome
      ? { kind: "agree", settings: true, files: true, counted: true }
      : { kind: "outcome", why: ts.outcome === "error" ? `TypeScript: ${ts.why}` : mine.why };
  const differs = Object.keys(ts.settings).filter(
    (k) => JSON.stringify(ts.settings[k]) !== JSON.stringify(mine.settings[k]),
  );
  const a = new Set(ts.files.filter(inScope.any));
  const b = new Set(mine.files.filter(inScope.any));
  const onlyTs = [...a].filter((f) => !b.has(f));
  const onlyMine = [...b].filter((f) => !a.has(f));
  const counted = (set, allowJs) => [...set].filter((f) => inScope.counted(f, allowJs)).sort();
  const sameCounted =
    JSON.stringify(counted(a, ts.settings.allowJs)) === JSON.stringify(counted(b, mine.settings.allowJs));
  return {
    kind: "read",
    settings: differs.length === 0,
    files: onlyTs.length + onlyMine.length === 0,
    counted: sameCounted,
    differs: differs.map((k) => `${k}: TypeScript ${show(ts.settings[k])}, reader ${show(mine.settings[k])}`),
    onlyTs,
    onlyMine,
  };
}

const show = (v) => {
  const s = JSON.stringify(v);
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
};

/** Membership tests on a root's visible files: any, and those faultline counts (TS, or JS with allowJs). */
async function scopeTests(root, visible) {
  const { isDeclarationFile, TS_EXT, JS_EXT } = await import(dist("repo/scopeFiles.js"));
  const set = new Set(visible.map((p) => posix(path.join(root, p))));
  const prefix = posix(root) + "/";
  return {
    any: (f) => set.has(f),
    counted: (f, allowJs) => {
      const rel = f.startsWith(prefix) ? f.slice(prefix.length) : f;
      return !isDeclarationFile(rel) && (TS_EXT.test(rel) || (allowJs && JS_EXT.test(rel)));
    },
  };
}

/** The agreement table of one source, and up to `examples` disagreements per reader. */
async function agreement(loaded, source, examples, log) {
  const tally = {};
  const shown = {};
  let configs = 0;
  for (const r of source.roots) {
    const inScope = await scopeTests(r.root, r.visible);
    for (const { config, answers } of readAll(loaded, r)) {
      configs++;
      for (const name of Object.keys(READERS).filter((n) => n !== "typescript")) {
        const v = verdict(answers.typescript, answers[name], inScope);
        const t = (tally[name] ??= { fallback: 0, outcome: 0, read: 0, settings: 0, files: 0, counted: 0 });
        if (v.kind === "fallback" || v.kind === "outcome") t[v.kind]++;
        else {
          t.read++;
          t.settings += v.settings ? 1 : 0;
          t.files += v.files ? 1 : 0;
          t.counted += v.counted ? 1 : 0;
        }
        const wrong = v.kind === "outcome" || (v.kind === "read" && !(v.settings && v.files));
        if (wrong && (shown[name] ??= []).length < examples) {
          const where = source.roots.length > 1 ? `${path.basename(r.root)}/${config}` : config;
          shown[name].push({ where, v, root: r.root });
        }
      }
    }
  }
  const pct = (n, of) => (of ? `${n}/${of} (${((100 * n) / of).toFixed(0)}%)` : "-");
  log(`\n## ${source.name}: ${source.roots.length} root(s), ${configs} tsconfig(s); agreement with TypeScript`);
  printTable(
    [
      [
        "reader",
        "left to TypeScript",
        "error where TS reads (or reads where TS fails)",
        "settings",
        "files",
        "counted",
      ],
      ...Object.entries(tally).map(([name, t]) => [
        name,
        String(t.fallback),
        String(t.outcome),
        pct(t.settings, t.read),
        pct(t.files, t.read),
        pct(t.counted, t.read),
      ]),
    ],
    log,
  );
  for (const [name, list] of Object.entries(shown)) {
    for (const { where, v, root } of list) {
      log(`  ${name} on ${where}:`);
      if (v.kind === "outcome") log(`    ${v.why}`);
      for (const d of v.differs ?? []) log(`    ${d}`);
      const rel = (f) => posix(path.relative(root, f));
      if (v.onlyTs?.length) log(`    only TypeScript lists: ${show(v.onlyTs.slice(0, 4).map(rel))}`);
      if (v.onlyMine?.length) log(`    only ${name} lists: ${show(v.onlyMine.slice(0, 4).map(rel))}`);
    }
  }
}

/** Agreement of the JSONC readers with TypeScript on texts: same value, stricter (an error where TS reads), wrong. */
function jsoncAgreement(parsers, texts) {
  const tally = {};
  const wrongs = {};
  for (const [label, text] of texts) {
    const ts = parsers.typescript(text);
    for (const name of Object.keys(parsers).filter((n) => n !== "typescript")) {
      const mine = parsers[name](text);
      const t = (tally[name] ??= { same: 0, stricter: 0, wrong: 0 });
      const kind =
        JSON.stringify(mine) === JSON.stringify(ts)
          ? "same"
          : mine === "error" && ts !== "error"
            ? "stricter"
            : "wrong";
      t[kind]++;
      if (kind === "wrong") (wrongs[name] ??= []).push(`${label}: TypeScript ${show(ts)}, ${name} ${show(mine)}`);
    }
  }
  return { tally, wrongs };
}

async function jsoncSection(sourcesList, runs, log) {
  const parsers = {};
  for (const [name, r] of Object.entries(JSONC_READERS)) parsers[name] = await r.load();
  log("\n# JSONC readers against TypeScript (same value, or an error where TypeScript has one)");
  for (const [name, r] of Object.entries(JSONC_READERS)) log(`  ${name}: ${r.note}`);
  const groups = [
    ["edge texts", Object.entries(EDGE_TEXTS)],
    ...sourcesList.map((s) => [
      s.name,
      s.roots.flatMap((r) => r.json.map((f) => [posix(path.relative(r.root, f)), fs.readFileSync(f, "utf8")])),
    ]),
  ];
  const table = [["source", "texts", ...Object.keys(parsers).filter((n) => n !== "typescript")]];
  const notes = [];
  for (const [name, texts] of groups) {
    const { tally, wrongs } = jsoncAgreement(parsers, texts);
    table.push([
      name,
      String(texts.length),
      ...Object.values(tally).map((t) => `${t.same} same, ${t.stricter} stricter, ${t.wrong} wrong`),
    ]);
    for (const [reader, list] of Object.entries(wrongs)) for (const w of list) notes.push(`  ${name}, ${reader}: ${w}`);
  }
  printTable(table, log);
  for (const n of notes) log(n);
  log("(stricter: an error where TypeScript reads a value; faultline then leaves the config to TypeScript)");
  // speed: every JSON file of every source, in memory, parsed by each reader; alternating, median of runs
  const all = groups.slice(1).flatMap(([, texts]) => texts.map(([, t]) => t));
  const times = Object.fromEntries(Object.keys(parsers).map((n) => [n, []]));
  for (let i = 0; i < runs; i++)
    for (const [name, parse] of Object.entries(parsers)) {
      const t0 = performance.now();
      for (const t of all) parse(t);
      times[name].push(performance.now() - t0);
    }
  const kb = all.reduce((n, t) => n + t.length, 0) / 1024;
  log(`\nparsing all ${all.length} JSON files of the sources above (${kb.toFixed(0)} KB) in one process:`);
  printTable([["reader", "median ms"], ...Object.entries(times).map(([n, ts]) => [n, median(ts).toFixed(2)])], log);
}

/**
 * `--child READER ROOT`: a fresh process loads one reader and reads every tsconfig of ROOT once;
 * prints {loadMs, readMs}. Listing the files (git) is not timed.
 */
async function child(reader, root) {
  const r = await rootOf(root);
  const t0 = performance.now();
  const loaded = await READERS[reader].load();
  const t1 = performance.now();
  const read = READERS[reader].session(loaded, r.root, r.visible);
  for (const abs of r.configs) read(abs);
  const t2 = performance.now();
  process.stdout.write(JSON.stringify({ loadMs: t1 - t0, readMs: t2 - t1 }) + "\n");
}

/** Cold (a fresh process each run: load + read) and warm (in this process, after the first) timings. */
async function speed(loaded, source, runs, log) {
  const names = Object.keys(READERS);
  const cold = Object.fromEntries(names.map((n) => [n, { load: [], read: [] }]));
  const warm = Object.fromEntries(names.map((n) => [n, []]));
  const { root, visible, configs } = source.roots[0];
  for (let i = 0; i < runs; i++) {
    for (const n of names) {
      const r = spawnSync(process.execPath, [SELF, "--child", n, root], { encoding: "utf8", cwd: FAULTLINE_ROOT });
      if (r.status !== 0) throw new BenchError(`child ${n} failed: ${r.stderr.slice(-500)}`);
      const { loadMs, readMs } = JSON.parse(r.stdout.trim().split("\n").pop());
      cold[n].load.push(loadMs);
      cold[n].read.push(readMs);
    }
    for (const n of names) {
      const t0 = performance.now();
      const read = READERS[n].session(loaded[n], root, visible);
      for (const abs of configs) read(abs);
      warm[n].push(performance.now() - t0);
    }
  }
  const ms = (xs) => `${median(xs).toFixed(1)} (${Math.min(...xs).toFixed(1)}..${Math.max(...xs).toFixed(1)})`;
  log(
    `\nspeed on ${source.name}: ${configs.length} tsconfig(s), ${visible.length} visible files; ms, median (min..max)`,
  );
  printTable(
    [
      ["reader", "load, fresh process", "read all, fresh process", "load + read", "read all, warm"],
      ...names.map((n) => [
        n,
        ms(cold[n].load),
        ms(cold[n].read),
        median(cold[n].load.map((l, i) => l + cold[n].read[i])).toFixed(1),
        ms(warm[n]),
      ]),
    ],
    log,
  );
}

export async function main(argv) {
  const { positionals, flags } = parseArgs(argv, { values: ["runs", "examples"], booleans: ["no-fixtures"] });
  const runs = flags.runs ? positiveInt("runs", flags.runs) : 5;
  const examples = flags.examples ? positiveInt("examples", flags.examples, 0) : 3;
  const log = console.log;
  if (checkBuild() === "stale") log("note: some file under src/ is newer than dist/: this measures the built dist/");
  const repos = positionals.map(repoArg);
  const list = await sources(repos, { fixtures: !flags["no-fixtures"] });
  const loaded = {};
  for (const [name, r] of Object.entries(READERS)) loaded[name] = await r.load();
  const version = (p) =>
    JSON.parse(fs.readFileSync(path.join(FAULTLINE_ROOT, "node_modules", p, "package.json"))).version;
  log(`# tsconfig readers against TypeScript ${loaded.typescript.ts.version}`);
  log(`get-tsconfig ${version("get-tsconfig")}, jsonc-parser ${version("jsonc-parser")}, node ${process.version}`);
  log(`load average ${loadAverage()} at start; ${runs} run(s) per timing`);
  for (const [name, r] of Object.entries(READERS)) log(`  ${name}: ${r.note}`);
  log("settings: effective include, exclude (default: outDir, declarationDir), files, allowJs, outDir, made absolute");
  log("files: the file names among the root's visible files");
  log("counted: those of them faultline analyses (no .d.ts; JavaScript only with allowJs)");
  for (const s of list) await agreement(loaded, s, examples, log);
  await jsoncSection(list, runs, log);
  log("\n# speed: every tsconfig of the repo read, with its extends chain and file list");
  for (const s of list.filter((x) => x.repo)) await speed(loaded, s, runs, log);
  log(`\nload average ${loadAverage()} at the end`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === SELF) {
  const argv = process.argv.slice(2);
  const run = argv[0] === "--child" ? child(argv[1], argv[2]).then(() => 0) : main(argv);
  run.then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      console.error(e instanceof BenchError ? `tsconfig-readers: ${e.message}` : e);
      process.exitCode = e instanceof BenchError ? 2 : 70;
    },
  );
}
