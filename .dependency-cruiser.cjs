// faultline's own boundaries, checked in CI (`npm run depcruise`). The stage order is written
// down in docs/design.md: each folder of src/ imports only the folders before it.
const STAGES = [
  "util", // paths, errors, rounding, TypeScript loading: no faultline imports
  "cache", // the content-addressed stores every reading stage may use
  "config", // faultline.config.json
  "repo", // scope: tsconfigs, files, workspaces
  "graph", // parse + resolve -> ImportGraph
  "history", // git log -> ChangeHistory
  "tiers", // server / client / shared / tooling per file
  "coupling", // ImportGraph + ChangeHistory -> CouplingGraph
  "metrics", // every formula over a partition, MoJoFM and ARI (clustering and compare use them too)
  "boundaries", // CouplingGraph -> Proposal
  "ranking", // pain, cost, order, contracts
  "analysis", // the analyze pipeline and faultline/analysis@1
  "compare", // proposals, compare, accept, check
  "report", // Analysis and Comparison -> markdown, html, contract sketch
  "cli", // flags -> stages -> output
];

const later = (i) => STAGES.slice(i + 1);
const stageOrder = STAGES.slice(0, -1).map((stage, i) => ({
  name: `${stage}-imports-only-earlier-stages`,
  comment: `src/${stage}/ may import only ${STAGES.slice(0, i).join(", ") || "nothing of faultline"}`,
  severity: "error",
  from: { path: `^src/${stage}/` },
  to: { path: `^src/(${later(i).join("|")})/` },
}));

module.exports = {
  forbidden: [
    ...stageOrder,
    {
      name: "no-circular",
      comment: "no import cycles, between files or (through them) between folders",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-orphans",
      comment: "every module is used (entry points aside)",
      severity: "error",
      from: {
        orphan: true,
        path: "^src/",
        pathNot: ["^src/cli/run\\.ts$", "^src/report/html/page/main\\.ts$", "\\.d\\.ts$"],
      },
      to: {},
    },
    {
      name: "page-only-from-report",
      comment: "report.html's page script is bundled by the report stage and used nowhere else",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/report/" },
      to: { path: "^src/report/html/page/" },
    },
    {
      name: "page-runs-in-a-browser",
      comment: "the page re-scores with the metric code and reads the analysis types; nothing of Node",
      severity: "error",
      from: { path: "^src/report/html/page/" },
      to: {
        pathNot: [
          "^src/report/html/",
          "^src/util/order\\.ts$",
          "^src/util/plural\\.ts$",
          "^src/metrics/",
          "^src/report/dataNotes\\.ts$",
          "^src/analysis/types\\.ts$",
          "^src/ranking/types\\.ts$",
          "^src/coupling/types\\.ts$",
          "^src/graph/types\\.ts$",
          "^src/history/types\\.ts$",
          "^node_modules/",
        ],
      },
    },
    {
      name: "page-no-node-builtins",
      severity: "error",
      from: { path: "^src/report/html/page/" },
      to: { dependencyTypes: ["core"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
