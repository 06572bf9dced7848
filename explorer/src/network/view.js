// The network view: Cytoscape on a canvas, nodes added from GraphQL answers, expanded on click.
// Its jobs live beside it: fetch.js asks the API, batch.js shapes the answers, layout.js places nodes,
// render.js draws them, panels.js writes the side panels and interaction.js wires clicks and keys.
import { PAGE } from "../api.js";
import { KINDS, legendHtml } from "../kinds.js";
import { Batch } from "./batch.js";
import { OVERVIEW_LIMIT, fetchNeighbours, fetchOverview, fetchProvenance, fetchSearch, projectFilter } from "./fetch.js";
import { bindControls, onChoice } from "./interaction.js";
import { EMPTY_DETAILS, detailsHtml, nodeListHtml, provenanceHtml, searchResultsHtml } from "./panels.js";
import { addAtCentre, addBatch, createCanvas, nextPaint } from "./render.js";

export class NetworkView {
  constructor(root, { filters, onNotice }) {
    this.root = root;
    this.filters = filters;
    this.onNotice = onNotice;
    this.expanded = new Set();
    this.cy = createCanvas(root.querySelector("#cy"));
    root.querySelector("#legend").innerHTML = legendHtml();
    bindControls(this, root);
  }

  clear() {
    this.cy.elements().remove();
    this.expanded.clear();
    this.root.querySelector("#details").innerHTML = EMPTY_DETAILS;
    this.refreshList();
  }

  projectFilter() {
    return projectFilter(this.filters());
  }

  /** Projects active under the filters with their organizations, countries and themes, plus the mechanisms. */
  async overview(limit = OVERVIEW_LIMIT) {
    const started = performance.now();
    const token = (this.overviewToken = (this.overviewToken || 0) + 1);
    const { batch, shown, total } = await fetchOverview(this.projectFilter(), limit);
    if (token !== this.overviewToken) return null; // a newer overview (filters changed) is on its way
    const fetched = performance.now();
    this.expanded.clear();
    this.apply(batch, { layout: "full" });
    await nextPaint();
    const painted = performance.now();
    this.onNotice(
      shown < total ? `Overview: the first ${shown} of ${total} projects matching the filters.` : `Overview: ${total} projects match the filters.`,
    );
    // Read by bench/explorer.py: where the time of the last overview went.
    this.timings = {
      fetchMs: fetched - started,
      renderMs: painted - fetched,
      nodes: this.cy.nodes().length,
      edges: this.cy.edges().length,
      requests: Math.ceil(shown / PAGE) || 1,
    };
    return this.timings;
  }

  /** Adds a batch to the canvas (see render.addBatch) and refreshes the node list; the count of new nodes. */
  apply(batch, options = {}) {
    const { added, prepareMs, addMs } = addBatch(this.cy, batch, options);
    const t = performance.now();
    this.refreshList();
    this.applyTimings = { prepareMs, addMs, listMs: performance.now() - t };
    return added;
  }

  /** Shows a node's details, and loads its neighbours the first time when `expand` is set. */
  async activate(id, { expand = false, centre = false } = {}) {
    const node = this.cy.getElementById(id);
    if (node.empty()) return;
    this.cy.elements(":selected").unselect();
    this.cy.edges(".hl").removeClass("hl");
    node.select();
    node.connectedEdges().addClass("hl");
    if (centre) this.cy.animate({ center: { eles: node }, duration: 200 });
    this.showDetails(node);
    if (expand && !this.expanded.has(id)) await this.expand(id);
  }

  async expand(id) {
    const node = this.cy.getElementById(id);
    const kind = node.data("kind");
    const found = await fetchNeighbours(id, kind, node.data("props") || {}, this.projectFilter());
    if (found.missing) {
      this.onNotice(`${node.data("name")} is no longer in the graph.`);
      return;
    }
    this.expanded.add(id);
    if (found.expandable === false) {
      this.onNotice(`${KINDS[kind] ? KINDS[kind].label : kind} nodes show their links when they are loaded; there is nothing more to expand.`);
      return;
    }
    node.addClass("expanded");
    const added = this.apply(found.batch, { around: id });
    const { shown, total } = found;
    const more = total !== null && shown < total ? ` (the first ${shown} of ${total} projects)` : "";
    this.onNotice(`${node.data("name")}: ${added} new neighbour${added === 1 ? "" : "s"} shown${more}.`);
    this.showDetails(node);
  }

  async search(text) {
    const list = this.root.querySelector("#search-results");
    if (!text) {
      list.innerHTML = "";
      return;
    }
    const { batch, hits } = await fetchSearch(text);
    this.pending = batch;
    list.innerHTML = searchResultsHtml(text, batch, hits);
    onChoice(list, (id) => this.focusFromSearch(id, batch));
  }

  async focusFromSearch(id, batch) {
    const node = batch.nodes.get(id);
    this.placeAtCentre(node.id, node.kind, node.label, node.props);
    await this.activate(id, { expand: true, centre: true });
  }

  /** Shows the network around an IRI (from the matrix and the findings): add it if needed, expand it, then
   * select the first of `related` that the expansion brought in (the commitment behind a gap, say). */
  async reveal(id, kind, label, props = {}, related = []) {
    if (this.cy.getElementById(id).empty()) this.placeAtCentre(id, kind, label, props);
    await this.activate(id, { expand: true, centre: true });
    const target = related.find((iri) => this.cy.getElementById(iri).nonempty());
    if (target) await this.activate(target, { centre: true });
  }

  placeAtCentre(id, kind, label, props) {
    const one = new Batch();
    one.node(id, kind, label, props);
    addAtCentre(this.cy, one);
    this.refreshList();
  }

  showDetails(node) {
    const expanded = this.expanded.has(node.id());
    const { html, hasProvenance } = detailsHtml(node, expanded);
    this.root.querySelector("#details").innerHTML = html;
    const button = this.root.querySelector("#details-expand");
    if (!expanded) button.addEventListener("click", () => this.expand(node.id()));
    if (!hasProvenance) this.lookUpProvenance(node.id());
  }

  /** Views load nodes without their provenance; the details panel asks the API for it on demand. */
  async lookUpProvenance(id) {
    const provenance = await fetchProvenance(id);
    const slot = this.root.querySelector("#details-provenance");
    const selected = this.cy.$("node:selected");
    if (!slot || (selected.nonempty() && selected.id() !== id)) return;
    slot.innerHTML = provenanceHtml(provenance);
  }

  refreshList() {
    const nodes = this.cy.nodes();
    this.root.querySelector("#net-count").textContent = `${nodes.length} nodes, ${this.cy.edges().length} links`;
    const list = this.root.querySelector("#node-list");
    list.innerHTML = nodeListHtml(nodes);
    onChoice(list, (id) => this.activate(id, { centre: true }));
  }
}
