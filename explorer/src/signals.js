// Gap kinds on the matrix and the map: the kinds come from the API (gapKinds: code, label, meaning), the
// analyst chooses one (or every gap), and both views mark only what the chosen kind says. The same object
// carries the "changed since" highlights, which both views draw too.
import { escapeHtml } from "./text.js";

// Colours by the kinds' order in the API (presentation only; the kinds themselves are never listed here).
const PALETTE = ["#c0392b", "#d35400", "#8e44ad", "#1a7f64", "#2c3e50", "#9a7d0a", "#6c7a89", "#a93226"];
export const ALL_GAPS = "";

export class GapSignals {
  constructor() {
    this.kinds = [];
    this.chosen = ALL_GAPS;
    this.changed = { cells: new Set(), countries: new Set(), since: null };
    this.listeners = new Set();
  }

  setKinds(kinds) {
    this.kinds = kinds.map((k, i) => ({ ...k, color: PALETTE[i % PALETTE.length] }));
  }

  info(kind) {
    return this.kinds.find((k) => k.kind === kind) || { kind, code: kind, label: kind, description: "", isGap: true, color: PALETTE[0] };
  }

  /** Whether a finding of `kind` is marked under the chosen kind (every real gap when none is chosen). */
  marks(kind) {
    return this.chosen === ALL_GAPS ? this.info(kind).isGap : kind === this.chosen;
  }

  /** The colour of the outline for a list of kinds: the chosen kind's, else the first marked kind's. */
  color(kinds) {
    const marked = kinds.filter((k) => this.marks(k));
    return marked.length ? this.info(marked[0]).color : null;
  }

  /** Count of findings per kind under the current filters (unplaced gaps and unknown status included). */
  counts(findings) {
    const counts = new Map(this.kinds.map((k) => [k.kind, 0]));
    for (const g of findings ? [...findings.gaps, ...findings.unknownStatus] : []) counts.set(g.kind, (counts.get(g.kind) || 0) + 1);
    return counts;
  }

  choose(kind) {
    this.chosen = kind;
    for (const listener of this.listeners) listener();
  }

  onChange(listener) {
    this.listeners.add(listener);
  }

  setChanged(changed) {
    this.changed = changed;
    for (const listener of this.listeners) listener();
  }

  /** The chooser and the legend with counts, for a view's side panel (`prefix` keeps ids unique). */
  legendHtml(prefix, findings) {
    const counts = this.counts(findings);
    const total = [...counts].filter(([k]) => this.info(k).isGap).reduce((sum, [, n]) => sum + n, 0);
    const options = [
      `<option value="">Every gap (${total})</option>`,
      ...this.kinds.map((k) => `<option value="${escapeHtml(k.kind)}"${k.kind === this.chosen ? " selected" : ""}>${escapeHtml(k.label)} (${counts.get(k.kind) || 0})</option>`),
    ];
    const items = this.kinds.map(
      (k) => `<li data-kind="${escapeHtml(k.kind)}" title="${escapeHtml(k.description)}" class="${this.marks(k.kind) ? "marked" : "unmarked"}">
        <span class="sw" style="outline:2px ${k.isGap ? "solid" : "dashed"} ${k.color};outline-offset:-3px"></span>
        <span class="gk-label">${escapeHtml(k.label)}</span> <span class="count gk-count">${counts.get(k.kind) || 0}</span></li>`,
    );
    return `<div class="gap-kinds"><label>Outline <select id="${prefix}-gap-kind" class="gap-kind-choice">${options.join("")}</select></label>
      <ul class="gap-kind-legend">${items.join("")}</ul></div>`;
  }

  /** Wires the chooser rendered by legendHtml. */
  wire(root, prefix) {
    const select = root.querySelector(`#${prefix}-gap-kind`);
    if (select) select.addEventListener("change", () => this.choose(select.value));
  }
}
