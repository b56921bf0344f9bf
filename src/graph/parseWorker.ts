// A second core for parsing: the main thread parses one half of the files while this worker
// parses the other. Runs from dist/ only (node cannot start a worker from a .ts file).
import { parentPort } from "node:worker_threads";
import { parseModule, type ParseJob } from "./parse.js";

parentPort!.on("message", (jobs: ParseJob[]) => {
  parentPort!.postMessage(jobs.map((j) => parseModule(j.abs, j.text, j.options, j.format)));
});
