// Where each service's name goes in the service view: under its disc where there is room, else
// above, right, left or at a corner, whichever covers least of the other discs, badges and names.

import { byString } from "../../../util/order.js";

/** A rectangle in viewport pixels. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A service node as drawn: its name's width, its disc's centre and radius (viewport pixels). */
export interface LabelledDisc {
  /** the node's key */
  id: string;
  x: number;
  y: number;
  r: number;
  /** the name's width in pixels, halo included; 0: no name (the disc is still in the way of others) */
  w: number;
}

/** Height of a name on its halo (12 px text). */
export const LABEL_HEIGHT = 15;
/** Room between a disc and its name. */
const GAP = 3;

/**
 * A name's box on each side of its disc, in the order they are preferred: under it, above, right,
 * left, then at the four corners (touching the disc's bounding square there).
 */
function candidateBoxes(d: LabelledDisc): Box[] {
  const h = LABEL_HEIGHT;
  const k = d.r * Math.SQRT1_2;
  return [
    { x: d.x - d.w / 2, y: d.y + d.r + GAP, w: d.w, h },
    { x: d.x - d.w / 2, y: d.y - d.r - GAP - h, w: d.w, h },
    { x: d.x + d.r + GAP + 1, y: d.y - h / 2, w: d.w, h },
    { x: d.x - d.r - GAP - 1 - d.w, y: d.y - h / 2, w: d.w, h },
    { x: d.x + k, y: d.y + k + GAP, w: d.w, h },
    { x: d.x - k - d.w, y: d.y + k + GAP, w: d.w, h },
    { x: d.x + k, y: d.y - k - GAP - h, w: d.w, h },
    { x: d.x - k - d.w, y: d.y - k - GAP - h, w: d.w, h },
  ];
}

/** The area two boxes share. */
function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Whether a box touches a disc: the box's point nearest the centre lies inside it. */
function touchesDisc(b: Box, d: { x: number; y: number; r: number }): boolean {
  const nx = Math.max(b.x, Math.min(d.x, b.x + b.w));
  const ny = Math.max(b.y, Math.min(d.y, b.y + b.h));
  return Math.hypot(nx - d.x, ny - d.y) < d.r;
}

/**
 * Each name's box, by node: discs are placed biggest first (then by key), each name on the first side of its disc
 * that covers no other disc, badge, name already placed or the view's edge; where every side covers
 * something, on the side covering least (area, a covered disc counting as the box's whole area).
 */
export function placeLabels(discs: LabelledDisc[], badges: Box[], view: { w: number; h: number }): Map<string, Box> {
  const placed = new Map<string, Box>();
  const order = [...discs].sort((a, b) => b.r - a.r || byString(a.id, b.id));
  for (const d of order) {
    if (!d.w) continue;
    let best: { box: Box; cost: number } | undefined;
    for (const box of candidateBoxes(d)) {
      let cost = 0;
      for (const other of discs) if (other !== d && touchesDisc(box, other)) cost += box.w * box.h;
      for (const b of badges) cost += overlap(box, b);
      for (const p of placed.values()) cost += overlap(box, p);
      cost += box.w * box.h - overlap(box, { x: 0, y: 0, w: view.w, h: view.h });
      if (!best || cost < best.cost) best = { box, cost };
      if (cost === 0) break;
    }
    placed.set(d.id, best!.box);
  }
  return placed;
}
