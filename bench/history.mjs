// `npm run bench -- history REPO [--runs N] [--keep]`
// faultline history vs the bare `git log` it has to read: speed and peak memory. The git run
// asks for the same information faultline's own log asks for (no merges, name-status, renames,
// NUL-separated, hash/author/email/author date/committer date), so the ratio is faultline's
// overhead over reading the history at all. Target: faultline <= 1.5x git.
import fs from "node:fs";
import path from "node:path";
import {
  BenchError,
  fmtRatio,
  makeTempDir,
  printCommands,
  printEpilogue,
  printPreamble,
  prepareCli,
  printTargets,
  timeContenders,
  timingArgs,
} from "./lib.mjs";

export const usage =
  "history REPO [--runs N] [--keep]   faultline history vs a bare git log of the same information (target <= 1.5x)";

/** The format faultline's own log uses (src/history/gitLog.ts LOG_FORMAT). */
const LOG_FORMAT = "%x01%H%x02%aN%x02%aE%x02%at%x02%ct%x02%P%x02%s";
const TARGET_RATIO = 1.5;

/** Commits in a `git log -z --format=%x01...` output: one \x01 each. Streams, so size does not matter. */
function countCommitMarks(file) {
  const fd = fs.openSync(file, "r");
  const buf = Buffer.allocUnsafe(1 << 20);
  let n = 0;
  let bytes = 0;
  try {
    for (let read; (read = fs.readSync(fd, buf, 0, buf.length, null)) > 0;) {
      bytes += read;
      for (let i = 0; i < read; i++) if (buf[i] === 1) n++;
    }
  } finally {
    fs.closeSync(fd);
  }
  return { commits: n, bytes };
}

export async function main(argv) {
  const { repo, runs, flags } = timingArgs(argv, usage);
  const log = console.log;
  const cli = prepareCli();
  if (!fs.existsSync(path.join(repo, ".git"))) throw new BenchError(`not a git repository: ${repo}`);

  const { dir: tmp, cleanup } = makeTempDir();
  if (!flags.keep) process.once("exit", cleanup);
  const faultlineOut = path.join(tmp, "history.json");
  const gitOut = path.join(tmp, "git-log.bin");

  const contenders = [
    {
      name: "faultline",
      cmd: process.execPath,
      args: [cli.bin, "history", repo, "--quiet"],
      cwd: repo,
      stdoutFile: faultlineOut,
    },
    {
      name: "git",
      cmd: "git",
      args: ["-C", repo, "log", "--no-merges", "--name-status", "-M", "-z", `--format=${LOG_FORMAT}`],
      cwd: repo,
      stdoutFile: gitOut,
    },
  ];

  printPreamble(log, { title: `faultline history bench: ${repo}`, runs, contenders, cli });
  printCommands(contenders, log);
  log("");

  const ok = await timeContenders(contenders, runs, "git", log);
  const f = ok.find((r) => r.name === "faultline")?.summary;
  const g = ok.find((r) => r.name === "git")?.summary;
  if (f && g) {
    log(`faultline/git: wall ${fmtRatio(f.wall, g.wall)}, peak RSS ${fmtRatio(f.rss, g.rss)}`);
    const noise = Math.max(f.wallSpread?.rel ?? 0, g.wallSpread?.rel ?? 0);
    log(
      `wall spread up to ${(noise * 100).toFixed(1)}% of the median: a ratio within about that of the target is not ` +
        `a clear pass or miss`,
    );
    printTargets(
      [
        {
          name: "faultline/git",
          what: "wall (ratio of medians)",
          value: f.wall / g.wall,
          limit: TARGET_RATIO,
          fmt: (x) => `${x.toFixed(2)}x`,
        },
      ],
      log,
    );
  }
  printEpilogue(log, cli);
  log("");

  let status = 1;
  if (ok.some((r) => r.name === "faultline")) {
    try {
      const h = JSON.parse(fs.readFileSync(faultlineOut, "utf8"));
      const sk = h.skipped ?? {};
      log(
        `faultline history (last run): ${h.commits} commits kept, ${h.files.length} files with history, ` +
          `${h.coupling?.length ?? 0} coupled pairs; ` +
          `skipped: ${sk.merges ?? "?"} merges, ${sk.large ?? "?"} large changesets, ${sk.authors ?? "?"} by ` +
          `excluded authors; HEAD ${String(h.head).slice(0, 12)}`,
      );
      status = 0;
    } catch (e) {
      log(`faultline output is not JSON: ${e.message}`);
    }
  }
  if (ok.some((r) => r.name === "git")) {
    const { commits, bytes } = countCommitMarks(gitOut);
    log(
      `git log (last run): ${commits} non-merge commits, ${(bytes / 1024 / 1024).toFixed(1)} MB of output ` +
        "(faultline keeps those that touch an analysed file, are not by an excluded author and do not touch more " +
        "than --max-changeset files)",
    );
  }
  log("");
  if (flags.keep) log(`outputs kept in ${tmp}`);
  return status;
}
