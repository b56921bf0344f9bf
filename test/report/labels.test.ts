import { describe, expect, it } from "vitest";
import { LABEL_HEIGHT, placeLabels } from "../../src/report/html/page/labels.js";

const view = { w: 400, h: 400 };

describe("service names in the service view", () => {
  it("go under their disc when nothing is there", () => {
    const placed = placeLabels([{ id: "order", x: 100, y: 100, r: 20, w: 40 }], [], view);
    // centred: x 100 - 40 / 2; under: y 100 + 20 + 3
    expect(placed.get("order")).toEqual({ x: 80, y: 123, w: 40, h: LABEL_HEIGHT });
  });

  it("go above their disc when a disc sits under it, and beside it when a badge is above too", () => {
    // payment's disc spans y 130 to 170: order's name under its own disc (y 123 to 138) would cover it
    const discs = [
      { id: "order", x: 100, y: 100, r: 20, w: 40 },
      { id: "payment", x: 100, y: 150, r: 20, w: 50 },
    ];
    // the bigger disc first (equal: by key), so order is placed first: above, y 100 - 20 - 3 - 15
    expect(placeLabels(discs, [], view).get("order")).toEqual({ x: 80, y: 62, w: 40, h: LABEL_HEIGHT });
    // a badge over that spot: to the right, x 100 + 20 + 3 + 1, centred on the disc's height
    const badge = { x: 90, y: 60, w: 30, h: 16 };
    expect(placeLabels(discs, [badge], view).get("order")).toEqual({ x: 124, y: 92.5, w: 40, h: LABEL_HEIGHT });
    // payment's own name still goes under its disc
    expect(placeLabels(discs, [badge], view).get("payment")).toEqual({ x: 75, y: 173, w: 50, h: LABEL_HEIGHT });
  });

  it("none for a disc without a name, which stays in the way of the others", () => {
    const discs = [
      { id: "order", x: 100, y: 100, r: 20, w: 40 },
      { id: "unnamed", x: 100, y: 150, r: 20, w: 0 },
    ];
    const placed = placeLabels(discs, [], view);
    expect([...placed.keys()]).toEqual(["order"]);
    expect(placed.get("order")).toEqual({ x: 80, y: 62, w: 40, h: LABEL_HEIGHT });
  });

  it("stay inside the view: a disc at the bottom edge has its name above", () => {
    const placed = placeLabels([{ id: "search", x: 200, y: 390, r: 5, w: 44 }], [], view);
    expect(placed.get("search")).toEqual({ x: 178, y: 367, w: 44, h: LABEL_HEIGHT });
  });
});
