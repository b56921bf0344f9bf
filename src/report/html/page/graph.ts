// The two graph views drawn by sigma (WebGL): files coloured by service, and one node per service.
import Graph from "graphology";
import Sigma from "sigma";
import { drawDiscNodeHover, drawDiscNodeLabel, type NodeLabelDrawingFunction } from "sigma/rendering";
import { serviceRadius, type PagePayload } from "../payload.js";
import { h, replace } from "./dom.js";
import { LABEL_HEIGHT, placeLabels, type Box } from "./labels.js";
import { basename, DIMMED_COLOR, EDGE_COLOR } from "./format.js";
import { KERNEL, type WhatIf } from "./whatif.js";
import { byString } from "../../../util/order.js";
import { plural } from "../../../util/plural.js";

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

/** A dependency between two services: import edges each way (a: the first id in string order). */
export interface ServiceLink {
  a: string;
  b: string;
  /** import edges from a into b, and from b into a (without model.json: required symbols) */
  ab: number;
  ba: number;
}

/** Links drawn per service when the page opens: its strongest two say where it leans. */
export const DEFAULT_LINKS_PER_SERVICE = 2;
const SERVICE_EDGE_COLOR = "#aab2bd";
const FOCUS_EDGE_COLOR = "#4a5361";

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

const total = (l: ServiceLink) => l.ab + l.ba;

/** Where a service's name sits, from its disc's centre (viewport pixels): placed before each frame. */
type LabelOffset = { dx: number; dy: number };

/** The node a label drawing is for: sigma passes its key beside the display data. */
const keyOf = (data: object): string => (data as { key?: string }).key ?? "";

/** A kernel badge's top-left corner: at the top right of its disc (viewport pixels). */
function badgeCorner(p: { x: number; y: number }, radius: number): { x: number; y: number } {
  const k = radius * 0.72;
  return { x: p.x + k - 6, y: p.y - k - 12 };
}

/**
 * A service's name on a white halo, where placeLabels put it (under its disc unless that covers a
 * neighbour), so that it stays legible where it crosses a line; centred under the disc until placed.
 */
function drawServiceLabel(
  ctx: CanvasRenderingContext2D,
  data: Parameters<NodeLabelDrawingFunction>[1],
  settings: Parameters<NodeLabelDrawingFunction>[2],
  at: LabelOffset | undefined,
): void {
  if (!data.label) return;
  ctx.font = `${settings.labelWeight} ${settings.labelSize}px ${settings.labelFont}`;
  ctx.textBaseline = "top";
  ctx.textAlign = at ? "start" : "center";
  const x = at ? data.x + at.dx + 2 : data.x;
  const y = at ? data.y + at.dy + 1 : data.y + data.size + 3;
  ctx.lineJoin = "round";
  ctx.lineWidth = 3.5;
  ctx.strokeStyle = "rgba(255, 255, 255, 0.92)";
  ctx.strokeText(data.label, x, y);
  ctx.fillStyle = "#1f2430";
  ctx.fillText(data.label, x, y);
  ctx.textAlign = "start";
  ctx.textBaseline = "alphabetic";
}

export class GraphView {
  view: View;
  private renderer: Sigma | null = null;
  private readonly fileGraph = new Graph({ type: "undirected", multi: false });
  private serviceGraph = new Graph({ type: "undirected", multi: false });
  private selectedService: string | null = null;
  private selectedFile: string | null = null;
  private hovered: string | null = null;
  private readonly loc = new Map<string, number>();
  /** the service view's dependencies, by edge key (`a\nb`) */
  private links = new Map<string, ServiceLink>();
  /** import edges from each service into the kernel (the badge on its node) */
  private kernelUse = new Map<string, number>();
  /** edge keys drawn when nothing is in focus: each service's strongest `linksPerService` */
  private strongest = new Set<string>();
  private linksPerService = DEFAULT_LINKS_PER_SERVICE;
  /** badges and the hover card, over the canvas (DOM: text stays text, and tests can read it) */
  private readonly overlay = h("div", { class: "overlay", attrs: { "aria-hidden": "true" } });
  private readonly card = h("div", { class: "node-card", testid: "node-card", attrs: { hidden: true } });
  private badges = new Map<string, HTMLElement>();
  /** each service name's place, by node, and the width of each name as drawn in bold (the wider) */
  private labelAt = new Map<string, LabelOffset>();
  private readonly labelWidth = new Map<string, number>();
  private measure: CanvasRenderingContext2D | null = null;
  private labelsPlaced = false;
  /** each kernel badge's size, read once when the badges are made */
  private badgeSize = new Map<string, { w: number; h: number }>();
  /** the name beside each disc, and the hovered or selected one: a ring around its disc, its name in bold */
  private readonly drawLabel: NodeLabelDrawingFunction = (ctx, data, settings) =>
    drawServiceLabel(ctx, data, settings, this.labelOf(keyOf(data)));
  private readonly drawHover: NodeLabelDrawingFunction = (ctx, data, settings) => {
    ctx.beginPath();
    ctx.arc(data.x, data.y, data.size + 2, 0, Math.PI * 2);
    ctx.lineWidth = 3;
    ctx.strokeStyle = "#1f2430";
    ctx.stroke();
    drawServiceLabel(ctx, data, { ...settings, labelWeight: "600" }, this.labelOf(keyOf(data)));
  };
  /** coupling edges drawn in the file view, of how many */
  edgesDrawn = { drawn: 0, total: 0 };
  /** milliseconds from navigation start to the first frame drawn (for reports and benchmarks) */
  firstFrameMs: number | null = null;
  readonly error: string | null = null;

  constructor(
    private readonly container: HTMLElement,
    private readonly payload: PagePayload,
    private readonly whatIf: WhatIf,
    private readonly colorOf: (group: string) => string,
    private readonly callbacks: GraphCallbacks,
  ) {
    this.view = payload.defaultView ?? "files";
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
      this.renderer = new Sigma(this.graphOf(this.view), container, {
        ...this.viewSettings(this.view),
        labelGridCellSize: 90,
        labelFont: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
        labelSize: 12,
        labelColor: { color: "#1f2430" },
        edgeLabelFont: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
        edgeLabelSize: 11,
        edgeLabelColor: { color: "#2c3440" },
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
    container.append(this.overlay, this.card);
    const r = this.renderer;
    r.on("clickNode", ({ node }) => {
      if (this.view === "files") this.callbacks.onFile(node);
      else this.callbacks.onService(node);
    });
    r.on("clickStage", () => this.callbacks.onStage());
    r.on("enterNode", ({ node }) => {
      container.classList.add("pointing");
      if (this.view !== "services") return;
      this.hovered = node;
      this.showCard(node);
      r.scheduleRefresh();
    });
    r.on("leaveNode", () => {
      container.classList.remove("pointing");
      if (this.hovered === null) return;
      this.hovered = null;
      this.card.hidden = true;
      r.scheduleRefresh();
    });
    // each frame places the names again, once sigma has its camera matrix (at the first name drawn)
    r.on("beforeRender", () => (this.labelsPlaced = false));
    r.on("afterRender", () => this.placeBadges());
    // sigma sizes its canvases once: follow the container when the panels around it change height
    let size = `${container.clientWidth}x${container.clientHeight}`;
    new ResizeObserver(() => {
      const now = `${container.clientWidth}x${container.clientHeight}`;
      if (now === size || !container.clientWidth || !container.clientHeight) return;
      size = now;
      r.resize();
      r.refresh();
    }).observe(container);
    r.once("afterRender", () => {
      this.firstFrameMs = Math.round(performance.now());
      container.dataset.rendered = "true";
    });
    this.renderBadges();
    // the first frame was drawn before the names were placed around the discs and badges
    if (this.view === "services") r.refresh();
    // the first frame may already be drawn by the constructor
    requestAnimationFrame(() => {
      if (this.firstFrameMs === null) {
        this.firstFrameMs = Math.round(performance.now());
        container.dataset.rendered = "true";
      }
      this.placeBadges();
    });
  }

  private graphOf(view: View): Graph {
    return view === "files" ? this.fileGraph : this.serviceGraph;
  }

  private viewSettings(view: View) {
    return view === "files"
      ? {
          labelRenderedSizeThreshold: labelThreshold(this.fileGraph.order),
          labelDensity: 0.8,
          stagePadding: 30,
          renderEdgeLabels: false,
          itemSizesReference: "screen" as const,
          zoomToSizeRatioFunction: Math.sqrt,
          defaultDrawNodeLabel: drawDiscNodeLabel,
          defaultDrawNodeHover: drawDiscNodeHover,
        }
      : // a few dozen service names: all of them, with room for them at the edges; sizes in the
        // layout's units (zooming scales them with the map), which the layout kept from overlapping
        {
          labelRenderedSizeThreshold: 0,
          labelDensity: 50,
          stagePadding: 70,
          renderEdgeLabels: true,
          itemSizesReference: "positions" as const,
          zoomToSizeRatioFunction: (ratio: number) => ratio,
          defaultDrawNodeLabel: this.drawLabel,
          defaultDrawNodeHover: this.drawHover,
        };
  }

  setView(view: View): void {
    if (view === this.view) return;
    this.view = view;
    this.hovered = null;
    this.card.hidden = true;
    if (!this.renderer) return;
    const settings = this.viewSettings(view);
    this.renderer.setSetting("labelRenderedSizeThreshold", settings.labelRenderedSizeThreshold);
    this.renderer.setSetting("labelDensity", settings.labelDensity);
    this.renderer.setSetting("stagePadding", settings.stagePadding);
    this.renderer.setSetting("renderEdgeLabels", settings.renderEdgeLabels);
    this.renderer.setSetting("itemSizesReference", settings.itemSizesReference);
    this.renderer.setSetting("zoomToSizeRatioFunction", settings.zoomToSizeRatioFunction);
    this.renderer.setSetting("defaultDrawNodeLabel", settings.defaultDrawNodeLabel);
    this.renderer.setSetting("defaultDrawNodeHover", settings.defaultDrawNodeHover);
    // the badges first: the frame setGraph draws places the names around them
    this.renderBadges();
    this.renderer.setGraph(this.graphOf(view));
    this.renderer.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
  }

  select(service: string | null, file: string | null): void {
    this.selectedService = service;
    this.selectedFile = file;
    // the reducers' output changed: one refresh at the next frame, however many calls before it
    this.renderer?.scheduleRefresh();
    this.renderBadges();
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
    this.renderBadges();
    if (this.renderer && this.view === "services") this.renderer.setGraph(this.serviceGraph);
  }

  /** How many dependencies each service shows (Infinity: all of them). */
  setLinksPerService(k: number): void {
    this.linksPerService = k;
    this.markStrongest();
    this.renderer?.scheduleRefresh();
  }

  /** The dependencies the service view draws when no service is in focus, strongest first. */
  drawnLinks(): ServiceLink[] {
    return [...this.strongest]
      .map((key) => this.links.get(key)!)
      .sort((x, y) => total(y) - total(x) || byString(x.a, y.a) || byString(x.b, y.b));
  }

  /** The service view's edges as sigma last drew them (after the reducers), each as its two ids in order. */
  renderedLinks(): [string, string][] {
    const r = this.renderer;
    if (!r || this.view !== "services") return [];
    return this.serviceGraph
      .edges()
      .filter((e) => r.getEdgeDisplayData(e)?.hidden === false)
      .map((e) => {
        const [a, b] = this.serviceGraph.extremities(e);
        return a < b ? [a, b] : [b, a];
      });
  }

  /** Every dependency between two services (what "all" draws). */
  allLinks(): ServiceLink[] {
    return [...this.links.values()];
  }

  /** The services a service depends on or is depended on by, strongest first. */
  linksOf(id: string): { other: string; out: number; in: number }[] {
    const out: { other: string; out: number; in: number }[] = [];
    for (const l of this.links.values()) {
      if (l.a === id) out.push({ other: l.b, out: l.ab, in: l.ba });
      else if (l.b === id) out.push({ other: l.a, out: l.ba, in: l.ab });
    }
    return out.sort((x, y) => y.out + y.in - (x.out + x.in) || byString(x.other, y.other));
  }

  kernelImports(id: string): number {
    return this.kernelUse.get(id) ?? 0;
  }

  /** Where a node is drawn, in pixels from the container's top-left (for tests and tools). */
  nodePosition(key: string): { x: number; y: number } | null {
    const graph = this.graphOf(this.view);
    if (!this.renderer || !graph.hasNode(key)) return null;
    const a = graph.getNodeAttributes(key) as NodeAttrs;
    return this.renderer.graphToViewport({ x: a.x, y: a.y });
  }

  get nodeCount(): number {
    return this.graphOf(this.view).order;
  }

  /** Import edges between services and into the kernel under the current partition. */
  private countLinks(): void {
    const links = new Map<string, ServiceLink>();
    const kernel = new Map<string, number>();
    const add = (from: string, to: string, n: number) => {
      if (!from || from.startsWith(":")) return;
      if (to === KERNEL) {
        kernel.set(from, (kernel.get(from) ?? 0) + n);
        return;
      }
      if (!to || to === from || to.startsWith(":")) return;
      const [a, b] = from < to ? [from, to] : [to, from];
      const key = `${a}\n${b}`;
      let l = links.get(key);
      if (!l) links.set(key, (l = { a, b, ab: 0, ba: 0 }));
      if (from === a) l.ab += n;
      else l.ba += n;
    };
    const model = this.payload.model;
    if (model) {
      const groups = this.whatIf.groupMap();
      const group = model.files.map((f) => groups.get(f.path) ?? "");
      for (const [a, b] of model.imports) add(group[a], group[b], 1);
    } else {
      // no model (and so no edits): the contracts say which symbols each service needs of which
      // other; the kernel figure is the analysis' own count of import edges
      for (const s of this.payload.analysis.services) {
        for (const r of s.contract.requires) if (r.service !== "kernel") add(s.id, r.service, 1);
        kernel.set(s.id, s.metrics.kernelImports);
      }
    }
    this.links = links;
    this.kernelUse = kernel;
  }

  /** Marks each service's k strongest dependencies (ties: the other service's id). */
  private markStrongest(): void {
    const strongest = new Set<string>();
    const k = this.linksPerService;
    const byService = new Map<string, ServiceLink[]>();
    for (const l of this.links.values()) {
      for (const s of [l.a, l.b]) {
        let list = byService.get(s);
        if (!list) byService.set(s, (list = []));
        list.push(l);
      }
    }
    for (const [s, list] of byService) {
      const other = (l: ServiceLink) => (l.a === s ? l.b : l.a);
      list.sort((x, y) => total(y) - total(x) || byString(other(x), other(y)));
      for (const l of list.slice(0, k)) strongest.add(`${l.a}\n${l.b}`);
    }
    this.strongest = strongest;
  }

  private buildServiceGraph(): Graph {
    const g = new Graph({ type: "undirected", multi: false });
    const services = this.whatIf.services;
    const maxR = Math.max(1, ...services.map((s) => serviceRadius(s.files.length)));
    for (const s of services) {
      const placed = this.payload.serviceXY?.[s.id];
      const [x, y] = placed ?? this.centroid(s.files);
      g.addNode(s.id, {
        x,
        y,
        size: serviceRadius(s.files.length),
        color: this.colorOf(s.id),
        // the name alone: the disc's size and the hover card give the files, and short labels overlap less
        label: s.name,
        group: s.id,
      } satisfies NodeAttrs);
    }
    this.countLinks();
    this.markStrongest();
    const maxW = Math.max(1, ...[...this.links.values()].map(total));
    for (const [key, l] of [...this.links.entries()].sort((x, y) => byString(x[0], y[0]))) {
      if (g.hasNode(l.a) && g.hasNode(l.b))
        g.addEdgeWithKey(key, l.a, l.b, {
          // in layout units, as the nodes: a twentieth to a quarter of the biggest disc's radius
          size: maxR * (0.05 + 0.22 * Math.sqrt(total(l) / maxW)),
          color: SERVICE_EDGE_COLOR,
          weight: total(l),
        });
    }
    return g;
  }

  /** Where a service's files are in the file view (for a service the server-side layout did not place). */
  private centroid(files: string[]): [number, number] {
    let x = 0;
    let y = 0;
    let n = 0;
    for (const f of files) {
      if (!this.fileGraph.hasNode(f)) continue;
      x += this.fileGraph.getNodeAttribute(f, "x") as number;
      y += this.fileGraph.getNodeAttribute(f, "y") as number;
      n++;
    }
    return n ? [x / n, y / n] : [0, 0];
  }

  /** The service in focus in the service view: the hovered one, else the selected one. */
  private focus(): string | null {
    const f = this.hovered ?? this.selectedService;
    return f !== null && this.serviceGraph.hasNode(f) ? f : null;
  }

  /**
   * Whether the renderer holds the file graph. The reducers ask this, not `view`: switching views sets
   * sigma's settings before its graph, and a render in between reduces the old graph's items.
   */
  private drawsFiles(): boolean {
    return this.renderer ? this.renderer.getGraph() === this.fileGraph : this.view === "files";
  }

  private reduceNode(
    node: string,
    data: NodeAttrs,
  ): Partial<NodeAttrs> & { highlighted?: boolean; forceLabel?: boolean; hidden?: boolean } {
    const out: Partial<NodeAttrs> & { highlighted?: boolean; forceLabel?: boolean } = { ...data, zIndex: 1 };
    if (this.drawsFiles()) {
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
      return out;
    }
    const focus = this.focus();
    if (focus === null) return out;
    if (node === focus) {
      out.highlighted = true;
      out.forceLabel = true;
      out.zIndex = 2;
    } else if (!this.serviceGraph.hasEdge(node, focus)) {
      out.color = DIMMED_COLOR;
      out.zIndex = 0;
    }
    return out;
  }

  private reduceEdge(edge: string, data: Record<string, unknown>): Record<string, unknown> {
    if (!this.drawsFiles()) {
      const focus = this.focus();
      if (focus === null) return this.strongest.has(edge) ? data : { ...data, hidden: true };
      const l = this.links.get(edge);
      if (!l || (l.a !== focus && l.b !== focus)) return { ...data, hidden: true };
      // in focus: every dependency of the service, with its count each way
      const [out, inn] = l.a === focus ? [l.ab, l.ba] : [l.ba, l.ab];
      return { ...data, color: FOCUS_EDGE_COLOR, zIndex: 1, label: `${out} out \u00b7 ${inn} in` };
    }
    if (this.selectedService === null && this.selectedFile === null) return data;
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

  /** One badge per service node that imports the kernel: the kernel is a count, not a node with edges. */
  private renderBadges(): void {
    this.badges.clear();
    if (this.view !== "services" || !this.renderer) {
      replace(this.overlay);
      return;
    }
    const badges: HTMLElement[] = [];
    this.serviceGraph.forEachNode((id) => {
      const n = this.kernelUse.get(id) ?? 0;
      if (!n) return;
      const b = h(
        "span",
        { class: "kernel-badge", testid: "kernel-badge", data: { serviceId: id, value: n } },
        `K ${n.toLocaleString("en")}`,
      );
      this.badges.set(id, b);
      badges.push(b);
    });
    replace(this.overlay, badges);
    this.badgeSize = new Map([...this.badges].map(([id, b]) => [id, { w: b.offsetWidth, h: b.offsetHeight }]));
    this.placeBadges();
  }

  /**
   * Where a node's name goes in the frame being drawn: the names are placed at the first one drawn,
   * when sigma's camera matrix and sizes are the frame's own (they are not yet at "beforeRender").
   */
  private labelOf(id: string): LabelOffset | undefined {
    if (!this.labelsPlaced) {
      this.placeServiceLabels();
      this.labelsPlaced = true;
    }
    return this.labelAt.get(id);
  }

  /** Each service's name on the side of its disc that covers no neighbour, for the frame being drawn. */
  private placeServiceLabels(): void {
    if (!this.renderer || this.view !== "services") return;
    const r = this.renderer;
    const discs: Parameters<typeof placeLabels>[0] = [];
    const badges: Box[] = [];
    this.serviceGraph.forEachNode((id, attrs) => {
      const a = attrs as NodeAttrs;
      const p = r.graphToViewport({ x: a.x, y: a.y });
      const radius = r.scaleSize(a.size);
      discs.push({ id, x: p.x, y: p.y, r: radius, w: this.widthOf(a.label) });
      const size = this.badgeSize.get(id);
      if (size) badges.push({ ...badgeCorner(p, radius), ...size });
    });
    const { width, height } = r.getDimensions();
    const boxes = placeLabels(discs, badges, { w: width, h: height });
    this.labelAt = new Map(
      discs.flatMap((d) => {
        const b = boxes.get(d.id);
        return b ? [[d.id, { dx: b.x - d.x, dy: b.y - d.y }] as const] : [];
      }),
    );
  }

  /** A name's width on its halo, in bold (the hovered name's weight, the wider). */
  private widthOf(label: string): number {
    if (!label) return 0;
    let w = this.labelWidth.get(label);
    if (w !== undefined) return w;
    const r = this.renderer!;
    this.measure ??= document.createElement("canvas").getContext("2d");
    if (!this.measure) return label.length * 7;
    this.measure.font = `600 ${r.getSetting("labelSize")}px ${r.getSetting("labelFont")}`;
    w = this.measure.measureText(label).width + 4;
    this.labelWidth.set(label, w);
    return w;
  }

  /** Each service's disc in viewport pixels: centre and radius (for tests). */
  discs(): { id: string; label: string; x: number; y: number; r: number }[] {
    if (!this.renderer || this.view !== "services") return [];
    const r = this.renderer;
    const out: { id: string; label: string; x: number; y: number; r: number }[] = [];
    this.serviceGraph.forEachNode((id, attrs) => {
      const a = attrs as NodeAttrs;
      out.push({ id, label: a.label, ...r.graphToViewport({ x: a.x, y: a.y }), r: r.scaleSize(a.size) });
    });
    return out;
  }

  /** Each service name's box in viewport pixels, as drawn (for tests). */
  labelBoxes(): { id: string; label: string; box: Box }[] {
    if (!this.renderer || this.view !== "services") return [];
    const r = this.renderer;
    const out: { id: string; label: string; box: Box }[] = [];
    this.serviceGraph.forEachNode((id, attrs) => {
      const a = attrs as NodeAttrs;
      const at = this.labelAt.get(id);
      const p = r.graphToViewport({ x: a.x, y: a.y });
      if (at)
        out.push({
          id,
          label: a.label,
          box: { x: p.x + at.dx, y: p.y + at.dy, w: this.widthOf(a.label), h: LABEL_HEIGHT },
        });
    });
    return out;
  }

  /** Each badge at the top right of its node, wherever the camera is. */
  private placeBadges(): void {
    if (!this.renderer || this.view !== "services") return;
    const focus = this.focus();
    for (const [id, badge] of this.badges) {
      if (!this.serviceGraph.hasNode(id)) continue;
      const a = this.serviceGraph.getNodeAttributes(id) as NodeAttrs;
      const at = badgeCorner(this.renderer.graphToViewport({ x: a.x, y: a.y }), this.renderer.scaleSize(a.size));
      badge.style.transform = `translate(${Math.round(at.x)}px, ${Math.round(at.y)}px)`;
      badge.classList.toggle("dim", focus !== null && id !== focus && !this.serviceGraph.hasEdge(id, focus));
    }
  }

  /** The hover card of a service node: size, kernel use and its strongest dependencies. */
  private showCard(id: string): void {
    const s = this.whatIf.service(id);
    if (!s || !this.renderer) return;
    const deps = this.linksOf(id).slice(0, 4);
    replace(
      this.card,
      h("strong", null, s.name),
      h("span", null, `${s.files.length} files \u00b7 kernel imports ${this.kernelImports(id)}`),
      deps.length
        ? deps.map((d) =>
            h("span", null, `${this.whatIf.groupName(d.other)}: ${plural(d.out, "import")} out, ${d.in} in`),
          )
        : h("span", null, "no import to or from another service"),
    );
    const a = this.serviceGraph.getNodeAttributes(id) as NodeAttrs;
    const p = this.renderer.graphToViewport({ x: a.x, y: a.y });
    const r = this.renderer.scaleSize(a.size);
    const { width } = this.container.getBoundingClientRect();
    const left = Math.min(Math.max(4, p.x + r + 8), Math.max(4, width - 260));
    this.card.style.transform = `translate(${Math.round(left)}px, ${Math.round(Math.max(4, p.y - r))}px)`;
    this.card.hidden = false;
  }
}
