import ts from "typescript";
import { describe, expect, it } from "vitest";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseGraph, runCli, tempDir } from "../helpers/cli.js";
import { contractSketch, definedInEdges, type DefinedIn } from "../../src/report/contractSketch.js";

/** A repository of the given files (path to lines), for the sketch to read. */
function repoOf(files: Record<string, string[]>): string {
  const root = tempDir();
  for (const [file, lines] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), lines.join("\n"));
  }
  return root;
}

/** Classes of one file that another service uses, as a contract lists them. */
const classesOf = (file: string, symbols: string[]) =>
  symbols.map((symbol) => ({ file, symbol, kind: "class", usedBy: ["billing"] }));

/** Where each import of the repository leads, as `faultline graph --through-barrels` resolves it. */
async function resolvedImports(root: string): Promise<DefinedIn> {
  const r = await runCli(["graph", root, "--through-barrels", "--quiet"]);
  expect(r.code, r.stderr).toBe(0);
  return definedInEdges(parseGraph(r.stdout).edges);
}

describe("the contract sketch", () => {
  it("leaves out the lifecycle hooks a class implements for its framework (implements OnModuleInit)", () => {
    const root = repoOf({
      "src/config.service.ts": [
        "interface OnModuleInit { onModuleInit(): void }",
        "interface OnModuleDestroy { onModuleDestroy(): void }",
        "export class ConfigService implements OnModuleInit, OnModuleDestroy {",
        "  onModuleInit(): void {}",
        "  onModuleDestroy(): void {}",
        "  get(key: string): string { return key; }",
        "}",
      ],
    });
    const provides = [{ file: "src/config.service.ts", symbol: "ConfigService", kind: "class", usedBy: ["auth"] }];
    const sketch = contractSketch(root, "config", provides, "");
    // by hand: the one method other services call, and not the two the framework does
    expect(sketch).toContain("export interface ConfigService {\n  get(key: string): string;\n}");
    expect(sketch).not.toMatch(/onModule(Init|Destroy)/);
  });

  it("declares a Nest module as wiring, with no interface of its own, beside the providers it wires", () => {
    // NestJS's decorator, declared here: the sketch reads the syntax, whatever package it comes from
    const decorator = "function Module(meta: object) { return (target: unknown) => target; }";
    const wiring = `${decorator}\nimport { AuthService } from "./auth.service";\n@Module({ providers: [AuthService] })`;
    const service = "export class AuthService {\n  signIn(email: string): string { return email; }\n}";
    const root = repoOf({
      "src/auth/auth.module.ts": [wiring, "export class AuthModule {}"],
      "src/auth/auth.service.ts": [service],
    });
    const provides = [
      { file: "src/auth/auth.module.ts", symbol: "AuthModule", kind: "class", usedBy: ["billing", "orders"] },
      { file: "src/auth/auth.service.ts", symbol: "AuthService", kind: "class", usedBy: ["orders"] },
    ];
    const sketch = contractSketch(root, "auth", provides, "");
    // by hand: the module's exports name it as wiring; the service it wires is declared as any class is
    expect(sketch).toContain(
      "export interface AuthModuleExports {\n" +
        "  /** used by: billing, orders (a Nest module: wiring to its providers) */\n" +
        "  AuthModule: unknown;\n}",
    );
    expect(sketch).not.toContain("export interface AuthModule {");
    expect(sketch).toContain("export interface AuthService {\n  signIn(email: string): string;\n}");
  });
});

describe("a class in the contract sketch", () => {
  it("keeps what it extends: a base the repository declares before it, another's as an opaque name", async () => {
    // novu's trigger payload: a DTO that adds nothing to the one it extends, imported by a relative path
    const root = repoOf({
      "src/dtos/create-subscriber.dto.ts": [
        "export class CreateSubscriberRequestDto {",
        "  subscriberId!: string;",
        "  email?: string;",
        "  private secret = 1;",
        "}",
      ],
      "src/dtos/subscriber-payload.dto.ts": [
        'import { CreateSubscriberRequestDto as Base } from "./create-subscriber.dto";',
        'import { Document } from "mongoose";',
        "export class SubscriberPayloadDto extends Base {}",
        "export class SubscriberDocument extends Document<string> {",
        "  channel = 'email';",
        "}",
      ],
    });
    const provides = classesOf("src/dtos/subscriber-payload.dto.ts", ["SubscriberPayloadDto", "SubscriberDocument"]);
    const sketch = contractSketch(root, "subscriber", provides, "", await resolvedImports(root));
    // by hand: the base's public fields under its own name (not the alias the import gives it), then the class
    expect(sketch).toContain(
      "// src/dtos/create-subscriber.dto.ts\nexport interface CreateSubscriberRequestDto {\n" +
        "  subscriberId: string;\n  email?: string;\n}\n// src/dtos/subscriber-payload.dto.ts\n" +
        "export type SubscriberPayloadDto = CreateSubscriberRequestDto & {\n};",
    );
    expect(sketch).toContain("export type SubscriberDocument = Document<string> & {\n  channel: string;\n};");
    expect(compileErrors(sketch)).toEqual([]);
  });

  it("compiles whatever the extends says: a call, a member redeclared, a loop, a path outside", async () => {
    const root = repoOf({
      "src/users.ts": [
        'import { PartialType } from "@nestjs/mapped-types";',
        'import { Outside } from "../../outside";',
        "export enum Kind { A = 'a', B = 'b' }",
        "export class CreateUserDto { kind: Kind = Kind.A; name!: string; }",
        "export class UpdateUserDto extends PartialType(CreateUserDto) { id!: string; }",
        "export class AdminDto extends CreateUserDto { kind = Kind.B; }", // redeclared: its type is read as unknown
        "export class Ping extends Pong { a!: number; }",
        "export class Pong extends Ping { b!: number; }",
        "export class Far extends Outside { c!: number; }",
      ],
    });
    const provides = classesOf("src/users.ts", ["UpdateUserDto", "AdminDto", "Ping", "Far"]);
    const sketch = contractSketch(root, "users", provides, "", await resolvedImports(root));
    // by hand: a call is no type (its own members stand alone); the loop's second class drops its extends;
    // `../../outside` leaves the repository, so Outside stays a name the placeholders declare
    expect(sketch).toContain("export interface UpdateUserDto {\n  id: string;\n}");
    expect(sketch).toContain("export type AdminDto = CreateUserDto & {\n");
    expect(sketch).toContain("export interface Pong {\n  b: number;\n}");
    expect(sketch).toContain("export type Ping = Pong & {\n  a: number;\n};");
    expect(sketch).toContain("export type Far = Outside & {\n  c: number;\n};");
    expect(compileErrors(sketch)).toEqual([]);
  });
});

describe("a base class behind a link", () => {
  it("is not read when the link leads outside the repository: the analysis holds no linked file", async () => {
    const outside = repoOf({ "secret.ts": ["export class Secret {", "  key!: string;", "}"] });
    const root = repoOf({
      "src/leak.ts": ['import { Secret } from "./link";', "export class Leak extends Secret {}"],
    });
    symlinkSync(path.join(outside, "secret.ts"), path.join(root, "src/link.ts"));
    const sketch = contractSketch(root, "leak", classesOf("src/leak.ts", ["Leak"]), "", await resolvedImports(root));
    expect(sketch).toContain("export type Leak = Secret & {\n};");
    expect(sketch).not.toContain("key");
  });
});

describe("the contract sketch compiles where the service's types reach outside it", () => {
  it("declares what it cannot see: a value whose type it takes, namespaces nested as written", () => {
    const root = repoOf({
      "src/pricing.ts": [
        'import type Stripe from "stripe";',
        'import type { z } from "zod";',
        'import { queueAuditEvent } from "./audit";',
        "export type AuditEntry = Parameters<typeof queueAuditEvent>[0];",
        "export type Parsed<S extends z.ZodTypeAny> = z.output<S>;",
        "export function tiersOf(tiers: Stripe.Price.Tier[], price: Stripe.Price): number { return tiers.length; }",
        // a name both a type and a namespace, met as a type first, and one met as a namespace first
        'import type { Knex } from "knex";',
        "export function saveOrder(db: Knex, trx: Knex.Transaction): number { return 1; }",
        "export function charge(client: Stripe): number { return 1; }",
        // a name with a dollar sign, as Prisma's enums are
        'import type { $Enums } from "@prisma/client";',
        "export type Role = $Enums.Role;",
      ],
    });
    const provides = ["AuditEntry", "Parsed", "tiersOf", "saveOrder", "charge", "Role"].map((symbol) => ({
      file: "src/pricing.ts",
      symbol,
      kind: /^[a-z]/.test(symbol) ? "function" : "type",
      usedBy: ["billing"],
    }));
    expect(compileErrors(contractSketch(root, "pricing", provides, ""))).toEqual([]);
  });
});

/** The sketch of a data-source service providing the interface `Sources` of `src/sources.ts`, given its lines. */
function sourcesSketch(source: string[]): string {
  const provides = [{ file: "src/sources.ts", symbol: "Sources", kind: "interface", usedBy: ["billing"] }];
  return contractSketch(repoOf({ "src/sources.ts": source }), "data-source", provides, "");
}

describe("the contract sketch's placeholders", () => {
  it("make a name given type arguments and reached into both a generic type and a namespace", () => {
    // unleash's metrics gauge: `PromGauge<T>` and `PromGauge.Internal<T>` from prom-client, not installed
    const members = "gauge: PromGauge<T>; labels: (labels: Record<T, string>) => PromGauge.Internal<T>;";
    const imported = 'import type { Gauge as PromGauge } from "prom-client";';
    const root = repoOf({
      "src/gauge.ts": [imported, `export interface GaugeWrapper<T extends string> { ${members} }`],
    });
    const provides = [{ file: "src/gauge.ts", symbol: "GaugeWrapper", kind: "interface", usedBy: ["billing"] }];
    expect(compileErrors(contractSketch(root, "metrics", provides, ""))).toEqual([]);
  });

  it("give a name whose keys the sketch takes string keys, while another is reached into", () => {
    // vendure's fulfillment states: `keyof CustomFulfillmentStates` (an interface for plugins to augment) where a
    // state must be a string, beside `Actor["role"]`, which an opaque `unknown` cannot give
    const states = "export type State = 'Created' | keyof CustomStates;";
    const process = "export interface Process<S extends string> { on(from: S, by: Actor['role']): void }";
    const flow = "export type Flow = Process<State>;";
    const root = repoOf({
      "src/states.ts": ['import type { CustomStates, Actor } from "@plugins/types";', states, process, flow],
    });
    const provides = ["State", "Process", "Flow"].map((symbol) => ({
      file: "src/states.ts",
      symbol,
      kind: "type",
      usedBy: ["billing"],
    }));
    expect(compileErrors(contractSketch(root, "fulfillment", provides, ""))).toEqual([]);
  });

  it("let a type parameter bounded by a placeholder be indexed, and name a type imported inline", () => {
    // growthbook's data sources: `<D extends DataSourceInterface>(...): Integration<D["type"]>`, and a return type
    // written `Promise<import("shared/types/integrations").QueryResponse>`
    const source = [
      'import type { DataSourceInterface, Integration, Other } from "shared/types/datasource";',
      "export interface Sources {",
      // another signature's `D` first, bounded by another name
      "  check<D extends Other>(source: D): boolean;",
      '  integrationOf<D extends DataSourceInterface>(source: D): Integration<D["type"]>;',
      '  run(query: string): Promise<import("shared/types/integrations").QueryResponse>;',
      "}",
    ];
    const sketch = sourcesSketch(source);
    expect(compileErrors(sketch)).toEqual([]);
    expect(sketch).toContain("run(query: string): Promise<QueryResponse>;");
  });

  it("keep an inline import as written where its name would mean something else", () => {
    // a default export has no name to give; a name the sketch declares itself is another type
    const source = [
      "export interface Sources {",
      '  def(): import("./defaults").default;',
      '  local(): import("./other").Sources;',
      "}",
    ];
    const sketch = sourcesSketch(source);
    expect(sketch).toContain('def(): import("./defaults").default;');
    expect(sketch).toContain('local(): import("./other").Sources;');
  });
});

describe("the contract sketch of code written for its runtime", () => {
  it("declares Buffer, copies an untyped parameter, keeps a default before a required one, types a generic", () => {
    // unleash's token store: `isValid(secret)` compiles there without noImplicitAny, `Buffer` with node's types
    const store = "export interface TokenStore { isValid(secret): Promise<boolean>; save(raw: Buffer): Promise<void> }";
    // a default before a required parameter (hoppscotch's `moveCollection(..., parentID = null, userID: string)`)
    const move = "export function move(from: string, to: string | null = null, by: string): void {}";
    const provider = "export default class MemoryProvider<T> { get(key: string): T | undefined { return undefined; } }";
    const root = repoOf({ "src/tokens.ts": [store, move], "src/memory.ts": [provider] });
    const provides = [
      { file: "src/tokens.ts", symbol: "TokenStore", kind: "interface", usedBy: ["billing"] },
      { file: "src/tokens.ts", symbol: "move", kind: "function", usedBy: ["billing"] },
      { file: "src/memory.ts", symbol: "default", kind: "class", usedBy: ["billing"] },
    ];
    const sketch = contractSketch(root, "tokens", provides, "");
    // as the repository compiles it: strict but for implicit any
    expect(compileErrors(sketch, { noImplicitAny: false })).toEqual([]);
    expect(sketch).toContain("isValid(secret): Promise<boolean>;");
    expect(sketch).toContain("default: new <T>(...args: any[]) => MemoryProvider<T>;");
    expect(sketch).toContain("move(from: string, to: (string | null) | undefined, by: string): void;");
  });
});

/** TypeScript's own compiler on a sketch, strict (unless `options` relax it), with nothing installed: its errors. */
function compileErrors(sketch: string, options: ts.CompilerOptions = {}): string[] {
  const file = path.join(tempDir(), "contract.ts");
  writeFileSync(file, sketch);
  const program = ts.createProgram([file], {
    ...options,
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    types: [],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe("the contract sketch's interfaces", () => {
  it("are named for the file whose exports they hold; an index by its folder", () => {
    const root = repoOf({
      "src/billing/index.ts": ["export function bill(): number { return 1; }"],
      "src/printer.module.ts": ["export function print(): string { return ''; }"],
    });
    const provides = [
      { file: "src/billing/index.ts", symbol: "bill", kind: "function", usedBy: ["orders"] },
      { file: "src/printer.module.ts", symbol: "print", kind: "function", usedBy: ["resume"] },
    ];
    const sketch = contractSketch(root, "billing", provides, "");
    expect(sketch).toContain("export interface BillingExports {\n  /** used by: orders */\n  bill(): number;\n}");
    expect(sketch).toContain(
      "export interface PrinterModuleExports {\n  /** used by: resume */\n  print(): string;\n}",
    );
  });
});
