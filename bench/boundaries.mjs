// `npm run bench -- boundaries ...`: how well faultline recovers labelled business domains, at both
// levels: its services against team-sized contexts, its modules against the finer modules. Agreement
// by MoJoFM (faultline -> labels) and adjusted Rand index over every labelled file. A labelled file
// that faultline leaves out of every service (kernel, isolated, client, tooling, generated, not
// analysed) counts as misplaced: it is a cluster of its own. Naive baselines (folders, Louvain on
// imports, on co-change, on both) are scored the same way at the service level.
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
const { mojoFM, adjustedRand } = await import(
  pathToFileURL(path.join(FAULTLINE_ROOT, "dist/metrics/agreement.js")).href
);
export const usage =
  "boundaries --set NAME [REPO] | --all | --demo | REPO --services C.json [--modules M.json] [-- analyze flags]: " +
  "MoJoFM and ARI of services and modules against labelled contexts and modules";

const BIN = path.join(FAULTLINE_ROOT, "bin/faultline.js");
const LABELS = path.join(FAULTLINE_ROOT, "bench/labels");

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

// the demo's labels name its shared kernel "shared": infrastructure, unlabelled as in the real sets
const readLabels = (file) => {
  const truth = new Map();
  for (const [domain, files] of Object.entries(JSON.parse(fs.readFileSync(file, "utf8"))))
    if (domain !== "shared") for (const f of files) truth.set(f, domain);
  return truth;
};

/** Scores `ours` (file -> cluster) against `truth` over every labelled file; a file ours leaves out is alone. */
function score(ours, truth) {
  const files = [...truth.keys()].sort();
  const mine = new Map(files.map((f) => [f, ours.get(f) ?? `(out) ${f}`]));
  const t = new Map(files.map((f) => [f, truth.get(f)]));
  const out = files.filter((f) => !ours.has(f)).length;
  return { mojo: mojoFM(mine, t), ari: adjustedRand(mine, t), clusters: new Set(mine.values()).size, out, files };
}

/** Each module's files under the context most of its labelled files carry (its own id when none). */
function groupedByMajority(analysis, contexts) {
  const out = new Map();
  for (const s of analysis.services)
    for (const m of s.modules ?? [{ id: s.id, files: s.files }]) {
      const counts = new Map();
      for (const f of m.files) if (contexts.has(f)) counts.set(contexts.get(f), (counts.get(contexts.get(f)) ?? 0) + 1);
      const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? `${s.id}/${m.id}`;
      for (const f of m.files) out.set(f, top);
    }
  return out;
}

/** One labelled repo: analyze, then score services and modules. Returns the figures for a summary. */
function benchOne({ name, repo, services, modules, flags, baselines }) {
  const { dir: out, cleanup } = makeTempDir();
  const t0 = Date.now();
  let analysis;
  try {
    cli(["analyze", repo, "--out", out, "--quiet", ...flags]);
    analysis = JSON.parse(fs.readFileSync(path.join(out, "analysis.json"), "utf8"));
  } finally {
    cleanup();
  }
  const seconds = (Date.now() - t0) / 1000;
  const byService = new Map();
  const byModule = new Map();
  for (const s of analysis.services) {
    for (const f of s.files) byService.set(f, s.id);
    for (const m of s.modules ?? [{ id: s.id, files: s.files }])
      for (const f of m.files) byModule.set(f, `${s.id}/${m.id}`);
  }
  const contexts = readLabels(services);
  const fine = modules ? readLabels(modules) : contexts;
  const svc = score(byService, contexts);
  const mod = score(byModule, fine);
  const moduleCount = analysis.services.reduce((n, s) => n + (s.modules?.length ?? 1), 0);
  console.log(
    `${name}: ${svc.files.length} labelled files, ${new Set(contexts.values()).size} contexts, ` +
      `${new Set(fine.values()).size} modules; analyze ${seconds.toFixed(1)} s`,
  );
  console.log(
    `  faultline: ${analysis.services.length} services, ${moduleCount} modules, ` +
      `kernel ${analysis.kernel.files.length}; labelled files left out of every service: ${svc.out}`,
  );
  console.log(`  rule: ${analysis.settings.serviceRule ?? analysis.settings.resolutionRule}`);
  const rows = [["level", "partition", "clusters", "MoJoFM", "ARI"]];
  rows.push(["services", "faultline", String(svc.clusters), svc.mojo.toFixed(1), svc.ari.toFixed(3)]);
  rows.push(["modules", "faultline", String(mod.clusters), mod.mojo.toFixed(1), mod.ari.toFixed(3)]);
  // the same modules, each put with the context most of its labelled files carry: what a perfect
  // grouping of these modules into services would score, to tell the module level's errors from
  // the grouping's
  const bound = score(groupedByMajority(analysis, contexts), contexts);
  rows.push(["services", "modules by majority", String(bound.clusters), bound.mojo.toFixed(1), bound.ari.toFixed(3)]);
  if (baselines) {
    const scopeArgs = [];
    for (let i = 0; i < flags.length; i++)
      if (["--include", "--exclude", "--tsconfig"].includes(flags[i])) scopeArgs.push(flags[i], flags[++i]);
    const files = [...contexts.keys()].sort();
    const graph = JSON.parse(cli(["graph", repo, "--quiet", ...scopeArgs]));
    const history = JSON.parse(
      cli(["history", repo, "--quiet", "--min-shared", "1", "--min-revs", "1", "--min-coupling", "0", ...scopeArgs]),
    );
    const importPairs = graph.edges.map((e) => [e.from, e.to, 1]);
    const cochangePairs = history.coupling.map((c) => [c.a, c.b, c.degree / 100]);
    const naive = {
      folders: new Map(files.map((f) => [f, path.posix.dirname(f)])),
      "louvain(imports)": louvainPartition(files, importPairs),
      "louvain(co-change)": louvainPartition(files, cochangePairs),
      "louvain(both)": louvainPartition(files, [...importPairs, ...cochangePairs]),
    };
    for (const [label, p] of Object.entries(naive)) {
      const s = score(p, contexts);
      rows.push(["services", label, String(s.clusters), s.mojo.toFixed(1), s.ari.toFixed(3)]);
    }
  }
  printTable(rows);
  return { name, services: analysis.services.length, modules: moduleCount, svc, mod, bound };
}

const SETS = () => JSON.parse(fs.readFileSync(path.join(LABELS, "sets.json"), "utf8"));

function namedSet(name, repo, extra) {
  const set = SETS()[name];
  if (!set) throw new BenchError(`no label set ${name} (bench/labels/sets.json: ${Object.keys(SETS()).join(", ")})`);
  return {
    name,
    repo: repo ?? set.repo,
    services: path.join(LABELS, `${name}.contexts.json`),
    modules: path.join(LABELS, `${name}.modules.json`),
    flags: [...set.flags, ...extra],
  };
}

async function demoSet(extra) {
  const { buildDemoRepo, DEMO } = await import(pathToFileURL(path.join(FAULTLINE_ROOT, "scripts/demo-repo.mjs")).href);
  const { dir, cleanup } = makeTempDir();
  const repo = path.join(dir, "demo-shop");
  await buildDemoRepo(repo);
  return { name: "demo", repo, services: path.join(DEMO, "domains.json"), flags: extra, cleanup };
}

export async function main(argv) {
  const cut = argv.includes("--") ? argv.indexOf("--") : argv.length;
  const { positionals, flags } = parseArgs(argv.slice(0, cut), {
    values: ["set", "services", "modules"],
    booleans: ["demo", "all", "baselines"],
  });
  const extra = argv.slice(cut + 1);
  const baselines = !!flags.baselines;
  if (flags.all) {
    const results = [];
    for (const name of Object.keys(SETS())) {
      if (!fs.existsSync(SETS()[name].repo)) {
        console.log(`${name}: skipped, ${SETS()[name].repo} is not there (fetch and clone it first)\n`);
        continue;
      }
      results.push(benchOne({ ...namedSet(name, undefined, extra), baselines }));
      console.log("");
    }
    const demo = await demoSet(extra);
    try {
      results.push(benchOne({ ...demo, baselines }));
    } finally {
      demo.cleanup();
    }
    console.log("\nsummary (services vs contexts, modules vs modules)");
    const rows = [["set", "services", "MoJoFM", "ARI", "modules", "MoJoFM", "ARI", "left out", "by majority"]];
    for (const r of results)
      rows.push([
        r.name,
        String(r.services),
        r.svc.mojo.toFixed(1),
        r.svc.ari.toFixed(3),
        String(r.modules),
        r.mod.mojo.toFixed(1),
        r.mod.ari.toFixed(3),
        String(r.svc.out),
        `${r.bound.mojo.toFixed(1)} / ${r.bound.ari.toFixed(3)}`,
      ]);
    printTable(rows);
    return 0;
  }
  let set;
  if (flags.demo) set = await demoSet(extra);
  else if (flags.set) set = namedSet(flags.set, positionals[0], extra);
  else {
    const [repo, legacy] = positionals;
    const services = flags.services ?? legacy;
    if (!repo || !services) throw new BenchError(`usage: ${usage}`);
    set = { name: path.basename(repo), repo, services, modules: flags.modules, flags: extra };
  }
  try {
    benchOne({ ...set, baselines: baselines || !flags.all });
  } finally {
    set.cleanup?.();
  }
  return 0;
}
