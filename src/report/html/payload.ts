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
}

/** The id of the `<script type="application/json">` element that carries the payload. */
export const PAYLOAD_ELEMENT_ID = "faultline-data";
