import type { FileFacts, ModuleRecord } from "./types.js";

/** The facts of a file that was not parsed (over the size limit): nothing to go by. */
export function emptyFacts(): FileFacts {
  return {
    imports: [],
    exports: { own: [], named: [], stars: [] },
    bindings: [],
    runtime: { jsx: false, dom: [] },
    data: { entities: [], calls: [], given: [], typed: [] },
    generated: false,
    loc: 0,
    syntaxErrors: [],
    terms: [],
  };
}

/** A record of which only the path and size are known (a model read back from model.json). */
export function bareRecord(path: string, loc: number): ModuleRecord {
  const { bindings, runtime, data, generated, exports } = emptyFacts();
  return { path, loc, bindings, runtime, data, generated, terms: [], tsconfig: "", imports: [], exports };
}
