// `npm run bench -- cochange REPO [--max-changeset N] [--min-revs N] [--min-shared N] [--min-coupling PCT]`
// faultline history --no-renames against code-maat's `coupling` analysis computed here, straight
// from git's own log with none of faultline's code: the same pairs, shared counts and degrees (to
// 0.01). The files that count are the ones `faultline graph` lists (TypeScript's parse of the
// tsconfigs, not the reader `history` uses). Bots are not dropped on either side (code-maat has
// no such filter): faultline runs with an --exclude-author that matches nobody.
import { execFileSync } from "node:child_process";
import { BenchError, FAULTLINE_BIN, parseArgs, positiveInt, repoArg } from "./lib.mjs";

export const usage =
  "cochange REPO [--max-changeset N] [--min-revs N] [--min-shared N] [--min-coupling PCT]   faultline's coupling vs " +
  "code-maat's, computed from git log here";

const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "pipe"] });

/** code-maat: merges out (--no-merges), paths as git printed them at each commit (--no-renames). */
function referenceCoupling(repo, scope, t) {
  const log = run(
    "git",
    [
      "-c",
      "core.quotepath=off",
      "-c",
      "log.showSignature=false",
      "log",
      "--no-merges",
      "--no-renames",
      "--name-status",
      "-z",
      "--format=%x01%H",
    ],
    repo,
  );
  const revisions = new Map();
  const shared = new Map();
  let large = 0;
  for (const commit of log.split("\x01").slice(1)) {
    // "<sha>\0\n<status>\0<path>\0<status>\0<path>\0..."
    const tokens = commit
      .split("\0")
      .slice(1)
      .map((s) => s.replace(/^\n/, ""));
    const files = new Set();
    for (let i = 0; i + 1 < tokens.length; i += 2) if (scope.has(tokens[i + 1])) files.add(tokens[i + 1]);
    if (files.size === 0) continue;
    if (files.size > t.maxChangeset) {
      large++;
      continue;
    }
    const sorted = [...files].sort();
    for (const f of sorted) revisions.set(f, (revisions.get(f) ?? 0) + 1);
    for (let i = 0; i < sorted.length; i++)
      for (let j = i + 1; j < sorted.length; j++) {
        const key = `${sorted[i]}\0${sorted[j]}`;
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
  }
  const pairs = new Map();
  for (const [key, s] of shared) {
    const [a, b] = key.split("\0");
    const average = (revisions.get(a) + revisions.get(b)) / 2;
    const degree = (100 * s) / average;
    if (s >= t.minShared && average >= t.minRevs && degree >= t.minCoupling)
      pairs.set(key, { shared: s, degree: Math.round(degree * 100) / 100 });
  }
  return { pairs, large };
}

export async function main(argv) {
  const { positionals, flags } = parseArgs(argv, {
    values: ["max-changeset", "min-revs", "min-shared", "min-coupling"],
  });
  const repo = repoArg(positionals[0]);
  const t = {
    maxChangeset: positiveInt("max-changeset", flags["max-changeset"] ?? 30),
    minRevs: positiveInt("min-revs", flags["min-revs"] ?? 5, 0),
    minShared: positiveInt("min-shared", flags["min-shared"] ?? 5, 0),
    minCoupling: Number(flags["min-coupling"] ?? 30),
  };
  if (!Number.isFinite(t.minCoupling)) throw new BenchError("--min-coupling takes a number");
  const graph = JSON.parse(run(process.execPath, [FAULTLINE_BIN, "graph", repo, "--quiet"], repo));
  const scope = new Set(graph.modules.map((m) => m.path));
  const reference = referenceCoupling(repo, scope, t);
  const history = JSON.parse(
    run(
      process.execPath,
      [
        FAULTLINE_BIN,
        "history",
        repo,
        "--quiet",
        "--no-renames",
        "--exclude-author",
        "(?!)",
        "--max-changeset",
        String(t.maxChangeset),
        "--min-revs",
        String(t.minRevs),
        "--min-shared",
        String(t.minShared),
        "--min-coupling",
        String(t.minCoupling),
      ],
      repo,
    ),
  );
  const mine = new Map(history.coupling.map((p) => [`${p.a}\0${p.b}`, { shared: p.shared, degree: p.degree }]));
  const differ = [];
  for (const [key, r] of reference.pairs) {
    const m = mine.get(key);
    if (!m || m.shared !== r.shared || Math.abs(m.degree - r.degree) > 0.01)
      differ.push(
        `${key.replace("\0", " <-> ")}: code-maat ${r.shared} / ${r.degree}, faultline ` +
          `${m ? `${m.shared} / ${m.degree}` : "missing"}`,
      );
  }
  for (const key of mine.keys())
    if (!reference.pairs.has(key)) differ.push(`${key.replace("\0", " <-> ")}: only in faultline`);
  console.log(`# co-change: faultline history --no-renames vs code-maat's coupling, computed from git log (${repo})`);
  console.log(
    `files in scope (faultline graph): ${scope.size}; thresholds: max-changeset ${t.maxChangeset}, min-revs ` +
      `${t.minRevs}, min-shared ${t.minShared}, min-coupling ${t.minCoupling}`,
  );
  console.log(`code-maat: ${reference.pairs.size} pairs, ${reference.large} large changesets dropped`);
  console.log(`faultline: ${mine.size} pairs, ${history.skipped.large} large changesets dropped`);
  if (reference.large !== history.skipped.large)
    differ.push(`large changesets: code-maat ${reference.large}, faultline ${history.skipped.large}`);
  if (reference.pairs.size === 0) differ.push("no pair at these thresholds: nothing compared (lower them)");
  if (differ.length === 0) {
    console.log("identical: same pairs, shared counts and degrees (to 0.01)");
    return 0;
  }
  console.log(`${differ.length} difference(s):`);
  for (const d of differ.slice(0, 20)) console.log(`  ${d}`);
  return 1;
}
