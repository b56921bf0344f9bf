import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { LOG_FORMAT, LogParser, type RawCommit } from "../../src/history/gitLog.js";
import { buildRepo, day, TSCONFIG, type RepoScript } from "../helpers/repo.js";

const AUTHORS = ["Ada <ada@shop.test>", "Zoë Ünal <zoe@shop.test>"];

/** Renames, unicode and odd paths, a binary file, a merge, an empty commit: what the parser meets in real logs. */
function oddHistory(): string {
  const body = "export const big = [1, 2, 3];\n".repeat(20);
  const script: RepoScript = {
    files: { "tsconfig.json": TSCONFIG, "src/final.ts": body },
    commits: [
      {
        author: AUTHORS[0],
        date: day(0),
        write: {
          "src/first.ts": body,
          "src/ünïcödé ✓.ts": "export const u = 1;\n",
          "img/logo.bin": "\u0000\u0001\u0002binary",
        },
      },
      { author: AUTHORS[1], date: day(1), touch: ["src/ünïcödé ✓.ts", 'src/with "quotes" and\nnewline.ts'] },
      {
        author: AUTHORS[0],
        date: day(2),
        rename: [["src/first.ts", "src/final.ts"]],
        write: { "img/logo.bin": "\u0000\u0003binary" },
      },
      { author: AUTHORS[1], date: day(3), remove: ["src/ünïcödé ✓.ts"] },
      { author: AUTHORS[0], date: day(4), write: { "src/side.ts": "export const s = 1;\n" }, branch: "side" },
      { author: AUTHORS[1], date: day(5), merge: "side", message: "merge side" },
      { author: AUTHORS[0], date: day(6), message: "empty" },
    ],
  };
  return buildRepo(script);
}

/**
 * The reference: the same output split by hand, as strings. Commits start at \x01; inside one,
 * the tokens after the header are a status (or a numstat row) followed by its one or two paths.
 */
function reference(out: Buffer, numstat: boolean): string[] {
  return out
    .toString("utf8")
    .split("\x01")
    .slice(1)
    .map((c) => {
      const [header, ...rest] = c.split("\0");
      const [sha, author, email, time, committed, parents] = header.split("\x02");
      const tokens = rest.map((t) => t.replace(/^\n+/, "")).filter((t) => t !== "");
      const changes: string[] = [];
      const counts: string[] = [];
      for (let i = 0; i < tokens.length;) {
        const t = tokens[i];
        if (numstat && /^[\d-]+\t[\d-]+\t/.test(t)) {
          const [a, r, p] = t.split("\t");
          const n = p === "" ? 2 : 0;
          counts.push(`${a === "-" ? 0 : a}/${r === "-" ? 0 : r}`);
          i += 1 + n;
          continue;
        }
        const letter = numstat ? t.slice(t.lastIndexOf(" ") + 1)[0] : t[0];
        const n = letter === "R" || letter === "C" ? 2 : 1;
        changes.push([letter, ...tokens.slice(i + 1, i + 1 + n)].join(">"));
        i += 1 + n;
      }
      const withCounts = numstat ? changes.map((ch, k) => `${ch}=${counts[k]}`) : changes;
      const merge = parents.includes(" ") ? ["merge"] : [];
      return [sha, author, email, time, committed, ...merge, ...withCounts].join(" | ");
    });
}

const asText = (c: RawCommit, numstat: boolean) =>
  [
    c.sha,
    c.author,
    c.email,
    String(c.time),
    String(c.committed),
    ...(c.merge ? ["merge"] : []),
    ...c.changes.map(
      (ch) =>
        [ch.status, ...(ch.from !== undefined ? [ch.from] : []), ch.path].join(">") +
        (numstat ? `=${ch.added}/${ch.removed}` : ""),
    ),
  ].join(" | ");

function parseInChunks(out: Buffer, size: number): { commits: RawCommit[]; ranges: [number, number][] } {
  const commits: RawCommit[] = [];
  const ranges: [number, number][] = [];
  const parser = new LogParser((c, start, end) => {
    commits.push(c);
    ranges.push([start, end]);
  });
  // one reused buffer, as GitLogRun's reads hand on
  const chunk = Buffer.alloc(size);
  for (let i = 0; i < out.length; i += size) {
    const n = out.copy(chunk, 0, i, i + size);
    parser.push(chunk.subarray(0, n));
    chunk.fill(0xff);
  }
  parser.end();
  return { commits, ranges };
}

describe("the git log parser", () => {
  for (const numstat of [false, true]) {
    it(
      `reads git's bytes in chunks of any size, ${numstat ? "--raw --numstat" : "--name-status"}, with each ` +
        `commit's byte range`,
      () => {
        const dir = oddHistory();
        const format = numstat ? ["--raw", "--numstat"] : ["--name-status"];
        const out = execFileSync(
          "git",
          ["-c", "core.quotepath=off", "log", "-z", `--format=${LOG_FORMAT}`, ...format, "-M", "HEAD", "--"],
          { cwd: dir },
        );
        const expected = reference(out, numstat);
        expect(expected).toHaveLength(7);
        expect(expected.filter((c) => c.includes(" | merge")).length).toBe(1);
        expect(expected.join("\n")).toContain("R>src/first.ts>src/final.ts");
        expect(expected.join("\n")).toContain('src/with "quotes" and\nnewline.ts');
        expect(expected.join("\n")).toContain("Zoë Ünal");
        if (numstat) expect(expected.join("\n")).toContain("M>img/logo.bin=0/0"); // binary: "-" counts
        for (const size of [1, 2, 3, 5, 17, 64, out.length]) {
          const { commits, ranges } = parseInChunks(out, size);
          expect(
            commits.map((c) => asText(c, numstat)),
            `chunks of ${size}`,
          ).toEqual(expected);
          // the ranges tile the output, and each holds its commit alone
          expect(ranges[0][0]).toBe(0);
          expect(ranges[ranges.length - 1][1]).toBe(out.length);
          for (let k = 1; k < ranges.length; k++) expect(ranges[k][0]).toBe(ranges[k - 1][1]);
          ranges.forEach(([s, e], k) =>
            expect(parseInChunks(out.subarray(s, e), 7).commits.map((c) => asText(c, numstat))).toEqual([expected[k]]),
          );
        }
      },
    );
  }
});
