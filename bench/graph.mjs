// `npm run bench -- graph REPO [--runs N] [--keep]`
// faultline graph vs dependency-cruiser 17 on one repo: speed, peak memory, edge agreement,
// and faultline's accuracy against TypeScript's own Program (test/oracle/ts-oracle.mjs).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  FAULTLINE_ROOT,
  compareSets,
  fmtPct,
  makeTempDir,
  printCommands,
  printEpilogue,
  printPreamble,
  prepareCli,
  printTable,
  relPosix,
  timeContenders,
  timingArgs,
} from "./lib.mjs";

export const usage =
  "graph REPO [--runs N] [--keep]   faultline graph vs dependency-cruiser, plus accuracy vs TypeScript";

const SKIP_DIRS = new Set(["node_modules", "dist", "build", ".git"]);
const TS_SOURCE = /\.(ts|tsx|mts|cts)$/;
const isDeclaration = (p) => /\.d\.([mc]?ts|[^/]*\.ts)$/.test(p); // same test as the oracle's
const EXAMPLES = 5;

/** Does `dir` hold a TypeScript source file (not a .d.ts) anywhere below, skipping SKIP_DIRS? */
function containsTs(dir) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  for (const e of entries) if (e.isFile() && TS_SOURCE.test(e.name) && !isDeclaration(e.name)) return true;
  for (const e of entries)
    if (e.isDirectory() && !SKIP_DIRS.has(e.name) && containsTs(path.join(dir, e.name))) return true;
  return false;
}

/**
 * What dependency-cruiser is pointed at: the repo's top-level folders that contain TS sources,
 * plus TS source files sitting directly in the root (faultline sees those too).
 */
export function depcruiseTargets(repo) {
  const entries = fs.readdirSync(repo, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  const dirs = entries
    .filter((e) => e.isDirectory() && !SKIP_DIRS.has(e.name) && containsTs(path.join(repo, e.name)))
    .map((e) => e.name);
  const files = entries
    .filter((e) => e.isFile() && TS_SOURCE.test(e.name) && !isDeclaration(e.name))
    .map((e) => e.name);
  return { dirs, files };
}

/** Root tsconfig.json, else tsconfig.base.json, else the first tsconfig*.json found (shallowest, then by name). */
export function pickTsconfig(repo) {
  for (const name of ["tsconfig.json", "tsconfig.base.json"]) if (fs.existsSync(path.join(repo, name))) return name;
  let level = [""];
  while (level.length) {
    const next = [];
    for (const rel of level) {
      let entries;
      try {
        entries = fs
          .readdirSync(path.join(repo, rel), { withFileTypes: true })
          .sort((a, b) => a.name.localeCompare(b.name));
      } catch {
        continue;
      }
      const hit = entries.find((e) => e.isFile() && /^tsconfig.*\.json$/.test(e.name));
      if (hit) return path.posix.join(rel, hit.name);
      for (const e of entries) if (e.isDirectory() && !SKIP_DIRS.has(e.name)) next.push(path.posix.join(rel, e.name));
    }
    level = next;
  }
  return null;
}

/**
 * dependency-cruiser 17 in its fair mode on `repo` (the invocation every mode shares):
 * `{ contender, problem, describe }`. `contender` is null, with `problem` saying why, when
 * depcruise is not installed or there is nothing to point it at. It runs the real script with
 * this same node binary, so both tools get the same runtime, with cwd = repo and JSON on stdout.
 */
export function depcruiseContender(repo, stdoutFile, name = "depcruise") {
  const link = path.join(FAULTLINE_ROOT, "node_modules", ".bin", "depcruise");
  const tsconfig = pickTsconfig(repo);
  const targets = depcruiseTargets(repo);
  const describe =
    `depcruise tsconfig: ${tsconfig ?? "(none found)"}; scans: ` +
    `${[...targets.dirs.map((d) => d + "/"), ...targets.files].join(" ") || "(nothing)"}`;
  let problem = null;
  if (!fs.existsSync(link)) problem = `${link} not found (npm install the devDependencies)`;
  else if (!targets.dirs.length && !targets.files.length) problem = "no top-level folder with .ts files to point it at";
  if (problem) return { contender: null, problem, describe };
  return {
    contender: {
      name,
      cmd: process.execPath,
      args: [
        fs.realpathSync(link),
        "--no-config",
        "--ts-pre-compilation-deps",
        ...(tsconfig ? ["--ts-config", tsconfig] : []),
        "--output-type",
        "json",
        "--do-not-follow",
        "node_modules",
        "--exclude",
        "(^|/)(node_modules|dist|build|\\.git)/",
        ...targets.dirs,
        ...targets.files,
      ],
      cwd: repo,
      stdoutFile,
    },
    problem: null,
    describe,
  };
}

const edgeKey = (from, to) => `${from} -> ${to}`;

/** faultline's edges between repo files (self-edges and .d.ts at either end dropped). */
export function faultlineEdges(graph) {
  const set = new Set();
  for (const e of graph.edges)
    if (e.from !== e.to && !isDeclaration(e.from) && !isDeclaration(e.to)) set.add(edgeKey(e.from, e.to));
  return set;
}

/**
 * dependency-cruiser's edges between repo files: modules[].source -> dependencies[].resolved,
 * dropping core modules, unresolvable specifiers, anything in node_modules or outside the repo,
 * .d.ts files at either end (faultline keeps declarations apart from modules) and self-edges.
 * Paths are made repo-relative with "/".
 */
export function depcruiseEdges(repo, cruise) {
  const set = new Set();
  const inRepo = (p) => {
    const r = relPosix(repo, p);
    return r && !r.split("/").includes("node_modules") ? r : null;
  };
  for (const m of cruise.modules ?? []) {
    const from = inRepo(m.source);
    if (!from || isDeclaration(from)) continue;
    for (const d of m.dependencies ?? []) {
      if (d.coreModule || d.couldNotResolve || !d.resolved) continue;
      const to = inRepo(d.resolved);
      if (!to || isDeclaration(to) || to === from) continue;
      set.add(edgeKey(from, to));
    }
  }
  return set;
}

const examples = (list, n = EXAMPLES, indent = "    ") =>
  list.length
    ? list
        .slice(0, n)
        .map((x) => indent + x)
        .join("\n") + (list.length > n ? `\n${indent}... and ${list.length - n} more` : "")
    : `${indent}(none)`;

export async function main(argv) {
  const { repo, runs, flags } = timingArgs(argv, usage);
  const log = console.log;

  const cli = prepareCli();

  const { dir: tmp, cleanup } = makeTempDir();
  if (!flags.keep) process.once("exit", cleanup); // also when something throws below
  const faultlineOut = path.join(tmp, "faultline.json");
  const depcruiseOut = path.join(tmp, "depcruise.json");

  const contenders = [
    {
      name: "faultline",
      cmd: process.execPath,
      args: [cli.bin, "graph", repo, "--quiet"],
      cwd: repo,
      stdoutFile: faultlineOut,
    },
  ];
  const dc = depcruiseContender(repo, depcruiseOut);
  if (dc.contender) contenders.push(dc.contender);

  printPreamble(log, { title: `faultline graph bench: ${repo}`, runs, contenders, cli });
  log(dc.describe);
  if (dc.problem) log(`depcruise: not run: ${dc.problem}`);
  printCommands(contenders, log);
  log("");

  const ok = await timeContenders(contenders, runs, "depcruise", log);
  const f = ok.find((r) => r.name === "faultline")?.summary;
  const d = ok.find((r) => r.name === "depcruise")?.summary;
  if (f && d)
    log(
      `faultline/depcruise: wall ${(f.wall / d.wall).toFixed(2)}x, peak RSS ` +
        `${f.rss != null && d.rss ? (f.rss / d.rss).toFixed(2) + "x" : "n/a"}`,
    );
  printEpilogue(log, cli);
  log("");

  const faultlineOk = ok.some((r) => r.name === "faultline");
  const depcruiseOk = contenders.length > 1 && ok.some((r) => r.name === "depcruise");
  let graph = null;
  if (faultlineOk) {
    try {
      graph = JSON.parse(fs.readFileSync(faultlineOut, "utf8"));
    } catch (e) {
      log(`faultline output is not JSON: ${e.message}`);
    }
  }
  if (graph) {
    log(
      `faultline: ${graph.modules.length} modules, ${graph.edges.length} edges, ${graph.external?.length ?? 0} ` +
        `external imports, ${graph.unresolved?.length ?? 0} unresolved`,
    );
    log("");
  }

  // ---- edge agreement with dependency-cruiser
  if (graph && depcruiseOk) {
    let cruise = null;
    try {
      cruise = JSON.parse(fs.readFileSync(depcruiseOut, "utf8"));
    } catch (e) {
      log(`depcruise output is not JSON: ${e.message}`);
    }
    if (cruise) {
      const fe = faultlineEdges(graph);
      const de = depcruiseEdges(repo, cruise);
      const cmp = compareSets(fe, de);
      // extras between two files that both tools parse are the telling ones: list those first
      const faultlineFiles = new Set(graph.modules.map((m) => m.path));
      const depcruiseFiles = new Set((cruise.modules ?? []).map((m) => relPosix(repo, m.source)).filter(Boolean));
      const touches = (files) => (e) => e.split(" -> ").some((p) => !files.has(p));
      const outsideA = cmp.onlyA.filter(touches(depcruiseFiles)).length;
      const outside = cmp.onlyB.filter(touches(faultlineFiles)).length;
      const insideFirst = (list, t) => [...list.filter((e) => !t(e)), ...list.filter(t)];
      cmp.onlyA = insideFirst(cmp.onlyA, touches(depcruiseFiles));
      cmp.onlyB = insideFirst(cmp.onlyB, touches(faultlineFiles));
      log(
        "## edge agreement with dependency-cruiser (last run; repo file -> repo file; no node_modules, core, " +
          "unresolved or .d.ts)",
      );
      printTable(
        [
          ["faultline edges", "depcruise edges", "both", "faultline only", "depcruise only", "Jaccard"],
          [
            String(cmp.a),
            String(cmp.b),
            String(cmp.both),
            String(cmp.onlyA.length),
            String(cmp.onlyB.length),
            cmp.jaccard.toFixed(3),
          ],
        ],
        log,
      );
      log(`(depcruise cruised ${cruise.summary?.totalCruised ?? "?"} modules, faultline ${graph.modules.length})`);
      log(
        `faultline only: ${cmp.onlyA.length}, of which ${outsideA} touch a file depcruise did not cruise; first ` +
          `${EXAMPLES}, edges between files both parse first:`,
      );
      log(examples(cmp.onlyA));
      log(
        `depcruise only: ${cmp.onlyB.length}, of which ${outside} touch a file that is not a faultline module (JS, ` +
          `JSON, ...); first ${EXAMPLES}, edges between files both parse first:`,
      );
      log(examples(cmp.onlyB));
      log("");
    }
  }

  if (graph && !depcruiseOk) log("## edge agreement with dependency-cruiser: skipped (no depcruise output)\n");

  // ---- accuracy against TypeScript's Program
  if (graph) {
    log("## accuracy vs TypeScript's own Program (test/oracle/ts-oracle.mjs; this is the figure that matters)");
    try {
      const oracle = await import(pathToFileURL(path.join(FAULTLINE_ROOT, "test", "oracle", "ts-oracle.mjs")).href);
      const t0 = process.hrtime.bigint();
      const rows = oracle.oracleResolutions(repo, graph);
      const c = oracle.compareWithOracle(graph, rows);
      const secs = Number(process.hrtime.bigint() - t0) / 1e9;
      printTable(
        [
          ["TS edges", "faultline edges", "precision", "recall", "missing", "extra"],
          [
            String(c.expected),
            String(c.actual),
            fmtPct(c.precision),
            fmtPct(c.recall),
            String(c.missing.length),
            String(c.extra.length),
          ],
        ],
        log,
      );
      log(`(oracle: ${rows.length} import rows resolved in ${secs.toFixed(1)} s)`);
      log(`missing (TypeScript has, faultline lacks; first ${EXAMPLES}):`);
      log(examples(c.missing));
      log(`extra (faultline has, TypeScript lacks; first ${EXAMPLES}):`);
      log(examples(c.extra));
    } catch (e) {
      log(`oracle failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    log("");
  }

  if (flags.keep) log(`outputs kept in ${tmp}`);
  return faultlineOk && graph ? 0 : 1;
}
