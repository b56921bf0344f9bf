import { describe, expect, it } from "vitest";
import { confidenceOf } from "../../src/boundaries/consensus.js";

describe("a file's confidence", () => {
  it("is the share of runs that put it with most of its kin, the module's files the kept run put with it", () => {
    // module 0 merges two clusters of the kept run, {0, 1} and {2, 3}; module 1 is {4, 5} and file 6,
    // which a rule moved there alone (its kept cluster is its own)
    const final = Int32Array.from([0, 0, 0, 0, 1, 1, 1]);
    const kept = Int32Array.from([0, 0, 1, 1, 2, 2, 3]);
    const runs = [
      kept,
      Int32Array.from([5, 5, 7, 7, 9, 9, 9]),
      // file 0 parts from file 1; with one each, the lower label (file 0's) is the majority
      Int32Array.from([0, 1, 1, 1, 2, 2, 2]),
    ];
    const conf = [...confidenceOf(final, kept, runs)].map((c) => Math.round(c * 1000) / 1000);
    // by hand: file 0 is with the majority of {0, 1} in all three runs, file 1 in two; {2, 3} and
    // {4, 5} stay together in every run; file 6 has no kin
    expect(conf).toEqual([1, 0.667, 1, 1, 1, 1, 0]);
  });
});
