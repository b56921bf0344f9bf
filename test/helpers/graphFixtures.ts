// Each fixtures/graph/<case>/expected.json holds hand-derived expectations (see fixtures/graph/README.md).
export interface Expectation {
  name: string;
  args?: string[];
  modules?: string[];
  moduleTsconfigs?: Record<string, string>;
  edges?: { from: string; to: string; kinds: string[]; typeOnly: boolean; symbols: string[] }[];
  edgesExact?: boolean;
  noEdges?: { from: string; to: string }[];
  declarations?: { from: string; to: string }[];
  external?: { from: string; package: string }[];
  unresolved?: { from: string; specifier: string; reason?: string }[];
  exit?: number;
  stderr?: string;
}

export interface FixtureExpectations {
  cases: Expectation[];
  /** false: TypeScript's own Program cannot be the reference here (oracle.test.ts skips it) */
  oracle?: boolean;
}
