// `npm run bench -- cold REPO --against DIR [--runs N] [-- analyze flags]`
// A cold `faultline analyze` (--no-cache) of this build beside another build of faultline (DIR: a
// checkout with bin/ and dist/ built) and dependency-cruiser on the same repo, taking turns: is this
// build slower than that one? Ratios against depcruise say how fast the machine was; the ratio of
// the two builds' medians is the answer.
import fs from "node:fs";
import path from "node:path";
import { depcruiseContender } from "./graph.mjs";
import {
  BenchError,
  makeTempDir,
  parseArgs,
  positiveInt,
  printPreamble,
  prepareCli,
  printEpilogue,
  repoArg,
  shellQuote,
  splitPassthrough,
  timeContenders,
} from "./lib.mjs";

export const usage =
  "cold REPO --against DIR [--runs N] [-- analyze flags]   cold analyze of this build vs another build and " +
  "dependency-cruiser";

export async function main(argv) {
  const { own, passthrough: extra } = splitPassthrough(argv);
  const { positionals, flags } = parseArgs(own, { values: ["runs", "against"] });
  if (positionals.length !== 1 || !flags.against) throw new BenchError(`usage: npm run bench -- ${usage}`);
  const repo = repoArg(positionals[0]);
  const runs = flags.runs == null ? 5 : positiveInt("runs", flags.runs);
  const otherBin = path.join(path.resolve(flags.against), "bin", "faultline.js");
  if (!fs.existsSync(otherBin)) throw new BenchError(`--against: ${otherBin} not found (build that checkout first)`);
  const cli = prepareCli();
  const { dir: tmp, cleanup } = makeTempDir("faultline-bench-cold-");
  try {
    const analyze = (bin, name) => ({
      name,
      cmd: process.execPath,
      args: [bin, "analyze", repo, "--no-cache", "--quiet", "--out", path.join(tmp, name), ...extra],
      cwd: repo,
      stdoutFile: path.join(tmp, `${name}.stdout`),
    });
    const contenders = [analyze(cli.bin, "this build"), analyze(otherBin, "against")];
    const dc = depcruiseContender(repo, path.join(tmp, "depcruise.json"));
    if (dc.contender) contenders.push(dc.contender);
    const log = console.log;
    printPreamble(log, { title: `cold analyze: this build vs ${flags.against}: ${repo}`, runs, contenders, cli });
    if (extra.length) log(`extra analyze flags: ${extra.map(shellQuote).join(" ")}`);
    log(dc.describe);
    if (dc.problem) log(`depcruise: not run: ${dc.problem}`);
    const ok = await timeContenders(contenders, runs, dc.contender ? "depcruise" : "against", log);
    const wall = (name) => ok.find((r) => r.name === name)?.summary.wall;
    const [mine, theirs] = [wall("this build"), wall("against")];
    if (mine != null && theirs != null) log(`\nthis build / against: ${(mine / theirs).toFixed(3)} (median wall)`);
    printEpilogue(log, cli);
    return 0;
  } finally {
    cleanup();
  }
}
