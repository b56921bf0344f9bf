import { describe, expect, it } from "vitest";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { tempDir } from "../helpers/cli.js";
import { contractSketch } from "../../src/report/contractSketch.js";

describe("the contract sketch", () => {
  it("leaves out the lifecycle hooks a class implements for its framework (implements OnModuleInit)", () => {
    const root = tempDir();
    mkdirSync(path.join(root, "src"));
    writeFileSync(
      path.join(root, "src/config.service.ts"),
      [
        "interface OnModuleInit { onModuleInit(): void }",
        "interface OnModuleDestroy { onModuleDestroy(): void }",
        "export class ConfigService implements OnModuleInit, OnModuleDestroy {",
        "  onModuleInit(): void {}",
        "  onModuleDestroy(): void {}",
        "  get(key: string): string { return key; }",
        "}",
      ].join("\n"),
    );
    const provides = [{ file: "src/config.service.ts", symbol: "ConfigService", kind: "class", usedBy: ["auth"] }];
    const sketch = contractSketch(root, "config", provides, "");
    // by hand: the one method other services call, and not the two the framework does
    expect(sketch).toContain("export interface ConfigService {\n  get(key: string): string;\n}");
    expect(sketch).not.toMatch(/onModule(Init|Destroy)/);
  });
});
