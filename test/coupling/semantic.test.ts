import { describe, expect, it } from "vitest";
import { semanticNeighbours } from "../../src/coupling/buildCoupling.js";
import { runCli } from "../helpers/cli.js";
import { buildRepo, day, rng, TSCONFIG, type CommitStep } from "../helpers/repo.js";

/**
 * A medusa-shaped app: each domain has a module (its own files import each other) and workflows
 * (importing each other), and nothing imports across the two: workflows reach the module through
 * a container at run time. Commits touch one side of one domain at a time. Only the vocabulary
 * says that a module's file and the workflow for the same topic belong together: they share the
 * topic's two words, which no other file carries.
 */
function containerApp() {
  // per domain, six topics: the module's file for a topic and the workflow for it share its words
  const topics: Record<string, string[][]> = {
    order: [
      ["refund", "reason"],
      ["shipment", "carrier"],
      ["checkout", "basket"],
      ["lineItem", "quantity"],
      ["claim", "dispute"],
      ["exchange", "swap"],
    ],
    product: [
      ["variant", "size"],
      ["option", "choice"],
      ["catalogue", "listing"],
      ["collection", "season"],
      ["media", "thumbnail"],
      ["barcode", "scanner"],
    ],
    customer: [
      ["address", "street"],
      ["loyalty", "points"],
      ["segment", "cohort"],
      ["contact", "phone"],
      ["consent", "privacy"],
      ["referral", "invite"],
    ],
  };
  const cap = (w: string) => w[0].toUpperCase() + w.slice(1);
  const files: Record<string, string> = { "tsconfig.json": TSCONFIG };
  const truth = new Map<string, string>();
  const sides: string[][] = [];
  for (const [domain, list] of Object.entries(topics)) {
    for (const [layer, verb] of [
      ["modules", "persist"],
      ["workflows", "run"],
    ] as const) {
      const names = list.map(([w]) => `src/${layer}/${domain}/${w}${cap(verb)}.ts`);
      names.forEach((f, i) => {
        const [w1, w2] = list[i];
        const next = (i + 1) % names.length;
        const fn = (k: number) => `${verb}${cap(list[k][0])}`;
        files[f] =
          `import { ${fn(next)} } from "./${names[next].split("/").pop()!.replace(".ts", "")}";\n` +
          `export function ${fn(i)}(${w1}Id: string, ${w2}Count: number) {\n` +
          `  const ${w1}${cap(w2)} = { ${w1}Id, ${w2}Count, ${domain}Id: "${domain}" };\n` +
          `  return ${fn(next)} ? ${w1}${cap(w2)} : undefined;\n}\n`;
        truth.set(f, domain);
      });
      sides.push(names);
    }
  }
  const r = rng(11);
  const commits: CommitStep[] = [{ author: "Ada <ada@x.test>", date: day(0), touch: Object.keys(files) }];
  for (let i = 1; i < 90; i++) {
    const side = sides[i % sides.length];
    const touch = side.filter(() => r() < 0.5);
    commits.push({
      author: ["Ada <ada@x.test>", "Bo <bo@x.test>", "Cy <cy@x.test>"][i % 3],
      date: day(i),
      touch: touch.length ? touch : [side[0]],
    });
  }
  return { repo: buildRepo({ files, commits }), truth };
}

describe("semantic neighbour ties", () => {
  it("tie each file to the file nearest in vocabulary, where no import, commit or owner does", async () => {
    const { repo, truth } = containerApp();
    const twin = (f: string) =>
      f.includes("/modules/")
        ? f.replace("/modules/", "/workflows/").replace("Persist.ts", "Run.ts")
        : f.replace("/workflows/", "/modules/").replace("Run.ts", "Persist.ts");
    // one file of each side of each domain (explain reads the cached analysis after the first)
    const sample = [...truth.keys()].filter((_, i) => i % 6 === 0);
    expect(sample.length).toBe(6);
    for (const f of sample) {
      const r = await runCli(["explain", f, "--repo", repo]);
      expect(r.code, r.stderr).toBe(0);
      // "  0.49  src/workflows/customer/addressRun.ts  [run]  semantic 0.49": the vocabulary is the only signal
      const line = r.stdout.split("\n").find((l) => l.includes(`  ${twin(f)}  `));
      expect(line, `${f} -> ${twin(f)}\n${r.stdout}`).toBeDefined();
      expect(line!).toMatch(/\]\s+semantic 0\.\d+$/);
      expect(Number(/semantic (0\.\d+)$/.exec(line!)![1])).toBeGreaterThan(0.3);
    }
  });
});

describe("semanticNeighbours", () => {
  // hand-built tf-idf vectors (term -> weight); cosines worked out by hand
  const v = (entries: [number, number][]) => new Map(entries);
  it("keeps each file's k nearest by cosine, ties to the lower index, none below the minimum", () => {
    const vectors = [
      v([
        [1, 1],
        [2, 1],
      ]), // 0
      v([
        [1, 1],
        [2, 1],
      ]), // 1: cos(0,1) = 1
      v([[1, 1]]), // 2: cos(0,2) = cos(1,2) = 0.707
      v([[3, 1]]), // 3: shares nothing
      v([
        [1, 1],
        [4, 3],
      ]), // 4: cos(0,4) = 1/(sqrt2*sqrt10) = 0.224, cos(2,4) = 0.316
    ];
    const pairs = semanticNeighbours(vectors, 2, 0.3);
    expect(pairs).toEqual([
      [0, 1],
      [0, 2], // 0: 1 (1.0), 2 (0.707); 4 (0.224) not among the best 2
      [1, 0],
      [1, 2],
      [2, 0],
      [2, 1], // 2: 0 and 1 tie at 0.707 over 4 (0.316): the lower indexes
      [4, 2], // 4: 2 (0.316); 0 and 1 (0.224) below 0.3
    ]);
  });
  it("never counts a file twice when a word every file carries weighs nothing", () => {
    // term 9 is in every file: idf = ln(6/6) = 0
    const vectors = Array.from({ length: 6 }, (_, i) =>
      v([
        [9, 0],
        [i % 3, 1],
      ]),
    );
    const pairs = semanticNeighbours(vectors, 3, 0.3);
    // each file's only match is the file of the same term (i and i + 3)
    expect(pairs).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
      [3, 0],
      [4, 1],
      [5, 2],
    ]);
  });
});
