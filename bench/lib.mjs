// Shared helpers for `npm run bench`: run contenders alternately, measure each child's wall
// time and peak RSS, summarise with medians, print aligned tables. Plain Node, no dependencies.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
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
 * @returns {Promise<{ wallS: number, rssKiB: number | null, code: number | null, signal: string | null,
 *   stderr: string }>}
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
        const m = text
          .trim()
          .split("\n")
          .pop()
          ?.match(/^([\d.]+)\s+(\d+)$/);
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
 * hits all of them alike. A contender whose run fails is not run again. A contender's optional
 * `before(run)` is awaited before each of its runs, outside the measurement.
 * @param {{ name: string, cmd: string, args: string[], cwd?: string, stdoutFile?: string,
 *   before?: (run: number) => unknown }[]} contenders
 * @returns {Promise<Map<string, { samples: {wallS:number, rssKiB:number|null}[],
 *   failure: null | {code, signal, stderr} }>>}
 */
export async function alternate(contenders, runs, { onRun } = {}) {
  const results = new Map(contenders.map((c) => [c.name, { samples: [], failure: null }]));
  for (let i = 0; i < runs; i++) {
    for (const c of contenders) {
      const r = results.get(c.name);
      if (r.failure) continue;
      await c.before?.(i + 1); // untimed set-up of this run (e.g. drop a cache, touch a file)
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
    [
      "tool",
      "runs",
      "wall median",
      "wall min..max (spread)",
      "peak RSS median",
      "RSS MB min..max (spread)",
      `wall vs ${baseline}`,
      `RSS vs ${baseline}`,
    ],
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
  const line = (r) =>
    r
      .map((c, i) => String(c ?? "").padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  log(line(table[0]));
  log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of table.slice(1)) log(line(r));
}

/** The last `n` non-empty lines of a text, indented. */
export function tail(text, n = 15, indent = "    ") {
  const lines = String(text ?? "")
    .split("\n")
    .filter((l) => l.trim());
  return lines
    .slice(-n)
    .map((l) => indent + (l.length > 300 ? l.slice(0, 300) + "..." : l))
    .join("\n");
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
  for (const x of a) b.has(x) ? both++ : onlyA.push(x);
  for (const x of b) if (!a.has(x)) onlyB.push(x);
  const union = a.size + b.size - both;
  return { a: a.size, b: b.size, both, jaccard: union ? both / union : 1, onlyA: onlyA.sort(), onlyB: onlyB.sort() };
}

/** `argv` split at the first `--`: the bench's own arguments, and the rest passed through to the tool. */
export function splitPassthrough(argv) {
  const i = argv.indexOf("--");
  return i < 0 ? { own: argv, passthrough: [] } : { own: argv.slice(0, i), passthrough: argv.slice(i + 1) };
}

export function shellQuote(s) {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${String(s).replace(/'/g, `'\\''`)}'`;
}

/** The built CLI, `bin/faultline.js` (it loads dist/). */
export const FAULTLINE_BIN = path.join(FAULTLINE_ROOT, "bin", "faultline.js");

/** Is the built CLI older than some file under src/? (the bench runs dist/, not src/) */
export function staleBuild() {
  const built = path.join(FAULTLINE_ROOT, "dist", "cli", "main.js");
  if (!fs.existsSync(built)) return "missing";
  const builtAt = fs.statSync(built).mtimeMs;
  const walk = (d) =>
    fs
      .readdirSync(d, { withFileTypes: true })
      .some((e) =>
        e.isDirectory() ? walk(path.join(d, e.name)) : fs.statSync(path.join(d, e.name)).mtimeMs > builtAt,
      );
  try {
    return walk(path.join(FAULTLINE_ROOT, "src")) ? "stale" : null;
  } catch {
    return null;
  }
}

/** Throws if dist/ is not built; returns "stale" if src/ is newer than it, else null. */
export function checkBuild() {
  const stale = staleBuild();
  if (stale === "missing") throw new BenchError("dist/ is not built: run `npm run build` first");
  return stale;
}

export const loadAverage = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

/**
 * The opening lines every timing mode prints: title, machine (CPUs, load average), node, runs,
 * the alternation order, and notes on few runs or a stale build.
 */
export function printPreamble(log, { title, runs, contenders, cli }) {
  log(`# ${title}`);
  log(
    `machine: ${os.cpus().length} CPU(s), load average ${loadAverage()} (1/5/15 min) at start (other work on the ` +
      `machine shows up as spread)`,
  );
  log(
    `node ${process.version}, ${runs} run(s) each, alternating ${contenders.map((c) => c.name).join(" / ")}` +
      (hasGnuTime
        ? ", wall + peak RSS from /usr/bin/time -f '%e %M'"
        : ", wall from the parent clock (no /usr/bin/time: no memory figures)"),
  );
  if (runs < 3) log("note: fewer than 3 runs; medians and spreads mean little");
  if (cli.stale === "stale")
    log(
      "note: some file under src/ is newer than dist/cli/main.js; this measures the built dist/ (npm run build to " +
        "refresh)",
    );
  log(
    `faultline: a snapshot of bin/ + dist/ (built ${new Date(cli.stamp.newest).toISOString()}, sha1 ` +
      `${cli.stamp.hash.slice(0, 12)}) in ${cli.dir}, so a rebuild during the bench changes nothing measured`,
  );
}

/**
 * What `<root>/dist` holds: the newest modification time of its files and a hash of their
 * relative paths and contents, so a rebuild that rewrote the same bytes can be told from one that
 * changed the code, and a copy can be checked against the original.
 */
export function distStamp(root = FAULTLINE_ROOT) {
  let newest = 0;
  const hash = createHash("sha1");
  const base = path.join(root, "dist");
  const walk = (d) => {
    let entries;
    try {
      entries = fs
        .readdirSync(d, { withFileTypes: true })
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      const rel = path.relative(base, p);
      if (e.isDirectory()) walk(p);
      else {
        try {
          newest = Math.max(newest, fs.statSync(p).mtimeMs);
          hash.update(rel).update("\0").update(fs.readFileSync(p)).update("\0");
        } catch {
          hash.update(rel).update("\0(vanished)\0"); // removed while we looked: a build is under way
        }
      }
    }
  };
  walk(base);
  return { newest, hash: hash.digest("hex") };
}

const sleepSync = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * The faultline every timing mode runs: a snapshot of bin/ and dist/ copied to a temp folder
 * (with package.json, and node_modules linked), so that an `npm run build` by someone else
 * while the bench runs cannot change what is measured halfway. The copy is taken only when
 * dist/ reads the same before and after it, and must answer `--version`. Removed on exit.
 * @returns {{ bin: string, dir: string, stamp: { newest: number, hash: string }, stale: string | null }}
 */
export function prepareCli() {
  const stale = checkBuild();
  for (let attempt = 1; attempt <= 5; attempt++) {
    const before = distStamp();
    const { dir, cleanup } = makeTempDir("faultline-bench-cli-");
    try {
      fs.cpSync(path.join(FAULTLINE_ROOT, "dist"), path.join(dir, "dist"), { recursive: true });
      fs.cpSync(path.join(FAULTLINE_ROOT, "bin"), path.join(dir, "bin"), { recursive: true });
      fs.copyFileSync(path.join(FAULTLINE_ROOT, "package.json"), path.join(dir, "package.json"));
      fs.symlinkSync(path.join(FAULTLINE_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    } catch (e) {
      cleanup();
      throw e;
    }
    const copy = distStamp(dir);
    if (copy.hash === before.hash && distStamp().hash === before.hash) {
      const bin = path.join(dir, "bin", "faultline.js");
      const r = spawnSync(process.execPath, [bin, "--version"], { encoding: "utf8" });
      if (r.status === 0) {
        process.once("exit", cleanup);
        return { bin, dir, stamp: before, stale };
      }
    }
    cleanup(); // a build was writing dist/ while we copied it: wait and take it again
    sleepSync(3000);
  }
  throw new BenchError(
    "could not take a consistent copy of dist/ (a build kept rewriting it, or the copy does not start): try again",
  );
}

/**
 * The closing lines of a timing mode: the load average at the end, and a note when dist/
 * changed while the bench ran (the runs still all used the snapshot taken at the start).
 * @param {ReturnType<typeof prepareCli>} cli
 */
export function printEpilogue(log, cli) {
  log(`load average ${loadAverage()} (1/5/15 min) at the end`);
  const now = distStamp();
  if (now.hash !== cli.stamp.hash) {
    log(
      `note: dist/ changed while the bench ran (newest file ${new Date(now.newest).toISOString()}); every run used ` +
        `the snapshot taken at the start`,
    );
  }
}

/** One shell-like line per contender: what exactly is run. */
export function printCommands(contenders, log) {
  for (const c of contenders) {
    const redirect = c.stdoutFile ? ` > ${path.basename(c.stdoutFile)}` : "";
    log(
      `  ${c.name}: (cd ${c.cwd ?? "."} && ` +
        `${[c.cmd, ...c.args].map(shellQuote).join(" ")}${redirect})${c.note ? `  [${c.note}]` : ""}`,
    );
  }
}

/** An `onRun` for `alternate` that prints one progress line per run on stderr. */
export function runProgress(runs, contenders) {
  const width = Math.max(...contenders.map((c) => c.name.length));
  return (name, i, m) => {
    const rss = m.rssKiB == null ? "" : (m.rssKiB / 1024).toFixed(0) + " MB";
    const result = m.code === 0 ? `${fmtS(m.wallS)}  ${rss}` : `FAILED (exit ${m.code ?? m.signal})`;
    process.stderr.write(`  run ${i}/${runs} ${name.padEnd(width)} ${result}\n`);
    // a good run that still wrote to stderr (with --quiet: warnings, e.g. a cache ignored) explains outliers
    if (m.code === 0 && m.stderr.trim()) process.stderr.write(`${tail(m.stderr, 3, "      stderr: ")}\n`);
  };
}

/**
 * After `alternate`: prints each failed contender's exit and stderr tail, and returns the
 * summaries of those with at least one good run, in contender order.
 * @returns {{ name: string, summary: ReturnType<typeof summarize> }[]}
 */
export function collectResults(contenders, results, log) {
  const ok = [];
  for (const c of contenders) {
    const r = results.get(c.name);
    if (r.failure) {
      log(`${c.name} FAILED (exit ${r.failure.code ?? r.failure.signal}); last lines of its stderr:`);
      log(tail(r.failure.stderr, 15) || "    (empty)");
      log("");
    }
    if (r.samples.length) ok.push({ name: c.name, summary: summarize(r.samples) });
  }
  return ok;
}

/**
 * Target check: one row per `{ name, what, value, limit, fmt }`, "ok" when value <= limit.
 * `value` is a median or a ratio of medians; null prints as n/a.
 */
export function printTargets(checks, log = console.log) {
  printTable(
    [
      ["figure", "measured", "target", "verdict"],
      ...checks.map((c) => [
        `${c.name} ${c.what}`,
        c.fmt(c.value),
        `<= ${c.fmt(c.limit)}`,
        c.value == null ? "n/a" : c.value <= c.limit ? "ok" : `MISSED (${(c.value / c.limit).toFixed(2)}x the target)`,
      ]),
    ],
    log,
  );
}

/** Is `p` a path that exists (file, folder or dangling link)? */
export function exists(p) {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * Ends this process's descendants (the tool a `measure` is running, and the /usr/bin/time around it)
 * by pid, deepest first, and waits up to `waitMs` for them to go: a signal handler calls this
 * before it restores anything a child could still write to. Linux (/proc) only; elsewhere a no-op.
 */
export function killDescendants(signal = "SIGTERM", waitMs = 5000) {
  const children = new Map(); // ppid -> pids
  let entries;
  try {
    entries = fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  } catch {
    return;
  }
  for (const e of entries) {
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(e));
    } catch {
      // gone already
    }
  }
  const order = [];
  const visit = (pid) => {
    for (const c of children.get(pid) ?? []) {
      visit(c);
      order.push(c);
    }
  };
  visit(process.pid);
  for (const pid of order) {
    try {
      process.kill(pid, signal);
    } catch {
      // gone already
    }
  }
  const until = Date.now() + waitMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (
    Date.now() < until &&
    order.some((pid) => fs.existsSync(`/proc/${pid}`) && !/\) Z /.test(safeRead(`/proc/${pid}/stat`)))
  ) {
    Atomics.wait(pause, 0, 0, 50);
  }
}

const safeRead = (p) => {
  try {
    return fs.readFileSync(p, "utf8");
  } catch {
    return "";
  }
};

/**
 * Runs the contenders alternately, reports each run, and prints the timing table with ratios
 * against `baseline`: the part every timing mode shares. Returns the successful contenders.
 */
export async function timeContenders(contenders, runs, baseline, log, { before, heading = "" } = {}) {
  const results = await alternate(contenders, runs, {
    onRun: runProgress(runs, contenders),
    ...(before ? { before } : {}),
  });
  const ok = collectResults(contenders, results, log);
  log(`## speed and memory (median of runs; spread = (max - min) / median, the machine noise${heading})`);
  if (ok.length) printTimingTable(ok, baseline, log);
  else log("(no successful runs)");
  return ok;
}

/** The arguments every timing mode takes: REPO, --runs N (default 3), --keep. */
export function timingArgs(argv, usage) {
  const { positionals, flags } = parseArgs(argv, { values: ["runs"], booleans: ["keep"] });
  if (positionals.length !== 1) throw new BenchError(`usage: npm run bench -- ${usage}`);
  return { repo: repoArg(positionals[0]), runs: flags.runs == null ? 3 : positiveInt("runs", flags.runs), flags };
}
