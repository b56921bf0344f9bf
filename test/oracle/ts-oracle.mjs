// The oracle for `faultline graph`: TypeScript's own Program (the `typescript` package, not
// the copy ts-morph bundles, and none of faultline's code) resolves every import of every
// module, and we compare. Used by the tests on the fixtures and by `npm run bench` on real repos.
import path from "node:path";
import ts from "typescript";

const isDeclaration = (p) => /\.d\.([mc]?ts|[^/]*\.ts)$/.test(p);

/**
 * @param {string} root  the repo folder
 * @param {{ modules: {path: string, tsconfig: string}[] }} graph  faultline's output: which files, under which tsconfig
 * @returns {{ from: string, specifier: string, to: string | null, inNodeModules: boolean, kind: string }[]}
 *   one row per import TypeScript sees (plus require() in .ts files and /// references)
 */
export function oracleResolutions(root, graph) {
  const byTsconfig = new Map();
  for (const m of graph.modules) {
    if (!byTsconfig.has(m.tsconfig)) byTsconfig.set(m.tsconfig, []);
    byTsconfig.get(m.tsconfig).push(m.path);
  }
  const rows = [];
  for (const [tsconfig, files] of byTsconfig) {
    const cfgPath = path.join(root, tsconfig);
    const parsed = ts.getParsedCommandLineOfConfigFile(
      cfgPath,
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: () => {},
      },
    );
    if (!parsed) continue;
    const options = { ...parsed.options, noEmit: true, types: [] };
    const program = ts.createProgram({
      rootNames: files.map((f) => path.join(root, f)),
      options,
      projectReferences: parsed.projectReferences,
    });
    const rel = (abs) => path.relative(root, path.resolve(abs)).split(path.sep).join("/");
    for (const f of files) {
      const sf = program.getSourceFile(path.join(root, f));
      if (!sf) throw new Error(`oracle: ${f} is not in the program of ${tsconfig}`);
      const push = (specifier, resolved, kind) =>
        rows.push({
          from: f,
          specifier,
          to: resolved ? rel(resolved) : null,
          inNodeModules:
            !!resolved && (rel(resolved).startsWith("..") || rel(resolved).split("/").includes("node_modules")),
          kind,
        });
      for (const lit of sf.imports) {
        const r = program.getResolvedModuleFromModuleSpecifier(lit, sf);
        push(lit.text, r?.resolvedModule?.resolvedFileName, "import");
      }
      // TypeScript's Program collects require() only in JavaScript files; faultline counts it in .ts too
      if (!/\.[mc]?jsx?$/.test(f)) {
        const visit = (node) => {
          if (
            ts.isCallExpression(node) &&
            ts.isIdentifier(node.expression) &&
            node.expression.text === "require" &&
            node.arguments.length === 1 &&
            ts.isStringLiteralLike(node.arguments[0])
          ) {
            const spec = node.arguments[0].text;
            const r = ts.resolveModuleName(
              spec,
              sf.fileName,
              options,
              ts.sys,
              undefined,
              undefined,
              ts.ModuleKind.CommonJS,
            );
            push(spec, r.resolvedModule?.resolvedFileName, "require");
          }
          ts.forEachChild(node, visit);
        };
        visit(sf);
      }
      for (const ref of sf.referencedFiles) {
        const target = ts.resolveTripleslashReference(ref.fileName, sf.fileName);
        const candidates = [target, target + ".ts", target + ".tsx", target + ".d.ts"];
        push(
          ref.fileName,
          candidates.find((c) => program.getSourceFile(c)),
          "reference",
        );
      }
    }
  }
  return rows;
}

/**
 * Compares faultline's edges with the oracle's. Workspace-to-source edges (which TypeScript
 * cannot see without an install) are excluded from both sides by `isWorkspaceEdge`.
 * @param {{ modules: { path: string }[], edges: { from: string, to: string }[] }} graph
 * @param {{ from: string, to: string | null, inNodeModules: boolean }[]} rows
 * @param {(edge: { from: string, to: string }) => boolean} [isWorkspaceEdge]
 */
export function compareWithOracle(graph, rows, isWorkspaceEdge = () => false) {
  const modules = new Set(graph.modules.map((m) => m.path));
  const expected = new Set();
  for (const r of rows) {
    if (r.to && !r.inNodeModules && !isDeclaration(r.to) && modules.has(r.to) && r.to !== r.from)
      expected.add(`${r.from} -> ${r.to}`);
  }
  const actual = new Set(
    graph.edges.filter((e) => !isWorkspaceEdge(e) && e.from !== e.to).map((e) => `${e.from} -> ${e.to}`),
  );
  const missing = [...expected].filter((e) => !actual.has(e)).sort();
  const extra = [...actual].filter((e) => !expected.has(e)).sort();
  const hit = [...actual].filter((e) => expected.has(e)).length;
  return {
    expected: expected.size,
    actual: actual.size,
    precision: actual.size ? hit / actual.size : 1,
    recall: expected.size ? hit / expected.size : 1,
    missing,
    extra,
  };
}

export { isDeclaration };
