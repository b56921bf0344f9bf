// The band above the graph: what a reader needs from the first screen (the service to extract
// first and why, the shared kernel, the shared-data hot spots, and which files services are made of).
import type { Analysis, ServiceAnalysis } from "../../../analysis/types.js";
import { h, swatch } from "./dom.js";
import { entitiesOf, extractionNoteOf, hotSpots, startWithOf, tierCountsOf, type DataEntity } from "./extras.js";
import { basename, fixed2, KERNEL_COLOR } from "./format.js";
import { plural } from "../../../util/plural.js";
import { asSentence, NO_ENTITY_FOUND, NO_ENTITY_SHARED } from "../../dataNotes.js";

export interface SummaryContext {
  analysis: Analysis;
  colorOf(group: string): string;
  /** a service's name from its id (the id itself when no service has it) */
  nameOf(id: string): string;
  onService(id: string): void;
  onKernel(): void;
  onData(): void;
}

/** Reasons shown for the pick: the first says why it beats the runner-up, the next the main evidence. */
const REASONS = 3;
/** Entities listed in the band; the rest are one click away. */
const HOT_SPOTS = 3;

export function summaryBand(ctx: SummaryContext): HTMLElement {
  return h(
    "section",
    { class: "summary", testid: "summary", attrs: { "aria-label": "Summary" } },
    pickCard(ctx),
    kernelCard(ctx),
    dataCard(ctx),
    tiersCard(ctx.analysis),
  );
}

function card(testid: string, title: string, ...children: (HTMLElement | string | null)[]): HTMLElement {
  return h("div", { class: "card", testid }, h("h2", { class: "card-title" }, title), ...children);
}

function pickCard(ctx: SummaryContext): HTMLElement {
  const a = ctx.analysis;
  const first: ServiceAnalysis | undefined = a.services.find((s) => s.id === a.extractionOrder[0]);
  if (!first) {
    const note = extractionNoteOf(a) ?? "no service stands out to extract first.";
    return card("pick", "Extract first", h("p", { class: "pick-note", testid: "extraction-note" }, note));
  }
  const start = startWithOf(first);
  return card(
    "pick",
    "Extract first",
    h(
      "p",
      { class: "pick-line" },
      h(
        "button",
        {
          class: "link strong pick-name",
          testid: "extract-first",
          attrs: { type: "button" },
          title: "open its panel: scorecard, modules, contract, files",
          on: { click: () => ctx.onService(first.id) },
        },
        swatch(ctx.colorOf(first.id)),
        first.name,
      ),
      h(
        "span",
        { class: "small" },
        ` rank ${first.rank} \u00b7 pain ${fixed2(first.pain)} \u00b7 cost ${fixed2(first.cost)} \u00b7 ` +
          `${first.files.length} files`,
      ),
    ),
    start
      ? h(
          "p",
          { class: "start-with clip", testid: "start-with" },
          `\u2192 start with its ${start.name} module (${start.files.length} files)`,
        )
      : null,
    h(
      "ul",
      { class: "reasons", testid: "pick-reasons" },
      first.why.slice(0, REASONS).map((w) => h("li", { title: w }, w)),
    ),
  );
}

function kernelCard(ctx: SummaryContext): HTMLElement {
  const files = ctx.analysis.kernel.files;
  const names = files.slice(0, 4).map((f) => basename(f.path));
  return card(
    "kernel",
    "Shared kernel",
    h(
      "p",
      { class: "big" },
      swatch(KERNEL_COLOR),
      h("span", { testid: "kernel-count", data: { value: files.length } }, files.length.toLocaleString("en")),
      h("span", { class: "small" }, files.length === 1 ? "file" : "files"),
    ),
    h(
      "p",
      { class: "small clamp", title: files.map((f) => f.path).join("\n") },
      files.length
        ? `infrastructure two services or more import: ${names.join(", ")}` +
            (files.length > names.length ? ", \u2026" : "")
        : "no infrastructure file shared by services",
    ),
    files.length
      ? h(
          "button",
          { class: "link more", testid: "show-kernel", attrs: { type: "button" }, on: { click: () => ctx.onKernel() } },
          `Show the ${files.length} kernel files`,
        )
      : null,
  );
}

function dataCard(ctx: SummaryContext): HTMLElement {
  const a = ctx.analysis;
  const present = typeof (a as unknown as { data?: unknown }).data === "object";
  const all = entitiesOf(a);
  // the hot spots: entities another service than their owner reads
  const entities = hotSpots(all).filter((e) => e.readBy.length > 0);
  if (!entities.length)
    return card(
      "hot-spots",
      "Shared data",
      h(
        "p",
        { class: "small" },
        present
          ? asSentence(all.length ? NO_ENTITY_SHARED : NO_ENTITY_FOUND)
          : "Not in this analysis: a newer faultline analyze lists the entities services share.",
      ),
    );
  return card(
    "hot-spots",
    "Shared data",
    h(
      "table",
      { class: "hot-spots" },
      h(
        "tbody",
        null,
        entities.slice(0, HOT_SPOTS).map((e) => hotSpotRow(ctx, e)),
      ),
    ),
    h(
      "button",
      { class: "link more", testid: "show-data", attrs: { type: "button" }, on: { click: () => ctx.onData() } },
      all.length > HOT_SPOTS ? `All ${all.length} entities, ${entities.length} shared` : "Details",
    ),
  );
}

function hotSpotRow(ctx: SummaryContext, e: DataEntity): HTMLElement {
  const readers = e.readBy.length;
  const who = e.readBy.map((id) => ctx.nameOf(id)).join(", ");
  return h(
    "tr",
    { testid: "hot-spot", data: { entity: e.key, readers } },
    h("td", { class: "entity", title: e.file ?? e.key }, e.name),
    h(
      "td",
      { class: "owner" },
      e.owner === null
        ? h("span", { class: "small" }, "no owner")
        : h("span", null, swatch(ctx.colorOf(e.owner)), ctx.nameOf(e.owner)),
    ),
    h(
      "td",
      {
        class: "num",
        title: `read by ${plural(readers, "service")}: ${who}`,
      },
      `read by ${readers}`,
    ),
  );
}

function tiersCard(a: Analysis): HTMLElement {
  const counts = tierCountsOf(a);
  if (!counts) return card("tiers", "Files", h("p", { class: "big" }, a.repo.files.toLocaleString("en")));
  const chosen = a.settings.tier;
  const order = ["server", "client", "shared", "tooling"] as const;
  const inServices = (t: string) => chosen === "all" || t === chosen;
  return card(
    "tiers",
    "Files by tier",
    h(
      "p",
      { class: "tiers" },
      order.map((t) =>
        h(
          "span",
          { class: `tier${inServices(t) ? " in" : ""}`, testid: `tier-${t}`, data: { value: counts[t] ?? 0 } },
          h("strong", null, (counts[t] ?? 0).toLocaleString("en")),
          ` ${t}`,
        ),
      ),
    ),
    h(
      "p",
      { class: "small" },
      chosen === "all"
        ? "services are made of every tier's files"
        : `services are made of ${chosen} files; the others are counted apart`,
    ),
  );
}
