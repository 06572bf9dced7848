// Rendering: the Cytoscape canvas (Cytoscape draws the aggregate overview; see bench/renderers.py for why).
import cytoscape from "cytoscape";

import { overviewStyle } from "./overview.js";

/** The canvas: a few hundred weighted nodes, so every frame draws everything (no texture tricks needed). */
export function createCanvas(container) {
  return cytoscape({ container, style: overviewStyle(), minZoom: 0.05, maxZoom: 6, pixelRatio: 1, boxSelectionEnabled: false });
}

/** Fits the viewport to the nodes' computed positions without measuring labels (cy.fit measures them). */
export function fitPositions(cy, positions, padding = 40) {
  if (!positions.length) return;
  let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of positions) {
    x1 = Math.min(x1, p.x - 30);
    y1 = Math.min(y1, p.y - 30);
    x2 = Math.max(x2, p.x + 30);
    y2 = Math.max(y2, p.y + 30);
  }
  const zoom = Math.min((cy.width() - 2 * padding) / Math.max(x2 - x1, 1), (cy.height() - 2 * padding) / Math.max(y2 - y1, 1), 2.5);
  cy.viewport({ zoom, pan: { x: cy.width() / 2 - (zoom * (x1 + x2)) / 2, y: cy.height() / 2 - (zoom * (y1 + y2)) / 2 } });
}

/** Resolves after the browser has painted the current state (two animation frames). */
export function nextPaint() {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}
