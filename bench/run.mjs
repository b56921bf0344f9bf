#!/usr/bin/env node
// `npm run bench -- <mode> REPO [options]`: dispatches to bench/<mode>.mjs, which exports
// `main(argv) -> exit code` and a one-line `usage`. Add a mode by adding a module and a line here.
import { BenchError } from "./lib.mjs";

const MODES = {
  graph: () => import("./graph.mjs"),
  boundaries: () => import("./boundaries.mjs"),
  history: () => import("./history.mjs"),
  analyze: () => import("./analyze.mjs"),
  cold: () => import("./cold.mjs"),
  cochange: () => import("./cochange.mjs"),
  review: () => import("./review.mjs"),
  "tsconfig-readers": () => import("./tsconfig-readers.mjs"),
};

async function printUsage(out) {
  out("usage: npm run bench -- <mode> REPO [options]");
  for (const [name, load] of Object.entries(MODES)) {
    const mod = await load();
    out(`  ${mod.usage ?? name}`);
  }
}

async function run(argv) {
  const [mode, ...rest] = argv;
  if (!mode || mode === "-h" || mode === "--help") {
    await printUsage(mode ? console.log : console.error);
    return mode ? 0 : 2;
  }
  const load = MODES[mode];
  if (!load) {
    console.error(`bench: unknown mode "${mode}" (known: ${Object.keys(MODES).join(", ")})`);
    return 2;
  }
  const mod = await load();
  try {
    return await mod.main(rest);
  } catch (e) {
    if (e instanceof BenchError) {
      console.error(`bench ${mode}: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(`bench: internal error: ${e instanceof Error ? e.stack : String(e)}`);
    process.exitCode = 70;
  },
);
