// The search results and provenance beside the canvas (HTML); the drill-down panels: drill.js.
import { KINDS } from "../kinds.js";
import { escapeHtml, formatValue } from "../text.js";

export const PROVENANCE_KEYS = ["source", "generatedAt", "partner", "sourceFile", "loadedAt"];

/** `<dt>key</dt><dd>value</dd>` for each of `keys` that `props` gives a value. */
export function definitionRows(props, keys) {
  return keys
    .filter((k) => props[k] !== undefined && props[k] !== null && props[k] !== "")
    .map((k) => `<dt>${escapeHtml(k)}</dt><dd>${formatValue(props[k])}</dd>`)
    .join("");
}

export function provenanceHtml(provenance) {
  const rows = definitionRows(provenance, PROVENANCE_KEYS);
  return rows ? `<dl>${rows}</dl>` : '<p class="hint">No provenance recorded for this node.</p>';
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
