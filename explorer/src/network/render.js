// Rendering: the Cytoscape canvas, and a Batch turned into its elements (degrees, labels, positions).
import cytoscape from "cytoscape";

import { cytoscapeStyle, look } from "../kinds.js";
import { layOutFull, placeAround, ringPositions } from "./layout.js";

const LABEL_LENGTH = 32;

/** The canvas, tuned for a few thousand nodes: no edges or textures redrawn while panning and zooming. */
export function createCanvas(container) {
  return cytoscape({
    container,
    style: cytoscapeStyle(),
    minZoom: 0.02,
    maxZoom: 4,
    textureOnViewport: true,
    hideEdgesOnViewport: true,
    motionBlur: false,
    pixelRatio: 1,
  });
}

/** Adds a batch; new nodes are placed by `layout` ("full" lays everything out, else around `around`).
 * Positions and degrees are computed on plain data before Cytoscape sees the elements: asking Cytoscape
 * for neighbourhoods and degrees node by node costs seconds on a few thousand nodes.
 * Returns how many nodes were new and where the time went. */
export function addBatch(cy, batch, { layout, around } = {}) {
  const t0 = performance.now();
  const nodes = [];
  const edges = [];
  const degree = new Map();
  const bump = (id) => degree.set(id, (degree.get(id) || 0) + 1);
  for (const edge of batch.edges.values()) {
    if (layout !== "full" && cy.getElementById(edge.id).nonempty()) continue;
    edges.push({ group: "edges", data: { id: edge.id, source: edge.source, target: edge.target, type: edge.type, props: clean(edge.props) } });
    bump(edge.source);
    bump(edge.target);
  }
  const touched = [];
  for (const node of batch.nodes.values()) {
    const existing = layout === "full" ? cy.collection() : cy.getElementById(node.id);
    if (existing.nonempty()) {
      existing.data("props", { ...existing.data("props"), ...clean(node.props) });
      touched.push(existing);
    } else {
      nodes.push({
        group: "nodes",
        data: { id: node.id, kind: node.kind, ...look(node.kind), label: shorten(node.label || node.id), name: node.label || node.id, props: clean(node.props) },
      });
    }
  }
  if (layout === "full") {
    const positions = ringPositions(nodes, edges);
    for (const node of nodes) {
      node.position = positions.get(node.data.id);
      node.data.degree = degree.get(node.data.id) || 0;
    }
  } else {
    placeAround(nodes, around ? cy.getElementById(around).position() : { x: 0, y: 0 });
    for (const node of nodes) node.data.degree = degree.get(node.data.id) || 0;
  }
  const t1 = performance.now();
  cy.batch(() => {
    if (layout === "full") cy.elements().remove();
    cy.add(nodes);
    cy.add(edges);
    for (const node of touched) node.data("degree", (node.data("degree") || 0) + (degree.get(node.id()) || 0));
  });
  if (layout === "full") layOutFull(cy, nodes);
  return { added: nodes.length, prepareMs: t1 - t0, addMs: performance.now() - t1 };
}

/** Adds one node of `batch` (a search hit, a link from another view) at the centre of what is shown. */
export function addAtCentre(cy, batch) {
  const centre = cy.nodes().length ? cy.extent() : null;
  const [node] = batch.nodes.values();
  addBatch(cy, batch, {});
  if (centre) cy.getElementById(node.id).position({ x: (centre.x1 + centre.x2) / 2, y: (centre.y1 + centre.y2) / 2 });
}

/** Resolves after the browser has painted the current state (two animation frames). */
export function nextPaint() {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}

function clean(props) {
  return Object.fromEntries(Object.entries(props || {}).filter(([, v]) => v !== undefined && v !== null));
}

function shorten(label) {
  return label.length > LABEL_LENGTH ? `${label.slice(0, LABEL_LENGTH - 1)}…` : label;
}
