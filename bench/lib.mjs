// Shared helpers for `npm run bench`: run contenders alternately, measure each child's wall
// time and peak RSS, summarise with medians, print aligned tables. Plain Node, no dependencies.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The faultline checkout this bench lives in. */
export const FAULTLINE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const GNU_TIME = "/usr/bin/time";
export const hasGnuTime = fs.existsSync(GNU_TIME);

export class BenchError extends Error {}

/** A fresh temp folder; removed by `cleanup()` unless the caller keeps it. */
export function makeTempDir(prefix = "faultline-bench-") {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Runs `cmd args` once under `/usr/bin/time -f '%e %M' -o <file>` (GNU time measures the child
 * it waits for: elapsed seconds and maximum resident set size in KiB). stdout goes to
 * `stdoutFile` (or is discarded), stderr is kept (its last 64 KiB).
 * Falls back to a wall clock around the spawn, with no memory figure, if GNU time is absent.
 * @returns {Promise<{ wallS: number, rssKiB: number | null, code: number | null, signal: string | null, stderr: string }>}
 */
export function measure(cmd, args, { cwd, stdoutFile, env, timeFile } = {}) {
  return new Promise((resolve, reject) => {
    const out = stdoutFile ? fs.openSync(stdoutFile, "w") : "ignore";
    const tf = timeFile ?? path.join(os.tmpdir(), `faultline-bench-time-${process.pid}-${Date.now()}.txt`);
    const [file, argv] = hasGnuTime ? [GNU_TIME, ["-f", "%e %M", "-o", tf, cmd, ...args]] : [cmd, args];
    const t0 = process.hrtime.bigint();
    let child;
    try {
      child = spawn(file, argv, { cwd, env: env ?? process.env, stdio: ["ignore", out, "pipe"] });
    } catch (e) {
      if (typeof out === "number") fs.closeSync(out);
      reject(e);
      return;
    }
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (d) => {
      stderr += d;
      if (stderr.length > 128 * 1024) stderr = stderr.slice(-64 * 1024);
    });
    child.on("error", (e) => {
      if (typeof out === "number") fs.closeSync(out);
      reject(e);
    });
    child.on("close", (code, signal) => {
      const hrWall = Number(process.hrtime.bigint() - t0) / 1e9;
      if (typeof out === "number") fs.closeSync(out);
      let wallS = hrWall;
      let rssKiB = null;
      if (hasGnuTime) {
        // GNU time writes "Command exited with non-zero status N" before the format line on failure
        const text = fs.existsSync(tf) ? fs.readFileSync(tf, "utf8") : "";
        if (!timeFile) fs.rmSync(tf, { force: true });
        const m = text.trim().split("\n").pop()?.match(/^([\d.]+)\s+(\d+)$/);
        if (m) {
          wallS = Number(m[1]);
          rssKiB = Number(m[2]);
        }
      }
      resolve({ wallS, rssKiB, code, signal, stderr: stderr.slice(-64 * 1024) });
    });
  });
}

/**
 * Runs each contender `runs` times, alternating A, B, A, B, ... so that drift in machine load
 * hits all of them alike. A contender whose run fails is not run again.
 * @param {{ name: string, cmd: string, args: string[], cwd?: string, stdoutFile?: string }[]} contenders
 * @returns {Promise<Map<string, { samples: {wallS:number, rssKiB:number|null}[], failure: null | {code, signal, stderr} }>>}
 */
export async function alternate(contenders, runs, { onRun } = {}) {
  const results = new Map(contenders.map((c) => [c.name, { samples: [], failure: null }]));
  for (let i = 0; i < runs; i++) {
    for (const c of contenders) {
      const r = results.get(c.name);
      if (r.failure) continue;
      const m = await measure(c.cmd, c.args, { cwd: c.cwd, stdoutFile: c.stdoutFile });
      if (m.code !== 0) {
        r.failure = { code: m.code, signal: m.signal, stderr: m.stderr };
      } else {
        r.samples.push({ wallS: m.wallS, rssKiB: m.rssKiB });
      }
      onRun?.(c.name, i + 1, m);
    }
  }
  return results;
}

export function median(xs) {
  const v = xs.filter((x) => x != null && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** min, max and (max - min) / median, the run-to-run noise of one contender. */
export function spread(xs) {
  const v = xs.filter((x) => x != null && !Number.isNaN(x));
  if (!v.length) return null;
  const min = Math.min(...v);
  const max = Math.max(...v);
  const med = median(v);
  return { min, max, rel: med ? (max - min) / med : 0 };
}

/** Summary of one contender's samples. */
export function summarize(samples) {
  const walls = samples.map((s) => s.wallS);
  const rss = samples.map((s) => s.rssKiB);
  return {
    runs: samples.length,
    wall: median(walls),
    wallSpread: spread(walls),
    rss: median(rss),
    rssSpread: spread(rss),
  };
}

export const fmtS = (s) => (s == null ? "n/a" : `${s.toFixed(2)} s`);
export const fmtMB = (kib) => (kib == null ? "n/a" : `${(kib / 1024).toFixed(0)} MB`);
export const fmtPct = (x) => (x == null ? "n/a" : `${(x * 100).toFixed(1)}%`);
export const fmtRatio = (a, b) => (a == null || b == null || !b ? "n/a" : `${(a / b).toFixed(2)}x`);

/**
 * Prints a table of contenders: median wall, wall min-max and spread, median peak RSS, RSS
 * min-max and spread, and the ratio of each median to the baseline's.
 * @param {{ name: string, summary: ReturnType<typeof summarize> }[]} rows
 * @param {string} baseline  name of the row the ratios are taken against
 */
export function printTimingTable(rows, baseline, log = console.log) {
  const base = rows.find((r) => r.name === baseline)?.summary;
  const range = (sp, f) => (sp ? `${f(sp.min)}..${f(sp.max)} (${fmtPct(sp.rel)})` : "n/a");
  const n = (x) => (x == null ? "n/a" : x.toFixed(2));
  const mb = (x) => (x == null ? "n/a" : (x / 1024).toFixed(0));
  const table = [
    ["tool", "runs", "wall median", "wall min..max (spread)", "peak RSS median", "RSS MB min..max (spread)", `wall vs ${baseline}`, `RSS vs ${baseline}`],
    ...rows.map(({ name, summary: s }) => [
      name,
      String(s.runs),
      fmtS(s.wall),
      range(s.wallSpread, n),
      fmtMB(s.rss),
      range(s.rssSpread, mb),
      base ? fmtRatio(s.wall, base.wall) : "n/a",
      base ? fmtRatio(s.rss, base.rss) : "n/a",
    ]),
  ];
  printTable(table, log);
}

/** Left-aligned columns, header underlined. */
export function printTable(table, log = console.log) {
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => String(r[i] ?? "").length)));
  const line = (r) => r.map((c, i) => String(c ?? "").padEnd(widths[i])).join("  ").trimEnd();
  log(line(table[0]));
  log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of table.slice(1)) log(line(r));
}

/** The last `n` non-empty lines of a text, indented. */
export function tail(text, n = 15, indent = "    ") {
  const lines = String(text ?? "").split("\n").filter((l) => l.trim());
  return lines.slice(-n).map((l) => indent + (l.length > 300 ? l.slice(0, 300) + "..." : l)).join("\n");
}

/**
 * Minimal argv parser: positionals plus `--flag value` / `--flag=value` / boolean `--flag`.
 * @param {string[]} argv
 * @param {{ values?: string[], booleans?: string[] }} spec
 */
export function parseArgs(argv, { values = [], booleans = [] } = {}) {
  const positionals = [];
  const flags = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith("--")) {
      positionals.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
    if (values.includes(name)) {
      const v = inline ?? argv[++i];
      if (v == null) throw new BenchError(`--${name} needs a value`);
      flags[name] = v;
    } else if (booleans.includes(name) && inline == null) {
      flags[name] = true;
    } else {
      throw new BenchError(`unknown option --${name}`);
    }
  }
  return { positionals, flags };
}

export function positiveInt(name, value, min = 1) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new BenchError(`--${name} takes a whole number >= ${min} (got ${value})`);
  return n;
}

/** A repo folder argument, checked and made absolute. */
export function repoArg(p) {
  if (!p) throw new BenchError("missing REPO argument");
  const abs = path.resolve(p);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) throw new BenchError(`not a folder: ${p}`);
  return abs;
}

/** Repo-relative path with forward slashes, or null if outside the repo. */
export function relPosix(root, p) {
  const r = path.relative(root, path.resolve(root, p)).split(path.sep).join("/");
  return r === "" || r.startsWith("../") || r === ".." || path.isAbsolute(r) ? null : r;
}

/** Jaccard index of two sets plus both differences. */
export function compareSets(a, b) {
  let both = 0;
  const onlyA = [];
  const onlyB = [];
  for (const x of a) (b.has(x) ? both++ : onlyA.push(x));
  for (const x of b) if (!a.has(x)) onlyB.push(x);
  const union = a.size + b.size - both;
  return { a: a.size, b: b.size, both, jaccard: union ? both / union : 1, onlyA: onlyA.sort(), onlyB: onlyB.sort() };
}
