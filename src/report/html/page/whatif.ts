// The edited partition behind the page: moves and merges, undo, scoring with the CLI's own
// metric code (bundled from src/metrics), and the proposal.json export.
import type { Analysis } from "../../../analysis/types.js";
import { fromModelJson, type ModelJson } from "../../../metrics/modelJson.js";
import { scorePartition } from "../../../metrics/scorecard.js";
import type { RepoModel, Scorecard, ServicePartition } from "../../../metrics/types.js";
import { byString } from "../../../util/order.js";

/** Group ids that no service can take (service ids are kebab-case: no colon). */
export const KERNEL = ":kernel";
export const ISOLATED = ":isolated";

export interface ServiceState {
  id: string;
  name: string;
  files: string[];
}

interface Snapshot {
  services: ServiceState[];
  kernel: string[];
  isolated: string[];
  edits: string[];
}

export interface ProposalJson {
  schema: "faultline/proposal@1";
  name: string;
  head: string;
  services: { name: string; files: string[] }[];
  /** faultline's extension: the shared kernel's files */
  kernel: string[];
}

export class WhatIf {
  services: ServiceState[];
  kernel: string[];
  isolated: string[];
  /** one line per edit, in order */
  edits: string[] = [];
  private readonly undoStack: Snapshot[] = [];
  private readonly repoModel: RepoModel | null;
  private readonly original: Map<string, string>;
  private cached: Scorecard | null = null;

  constructor(
    private readonly analysis: Analysis,
    model: ModelJson | null,
  ) {
    this.services = analysis.services.map((s) => ({ id: s.id, name: s.name, files: [...s.files] }));
    this.kernel = analysis.kernel.files.map((f) => f.path);
    this.isolated = [...(analysis.isolated ?? [])];
    this.repoModel = model ? fromModelJson(model) : null;
    this.original = new Map(analysis.services.map((s) => [s.id, [...s.files].sort().join("\n")]));
  }

  get canScore(): boolean {
    return this.repoModel !== null;
  }

  get edited(): boolean {
    return this.edits.length > 0;
  }

  /** The group a file is in: a service id, KERNEL or ISOLATED (undefined: not analysed). */
  groupOf(file: string): string | undefined {
    for (const s of this.services) if (s.files.includes(file)) return s.id;
    if (this.kernel.includes(file)) return KERNEL;
    if (this.isolated.includes(file)) return ISOLATED;
    return undefined;
  }

  /** Map of every file to its group, for bulk lookups (graph colouring). */
  groupMap(): Map<string, string> {
    const m = new Map<string, string>();
    for (const s of this.services) for (const f of s.files) m.set(f, s.id);
    for (const f of this.kernel) m.set(f, KERNEL);
    for (const f of this.isolated) m.set(f, ISOLATED);
    return m;
  }

  service(id: string): ServiceState | undefined {
    return this.services.find((s) => s.id === id);
  }

  /** True when the service's files differ from the analysis (its pain and cost no longer apply). */
  changed(id: string): boolean {
    const s = this.service(id);
    return !s || this.original.get(id) !== [...s.files].sort().join("\n");
  }

  groupName(id: string): string {
    if (id === KERNEL) return "shared kernel";
    if (id === ISOLATED) return "isolated";
    return this.service(id)?.name ?? id;
  }

  /** Moves a file to a service, or to the kernel. Returns false when nothing changes. */
  move(file: string, target: string): boolean {
    const from = this.groupOf(file);
    if (from === undefined || from === target) return false;
    if (target !== KERNEL && !this.service(target)) return false;
    const fromName = this.groupName(from);
    this.save();
    if (from === KERNEL) this.kernel = this.kernel.filter((f) => f !== file);
    else if (from === ISOLATED) this.isolated = this.isolated.filter((f) => f !== file);
    else {
      const s = this.service(from)!;
      s.files = s.files.filter((f) => f !== file);
    }
    if (target === KERNEL) this.kernel.push(file);
    else this.service(target)!.files.push(file);
    const emptied = this.services.filter((s) => s.files.length === 0).map((s) => s.name);
    this.services = this.services.filter((s) => s.files.length > 0);
    this.edits.push(
      `move ${file}: ${fromName} -> ${this.groupName(target)}` +
        (emptied.length ? ` (${emptied.join(", ")} now empty, removed)` : ""),
    );
    this.cached = null;
    return true;
  }

  /** Merges service `from` into service `into` (which keeps its name and id). */
  merge(from: string, into: string): boolean {
    const a = this.service(from);
    const b = this.service(into);
    if (!a || !b || a === b) return false;
    this.save();
    b.files.push(...a.files);
    this.services = this.services.filter((s) => s !== a);
    this.edits.push(`merge ${a.name} into ${b.name}`);
    this.cached = null;
    return true;
  }

  undo(): boolean {
    const last = this.undoStack.pop();
    if (!last) return false;
    this.restore(last);
    return true;
  }

  reset(): void {
    if (this.undoStack.length) this.restore(this.undoStack[0]);
    this.undoStack.length = 0;
  }

  /** The partition as scorePartition reads it (services in the analysis' order). */
  partition(): ServicePartition {
    return {
      services: this.services.map((s) => ({ id: s.id, name: s.name, files: [...s.files] })),
      kernel: [...this.kernel],
    };
  }

  /** The current partition scored with the CLI's own formulas; null without model.json. */
  score(): Scorecard | null {
    if (!this.repoModel) return null;
    this.cached ??= scorePartition(this.repoModel, this.partition());
    return this.cached;
  }

  /**
   * proposal.json (faultline/proposal@1 with the kernel). Isolated
   * files stay out of every service, as analyze leaves them: `faultline compare` lists them as
   * unassigned and scores exactly what the page scored.
   */
  proposal(title: string): ProposalJson {
    const sorted = (files: string[]) => [...files].sort(byString);
    return {
      schema: "faultline/proposal@1",
      name: `${title}${this.edited ? " (edited)" : ""}`,
      head: this.analysis.repo.head,
      services: this.services.map((s) => ({ name: s.name, files: sorted(s.files) })),
      kernel: sorted(this.kernel),
    };
  }

  private save(): void {
    this.undoStack.push({
      services: this.services.map((s) => ({ ...s, files: [...s.files] })),
      kernel: [...this.kernel],
      isolated: [...this.isolated],
      edits: [...this.edits],
    });
  }

  private restore(s: Snapshot): void {
    this.services = s.services.map((x) => ({ ...x, files: [...x.files] }));
    this.kernel = [...s.kernel];
    this.isolated = [...s.isolated];
    this.edits = [...s.edits];
    this.cached = null;
  }
}
