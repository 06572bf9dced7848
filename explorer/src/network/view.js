// The network view: a readable overview (organizations and places joined by links weighted by active
// projects, mechanisms as hulls, Louvain communities, overlaps and gaps marked) in one request, and a
// drill-down from any aggregate to its projects and from a project to its partners, places and commitments.
// overview.js asks for and lays out the aggregate, drill.js the drill-down, hulls.js draws the mechanisms.
import { isAborted } from "../api.js";
import { fetchSearch, fetchProvenance } from "./fetch.js";
import { Hulls } from "./hulls.js";
import { navigate, onChoice } from "./interaction.js";
import { crumbsHtml, drillFilter, fetchProject, fetchProjects, organizationHtml, placeHtml, projectHtml, projectsHtml } from "./drill.js";
import { LIMITS, fetchFindings, fetchOverview, linkId, markedGaps, orgId, orgKind, overviewElements, placeId, prefetchOverview } from "./overview.js";
import { provenanceHtml, searchResultsHtml } from "./panels.js";
import { createCanvas, fitPositions, nextPaint } from "./render.js";
import { KINDS, isOrganization } from "../kinds.js";
import { escapeHtml } from "../text.js";

const OVERVIEW_CRUMB = { type: "overview", label: "Overview" };

export class NetworkView {
  constructor(root, { filters, onNotice }) {
    this.root = root;
    this.filters = filters;
    this.onNotice = onNotice;
    this.expanded = new Set(); // ids drilled into (read by the tests of links from other views)
    this.data = null;
    this.findings = null;
    this.trail = [OVERVIEW_CRUMB];
    this.cy = createCanvas(root.querySelector("#cy"));
    this.hulls = new Hulls(this.cy, root.querySelector("#cy"));
    root.querySelector("#legend").innerHTML = legendHtml();
    this.bind();
  }

  get level() {
    return this.root.querySelector("#net-level").value;
  }

  bind() {
    const $ = (s) => this.root.querySelector(s);
    this.cy.on("tap", "node", (e) => this.drill(this.crumbOf(e.target)));
    this.cy.on("tap", "edge", (e) => this.drill({ type: "link", organization: e.target.source().data("iri"), place: e.target.target().data("key") }));
    this.cy.on("mouseover", "node", (e) => this.highlight(e.target));
    this.cy.on("mouseout", "node", () => this.highlight(null));
    $("#cy").addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        const selected = this.cy.$("node:selected");
        if (selected.nonempty()) this.drill(this.crumbOf(selected[0]));
        event.preventDefault();
      } else if (navigate(this.cy, event.key)) event.preventDefault();
    });
    $("#net-overview").addEventListener("click", () => this.overview());
    $("#net-fit").addEventListener("click", () => this.fit());
    $("#net-clear").addEventListener("click", () => this.back(0));
    $("#net-level").addEventListener("change", () => this.overview());
    $("#search").addEventListener("submit", (event) => {
      event.preventDefault();
      this.search($("#search-input").value.trim());
    });
    // Every drill-down and breadcrumb button, wherever the panel wrote it.
    this.root.addEventListener("click", (event) => {
      const drill = event.target.closest("[data-drill]");
      if (drill) this.drill(JSON.parse(drill.dataset.drill));
      const crumb = event.target.closest("[data-crumb]");
      if (crumb) this.back(Number(crumb.dataset.crumb));
    });
  }

  crumbOf(node) {
    return node.data("type") === "organization" ? { type: "organization", iri: node.data("iri") } : { type: "place", key: node.data("key") };
  }

  /** The largest default view: one request for the aggregate, painted; overlaps and gaps follow.
   *  A newer overview (the filters or the as-of date changed) cancels the requests of this one. */
  async overview() {
    const started = performance.now();
    const token = (this.token = (this.token || 0) + 1);
    if (this.requests) this.requests.abort();
    const controller = (this.requests = new AbortController());
    this.findingsLoaded = null; // the findings of the overview on its way, once it is painted
    const f = this.filters();
    const level = this.level;
    let data;
    try {
      data = await fetchOverview(f, level, controller.signal);
    } catch (error) {
      if (isAborted(error)) return null;
      throw error;
    }
    if (token !== this.token) return null; // a newer overview (the filters changed) is on its way
    const fetched = performance.now();
    this.data = data;
    this.findings = null;
    this.index();
    const { nodes, edges, communities } = overviewElements(data, level);
    this.cy.batch(() => {
      this.cy.elements().remove();
      this.cy.add(nodes);
      this.cy.add(edges);
    });
    fitPositions(this.cy, nodes.map((n) => n.position));
    this.hulls.set(data.mechanisms.map((m) => ({ label: m.shortName || m.name, members: m.members.map(orgId) })));
    this.communities = new Set(Object.values(communities)).size;
    this.refreshList();
    this.showTrail();
    await nextPaint();
    const painted = performance.now();
    this.painted = { asOf: data.asOf, level: data.level, at: painted };
    this.summary();
    // Read by bench/explorer.py and the tests: where the time of the last overview went.
    this.timings = { fetchMs: fetched - started, renderMs: painted - fetched, nodes: nodes.length, edges: edges.length, requests: 1 };
    // Overlaps and gaps after the paint: on a large graph the analytics take longer than the weights, and
    // asked at the same time they would slow the request that paints.
    this.findingsLoaded = fetchFindings(f, level, controller.signal)
      .catch(() => null)
      .then((found) => token === this.token && this.mark(found));
    return this.timings;
  }

  /** Cancels the overview's requests still on its way (the filters changed while another view is shown). */
  cancel() {
    if (this.requests) this.requests.abort();
    this.token = (this.token || 0) + 1;
  }

  /** Asks ahead for the overview on `asOf` under the current filters (a time slider's next step). */
  prefetch(asOf) {
    prefetchOverview({ ...this.filters(), asOf }, this.level);
  }

  /** The as-of hook of the time slider: the overview again (the page calls it on every filter change). */
  asOfChanged() {
    return this.overview();
  }

  index() {
    this.orgs = new Map(this.data.organizations.map((o) => [o.iri, o]));
    this.places = new Map(this.data.places.map((p) => [p.key, p]));
  }

  summary() {
    const d = this.data;
    const left = [];
    if (d.organizationsLeftOut) left.push(`${d.organizationsLeftOut} more organizations`);
    if (d.placesLeftOut) left.push(`${d.placesLeftOut} more places`);
    if (d.linksLeftOut) left.push(`${d.linksLeftOut} more links`);
    const text = `Overview as of ${d.asOf}: ${d.projects} active projects; the ${d.organizations.length} busiest organizations, ${d.places.length} ${d.level === "REGION" ? "regions" : "countries"}, ${d.links.length} links, ${this.communities} communities${left.length ? ` (not shown: ${left.join(", ")}; filter to see them)` : ""}.`;
    this.root.querySelector("#net-count").textContent = `${d.organizations.length + d.places.length} nodes, ${d.links.length} links`;
    this.onNotice(text);
  }

  /** Overlaps and gaps from networkFindings: outlines on the places and organizations they name. */
  mark(found) {
    if (!found) return false;
    this.findings = { places: new Map(found.places.map((p) => [p.key, p])), orgs: new Map(found.organizations.map((o) => [o.iri, o.overlaps])) };
    this.cy.batch(() => {
      for (const p of found.places) {
        const node = this.cy.getElementById(placeId(p.key));
        node.toggleClass("gap", markedGaps(p) > 0);
        node.toggleClass("unknown", markedGaps(p) === 0 && p.gaps.length > 0);
        node.toggleClass("overlap", p.overlaps > 0);
      }
      for (const o of found.organizations) this.cy.getElementById(orgId(o.iri)).toggleClass("overlap", o.overlaps > 0);
    });
    this.refreshList();
    const current = this.trail[this.trail.length - 1];
    if (current.type === "organization" || current.type === "place") this.show(current);
    return true;
  }

  highlight(node) {
    this.cy.batch(() => {
      this.cy.elements(".hl").removeClass("hl");
      if (node) node.closedNeighborhood().addClass("hl");
    });
  }

  fit() {
    fitPositions(this.cy, this.cy.nodes().map((n) => n.position()));
  }

  /** Goes one step down from where the trail ends (or to `crumb` from the overview when it is unrelated). */
  async drill(crumb) {
    const labelled = { ...crumb, label: this.label(crumb) };
    const last = this.trail[this.trail.length - 1];
    if (last.type !== "overview" && !this.follows(last, crumb)) this.trail = [OVERVIEW_CRUMB];
    this.trail.push(labelled);
    this.expanded.add(crumb.iri || crumb.organization || crumb.key || crumb.place);
    if (crumb.iri) this.expanded.add(crumb.iri);
    await this.show(labelled);
  }

  follows(last, crumb) {
    return last.type !== "project" || crumb.type === "organization" || crumb.type === "place";
  }

  label(c) {
    const org = (iri) => (this.orgs && this.orgs.get(iri) ? this.orgs.get(iri).shortName || this.orgs.get(iri).name : null);
    const place = (key) => (this.places && this.places.get(key) ? this.places.get(key).name : key);
    if (c.type === "organization") return org(c.iri) || "Organization";
    if (c.type === "place") return place(c.key);
    if (c.type === "link") return `${org(c.organization) || "Organization"} in ${place(c.place)}`;
    if (c.type === "organization-projects") return `${org(c.organization) || "Organization"}: projects`;
    if (c.type === "place-projects") return `${place(c.place)}: projects`;
    return c.title || "Project";
  }

  /** Back to the crumb at `index` (0: the overview). */
  back(index) {
    this.trail = this.trail.slice(0, index + 1);
    this.show(this.trail[index]);
  }

  showTrail() {
    this.root.querySelector("#crumbs").innerHTML = crumbsHtml(this.trail);
  }

  select(ids) {
    this.cy.batch(() => {
      this.cy.elements(":selected").unselect();
      this.cy.elements().removeClass("faded");
      const chosen = this.cy.collection(ids.map((id) => this.cy.getElementById(id)).filter((e) => e.nonempty()));
      if (chosen.nonempty()) {
        chosen.select();
        this.cy.elements().difference(chosen.closedNeighborhood()).difference(chosen.connectedNodes()).addClass("faded");
      }
    });
  }

  async show(crumb) {
    this.showTrail();
    const panel = this.root.querySelector("#details");
    const token = (this.shown = (this.shown || 0) + 1);
    const d = this.data;
    if (crumb.type === "overview") {
      this.select([]);
      panel.innerHTML = '<p class="hint">Click (or pick in the list below and press Enter) an organization, a place or a link to drill down to its projects.</p>';
      return;
    }
    if (crumb.type === "organization") {
      const org = this.orgs && this.orgs.get(crumb.iri);
      this.select([orgId(crumb.iri)]);
      if (!org) return this.drillProjects(crumb, { organization: crumb.iri }, token);
      panel.innerHTML = organizationHtml(org, d.links, this.places, d.mechanisms, this.findings ? this.findings.orgs.get(org.iri) || 0 : undefined);
      return;
    }
    if (crumb.type === "place") {
      const place = this.places && this.places.get(crumb.key);
      this.select([placeId(crumb.key)]);
      if (!place) return this.drillProjects(crumb, { place: crumb.key }, token);
      panel.innerHTML = placeHtml(place, d.links, this.orgs, this.findings ? this.findings.places.get(place.key) || null : undefined);
      return;
    }
    if (crumb.type === "link") {
      this.select([linkId(crumb.organization, crumb.place)]);
      return this.drillProjects(crumb, { organization: crumb.organization, place: crumb.place }, token);
    }
    if (crumb.type === "organization-projects") return this.drillProjects(crumb, { organization: crumb.organization }, token);
    if (crumb.type === "place-projects") return this.drillProjects(crumb, { place: crumb.place }, token);
    if (crumb.type === "project") {
      panel.innerHTML = '<p class="hint">Loading the project…</p>';
      const project = await fetchProject(crumb.iri);
      if (token !== this.shown) return;
      if (!project) {
        panel.innerHTML = '<p class="hint">This project is no longer in the graph.</p>';
        return;
      }
      const orgs = project.participations.map((p) => orgId(p.organization.iri));
      const places = project.countries.map((a) => placeId(a.country.iso2));
      this.select([...orgs, ...places]);
      panel.innerHTML = projectHtml(project);
    }
  }

  async drillProjects(crumb, what, token) {
    const panel = this.root.querySelector("#details");
    panel.innerHTML = '<p class="hint">Loading projects…</p>';
    const filter = drillFilter(this.filters(), this.level, what);
    const shown = [];
    const load = async (after) => {
      const page = await fetchProjects(filter, after);
      if (token !== this.shown) return;
      shown.push(...page.nodes);
      panel.innerHTML = projectsHtml(crumb.label, page, shown);
      const more = panel.querySelector("#drill-more");
      if (more) more.addEventListener("click", () => load(page.pageInfo.endCursor));
    };
    await load(null);
  }

  /** From the matrix and the findings: drill into the organization, country or project named there. */
  async reveal(id, kind, label) {
    if (isOrganization(kind)) return this.drill({ type: "organization", iri: id });
    if (kind === "Project") return this.drill({ type: "project", iri: id, title: label });
    if (kind === "Country") {
      const iso2 = [...(this.places || new Map()).values()].find((p) => p.name === label);
      return this.drill({ type: "place", key: iso2 ? iso2.key : id });
    }
    this.onNotice(`${label}: the network shows organizations, places and projects; open it from the matrix or the findings.`);
    return undefined;
  }

  async search(text) {
    const list = this.root.querySelector("#search-results");
    if (!text) {
      list.innerHTML = "";
      return;
    }
    const { batch, hits } = await fetchSearch(text);
    list.innerHTML = searchResultsHtml(text, batch, hits);
    onChoice(list, (id) => {
      const node = batch.nodes.get(id);
      if (node.kind === "Country") return this.drill({ type: "place", key: node.props.iso2 });
      return this.reveal(id, node.kind, node.label);
    });
  }

  /** The keyboard (and screen reader) way in: every shown organization and place, heaviest first. */
  refreshList() {
    const list = this.root.querySelector("#node-list");
    if (!this.data) return;
    const mark = (cls, text) => `<span class="tag ${cls}">${text}</span>`;
    const items = [
      ...this.data.organizations.map((o) => ({ crumb: { type: "organization", iri: o.iri }, name: o.shortName || o.name, kind: KINDS[orgKind(o.kind)].label, weight: o.projects, overlap: this.findings && this.findings.orgs.get(o.iri) })),
      ...this.data.places.map((p) => {
        const found = this.findings && this.findings.places.get(p.key);
        return { crumb: { type: "place", key: p.key }, name: p.name || p.key, kind: this.data.level === "REGION" ? "Region" : "Country", weight: p.projects, overlap: found && found.overlaps, gap: found && markedGaps(found) };
      }),
    ].sort((a, b) => b.weight - a.weight);
    list.innerHTML = items
      .map((i) => `<li><button type="button" data-drill='${escapeHtml(JSON.stringify(i.crumb))}'>${escapeHtml(i.name)} <small>${escapeHtml(i.kind)} · ${i.weight} projects</small>${i.overlap ? mark("overlap", "overlap") : ""}${i.gap ? mark("gap", "gap") : ""}</button></li>`)
      .join("");
  }

  /** Provenance of a node on demand (kept for the details of search hits). */
  async provenance(id) {
    return provenanceHtml(await fetchProvenance(id));
  }
}

function legendHtml() {
  const kinds = ["Agency", "CoordinationMechanism", "Partner", "Organization"];
  const row = (colour, text, extra = "") => `<li><span class="dot" style="background:${colour};${extra}"></span>${escapeHtml(text)}</li>`;
  return `<h2>Legend</h2><ul>
    ${kinds.map((k) => row(KINDS[k].color, KINDS[k].label)).join("")}
    ${row("#7f8c8d", "Country or region (hexagon, coloured by region)")}
    ${row("#fff", "Gap named here (obligation, commitment, funding, actor mix)", "border:3px solid #c0392b")}
    ${row("#fff", "Only treaty status unknown", "border:2px dashed #5a636d")}
    ${row("#fff", "Overlap (two organizations, same country and theme)", "box-shadow:0 0 0 3px #7b3fa0")}
    <li>Size: active projects · line width: projects of the organization there · dashed hull: a coordination mechanism's members</li>
    <li>Up to ${LIMITS.organizations} organizations, ${LIMITS.places} places and ${LIMITS.links} links, the busiest first.</li>
  </ul>`;
}
