// report.html's page script: bundled by scripts/build-report-page.mjs (esbuild) with graphology,
// sigma and faultline's own metric code, and inlined into every report by render.ts.
import type { ServiceAnalysis } from "../../../analysis/types.js";
import { GLOBAL_METRIC_NOTES } from "../../../metrics/notes.js";
import type { GlobalMetrics, ServiceMetrics } from "../../../metrics/types.js";
import { PAYLOAD_ELEMENT_ID, type PagePayload } from "../payload.js";
import { append, h, replace, swatch } from "./dom.js";
import { cyclesOf, entitiesOf, hotSpots, modulesOf, serviceDataOf, startWithOf } from "./extras.js";
import {
  basename,
  betterText,
  fixed2,
  fmt,
  ISOLATED_COLOR,
  KERNEL_COLOR,
  percent,
  SERVICE_METRICS,
  serviceColor,
  signed,
} from "./format.js";
import { DEFAULT_LINKS_PER_SERVICE, GraphView, type View } from "./graph.js";
import { summaryBand } from "./summary.js";
import { ISOLATED, KERNEL, WhatIf } from "./whatif.js";
import { byString } from "../../../util/order.js";
import { plural } from "../../../util/plural.js";

type Selection = { kind: "none" } | { kind: "service"; id: string } | { kind: "file"; path: string } | { kind: "data" };

class App {
  private readonly whatIf: WhatIf;
  private readonly colors = new Map<string, string>();
  private readonly byId: Map<string, ServiceAnalysis>;
  private readonly kernelWhy: Map<string, string>;
  private graph!: GraphView;
  private selection: Selection = { kind: "none" };
  private mountedMs: number | null = null;
  private paintedMs: number | null = null;

  // elements updated after edits
  private readonly metricsEl = h("section", {
    class: "metrics",
    testid: "global-metrics",
    attrs: { "aria-label": "Global metrics" },
  });
  private readonly tableBody = h("tbody");
  private readonly panel = h("div", { class: "panel-body" });
  private readonly editsEl = h("ol", { class: "edits", testid: "edits" });
  private readonly status = h("p", {
    class: "sr-only",
    attrs: { role: "status", "aria-live": "polite" },
    testid: "status",
  });
  private readonly mergeFrom = h("select", { testid: "merge-from", attrs: { "aria-label": "Service to merge" } });
  private readonly mergeInto = h("select", {
    testid: "merge-into",
    attrs: { "aria-label": "Service to merge it into" },
  });
  private readonly undoButton = h(
    "button",
    { testid: "undo", attrs: { type: "button" }, on: { click: () => this.afterEdit(this.whatIf.undo(), "Undone.") } },
    "Undo",
  );
  private readonly resetButton = h(
    "button",
    { testid: "reset", attrs: { type: "button" }, on: { click: () => this.reset() } },
    "Reset",
  );
  private readonly viewButtons = new Map<View, HTMLButtonElement>();
  private readonly legend = h("span", { class: "legend", testid: "legend" });
  private readonly scoreBody = h("tbody");

  constructor(private readonly payload: PagePayload) {
    const a = payload.analysis;
    this.whatIf = new WhatIf(a, payload.model);
    this.byId = new Map(a.services.map((s) => [s.id, s]));
    this.kernelWhy = new Map(a.kernel.files.map((f) => [f.path, f.why]));
    [...a.services]
      .sort((x, y) => x.rank - y.rank || byString(x.id, y.id))
      .forEach((s, k) => this.colors.set(s.id, serviceColor(k)));
    this.colors.set(KERNEL, KERNEL_COLOR);
    this.colors.set(ISOLATED, ISOLATED_COLOR);
  }

  colorOf = (group: string): string => this.colors.get(group) ?? ISOLATED_COLOR;

  mount(root: HTMLElement): void {
    const a = this.payload.analysis;
    document.title = `faultline: ${this.payload.title}`;
    const graphEl = h("div", {
      class: "graph",
      testid: "graph",
      attrs: { role: "img", "aria-label": "Graph of the services and their files, coloured by service" },
    });
    const header = h(
      "header",
      { class: "top" },
      h(
        "div",
        { class: "brand" },
        h("span", { class: "logo" }, "faultline"),
        h("h1", { testid: "title" }, this.payload.title),
      ),
      h(
        "p",
        { class: "meta" },
        `${a.repo.files} files \u00b7 ${a.repo.commits} commits \u00b7 ${a.services.length} services \u00b7 kernel ` +
          `${a.kernel.files.length}`,
        a.repo.head ? ` \u00b7 HEAD ${a.repo.head.slice(0, 10)}` : "",
        a.repo.headDate ? ` (${a.repo.headDate.slice(0, 10)})` : "",
      ),
      this.searchBox(),
    );
    const summary = summaryBand({
      analysis: a,
      colorOf: this.colorOf,
      nameOf: (id) => this.byId.get(id)?.name ?? (id === "kernel" ? "shared kernel" : id),
      onService: (id) => this.select({ kind: "service", id }),
      onKernel: () => this.select({ kind: "service", id: KERNEL }),
      onData: () => this.select({ kind: "data" }),
    });
    const left = h(
      "aside",
      { class: "left", attrs: { "aria-label": "Services" } },
      h("h2", null, "Services"),
      h(
        "p",
        { class: "hint" },
        "Ranked by priority = pain / (1 + cost): rank 1 is the one to extract first, never a core service " +
          "(most others read its data or import its code) while another remains, nor one owning no data " +
          "while one owning data qualifies.",
      ),
      h(
        "table",
        { class: "services", testid: "services-table" },
        h(
          "thead",
          null,
          h(
            "tr",
            null,
            h("th", { attrs: { scope: "col" }, title: "extraction order" }, "#"),
            h("th", { attrs: { scope: "col" } }, "Service"),
            h("th", { attrs: { scope: "col" }, class: "num" }, "Files"),
            h(
              "th",
              {
                attrs: { scope: "col" },
                class: "num",
                title: "how painful it is to live with (1 = the median service)",
              },
              "Pain",
            ),
            h(
              "th",
              { attrs: { scope: "col" }, class: "num", title: "how costly it is to cut out (1 = the median service)" },
              "Cost",
            ),
          ),
        ),
        this.tableBody,
      ),
      this.whatIfBox(),
    );
    const linksControl = h(
      "label",
      {
        class: "links-control",
        title: "how many of each service's dependencies the service view draws, strongest first",
      },
      "Links per service ",
      h(
        "select",
        {
          testid: "links-per-service",
          on: {
            change: (e) => {
              const v = (e.target as HTMLSelectElement).value;
              this.graph.setLinksPerService(v === "all" ? Infinity : Number(v));
              this.renderLegend();
            },
          },
        },
        ["1", "2", "3", "5", "all"].map((v) =>
          h("option", { attrs: { value: v, selected: v === String(DEFAULT_LINKS_PER_SERVICE) } }, v),
        ),
      ),
    );
    const toolbar = h(
      "div",
      { class: "toolbar" },
      h(
        "div",
        { class: "toggle", attrs: { role: "group", "aria-label": "Graph view" } },
        this.viewButton("services", "Services"),
        this.viewButton("files", "Files"),
      ),
      h(
        "button",
        { attrs: { type: "button" }, testid: "zoom-reset", on: { click: () => this.graph.resetCamera() } },
        "Fit",
      ),
      linksControl,
      this.legend,
    );
    const right = h("aside", { class: "right", testid: "panel", attrs: { "aria-label": "Details" } }, this.panel);
    append(root, [
      header,
      summary,
      this.metricsEl,
      h("div", { class: "body" }, left, h("main", { class: "centre" }, toolbar, graphEl), right),
      this.status,
    ]);

    // the metrics strip first: the graph takes the height that is left, measured when sigma starts
    this.refresh();
    this.graph = new GraphView(graphEl, this.payload, this.whatIf, this.colorOf, {
      onFile: (path) => this.select({ kind: "file", path }),
      onService: (id) => this.select({ kind: "service", id }),
      onStage: () => this.selection.kind !== "none" && this.select({ kind: "none" }),
    });
    if (this.graph.error) replace(graphEl, h("p", { class: "graph-error", testid: "graph-error" }, this.graph.error));
    this.markView(this.graph.view);
    this.renderPanel();
    this.mountedMs = Math.round(performance.now());
    requestAnimationFrame(() => requestAnimationFrame(() => (this.paintedMs = Math.round(performance.now()))));
  }

  /** What the graph's marks mean, for the view on screen. */
  private renderLegend(): void {
    if (this.graph.view === "services") {
      const k = this.graph.drawnLinks().length;
      const all = this.graph.allLinks().length;
      replace(
        this.legend,
        h("span", { class: "kernel-badge sample" }, "K n"),
        " kernel imports \u00b7 ",
        h(
          "span",
          { testid: "links-drawn", title: "pairs of services: a pair counts once, whichever way its imports go" },
          k < all ? `${k} of ${all} dependencies` : `all ${all} dependencies`,
        ),
      );
      this.legend.title =
        "Node size: files. Badge K n: import edges from the service into the shared kernel (the kernel is not " +
        "drawn as a node). Services sit near those they are coupled to (imports, co-change, shared authors). " +
        "Lines: import dependencies, width by count, each service's strongest by default; hover or click a " +
        "service for all of its own.";
    } else {
      const { drawn, total } = this.graph.edgesDrawn;
      replace(
        this.legend,
        swatch(KERNEL_COLOR),
        "shared kernel ",
        swatch(ISOLATED_COLOR),
        "isolated",
        drawn < total
          ? ` \u00b7 strongest ${drawn.toLocaleString("en")} of ${total.toLocaleString("en")} links drawn`
          : "",
      );
      this.legend.title =
        "Scroll to zoom, drag to pan: file names appear as you zoom in. Lines are coupling: imports, co-change " +
        "and shared authors.";
    }
  }

  // ---------- header: search ----------

  private searchBox(): HTMLElement {
    const input = h("input", {
      testid: "search",
      attrs: {
        type: "search",
        placeholder: "Find a file or service\u2026",
        "aria-label": "Find a file or service",
        autocomplete: "off",
        spellcheck: "false",
      },
    });
    const results = h("ul", { class: "results", testid: "search-results", attrs: { role: "listbox", hidden: true } });
    const pick = (sel: Selection) => {
      input.value = "";
      results.hidden = true;
      replace(results);
      this.select(sel, true);
    };
    const run = () => {
      const q = input.value.trim().toLowerCase();
      replace(results);
      if (!q) {
        results.hidden = true;
        return;
      }
      const hits: { sel: Selection; text: string; score: number }[] = [];
      for (const s of this.whatIf.services) {
        if (s.name.toLowerCase().includes(q))
          hits.push({
            sel: { kind: "service", id: s.id },
            text: s.name,
            score: s.name.toLowerCase().startsWith(q) ? 0 : 1,
          });
      }
      for (const f of this.payload.files) {
        const lower = f.toLowerCase();
        if (!lower.includes(q)) continue;
        const base = basename(lower);
        hits.push({
          sel: { kind: "file", path: f },
          text: f,
          score: base.startsWith(q) ? 2 : base.includes(q) ? 3 : 4,
        });
      }
      hits.sort((x, y) => x.score - y.score || byString(x.text, y.text));
      const groups = this.whatIf.groupMap();
      for (const hit of hits.slice(0, 12)) {
        const note = hit.sel.kind === "file" ? this.whatIf.groupName(groups.get(hit.sel.path) ?? "") : "service";
        results.appendChild(
          h(
            "li",
            { attrs: { role: "option" } },
            h(
              "button",
              {
                testid: "search-result",
                title: hit.text,
                attrs: { type: "button" },
                on: { click: () => pick(hit.sel) },
              },
              // a file's own name first: deep paths share their long start, which would hide it
              hit.sel.kind === "file"
                ? h(
                    "span",
                    { class: "path" },
                    h("span", { class: "base" }, basename(hit.text)),
                    h("span", { class: "dir" }, ` ${hit.text.slice(0, hit.text.length - basename(hit.text).length)}`),
                  )
                : h("span", { class: "path" }, hit.text),
              h("span", { class: "note" }, note),
            ),
          ),
        );
      }
      if (hits.length > 12) results.appendChild(h("li", { class: "empty" }, `${hits.length - 12} more: keep typing`));
      if (!hits.length) results.appendChild(h("li", { class: "empty" }, "no file or service matches"));
      results.hidden = false;
    };
    input.addEventListener("input", run);
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        const first = results.querySelector<HTMLButtonElement>("button");
        first?.click();
      } else if (e.key === "Escape") {
        input.value = "";
        run();
      }
    });
    return h("div", { class: "search" }, input, results);
  }

  // ---------- left: services table and what-if ----------

  private whatIfBox(): HTMLElement {
    const box = h(
      "section",
      { class: "whatif", testid: "whatif", attrs: { "aria-label": "What-if" } },
      h("h2", null, "What-if"),
    );
    if (!this.whatIf.canScore) {
      append(box, [
        h(
          "p",
          { class: "note", testid: "whatif-note" },
          "what-if needs model.json: re-render this report with model.json beside analysis.json (faultline analyze " +
            "writes both) to move files and merge services here.",
        ),
      ]);
    } else {
      append(box, [
        h(
          "p",
          { class: "hint" },
          "Move a file (click it in the graph, in a service's file list, or find it) or merge two services: the " +
            "figures update with faultline's own metric code.",
        ),
        h(
          "div",
          { class: "merge" },
          h("label", null, "Merge ", this.mergeFrom),
          h("label", null, " into ", this.mergeInto),
          h(
            "button",
            {
              testid: "merge-button",
              attrs: { type: "button" },
              on: {
                click: () => {
                  if (this.whatIf.services.length < 2) {
                    this.status.textContent = "One service is left: nothing to merge it into.";
                    return;
                  }
                  if (this.mergeFrom.value === this.mergeInto.value) {
                    this.status.textContent = "Pick two different services to merge.";
                    return;
                  }
                  this.afterEdit(
                    this.whatIf.merge(this.mergeFrom.value, this.mergeInto.value),
                    `Merged into ${this.whatIf.groupName(this.mergeInto.value)}.`,
                  );
                },
              },
            },
            "Merge",
          ),
        ),
        this.editsEl,
        h("div", { class: "buttons" }, this.undoButton, this.resetButton),
        h(
          "table",
          { class: "scorecard-table", testid: "whatif-scorecard" },
          h(
            "thead",
            null,
            h(
              "tr",
              null,
              h("th", { attrs: { scope: "col" } }, "Metric"),
              h("th", { attrs: { scope: "col" }, class: "num" }, "Analysed"),
              h("th", { attrs: { scope: "col" }, class: "num" }, "Now"),
              h("th", { attrs: { scope: "col" }, class: "num" }, "\u0394"),
            ),
          ),
          this.scoreBody,
        ),
        h(
          "p",
          { class: "hint" },
          "\u2191 higher is better, \u2193 lower is better; hover a metric (here or above the graph) for what it " +
            "measures and its typical range.",
        ),
      ]);
    }
    append(box, [
      h(
        "button",
        { class: "primary", testid: "export", attrs: { type: "button" }, on: { click: () => this.exportProposal() } },
        "Export proposal.json",
      ),
    ]);
    return box;
  }

  private viewButton(view: View, label: string): HTMLButtonElement {
    const b = h(
      "button",
      {
        testid: `view-${view}`,
        attrs: { type: "button", "aria-pressed": String(view === this.payload.defaultView) },
        on: { click: () => this.setView(view) },
      },
      label,
    );
    this.viewButtons.set(view, b);
    return b;
  }

  private setView(view: View): void {
    this.graph.setView(view);
    this.markView(view);
  }

  /** The toggle, the legend and html[data-view] follow the view (which a file search may change). */
  private markView(view: View): void {
    for (const [v, b] of this.viewButtons) b.setAttribute("aria-pressed", String(v === view));
    document.documentElement.dataset.view = view;
    this.renderLegend();
  }

  /** Redraws what depends on the partition: metrics strip, table, selects, edits list. */
  private refresh(): void {
    const card = this.whatIf.edited ? this.whatIf.score() : null;
    this.renderMetrics(card?.global ?? this.payload.analysis.metrics);
    this.renderTable(card?.services);
    if (this.whatIf.canScore) {
      const options = () => this.whatIf.services.map((s) => h("option", { attrs: { value: s.id } }, s.name));
      const keep = [this.mergeFrom.value, this.mergeInto.value];
      replace(this.mergeFrom, options());
      replace(this.mergeInto, options());
      if (this.whatIf.service(keep[0])) this.mergeFrom.value = keep[0];
      if (this.whatIf.service(keep[1])) this.mergeInto.value = keep[1];
      // never a service into itself: the first other one
      if (this.mergeInto.value === this.mergeFrom.value)
        this.mergeInto.value = this.whatIf.services.find((s) => s.id !== this.mergeFrom.value)?.id ?? "";
      replace(
        this.editsEl,
        this.whatIf.edits.length
          ? this.whatIf.edits.map((e) => h("li", null, e))
          : h("li", { class: "empty" }, "no edits yet"),
      );
      this.undoButton.disabled = !this.whatIf.edited;
      this.resetButton.disabled = !this.whatIf.edited;
    }
    document.documentElement.dataset.edits = String(this.whatIf.edits.length);
  }

  private renderMetrics(g: GlobalMetrics): void {
    const base = this.payload.analysis.metrics;
    replace(
      this.metricsEl,
      GLOBAL_METRIC_NOTES.map((m) => {
        const delta = g[m.key] - base[m.key];
        const better = m.better === "higher" ? delta > 0 : m.better === "lower" ? delta < 0 : false;
        const tipId = `tip-${m.key}`;
        // the explanation inline (direction and range) and in full on hover or focus: a reader
        // must know what 0.46 means without leaving the page
        return h(
          "div",
          { class: "metric", testid: `global-metric-${m.key}`, attrs: { tabindex: 0, "aria-describedby": tipId } },
          h(
            "span",
            { class: "head" },
            h("span", { class: "label" }, m.label),
            h("span", { class: "value", testid: `metric-${m.key}`, data: { value: String(g[m.key]) } }, fmt(g[m.key])),
            this.whatIf.edited && Math.abs(delta) > 1e-12
              ? h("span", { class: `delta ${better ? "good" : "bad"}`, testid: `delta-${m.key}` }, signed(delta))
              : h("span", { class: "delta" }, this.whatIf.edited ? "\u00b10" : ""),
          ),
          h(
            "span",
            { class: "explain", testid: `explain-${m.key}` },
            h("span", { class: "measures" }, m.short),
            h("span", null, `${betterText(m.better)} \u00b7 typical ${m.typical}`),
          ),
          h(
            "span",
            { class: "tip", testid: `tip-${m.key}`, attrs: { id: tipId, role: "tooltip" } },
            h("strong", null, `${m.label}: `),
            `${m.means}.`,
            h("br"),
            `${betterText(m.better)}: ${m.range}.`,
          ),
        );
      }),
      h(
        "div",
        { class: "metric what" },
        h("span", { class: "label" }, this.whatIf.edited ? "Edited proposal" : "As analysed"),
        h(
          "span",
          { class: "small" },
          this.whatIf.edited
            ? `${plural(this.whatIf.edits.length, "edit")}, ${plural(this.whatIf.services.length, "service")}`
            : `resolution ${this.payload.analysis.settings.resolution}, seed ${this.payload.analysis.settings.seed}`,
        ),
      ),
    );
    this.renderScorecard(g);
  }

  /** The what-if's own scorecard: each global metric as analysed and now, with what it means. */
  private renderScorecard(g: GlobalMetrics): void {
    const base = this.payload.analysis.metrics;
    replace(
      this.scoreBody,
      GLOBAL_METRIC_NOTES.map((m) => {
        const delta = g[m.key] - base[m.key];
        const better = m.better === "higher" ? delta > 0 : delta < 0;
        return h(
          "tr",
          { title: `${m.label}: ${m.means}. ${betterText(m.better)}: ${m.range}.` },
          h(
            "th",
            { attrs: { scope: "row" } },
            m.label,
            h(
              "span",
              { class: "dir", testid: `whatif-explain-${m.key}` },
              m.better === "higher" ? " \u2191" : " \u2193",
            ),
          ),
          h("td", { class: "num" }, fmt(base[m.key])),
          h("td", { class: "num", testid: `whatif-metric-${m.key}`, data: { value: String(g[m.key]) } }, fmt(g[m.key])),
          h(
            "td",
            { class: `num delta ${Math.abs(delta) > 1e-12 ? (better ? "good" : "bad") : ""}` },
            Math.abs(delta) > 1e-12 ? signed(delta) : "",
          ),
        );
      }),
    );
  }

  private renderTable(scored: Record<string, ServiceMetrics> | undefined): void {
    const rows: HTMLElement[] = [];
    const services = [...this.whatIf.services].sort(
      (x, y) => (this.byId.get(x.id)?.rank ?? 1e9) - (this.byId.get(y.id)?.rank ?? 1e9),
    );
    for (const s of services) {
      const a = this.byId.get(s.id);
      const stale = this.whatIf.changed(s.id);
      const files = scored?.[s.id]?.files ?? s.files.length;
      rows.push(
        this.row(
          s.id,
          a ? String(a.rank) : "",
          s.name,
          files,
          stale ? "\u2014" : fixed2(a?.pain ?? 0),
          stale ? "\u2014" : fixed2(a?.cost ?? 0),
          stale ? "edited: pain and cost come from analyze; run faultline compare on the exported proposal" : undefined,
        ),
      );
    }
    if (this.whatIf.kernel.length) rows.push(this.row(KERNEL, "", "shared kernel", this.whatIf.kernel.length, "", ""));
    if (this.whatIf.isolated.length) rows.push(this.row(ISOLATED, "", "isolated", this.whatIf.isolated.length, "", ""));
    replace(this.tableBody, rows);
  }

  private row(
    id: string,
    rank: string,
    name: string,
    files: number,
    pain: string,
    cost: string,
    note?: string,
  ): HTMLElement {
    const selected = this.selection.kind === "service" && this.selection.id === id;
    const tr = h(
      "tr",
      {
        testid: "service-row",
        data: { serviceId: id },
        class: [selected ? "selected" : "", id.startsWith(":") ? "special" : ""].join(" ").trim(),
        title: note,
        on: { click: () => this.select({ kind: "service", id }) },
      },
      h("td", { class: "num rank" }, rank),
      h(
        "td",
        null,
        h(
          "button",
          { class: "link", testid: "service-link", attrs: { type: "button", "aria-pressed": String(selected) } },
          swatch(this.colorOf(id)),
          name,
        ),
      ),
      h("td", { class: "num" }, files),
      h("td", { class: "num", data: { value: pain } }, pain),
      h("td", { class: "num", data: { value: cost } }, cost),
    );
    return tr;
  }

  // ---------- right: details panel ----------

  private select(sel: Selection, focus = false): void {
    this.selection = sel;
    if (sel.kind === "service") this.graph.select(sel.id, null);
    else if (sel.kind === "file") {
      this.graph.select(null, sel.path);
      if (focus) {
        this.graph.focusFile(sel.path);
        this.markView(this.graph.view);
      }
    } else this.graph.select(null, null);
    this.renderTable(this.whatIf.edited ? this.whatIf.score()?.services : undefined);
    this.renderPanel();
  }

  private renderPanel(): void {
    const sel = this.selection;
    let content: HTMLElement[];
    if (sel.kind === "service" && sel.id === KERNEL) content = this.kernelPanel();
    else if (sel.kind === "service" && sel.id === ISOLATED) content = this.isolatedPanel();
    else if (sel.kind === "service" && this.whatIf.service(sel.id)) content = this.servicePanel(sel.id);
    else if (sel.kind === "file") content = this.filePanel(sel.path);
    else if (sel.kind === "data") content = this.dataPanel();
    else content = this.introPanel();
    replace(this.panel, content);
    this.panel.parentElement?.scrollTo?.({ top: 0 });
  }

  private introPanel(): HTMLElement[] {
    const a = this.payload.analysis;
    const first = this.byId.get(a.extractionOrder[0] ?? "");
    const out: HTMLElement[] = [h("h2", { testid: "panel-title" }, "Extraction report")];
    if (first) {
      out.push(
        h("h3", null, `Why ${first.name} first`),
        h(
          "ul",
          { class: "why" },
          first.why.map((w) => h("li", null, w)),
        ),
      );
    }
    out.push(
      h("h3", null, "Reading this page"),
      h(
        "ul",
        { class: "plain" },
        h(
          "li",
          null,
          "Services view: one node per service, sized by its files and placed near the services it is coupled " +
            "to; lines are its strongest import dependencies (the control above the graph draws more); the badge " +
            "K n counts its imports of the shared kernel.",
        ),
        h(
          "li",
          null,
          "Files view: each dot is a file, coloured by its candidate service; lines are coupling (imports, " +
            "co-change, shared authors).",
        ),
        h(
          "li",
          null,
          "Click a service in the table or the graph for its modules, scorecard, contract and files; click a file " +
            "for its ties.",
        ),
      ),
      h("h3", null, "Method"),
      h("p", { class: "small" }, a.settings.resolutionRule),
    );
    return out;
  }

  private servicePanel(id: string): HTMLElement[] {
    const s = this.whatIf.service(id)!;
    const a = this.byId.get(id);
    const stale = this.whatIf.changed(id);
    const scored = this.whatIf.edited ? this.whatIf.score()?.services[id] : undefined;
    const metrics: ServiceMetrics | undefined = scored ?? (stale ? undefined : a?.metrics);
    const out: HTMLElement[] = [
      h("h2", { testid: "panel-title", class: "service-title" }, swatch(this.colorOf(id)), s.name),
      h(
        "p",
        { class: "badges" },
        a ? h("span", { class: "badge" }, `rank ${a.rank}`) : null,
        a && !stale
          ? h(
              "span",
              { class: "badge", title: "how painful it is to live with (1 = the median service)" },
              `pain ${fixed2(a.pain)}`,
            )
          : null,
        a && !stale
          ? h(
              "span",
              { class: "badge", title: "how costly it is to cut out (1 = the median service)" },
              `cost ${fixed2(a.cost)}`,
            )
          : null,
        a && !stale
          ? h(
              "span",
              { class: "badge", title: "mean share of clustering runs that keep its files together" },
              `stability ${fixed2(a.stability)}`,
            )
          : null,
        stale ? h("span", { class: "badge warn" }, "edited") : null,
      ),
      ...this.serviceShape(id, a, stale),
    ];
    if (metrics) {
      out.push(
        h("h3", null, "Scorecard"),
        h(
          "dl",
          { class: "scorecard", testid: "panel-metrics" },
          SERVICE_METRICS.map((m) => [
            h("dt", { title: m.help }, m.label),
            h("dd", { testid: `svc-metric-${m.key}`, data: { value: String(metrics[m.key]) } }, fmt(metrics[m.key])),
          ]),
        ),
      );
      if (metrics.owners.length) {
        out.push(
          h("h3", { title: "top authors by share of the commits touching the service" }, "Owners"),
          h(
            "ul",
            { class: "owners", testid: "panel-owners" },
            metrics.owners.map((o) =>
              h("li", null, h("span", { class: "owner" }, o.name), h("span", { class: "num" }, percent(o.share))),
            ),
          ),
        );
      }
    }
    if (a && !stale) {
      out.push(
        h("h3", null, "Why this rank"),
        h(
          "ul",
          { class: "why", testid: "panel-why" },
          a.why.map((w) => h("li", null, w)),
        ),
      );
      const c = a.contract;
      out.push(
        h("h3", null, "Contract"),
        h(
          "details",
          { testid: "panel-provides", attrs: { open: c.provides.length <= 12 } },
          h("summary", null, `Provides ${plural(c.provides.length, "symbol")}`),
          c.provides.length
            ? h(
                "table",
                { class: "contract" },
                h(
                  "thead",
                  null,
                  h(
                    "tr",
                    null,
                    h("th", null, "Symbol"),
                    h("th", null, "Kind"),
                    h("th", null, "File"),
                    h("th", null, "Used by"),
                  ),
                ),
                h(
                  "tbody",
                  null,
                  c.provides.map((p) =>
                    h(
                      "tr",
                      null,
                      h("td", null, h("code", null, p.symbol)),
                      h("td", null, p.kind),
                      h("td", null, this.fileLink(p.file)),
                      h("td", null, p.usedBy.join(", ")),
                    ),
                  ),
                ),
              )
            : h("p", { class: "small" }, "nothing: no other service imports it"),
        ),
        h(
          "details",
          { testid: "panel-requires", attrs: { open: c.requires.length <= 12 } },
          h("summary", null, `Requires ${plural(c.requires.length, "symbol")}`),
          c.requires.length
            ? h(
                "table",
                { class: "contract" },
                h("thead", null, h("tr", null, h("th", null, "From"), h("th", null, "Symbol"), h("th", null, "File"))),
                h(
                  "tbody",
                  null,
                  c.requires.map((r) =>
                    h(
                      "tr",
                      null,
                      h("td", null, r.service),
                      h("td", null, h("code", null, r.symbol)),
                      h("td", null, this.fileLink(r.file)),
                    ),
                  ),
                ),
              )
            : h("p", { class: "small" }, "nothing from other services or the kernel"),
        ),
        ...this.serviceDataSection(a),
      );
    } else if (stale) {
      out.push(
        h(
          "p",
          { class: "note" },
          "This service was edited: its why list and contract come from analyze. Export the proposal and run " +
            "faultline compare (or proposal accept) for the new ones.",
        ),
      );
    }
    if (this.whatIf.canScore && this.whatIf.services.length > 1) {
      const into = h(
        "select",
        { testid: "panel-merge-into", attrs: { "aria-label": `Merge ${s.name} into` } },
        this.whatIf.services.filter((x) => x.id !== id).map((x) => h("option", { attrs: { value: x.id } }, x.name)),
      );
      out.push(
        h(
          "div",
          { class: "action" },
          h("label", null, "Merge into ", into),
          h(
            "button",
            {
              testid: "panel-merge-button",
              attrs: { type: "button" },
              on: {
                click: () =>
                  this.afterEdit(
                    this.whatIf.merge(id, into.value),
                    `Merged ${s.name} into ${this.whatIf.groupName(into.value)}.`,
                    { kind: "service", id: into.value },
                  ),
              },
            },
            "Merge",
          ),
        ),
      );
    }
    out.push(h("h3", null, `Files (${s.files.length})`), this.fileList([...s.files].sort(), "panel-files"));
    return out;
  }

  /** Where to start, what it is made of and what it leans on: modules, cycles, dependencies, kernel use. */
  private serviceShape(id: string, a: ServiceAnalysis | undefined, stale: boolean): HTMLElement[] {
    const out: HTMLElement[] = [];
    const start = a && !stale ? startWithOf(a) : undefined;
    if (start)
      out.push(
        h(
          "p",
          { class: "lead", testid: "panel-start-with" },
          `Start with its ${start.name} module (${start.files.length} files).`,
        ),
      );
    const cycle = a ? this.cycleOf(a) : [];
    if (cycle.length)
      out.push(
        h(
          "p",
          { class: "note", testid: "panel-cycle" },
          `In an import cycle with ${cycle.map((c) => this.whatIf.groupName(c)).join(", ")}: the cycle has to be ` +
            "broken before it can leave.",
        ),
      );
    const deps = this.graph.linksOf(id);
    out.push(
      h(
        "p",
        { class: "small", testid: "panel-dependencies" },
        `Imports the shared kernel ${this.graph.kernelImports(id)} times. `,
        deps.length
          ? `Strongest dependencies (import edges out / in): ${deps
              .slice(0, 5)
              .map((d) => `${this.whatIf.groupName(d.other)} ${d.out}/${d.in}`)
              .join(", ")}${deps.length > 5 ? `, and ${deps.length - 5} more` : ""}.`
          : "No import to or from another service.",
      ),
    );
    const modules = this.modulesNow(id);
    out.push(
      h("h3", null, `Modules (${modules.length})`),
      h(
        "ul",
        { class: "modules", testid: "panel-modules" },
        modules.map((m) =>
          h(
            "li",
            { testid: "module", data: { moduleId: m.id, files: m.files.length } },
            h(
              "details",
              null,
              h(
                "summary",
                null,
                h("span", { class: "module-name", testid: "module-name" }, m.name),
                h("span", { class: "num", testid: "module-files" }, `${m.files.length} files`),
                start?.id === m.id ? h("span", { class: "badge start" }, "start here") : null,
              ),
              this.fileList([...m.files].sort(byString), "module-file-list"),
            ),
          ),
        ),
      ),
    );
    return out;
  }

  /** The service's import cycle partners: analysis.cycles when present, else its cost factors. */
  private cycleOf(a: ServiceAnalysis): string[] {
    const cycles = cyclesOf(this.payload.analysis);
    if (cycles.length) return [...new Set(cycles.filter((c) => c.includes(a.id)).flat())].filter((x) => x !== a.id);
    return a.costFactors?.cycleWith ?? [];
  }

  /**
   * The service's modules as its files stand now: analyze's modules (in its order) cut to the files
   * still here, then those that came from another service's modules, then files from no module.
   */
  private modulesNow(id: string): { id: string; name: string; files: string[] }[] {
    const s = this.whatIf.service(id);
    if (!s) return [];
    const here = new Set(s.files);
    const own = this.byId.get(id);
    const ordered = [
      ...(own ? modulesOf(own) : []),
      ...this.payload.analysis.services.filter((x) => x.id !== id).flatMap((x) => modulesOf(x)),
    ];
    const out: { id: string; name: string; files: string[] }[] = [];
    const placed = new Set<string>();
    for (const m of ordered) {
      const files = m.files.filter((f) => here.has(f));
      for (const f of files) placed.add(f);
      if (files.length) out.push({ id: m.id, name: m.name, files });
    }
    const rest = s.files.filter((f) => !placed.has(f));
    if (rest.length) out.push({ id: ":other", name: "files from no module (moved here)", files: rest });
    return out;
  }

  /** contract.data: the entities it owns (and who reads them) and those of other services it reads. */
  private serviceDataSection(a: ServiceAnalysis | undefined): HTMLElement[] {
    const data = a ? serviceDataOf(a) : null;
    if (!data) return [];
    const names = new Map(entitiesOf(this.payload.analysis).map((e) => [e.key, e.name]));
    const entity = (key: string) => names.get(key) ?? key;
    return [
      h("h3", null, "Data"),
      h(
        "details",
        { testid: "panel-data-owns", attrs: { open: data.owns.length <= 12 } },
        h("summary", null, `Owns ${plural(data.owns.length, "entity")}`),
        data.owns.length
          ? h(
              "table",
              { class: "contract" },
              h("thead", null, h("tr", null, h("th", null, "Entity"), h("th", null, "Read by"))),
              h(
                "tbody",
                null,
                data.owns.map((o) =>
                  h(
                    "tr",
                    null,
                    h("td", { title: o.file ?? o.entity }, entity(o.entity)),
                    h("td", null, o.readBy.map((r) => this.whatIf.groupName(r)).join(", ") || "no other service"),
                  ),
                ),
              ),
            )
          : h("p", { class: "small" }, "no entity is written mostly here"),
      ),
      h(
        "details",
        { testid: "panel-data-requires", attrs: { open: data.requires.length <= 12 } },
        h("summary", null, `Reads ${plural(data.requires.length, "entity")} of others`),
        data.requires.length
          ? h(
              "table",
              { class: "contract" },
              h("thead", null, h("tr", null, h("th", null, "Entity"), h("th", null, "Owner"), h("th", null, "Use"))),
              h(
                "tbody",
                null,
                data.requires.map((r) =>
                  h(
                    "tr",
                    null,
                    h("td", null, entity(r.entity)),
                    h("td", null, r.owner === null ? "no owner" : this.whatIf.groupName(r.owner)),
                    h(
                      "td",
                      { title: r.write ? "written from two services: the hardest seam to cut" : undefined },
                      r.write ? "reads and writes" : "reads",
                    ),
                  ),
                ),
              ),
            )
          : h("p", { class: "small" }, "none: it reads only its own data"),
      ),
    ];
  }

  /** Every entity, hot spots first: who owns it, who reads and who writes it. */
  private dataPanel(): HTMLElement[] {
    const entities = hotSpots(entitiesOf(this.payload.analysis));
    const names = (ids: string[]) => ids.map((id) => this.whatIf.groupName(id)).join(", ");
    return [
      h("h2", { testid: "panel-title" }, "Shared data"),
      h(
        "p",
        null,
        "Entities of the data model (ORM entities, model definitions, Prisma models), those read by the most " +
          "services first: each reader outside the owner becomes an API call or a copy of the data.",
      ),
      entities.length
        ? h(
            "table",
            { class: "contract", testid: "panel-entities" },
            h(
              "thead",
              null,
              h(
                "tr",
                null,
                h("th", null, "Entity"),
                h("th", null, "Owner"),
                h("th", null, "Read by"),
                h("th", null, "Also written by"),
              ),
            ),
            h(
              "tbody",
              null,
              entities.map((e) =>
                h(
                  "tr",
                  { testid: "entity-row", data: { entity: e.key } },
                  h("td", null, h("strong", null, e.name), e.file ? h("div", null, this.fileLink(e.file)) : null),
                  h("td", null, e.owner === null ? "no owner" : this.whatIf.groupName(e.owner)),
                  h("td", null, e.readBy.length ? `${e.readBy.length}: ${names(e.readBy)}` : "no other service"),
                  h("td", null, e.writtenBy.length ? names(e.writtenBy) : "no other service"),
                ),
              ),
            ),
          )
        : h("p", { class: "small" }, "No entity in this analysis."),
    ];
  }

  private kernelPanel(): HTMLElement[] {
    const files = [...this.whatIf.kernel].sort();
    return [
      h("h2", { testid: "panel-title", class: "service-title" }, swatch(KERNEL_COLOR), "shared kernel"),
      h(
        "p",
        null,
        "Files imported by many services: they stay shared (a library, or a service of their own later) rather than " +
          "cut into one service.",
      ),
      h("h3", null, `Files (${files.length})`),
      h(
        "ul",
        { class: "files", testid: "panel-files" },
        files.map((f) =>
          h(
            "li",
            null,
            this.fileLink(f),
            this.kernelWhy.has(f) ? h("span", { class: "small" }, ` \u2014 ${this.kernelWhy.get(f)}`) : null,
          ),
        ),
      ),
    ];
  }

  private isolatedPanel(): HTMLElement[] {
    const files = [...this.whatIf.isolated].sort();
    return [
      h("h2", { testid: "panel-title", class: "service-title" }, swatch(ISOLATED_COLOR), "isolated"),
      h(
        "p",
        null,
        "Files with no tie to any other file (no import, co-change or shared author): nothing to place them by, so " +
          "they are left out of every service.",
      ),
      h("h3", null, `Files (${files.length})`),
      this.fileList(files, "panel-files"),
    ];
  }

  private filePanel(path: string): HTMLElement[] {
    const group = this.whatIf.groupOf(path);
    const out: HTMLElement[] = [
      h("h2", { testid: "panel-title", class: "file-title" }, basename(path)),
      h("p", null, h("code", { class: "path", testid: "panel-path" }, path)),
    ];
    if (group !== undefined) {
      out.push(
        h(
          "p",
          null,
          "In ",
          h(
            "button",
            {
              class: "link",
              testid: "panel-service-link",
              attrs: { type: "button" },
              on: { click: () => this.select({ kind: "service", id: group }) },
            },
            swatch(this.colorOf(group)),
            this.whatIf.groupName(group),
          ),
        ),
      );
    }
    const original = this.payload.analysis.services.find((s) => s.files.includes(path));
    if (group === KERNEL && this.kernelWhy.has(path)) out.push(h("p", { class: "small" }, this.kernelWhy.get(path)));
    const loc = this.payload.model?.files.find((f) => f.path === path)?.loc;
    if (loc !== undefined) out.push(h("p", { class: "small" }, `${loc} lines`));
    if (original) {
      const confidence = original.confidence[path];
      const placed = original.placed?.[path];
      if (placed)
        out.push(
          h(
            "p",
            { class: "small", testid: "panel-placed" },
            `placed in ${original.name} by a rule rather than the clustering: ${placed}`,
          ),
        );
      else if (confidence !== undefined)
        out.push(
          h(
            "p",
            { class: "small", title: "share of clustering runs in which it lands with the majority of its service" },
            `confidence ${percent(confidence)} (in ${original.name} as analysed)`,
          ),
        );
      const ties = original.ties[path] ?? [];
      if (ties.length) {
        out.push(
          h("h3", null, "Strongest ties"),
          h(
            "table",
            { class: "contract", testid: "panel-ties" },
            h(
              "thead",
              null,
              h("tr", null, h("th", null, "With"), h("th", { class: "num" }, "Weight"), h("th", null, "Signals")),
            ),
            h(
              "tbody",
              null,
              ties.map((t) =>
                h(
                  "tr",
                  null,
                  h("td", null, this.fileLink(t.with)),
                  h("td", { class: "num" }, fmt(t.weight, 2)),
                  h(
                    "td",
                    { class: "small" },
                    Object.entries(t.signals)
                      .filter(([, v]) => v > 0)
                      .map(([k, v]) => `${k} ${fmt(v, 2)}`)
                      .join(", "),
                  ),
                ),
              ),
            ),
          ),
        );
      }
    }
    if (this.whatIf.canScore && group !== undefined) {
      const target = h(
        "select",
        { testid: "move-target", attrs: { "aria-label": `Move ${basename(path)} to` } },
        this.whatIf.services.filter((s) => s.id !== group).map((s) => h("option", { attrs: { value: s.id } }, s.name)),
        group !== KERNEL ? h("option", { attrs: { value: KERNEL } }, "shared kernel") : null,
      );
      out.push(
        h("h3", null, "What-if"),
        h(
          "div",
          { class: "action" },
          h("label", null, "Move to ", target),
          h(
            "button",
            {
              testid: "move-button",
              attrs: { type: "button" },
              on: {
                click: () =>
                  this.afterEdit(
                    this.whatIf.move(path, target.value),
                    `Moved ${path} to ${this.whatIf.groupName(target.value)}.`,
                  ),
              },
            },
            "Move",
          ),
        ),
      );
    }
    return out;
  }

  private fileList(files: string[], testid: string): HTMLElement {
    return h(
      "ul",
      { class: "files", testid },
      files.map((f) => h("li", null, this.fileLink(f))),
    );
  }

  private fileLink(path: string): HTMLElement {
    return h(
      "button",
      {
        class: "link file",
        testid: "file-link",
        title: path,
        data: { path },
        attrs: { type: "button" },
        on: { click: () => this.select({ kind: "file", path }, true) },
      },
      path,
    );
  }

  // ---------- edits ----------

  private afterEdit(changed: boolean, message: string, next?: Selection): void {
    if (!changed) return;
    this.graph.update();
    if (next) this.selection = next;
    if (
      this.selection.kind === "service" &&
      !this.selection.id.startsWith(":") &&
      !this.whatIf.service(this.selection.id)
    )
      this.selection = { kind: "none" };
    this.refresh();
    this.select(this.selection);
    const g = this.whatIf.score()?.global;
    this.status.textContent = g
      ? `${message} Modularity ${fmt(g.modularity)}, TurboMQ ${fmt(g.turboMQ)}, cross-edge share ` +
        `${fmt(g.crossEdgeShare)}.`
      : message;
  }

  private reset(): void {
    this.whatIf.reset();
    this.afterEdit(true, "All edits undone.");
  }

  private exportProposal(): void {
    const proposal = this.whatIf.proposal(this.payload.title);
    const blob = new Blob([JSON.stringify(proposal, null, 2) + "\n"], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const link = h("a", { attrs: { href: url, download: "proposal.json" } });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    this.status.textContent = "proposal.json exported.";
  }

  /** Hooks for tests and tools (read-only views of the page's state). */
  api() {
    return {
      view: () => this.graph.view,
      nodePosition: (key: string) => this.graph.nodePosition(key),
      nodeCount: () => this.graph.nodeCount,
      firstFrameMs: () => this.graph.firstFrameMs,
      /** milliseconds from navigation start: page script started, UI built, first graph frame */
      timings: () => ({
        scriptStart,
        mounted: this.mountedMs,
        firstFrame: this.graph.firstFrameMs,
        painted: this.paintedMs,
      }),
      /** the service view's dependencies drawn with nothing in focus, and all of them */
      drawnLinks: () => this.graph.drawnLinks(),
      allLinks: () => this.graph.allLinks(),
      renderedLinks: () => this.graph.renderedLinks(),
      /** the service view's discs and its names' boxes, in viewport pixels */
      discs: () => this.graph.discs(),
      labelBoxes: () => this.graph.labelBoxes(),
      proposal: () => this.whatIf.proposal(this.payload.title),
      scorecard: () => this.whatIf.score(),
    };
  }
}

const scriptStart = Math.round(performance.now());

function start(): void {
  const root = document.getElementById("app");
  const data = document.getElementById(PAYLOAD_ELEMENT_ID);
  if (!root || !data) return;
  let payload: PagePayload;
  try {
    payload = JSON.parse(data.textContent ?? "") as PagePayload;
    if (payload.schema !== "faultline/report-page@1" || payload.analysis?.schema !== "faultline/analysis@1")
      throw new Error("unexpected data");
  } catch (e) {
    replace(root, h("p", { class: "fatal" }, `This report's data could not be read (${(e as Error).message}).`));
    return;
  }
  performance.mark("faultline:parsed");
  const app = new App(payload);
  app.mount(root);
  (window as unknown as { faultlineReport: unknown }).faultlineReport = app.api();
  document.documentElement.dataset.ready = "true";
}

start();
