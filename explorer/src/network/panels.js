// The panels beside the canvas: a node's details and provenance, the node list and the search results (HTML).
import { KINDS } from "../kinds.js";
import { escapeHtml, formatValue } from "../text.js";

export const PROVENANCE_KEYS = ["source", "generatedAt", "partner", "sourceFile", "loadedAt"];
export const LIST_LIMIT = 400;

export const EMPTY_DETAILS = '<p class="hint">The network is empty: search for a name or press Overview.</p>';

/** `<dt>key</dt><dd>value</dd>` for each of `keys` that `props` gives a value. */
export function definitionRows(props, keys) {
  return keys
    .filter((k) => props[k] !== undefined && props[k] !== null && props[k] !== "")
    .map((k) => `<dt>${escapeHtml(k)}</dt><dd>${formatValue(props[k])}</dd>`)
    .join("");
}

/** The details of a Cytoscape node; provenance is left "Looking up…" when the node was loaded without it. */
export function detailsHtml(node, expanded) {
  const kind = node.data("kind");
  const props = node.data("props") || {};
  const own = definitionRows(props, Object.keys(props).filter((k) => !PROVENANCE_KEYS.includes(k)));
  const prov = definitionRows(props, PROVENANCE_KEYS);
  const links = node
    .connectedEdges()
    .map((e) => e.data("type"))
    .reduce((acc, t) => ({ ...acc, [t]: (acc[t] || 0) + 1 }), {});
  return {
    hasProvenance: Boolean(prov),
    html: `
      <h2><span class="dot" style="background:${KINDS[kind].color}"></span>${escapeHtml(node.data("name"))}</h2>
      <p class="kind">${escapeHtml(KINDS[kind].label)}</p>
      <dl><dt>iri</dt><dd class="iri">${escapeHtml(node.id())}</dd>${own}</dl>
      <h3>Provenance</h3>
      <div id="details-provenance">${prov ? `<dl>${prov}</dl>` : '<p class="hint">Looking up provenance…</p>'}</div>
      <h3>Links shown</h3>
      <p>${Object.entries(links).map(([t, n]) => `${escapeHtml(t)} × ${n}`).join(", ") || "none yet"}</p>
      <button type="button" id="details-expand" ${expanded ? "disabled" : ""}>${expanded ? "Neighbours shown" : "Expand neighbours"}</button>`,
  };
}

export function provenanceHtml(provenance) {
  const rows = definitionRows(provenance, PROVENANCE_KEYS);
  return rows ? `<dl>${rows}</dl>` : '<p class="hint">No provenance recorded for this node.</p>';
}

/** The best-connected nodes first, at most LIST_LIMIT of them. */
export function nodeListHtml(nodes) {
  const shown = nodes
    .map((n) => n.data())
    .sort((a, b) => b.degree - a.degree)
    .slice(0, LIST_LIMIT);
  return (
    shown
      .map((d) => `<li><button type="button" data-id="${escapeHtml(d.id)}">${escapeHtml(d.name)} <small>${escapeHtml(KINDS[d.kind].label)}</small></button></li>`)
      .join("") + (nodes.length > LIST_LIMIT ? `<li class="hint">… and ${nodes.length - LIST_LIMIT} more (search to reach them).</li>` : "")
  );
}

export function searchResultsHtml(text, batch, hits) {
  return hits.length
    ? hits
        .map((id) => {
          const n = batch.nodes.get(id);
          return `<li><button type="button" data-id="${escapeHtml(id)}"><span class="dot" style="background:${KINDS[n.kind].color}"></span>${escapeHtml(n.label)} <small>${escapeHtml(KINDS[n.kind].label)}</small></button></li>`;
        })
        .join("")
    : `<li class="hint">Nothing is named like “${escapeHtml(text)}”.</li>`;
}
