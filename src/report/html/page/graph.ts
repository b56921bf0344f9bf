// The two graph views drawn by sigma (WebGL): files coloured by service, and one node per service.
import Graph from "graphology";
import Sigma from "sigma";
import type { PagePayload } from "../payload.js";
import { basename, DIMMED_COLOR, EDGE_COLOR } from "./format.js";
import { KERNEL, type WhatIf } from "./whatif.js";
import { byString } from "../../../util/order.js";

export type View = "files" | "services";

export interface GraphCallbacks {
  onFile(path: string): void;
  onService(id: string): void;
  /** a click on the background: clear the selection */
  onStage(): void;
}

interface NodeAttrs {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  group: string;
  zIndex?: number;
}

/**
 * Labels are what make sigma slow on big graphs (2,100 files with every label: minutes in
 * headless Chromium), so they are culled: drawn only for nodes whose on-screen size passes a
 * threshold (zoom in to see more), thinned by a label grid, and always for the selected node.
 */
/** Most coupling edges drawn in the file view (the strongest). */
const MAX_EDGES = 20_000;

function labelThreshold(nodes: number): number {
  if (nodes <= 150) return 0;
  if (nodes <= 600) return 5;
  return 7;
}

export class GraphView {
  view: View = "files";
  private renderer: Sigma | null = null;
  private readonly fileGraph = new Graph({ type: "undirected", multi: false });
  private serviceGraph = new Graph({ type: "undirected", multi: false });
  private selectedService: string | null = null;
  private selectedFile: string | null = null;
  private readonly loc = new Map<string, number>();
  /** coupling edges drawn in the file view, of how many */
  edgesDrawn = { drawn: 0, total: 0 };
  /** milliseconds from navigation start to the first frame drawn (for reports and benchmarks) */
  firstFrameMs: number | null = null;
  readonly error: string | null = null;

  constructor(
    container: HTMLElement,
    private readonly payload: PagePayload,
    private readonly whatIf: WhatIf,
    private readonly colorOf: (group: string) => string,
    private readonly callbacks: GraphCallbacks,
  ) {
    const { files, xy, model } = payload;
    if (model) for (const f of model.files) this.loc.set(f.path, f.loc);
    const maxLoc = Math.max(1, ...this.loc.values());
    const groups = whatIf.groupMap();
    files.forEach((path, i) => {
      const group = groups.get(path) ?? "";
      const loc = this.loc.get(path);
      this.fileGraph.addNode(path, {
        x: xy[2 * i],
        y: xy[2 * i + 1],
        size: loc === undefined ? 3 : 2 + 4 * Math.sqrt(loc / maxLoc),
        color: colorOf(group),
        label: basename(path),
        group,
      } satisfies NodeAttrs);
    });
    const all = payload.edges ?? model?.coupling.edges ?? [];
    // the strongest edges only: past a few tens of thousands a hairball says nothing more and
    // costs seconds to draw (software WebGL: ~1 s per 20,000 edges)
    const edges = all.length > MAX_EDGES ? [...all].sort((x, y) => y[2] - x[2]).slice(0, MAX_EDGES) : all;
    this.edgesDrawn = { drawn: edges.length, total: all.length };
    let maxW = 0;
    for (const e of edges) maxW = Math.max(maxW, e[2]);
    for (const [a, b, w] of edges) {
      const pa = files[a];
      const pb = files[b];
      if (pa === undefined || pb === undefined || pa === pb || this.fileGraph.hasEdge(pa, pb)) continue;
      this.fileGraph.addEdge(pa, pb, { size: 0.3 + 1.2 * (maxW ? w / maxW : 0), color: EDGE_COLOR });
    }
    this.serviceGraph = this.buildServiceGraph();
    performance.mark("faultline:graphs");

    try {
      const threshold = labelThreshold(this.fileGraph.order);
      this.renderer = new Sigma(this.fileGraph, container, {
        labelRenderedSizeThreshold: threshold,
        labelDensity: 0.8,
        labelGridCellSize: 90,
        labelFont: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
        labelSize: 12,
        labelColor: { color: "#1f2430" },
        hideEdgesOnMove: this.fileGraph.size > 5000,
        hideLabelsOnMove: this.fileGraph.order > 1000,
        zIndex: true,
        defaultEdgeColor: EDGE_COLOR,
        minCameraRatio: 0.02,
        maxCameraRatio: 4,
        nodeReducer: (node, data) => this.reduceNode(node, data as unknown as NodeAttrs),
        edgeReducer: (edge, data) => this.reduceEdge(edge, data),
      });
    } catch (e) {
      (this as { error: string | null }).error =
        `The graph needs WebGL, which this browser did not provide (${(e as Error).message}). The rest of the ` +
        `report works.`;
      this.renderer = null;
      return;
    }
    const r = this.renderer;
    r.on("clickNode", ({ node }) => {
      if (this.view === "files") this.callbacks.onFile(node);
      else this.callbacks.onService(node);
    });
    r.on("clickStage", () => this.callbacks.onStage());
    r.on("enterNode", () => container.classList.add("pointing"));
    r.on("leaveNode", () => container.classList.remove("pointing"));
    r.once("afterRender", () => {
      this.firstFrameMs = Math.round(performance.now());
      container.dataset.rendered = "true";
    });
    // the first frame may already be drawn by the constructor
    requestAnimationFrame(() => {
      if (this.firstFrameMs === null) {
        this.firstFrameMs = Math.round(performance.now());
        container.dataset.rendered = "true";
      }
    });
  }

  setView(view: View): void {
    if (view === this.view) return;
    this.view = view;
    if (!this.renderer) return;
    this.renderer.setSetting("labelRenderedSizeThreshold", view === "files" ? labelThreshold(this.fileGraph.order) : 0);
    // service labels are long: keep room for them at the edges
    this.renderer.setSetting("stagePadding", view === "files" ? 30 : 80);
    this.renderer.setGraph(view === "files" ? this.fileGraph : this.serviceGraph);
    this.renderer.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
  }

  select(service: string | null, file: string | null): void {
    this.selectedService = service;
    this.selectedFile = file;
    // the reducers' output changed: one refresh at the next frame, however many calls before it
    this.renderer?.scheduleRefresh();
  }

  /** Moves the camera to a file (switching to the file view). */
  focusFile(path: string): void {
    if (!this.renderer || !this.fileGraph.hasNode(path)) return;
    this.setView("files");
    // from the node's attributes, not sigma's display cache (which a scheduled refresh may have
    // reset to unnormalised coordinates): graph -> viewport -> framed graph, the camera's space
    const a = this.fileGraph.getNodeAttributes(path) as NodeAttrs;
    const framed = this.renderer.viewportToFramedGraph(this.renderer.graphToViewport({ x: a.x, y: a.y }));
    void this.renderer.getCamera().animate({ x: framed.x, y: framed.y, ratio: 0.3 }, { duration: 400 });
  }

  resetCamera(): void {
    void this.renderer?.getCamera().animatedReset({ duration: 300 });
  }

  /** After a what-if edit: recolour the files and rebuild the service view. */
  update(): void {
    const groups = this.whatIf.groupMap();
    this.fileGraph.forEachNode((node, attrs) => {
      const group = groups.get(node) ?? "";
      if (attrs.group !== group) this.fileGraph.mergeNodeAttributes(node, { group, color: this.colorOf(group) });
    });
    this.serviceGraph = this.buildServiceGraph();
    if (this.renderer && this.view === "services") this.renderer.setGraph(this.serviceGraph);
  }

  /** Where a node is drawn, in pixels from the container's top-left (for tests and tools). */
  nodePosition(key: string): { x: number; y: number } | null {
    const graph = this.view === "files" ? this.fileGraph : this.serviceGraph;
    if (!this.renderer || !graph.hasNode(key)) return null;
    const a = graph.getNodeAttributes(key) as NodeAttrs;
    return this.renderer.graphToViewport({ x: a.x, y: a.y });
  }

  get nodeCount(): number {
    return (this.view === "files" ? this.fileGraph : this.serviceGraph).order;
  }

  /** Import edges between groups under the current partition, per unordered pair. */
  private serviceLinks(): Map<string, number> {
    const links = new Map<string, number>();
    const add = (a: string, b: string, n: number) => {
      if (!a || !b || a === b) return;
      const key = a < b ? `${a}\n${b}` : `${b}\n${a}`;
      links.set(key, (links.get(key) ?? 0) + n);
    };
    const model = this.payload.model;
    if (model) {
      const groups = this.whatIf.groupMap();
      const group = model.files.map((f) => groups.get(f.path) ?? "");
      for (const [a, b] of model.imports) add(group[a], group[b], 1);
    } else {
      // no model: the contracts tell which service needs which symbols of which other
      for (const s of this.payload.analysis.services) {
        for (const r of s.contract.requires) add(s.id, r.service === "kernel" ? KERNEL : r.service, 1);
      }
    }
    return links;
  }

  private buildServiceGraph(): Graph {
    const g = new Graph({ type: "undirected", multi: false });
    const groups: { id: string; name: string; files: string[] }[] = [...this.whatIf.services];
    if (this.whatIf.kernel.length) groups.push({ id: KERNEL, name: "shared kernel", files: this.whatIf.kernel });
    const maxFiles = Math.max(1, ...groups.map((s) => s.files.length));
    for (const s of groups) {
      let x = 0;
      let y = 0;
      let n = 0;
      for (const f of s.files) {
        if (!this.fileGraph.hasNode(f)) continue;
        x += this.fileGraph.getNodeAttribute(f, "x") as number;
        y += this.fileGraph.getNodeAttribute(f, "y") as number;
        n++;
      }
      g.addNode(s.id, {
        x: n ? x / n : 0,
        y: n ? y / n : 0,
        size: 6 + 14 * Math.sqrt(s.files.length / maxFiles),
        color: this.colorOf(s.id),
        label: `${s.name} (${s.files.length})`,
        group: s.id,
      } satisfies NodeAttrs);
    }
    const links = this.serviceLinks();
    const maxW = Math.max(1, ...links.values());
    for (const [key, w] of [...links.entries()].sort((x, y) => byString(x[0], y[0]))) {
      const [a, b] = key.split("\n");
      if (g.hasNode(a) && g.hasNode(b))
        g.addEdge(a, b, { size: 1 + 7 * Math.sqrt(w / maxW), color: "#c4cad3", weight: w });
    }
    return g;
  }

  private reduceNode(
    node: string,
    data: NodeAttrs,
  ): Partial<NodeAttrs> & { highlighted?: boolean; forceLabel?: boolean; hidden?: boolean } {
    const out: Partial<NodeAttrs> & { highlighted?: boolean; forceLabel?: boolean } = { ...data, zIndex: 1 };
    if (this.view === "files") {
      if (this.selectedService !== null && data.group !== this.selectedService) {
        out.color = DIMMED_COLOR;
        out.label = "";
        out.zIndex = 0;
      }
      if (node === this.selectedFile) {
        out.highlighted = true;
        out.forceLabel = true;
        out.zIndex = 2;
      }
    } else if (node === this.selectedService) {
      out.highlighted = true;
      out.forceLabel = true;
    }
    return out;
  }

  private reduceEdge(edge: string, data: Record<string, unknown>): Record<string, unknown> {
    if (this.view !== "files" || (this.selectedService === null && this.selectedFile === null)) return data;
    const [a, b] = this.fileGraph.extremities(edge);
    if (this.selectedFile !== null) {
      if (a === this.selectedFile || b === this.selectedFile) return { ...data, color: "#7d8796", zIndex: 1 };
      if (this.selectedService === null) return data;
    }
    const ga = this.fileGraph.getNodeAttribute(a, "group") as unknown;
    const gb = this.fileGraph.getNodeAttribute(b, "group") as unknown;
    if (ga !== this.selectedService && gb !== this.selectedService) return { ...data, hidden: true };
    return data;
  }
}
