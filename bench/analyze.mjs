// `npm run bench -- analyze REPO [--runs N] [--keep] [-- extra analyze flags]`
// faultline analyze in three cache states (cold, warm, one file changed) against
// dependency-cruiser on the same repo for scale: speed and peak memory, the per-stage
// `--timings` of one cold and one warm run, and whether the cache changes analysis.json.
// The repo is left exactly as it was: the touched file is restored and REPO/.faultline/ is put
// back as found (removed if it did not exist), also on error or Ctrl-C.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { depcruiseContender } from "./graph.mjs";
import {
  BenchError,
  alternate,
  collectResults,
  exists,
  fmtMB,
  fmtS,
  killDescendants,
  makeTempDir,
  measure,
  printCommands,
  printEpilogue,
  printPreamble,
  prepareCli,
  printTable,
  printTargets,
  timingArgs,
  printTimingTable,
  runProgress,
  shellQuote,
  splitPassthrough,
  tail,
} from "./lib.mjs";

export const usage =
  "analyze REPO [--runs N] [--keep] [-- analyze flags]   faultline analyze cold / warm / one file changed vs " +
  "dependency-cruiser, --timings, cache determinism";

// targets for a 2,100-file repo with 10k commits
const TARGETS = { cold: 8, warm: 2, oneFile: 3, rssKiB: 1024 * 1024 };
const NAMES = { cold: "faultline cold", warm: "faultline warm", oneFile: "faultline 1-file", depcruise: "depcruise" };

const SOURCE = /\.[cm]?[jt]sx?$/;
// faultline's default test/generated excludes (analyze --help), so that --include-tests does not pick one,
// plus declarations, tool configs and test set-up files
const TEST_LIKE = [
  /(^|\/)(__tests__|__mocks__|__fixtures__|__snapshots__|test|tests|e2e|fixtures|mocks)\//,
  /(^|\/)(stories|\.storybook|generated|__generated__)\//,
  /\.(test|spec|stories|story|e2e-spec|cy)\.[cm]?[jt]sx?$/,
  /\.generated\.[cm]?tsx?$/,
  /\.d\.[cm]?ts$/,
  // tool configuration and test set-up are analysed too, but are not what "a real source file" means
  /(^|\/)[^/]*\.config\.[cm]?[jt]sx?$/,
  /(^|\/)[^/]*(test-setup|setup-tests?|jest\.setup|vitest\.setup)[^/]*$/,
];

/** Every file analysis.json places: services, shared kernel, isolated. */
function analysedFiles(analysis) {
  return [
    ...analysis.services.flatMap((s) => s.files),
    ...analysis.kernel.files.map((k) => k.path),
    ...analysis.isolated,
  ];
}

function git(repo, args) {
  return spawnSync("git", ["-C", repo, ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
}

/** First analysed file, in sorted order, that is a source file, not test-like or a config, tracked and unmodified. */
function pickFile(repo, files) {
  for (const f of [...new Set(files)].sort()) {
    if (!SOURCE.test(f) || TEST_LIKE.some((re) => re.test(f))) continue;
    if (git(repo, ["ls-files", "--error-unmatch", "--", f]).status !== 0) continue;
    if (git(repo, ["status", "--porcelain", "--", f]).stdout.trim() !== "") continue;
    return f;
  }
  return null;
}

/** Moves a folder; copies and removes when rename cannot cross file systems. */
function move(from, to) {
  try {
    fs.renameSync(from, to);
  } catch (e) {
    if (e.code !== "EXDEV") throw e;
    fs.cpSync(from, to, { recursive: true, preserveTimestamps: true });
    fs.rmSync(from, { recursive: true, force: true });
  }
}

/**
 * Records REPO/.faultline/ as it is, moves an existing cache aside (so that no earlier run's
 * cache is measured), and returns a synchronous, idempotent `restore()` that puts everything
 * back: the touched file (git checkout, then its original bytes and times if anything still
 * differs), the cache, and .faultline/ itself (removed if it was not there).
 */
function guardRepo(repo) {
  const dot = path.join(repo, ".faultline");
  const cache = path.join(dot, "cache");
  const hadDot = exists(dot);
  const before = hadDot ? new Set(fs.readdirSync(dot)) : null;
  const dotStat = hadDot ? fs.statSync(dot) : null;
  let backup = null;
  if (exists(cache)) {
    backup = makeTempDir("faultline-bench-cache-backup-").dir; // not cleaned on exit: restore() empties it
    move(cache, path.join(backup, "cache"));
  }
  const touched = { rel: null, bytes: null, stat: null };
  let restored = false;
  const problems = [];
  const restoreFile = () => {
    if (!touched.rel) return;
    const abs = path.join(repo, touched.rel);
    const r = git(repo, ["checkout", "--", touched.rel]);
    if (r.status !== 0) problems.push(`git checkout -- ${touched.rel} failed: ${r.stderr.trim()}`);
    try {
      if (!fs.readFileSync(abs).equals(touched.bytes)) fs.writeFileSync(abs, touched.bytes);
      fs.utimesSync(abs, touched.stat.atime, touched.stat.mtime);
    } catch (e) {
      problems.push(`restoring ${touched.rel}: ${e.message}`);
    }
    touched.rel = null;
  };
  return {
    cache,
    hadDot,
    hadCache: backup !== null,
    /** Remembers `rel`'s bytes and times before the bench appends to it. */
    remember(rel) {
      const abs = path.join(repo, rel);
      touched.bytes = fs.readFileSync(abs);
      touched.stat = fs.statSync(abs);
      touched.rel = rel;
    },
    restoreFile,
    restore() {
      if (restored) return problems;
      restored = true;
      restoreFile();
      try {
        fs.rmSync(cache, { recursive: true, force: true });
        if (!hadDot) fs.rmSync(dot, { recursive: true, force: true });
        else {
          for (const e of fs.readdirSync(dot))
            if (!before.has(e)) fs.rmSync(path.join(dot, e), { recursive: true, force: true });
          if (backup) {
            move(path.join(backup, "cache"), cache);
            fs.rmSync(backup, { recursive: true, force: true });
          }
          fs.utimesSync(dot, dotStat.atime, dotStat.mtime); // the folder's own times too
        }
      } catch (e) {
        problems.push(`restoring ${dot}: ${e.message}${backup ? ` (the original cache is in ${backup})` : ""}`);
      }
      return problems;
    },
  };
}

/** Byte comparison of two files, with the first differing line when they differ. */
function sameBytes(a, b) {
  const x = fs.readFileSync(a);
  const y = fs.readFileSync(b);
  if (x.equals(y)) return { same: true, bytes: x.length };
  const xl = x.toString("utf8").split("\n");
  const yl = y.toString("utf8").split("\n");
  let i = 0;
  while (i < xl.length && i < yl.length && xl[i] === yl[i]) i++;
  const cut = (s) => (s == null ? "(end of file)" : s.length > 160 ? s.slice(0, 160) + "..." : s);
  return { same: false, bytes: x.length, otherBytes: y.length, line: i + 1, a: cut(xl[i]), b: cut(yl[i]) };
}

export async function main(argv) {
  const { own, passthrough: extra } = splitPassthrough(argv);
  const { repo, runs, flags } = timingArgs(own, usage);
  for (const f of ["--out", "--no-cache", "--timings"]) {
    if (extra.includes(f))
      throw new BenchError(`${f} is set by the bench itself; leave it out of the extra analyze flags`);
  }
  const log = console.log;
  const cli = prepareCli();
  if (!fs.existsSync(path.join(repo, ".git"))) throw new BenchError(`not a git repository: ${repo}`);

  const { dir: tmp, cleanup } = makeTempDir();
  if (!flags.keep) process.once("exit", cleanup);
  const outDir = (name) => {
    const d = path.join(tmp, name);
    fs.mkdirSync(d, { recursive: true });
    return d;
  };
  const analyzeArgs = (out, ...more) => [cli.bin, "analyze", repo, "--out", out, "--quiet", ...extra, ...more];
  /** One faultline analyze outside the alternation; throws on failure. */
  const analyzeOnce = async (name, more = []) => {
    const out = outDir(name);
    const m = await measure(process.execPath, analyzeArgs(out, ...more), {
      cwd: repo,
      stdoutFile: path.join(out, "stdout.txt"),
    });
    if (m.code !== 0)
      throw new BenchError(`faultline analyze (${name}) failed (exit ${m.code ?? m.signal}):\n${tail(m.stderr, 15)}`);
    return { ...m, out, analysis: path.join(out, "analysis.json") };
  };

  const statusBefore = git(repo, ["status", "--porcelain", "--untracked-files=all"]).stdout;
  const guard = guardRepo(repo);
  const onSignal = (sig) => {
    killDescendants(); // a faultline still running could write the cache after the restore
    const problems = guard.restore();
    for (const p of problems) console.error(`bench analyze: ${p}`);
    process.exit(sig === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const dropCache = () => fs.rmSync(guard.cache, { recursive: true, force: true });

  let status;
  try {
    // ---- contenders
    const contenders = [
      {
        name: NAMES.cold,
        cmd: process.execPath,
        args: analyzeArgs(outDir("cold")),
        cwd: repo,
        stdoutFile: path.join(tmp, "cold.stdout"),
        before: dropCache,
        note: "rm -rf REPO/.faultline/cache before each run",
      },
      {
        name: NAMES.warm,
        cmd: process.execPath,
        args: analyzeArgs(outDir("warm")),
        cwd: repo,
        stdoutFile: path.join(tmp, "warm.stdout"),
        note: "cache in place, nothing changed",
      },
      {
        name: NAMES.oneFile,
        cmd: process.execPath,
        args: analyzeArgs(outDir("one-file")),
        cwd: repo,
        stdoutFile: path.join(tmp, "one-file.stdout"),
      },
    ];
    const dc = depcruiseContender(repo, path.join(tmp, "depcruise.json"), NAMES.depcruise);
    if (dc.contender) contenders.push(dc.contender);

    printPreamble(log, { title: `faultline analyze bench: ${repo}`, runs, contenders, cli });
    const aside = guard.hadCache ? ", its cache is moved aside for the bench and put back at the end" : "";
    log(`REPO/.faultline: ${guard.hadDot ? `existed${aside}` : "did not exist; removed at the end"}`);
    if (extra.length) log(`extra analyze flags: ${extra.map(shellQuote).join(" ")}`);
    log(dc.describe);
    if (dc.problem) log(`depcruise: not run: ${dc.problem}`);

    // ---- priming run: fills the cache and tells which file to touch
    dropCache();
    const prime = await analyzeOnce("prime");
    const analysis = JSON.parse(fs.readFileSync(prime.analysis, "utf8"));
    const files = analysedFiles(analysis);
    const rel = pickFile(repo, files);
    if (!rel) throw new BenchError("no tracked, unmodified, non-test source file among the analysed files to touch");
    const abs = path.join(repo, rel);
    guard.remember(rel);
    contenders[2].before = (i) => {
      const text = fs.readFileSync(abs, "utf8");
      fs.appendFileSync(
        abs,
        `${text.endsWith("\n") || text === "" ? "" : "\n"}// faultline bench: one-file-changed run ${i}\n`,
      );
    };
    contenders[2].note = `appends a comment line to ${rel} before each run; cache warm otherwise`;
    log(
      `repo: ${analysis.repo.files} analysed files, ${analysis.repo.commits} commits in history, ` +
        `${analysis.services.length} services proposed` +
        ` (targets are set for about 2,100 files and 10k commits)`,
    );
    log(
      `priming run (cold, not counted): ${fmtS(prime.wallS)}, ${fmtMB(prime.rssKiB)}; file touched by ` +
        `one-file-changed: ${rel}`,
    );
    printCommands(contenders, log);
    log("");

    // ---- measured runs, alternating
    const results = await alternate(contenders, runs, { onRun: runProgress(runs, contenders) });
    guard.restoreFile(); // git checkout -- rel: the file is back for everything below
    const ok = collectResults(contenders, results, log);

    log("## speed and memory (median of runs; spread = (max - min) / median, the machine noise; ratios vs depcruise)");
    if (ok.length) printTimingTable(ok, NAMES.depcruise, log);
    else log("(no successful runs)");
    log("");
    const get = (name) => ok.find((r) => r.name === name)?.summary;
    const secs = (x) => `${x.toFixed(2)} s`;
    const mb = (kib) => `${(kib / 1024).toFixed(0)} MB`;
    const checks = [
      { name: NAMES.cold, what: "wall", value: get(NAMES.cold)?.wall, limit: TARGETS.cold, fmt: secs },
      { name: NAMES.warm, what: "wall", value: get(NAMES.warm)?.wall, limit: TARGETS.warm, fmt: secs },
      { name: NAMES.oneFile, what: "wall", value: get(NAMES.oneFile)?.wall, limit: TARGETS.oneFile, fmt: secs },
      ...[NAMES.cold, NAMES.warm, NAMES.oneFile].map((n) => ({
        name: n,
        what: "peak RSS",
        value: get(n)?.rss,
        limit: TARGETS.rssKiB,
        fmt: mb,
      })),
    ];
    log("## targets (medians; set for a 2,100-file repo with 10k commits; peak memory <= 1 GB = 1024 MB)");
    printTargets(checks, log);
    const noise = Math.max(...ok.map((r) => r.summary.wallSpread?.rel ?? 0));
    log(
      `largest wall spread: ${(noise * 100).toFixed(1)}%; a median within about that of its target is not a clear ` +
        `pass or miss`,
    );
    log("");

    // ---- --timings of one cold and one warm run (file restored)
    dropCache();
    const tCold = await analyzeOnce("timings-cold", ["--timings"]);
    const tWarm = await analyzeOnce("timings-warm", ["--timings"]);
    for (const [label, t] of [
      ["cold", tCold],
      ["warm", tWarm],
    ]) {
      log(
        `## --timings, one ${label} run (faultline's own stderr, verbatim; GNU time: ${fmtS(t.wallS)}, ` +
          `${fmtMB(t.rssKiB)})`,
      );
      log(t.stderr.replace(/\n$/, "") || "(nothing on stderr)");
      log("");
    }

    // ---- does the cache change the result?
    dropCache();
    const cold = await analyzeOnce("identity-cold");
    const noCache = await analyzeOnce("identity-no-cache", ["--no-cache"]);
    log("## analysis.json determinism (file restored; each compared byte for byte with a --no-cache run)");
    const rows = [["run", "bytes", "identical to --no-cache"]];
    const diffs = [];
    for (const [label, r] of [
      ["cold (cache removed first)", cold],
      ["warm (--timings run above)", tWarm],
    ]) {
      const c = sameBytes(r.analysis, noCache.analysis);
      rows.push([label, String(c.bytes), c.same ? "yes" : `NO (${c.otherBytes} bytes with --no-cache)`]);
      if (!c.same)
        diffs.push(`${label}: first difference at line ${c.line}:\n    run:        ${c.a}\n    --no-cache: ${c.b}`);
    }
    printTable(rows, log);
    for (const d of diffs) log(d);
    printEpilogue(log, cli);
    log("");
    status = ok.some((r) => r.name === NAMES.cold) && !diffs.length ? 0 : 1;
  } finally {
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
    const problems = guard.restore();
    for (const p of problems) log(`RESTORE PROBLEM: ${p}`);
    const statusAfter = git(repo, ["status", "--porcelain", "--untracked-files=all"]).stdout;
    if (statusAfter !== statusBefore) log(`RESTORE PROBLEM: git status differs from before the bench:\n${statusAfter}`);
    if (!problems.length && statusAfter === statusBefore) {
      log(
        `repo restored: git status as before, REPO/.faultline ` +
          `${guard.hadDot ? "as it was" : "removed (it did not exist)"}`,
      );
    }
  }
  if (flags.keep) log(`outputs kept in ${tmp}`);
  return status;
}
