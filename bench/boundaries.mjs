// `npm run bench -- boundaries REPO LABELS.json [--demo] [-- analyze flags]`: how well faultline
// recovers labelled business domains, against naive baselines: folders, Louvain on imports,
// on co-change, and on both. Agreement by MoJoFM (faultline -> labels) and adjusted Rand index.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { UndirectedGraph } from "graphology";
import louvainModule from "graphology-communities-louvain";
import { BenchError, FAULTLINE_ROOT, makeTempDir, parseArgs, printTable } from "./lib.mjs";

const louvain = louvainModule.default ?? louvainModule;
// the baselines draw from faultline's own seeded RNG (dist/ is built by npm ci)
const { seededRng } = await import(pathToFileURL(path.join(FAULTLINE_ROOT, "dist/boundaries/louvain.js")).href);
export const usage =
  "boundaries REPO LABELS.json [-- analyze flags] | boundaries --demo: MoJoFM and ARI of faultline and naive " +
  "baselines against labelled domains";

const BIN = path.join(FAULTLINE_ROOT, "bin/faultline.js");

function cli(args) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new BenchError(`faultline ${args[0]} failed: ${r.stderr.trim().split("\n").pop()}`);
  return r.stdout;
}

function louvainPartition(files, weighted) {
  const g = new UndirectedGraph();
  for (const f of files) g.addNode(f);
  for (const [a, b, w] of weighted) {
    if (!g.hasNode(a) || !g.hasNode(b) || a === b) continue;
    if (g.hasEdge(a, b)) g.updateEdgeAttribute(a, b, "weight", (x) => x + w);
    else g.addEdge(a, b, { weight: w });
  }
  const c = louvain(g, { getEdgeWeight: "weight", rng: seededRng(1) });
  return new Map(files.map((f) => [f, `c${c[f]}`]));
}

export async function main(argv) {
  const { positionals, flags } = parseArgs(argv.includes("--") ? argv.slice(0, argv.indexOf("--")) : argv, {
    booleans: ["demo"],
  });
  const extra = argv.includes("--") ? argv.slice(argv.indexOf("--") + 1) : [];
  let repo;
  let labelsFile;
  if (flags.demo) {
    const { buildDemoRepo, DEMO } = await import(
      pathToFileURL(path.join(FAULTLINE_ROOT, "scripts/demo-repo.mjs")).href
    );
    repo = path.join(makeTempDir().dir, "demo-shop");
    await buildDemoRepo(repo);
    labelsFile = path.join(DEMO, "domains.json");
  } else {
    [repo, labelsFile] = positionals;
    if (!repo || !labelsFile) throw new BenchError(`usage: ${usage}`);
  }
  const { mojoFM, adjustedRand } = await import(
    pathToFileURL(path.join(FAULTLINE_ROOT, "dist/metrics/agreement.js")).href
  );
  const labels = JSON.parse(fs.readFileSync(labelsFile, "utf8"));
  const truth = new Map();
  for (const [domain, files] of Object.entries(labels)) for (const f of files) truth.set(f, domain);

  const out = makeTempDir().dir;
  const t0 = Date.now();
  cli(["analyze", repo, "--out", out, "--quiet", ...extra]);
  const seconds = (Date.now() - t0) / 1000;
  const analysis = JSON.parse(fs.readFileSync(path.join(out, "analysis.json"), "utf8"));
  const ours = new Map();
  for (const s of analysis.services) for (const f of s.files) ours.set(f, s.id);
  for (const k of analysis.kernel.files) ours.set(k.path, "(kernel)");
  for (const f of analysis.isolated) ours.set(f, `(isolated) ${f}`);
  const files = [...ours.keys()].filter((f) => truth.has(f)).sort();

  // the baselines see the same files: --include/--exclude/--tsconfig given to analyze apply to them too
  const scopeArgs = [];
  for (let i = 0; i < extra.length; i++) {
    if (["--include", "--exclude", "--tsconfig"].includes(extra[i])) scopeArgs.push(extra[i], extra[++i]);
  }
  const graph = JSON.parse(cli(["graph", repo, "--quiet", ...scopeArgs]));
  const history = JSON.parse(
    cli(["history", repo, "--quiet", "--min-shared", "1", "--min-revs", "1", "--min-coupling", "0", ...scopeArgs]),
  );
  const importPairs = graph.edges.map((e) => [e.from, e.to, 1]);
  const cochangePairs = history.coupling.map((c) => [c.a, c.b, c.degree / 100]);
  const partitions = {
    faultline: ours,
    folders: new Map(files.map((f) => [f, path.posix.dirname(f)])),
    "louvain(imports)": louvainPartition(files, importPairs),
    "louvain(co-change)": louvainPartition(files, cochangePairs),
    "louvain(both)": louvainPartition(files, [...importPairs, ...cochangePairs]),
  };
  const restrict = (p) => new Map(files.map((f) => [f, p.get(f)]));
  const t = restrict(truth);
  const rows = [["partition", "clusters", "MoJoFM", "ARI"]];
  for (const [name, p] of Object.entries(partitions)) {
    const r = restrict(p);
    rows.push([name, String(new Set(r.values()).size), mojoFM(r, t).toFixed(1), adjustedRand(r, t).toFixed(3)]);
  }
  console.log(
    `repo ${repo}: ${files.length} labelled files in ${new Set(t.values()).size} domains; analyze took ` +
      `${seconds.toFixed(2)} s`,
  );
  console.log(
    `faultline: ${analysis.services.length} services, kernel ${analysis.kernel.files.length}, resolution ` +
      `${analysis.settings.resolution} (${analysis.settings.resolutionRule})`,
  );
  printTable(rows);
  return 0;
}
