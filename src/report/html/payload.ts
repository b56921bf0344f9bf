import type { Analysis } from "../../analysis/types.js";
import type { ModelJson } from "../../metrics/modelJson.js";

/**
 * What report.html embeds (as JSON in a `<script type="application/json">`): the analysis, the
 * model the what-if scores against, and a layout computed once by the CLI. Shared by the
 * renderer (Node) and the page script (browser), so both sides agree on the shape.
 */
export interface PagePayload {
  schema: "faultline/report-page@1";
  /** shown in the header and used for the exported proposal's name (repo folder name, usually) */
  title: string;
  analysis: Analysis;
  /** absent: the page shows the analysis but cannot re-score a what-if */
  model: ModelJson | null;
  /** every file drawn, in node order (model.files order when there is a model) */
  files: string[];
  /** node positions, flat: x0, y0, x1, y1, ... (same order as files) */
  xy: number[];
  /** coupling edges drawn between files: [file index, file index, weight]; null: model.coupling.edges */
  edges: [number, number, number][] | null;
  /** the view the page opens on: the service view past a few hundred files (a file view is then a hairball) */
  defaultView: "files" | "services";
  /** service view positions by service id, from the coupling between services (layoutServices) */
  serviceXY: Record<string, [number, number]>;
}

/** The id of the `<script type="application/json">` element that carries the payload. */
export const PAYLOAD_ELEMENT_ID = "faultline-data";

/**
 * A service's disc in the service view, in layout units: its area grows with its files. The
 * server-side layout keeps discs apart by it and the page draws them with it (sizes in graph
 * units), so they do not overlap whatever the screen.
 */
export function serviceRadius(files: number): number {
  return Math.sqrt(Math.max(1, files));
}
