// The network view: Cytoscape on a canvas, nodes added from GraphQL answers, expanded on click.
import cytoscape from "cytoscape";

import { PAGE, gql, paged } from "./api.js";
import { KINDS, cytoscapeStyle, isOrganization, legendHtml, look, organizationKind, themeKind } from "./kinds.js";
import {
  EXPAND_COUNTRY,
  EXPAND_ORGANIZATION,
  EXPAND_PROJECT,
  EXPAND_THEME,
  MECHANISMS,
  NODE_PROVENANCE,
  OVERVIEW,
  SEARCH,
  notationEnum,
} from "./queries.js";
import { escapeHtml, formatValue } from "./text.js";

const EXPAND_LIMIT = PAGE;
const OVERVIEW_LIMIT = 1500;
const LIST_LIMIT = 400;
const COSE_LIMIT = 150;

/** Collects nodes and edges from GraphQL objects; `add` merges properties of nodes seen twice. */
class Batch {
  constructor() {
    this.nodes = new Map();
    this.edges = new Map();
  }
  node(id, kind, label, props) {
    const known = this.nodes.get(id);
    this.nodes.set(id, known ? { ...known, props: { ...known.props, ...props } } : { id, kind, label, props });
    return id;
  }
  edge(source, type, target, props = {}) {
    if (!source || !target) return;
    const id = `${source}|${type}|${target}`;
    this.edges.set(id, { id, source, target, type, props });
  }
  organization(org) {
    return this.node(org.iri, organizationKind(org), org.shortName || org.name, {
      name: org.name,
      shortName: org.shortName,
      identifier: org.identifier,
      orgType: org.orgType,
      organizationKind: org.kind,
      source: org.source,
      generatedAt: org.generatedAt,
    });
  }
  project(project) {
    const prov = project.provenance || {};
    return this.node(project.iri, "Project", project.title || project.identifier, {
      identifier: project.identifier,
      title: project.title,
      status: project.status,
      start: project.start,
      end: project.end,
      budget: project.budget,
      currency: project.currency,
      withdrawn: project.withdrawn,
      partner: prov.partner || project.partner,
      source: prov.source,
      generatedAt: prov.generatedAt,
      sourceFile: prov.sourceFile,
      loadedAt: prov.loadedAt,
    });
  }
  country(country) {
    const id = this.node(country.iri, "Country", country.name, {
      name: country.name,
      iso2: country.iso2,
      iso3: country.iso3,
      isoNumeric: country.isoNumeric,
      region: country.region ? country.region.name : undefined,
    });
    return id;
  }
  region(region) {
    return this.node(region.iri, "Region", region.name, { name: region.name, m49: region.m49 });
  }
  theme(theme) {
    return this.node(theme.iri, themeKind(theme), theme.prefLabel || theme.notation, {
      prefLabel: theme.prefLabel,
      notation: theme.notation,
      scheme: theme.scheme,
    });
  }
  commitment(commitment) {
    const what = commitment.__typename || "Commitment";
    const label =
      commitment.title ||
      (commitment.instrument ? `${what}: ${commitment.instrument.shortName || commitment.instrument.name}` : what);
    const id = this.node(commitment.iri, "Commitment", label, {
      commitmentKind: what,
      kind: commitment.kind,
      date: commitment.date,
      description: commitment.description,
      dueDate: commitment.dueDate,
      start: commitment.start,
      end: commitment.end,
      source: commitment.source,
      generatedAt: commitment.generatedAt,
    });
    if (commitment.instrument) {
      const inst = commitment.instrument;
      this.node(inst.iri, "LegalInstrument", inst.shortName || inst.name, { name: inst.name, source: inst.source });
      this.edge(id, "INSTRUMENT", inst.iri);
    }
    if (commitment.country) this.edge(id, "COUNTRY", this.country(commitment.country));
    for (const theme of commitment.themes || []) this.edge(id, "THEME", this.theme(theme));
    return id;
  }
  projectLinks(project) {
    const id = this.project(project);
    for (const part of project.participations || []) {
      if (part.organization.name !== undefined) this.organization(part.organization);
      this.edge(id, part.role || "PARTICIPANT", part.organization.iri);
    }
    for (const alloc of project.countries || []) this.edge(id, "COUNTRY", this.country(alloc.country), { percentage: alloc.percentage });
    for (const theme of project.themes || []) this.edge(id, "THEME", this.theme(theme));
    for (const theme of project.crimeTypes || []) this.edge(id, "CRIME_TYPE", this.theme(theme));
    return id;
  }
  membership(member, mechanism, membership) {
    this.edge(member, "MEMBER_OF", mechanism, { role: membership.role, start: membership.start, end: membership.end });
  }
}

export class NetworkView {
  constructor(root, { filters, onNotice }) {
    this.root = root;
    this.filters = filters;
    this.onNotice = onNotice;
    this.expanded = new Set();
    this.cy = cytoscape({
      container: root.querySelector("#cy"),
      style: cytoscapeStyle(),
      minZoom: 0.02,
      maxZoom: 4,
      textureOnViewport: true,
      hideEdgesOnViewport: true,
      motionBlur: false,
      pixelRatio: 1,
    });
    root.querySelector("#legend").innerHTML = legendHtml();
    this.cy.on("tap", "node", (event) => this.activate(event.target.id(), { expand: true }));
    root.querySelector("#search").addEventListener("submit", (event) => {
      event.preventDefault();
      this.search(root.querySelector("#search-input").value.trim());
    });
    root.querySelector("#net-overview").addEventListener("click", () => this.overview());
    root.querySelector("#net-fit").addEventListener("click", () => this.cy.fit(undefined, 30));
    root.querySelector("#net-clear").addEventListener("click", () => this.clear());
    root.querySelector("#cy").addEventListener("keydown", (event) => this.onKey(event));
  }

  clear() {
    this.cy.elements().remove();
    this.expanded.clear();
    this.root.querySelector("#details").innerHTML = '<p class="hint">The network is empty: search for a name or press Overview.</p>';
    this.refreshList();
  }

  onKey(event) {
    const step = 60;
    const moves = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (moves[event.key]) {
      this.cy.panBy({ x: moves[event.key][0], y: moves[event.key][1] });
    } else if (event.key === "+" || event.key === "=") {
      this.cy.zoom({ level: this.cy.zoom() * 1.25, renderedPosition: this.centre() });
    } else if (event.key === "-") {
      this.cy.zoom({ level: this.cy.zoom() / 1.25, renderedPosition: this.centre() });
    } else if (event.key === "0") {
      this.cy.fit(undefined, 30);
    } else {
      return;
    }
    event.preventDefault();
  }

  centre() {
    return { x: this.cy.width() / 2, y: this.cy.height() / 2 };
  }

  projectFilter() {
    const f = this.filters();
    const filter = {};
    if (f.asOf) filter.activeAsOf = f.asOf;
    if (f.region) filter.regions = [f.region];
    if (f.mechanism) filter.mechanisms = [f.mechanism];
    if (f.crimeType) filter.themes = [notationEnum(f.crimeType)];
    return filter;
  }

  /** Projects active under the filters with their organizations, countries and themes, plus the mechanisms. */
  async overview(limit = OVERVIEW_LIMIT) {
    const started = performance.now();
    const token = (this.overviewToken = (this.overviewToken || 0) + 1);
    const [projects, mechanisms] = await Promise.all([
      paged(OVERVIEW, { filter: this.projectFilter() }, (d) => d.projects, limit),
      paged(MECHANISMS, {}, (d) => d.organizations),
    ]);
    if (token !== this.overviewToken) return null; // a newer overview (filters changed) is on its way
    const fetched = performance.now();
    const batch = new Batch();
    for (const project of projects.nodes) batch.projectLinks(project);
    for (const mechanism of mechanisms.nodes) {
      const id = batch.organization(mechanism);
      for (const m of mechanism.members || []) if (m.member) batch.membership(batch.organization(m.member), id, m);
    }
    this.expanded.clear();
    this.apply(batch, { layout: "full" });
    await nextPaint();
    const painted = performance.now();
    const shown = projects.nodes.length;
    const total = projects.totalCount;
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

  /** Adds a batch; new nodes are placed by `layout` ("full" lays everything out, else around `around`).
   * Positions and degrees are computed on plain data before Cytoscape sees the elements: asking Cytoscape
   * for neighbourhoods and degrees node by node costs seconds on a few thousand nodes. */
  apply(batch, { layout, around } = {}) {
    const cy = this.cy;
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
    if (layout === "full") {
      if (nodes.length <= COSE_LIMIT) {
        cy.layout({ name: "cose", animate: false, randomize: true, nodeRepulsion: () => 9000, idealEdgeLength: () => 70, padding: 30 }).run();
      } else {
        fitPositions(cy, nodes.map((n) => n.position));
      }
    }
    const t2 = performance.now();
    this.refreshList();
    this.applyTimings = { prepareMs: t1 - t0, addMs: t2 - t1, listMs: performance.now() - t2 };
    return nodes.length;
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
    const props = node.data("props") || {};
    const filter = this.projectFilter();
    const batch = new Batch();
    let total = null;
    let shown = 0;
    if (isOrganization(kind)) {
      const { organization: org } = await gql(EXPAND_ORGANIZATION, { iri: id, first: EXPAND_LIMIT, filter });
      if (!org) return this.missing(node);
      batch.organization(org);
      for (const m of org.memberships || []) if (m.mechanism) batch.membership(id, batch.organization(m.mechanism), m);
      for (const m of org.members || []) if (m.member) batch.membership(batch.organization(m.member), id, m);
      for (const project of org.projects.nodes) {
        const pid = batch.project(project);
        const roles = (project.participations || []).filter((p) => p.organization.iri === id).map((p) => p.role);
        for (const role of roles.length ? roles : ["PARTICIPANT"]) batch.edge(pid, role, id);
      }
      total = org.projects.totalCount;
      shown = org.projects.nodes.length;
    } else if (kind === "Project") {
      const { project } = await gql(EXPAND_PROJECT, { iri: id });
      if (!project) return this.missing(node);
      batch.projectLinks(project);
    } else if (kind === "Country") {
      const { country } = await gql(EXPAND_COUNTRY, { iso2: props.iso2, first: EXPAND_LIMIT, filter });
      if (!country) return this.missing(node);
      batch.country(country);
      if (country.region) batch.edge(id, "REGION", batch.region(country.region));
      if (country.subregion) batch.edge(id, "SUBREGION", batch.region(country.subregion));
      for (const project of country.projects.nodes) batch.edge(batch.project(project), "COUNTRY", id);
      for (const c of [...country.ratifications, ...country.pledges, ...country.actionPlans]) batch.commitment(c);
      total = country.projects.totalCount;
      shown = country.projects.nodes.length;
    } else if (kind === "Theme" || kind === "CrimeType") {
      const { theme } = await gql(EXPAND_THEME, { notation: notationEnum(props.notation), first: EXPAND_LIMIT, filter });
      if (!theme) return this.missing(node);
      batch.theme(theme);
      for (const b of theme.broader) batch.edge(id, "BROADER", batch.theme(b));
      for (const n of theme.narrower) batch.edge(batch.theme(n), "BROADER", id);
      const type = kind === "CrimeType" ? "CRIME_TYPE" : "THEME";
      for (const project of theme.projects.nodes) batch.edge(batch.project(project), type, id);
      for (const c of theme.commitments) batch.commitment(c);
      total = theme.projects.totalCount;
      shown = theme.projects.nodes.length;
    } else {
      this.onNotice(`${KINDS[kind] ? KINDS[kind].label : kind} nodes show their links when they are loaded; there is nothing more to expand.`);
      this.expanded.add(id);
      return;
    }
    this.expanded.add(id);
    node.addClass("expanded");
    const added = this.apply(batch, { around: id });
    const more = total !== null && shown < total ? ` (the first ${shown} of ${total} projects)` : "";
    this.onNotice(`${node.data("name")}: ${added} new neighbour${added === 1 ? "" : "s"} shown${more}.`);
    this.showDetails(node);
  }

  missing(node) {
    this.onNotice(`${node.data("name")} is no longer in the graph.`);
  }

  async search(text) {
    const list = this.root.querySelector("#search-results");
    if (!text) {
      list.innerHTML = "";
      return;
    }
    const data = await gql(SEARCH, { text, first: 15 });
    const needle = text.toLowerCase();
    const batch = new Batch();
    const hits = [
      ...data.organizations.nodes.map((o) => batch.organization(o)),
      ...data.countries.nodes.map((c) => batch.country(c)),
      ...data.themes.nodes
        .filter((t) => `${t.prefLabel || ""} ${t.notation}`.toLowerCase().includes(needle))
        .map((t) => batch.theme(t)),
      ...data.projects.nodes.map((p) => batch.project(p)),
    ];
    this.pending = batch;
    list.innerHTML = hits.length
      ? hits
          .map((id) => {
            const n = batch.nodes.get(id);
            return `<li><button type="button" data-id="${escapeHtml(id)}"><span class="dot" style="background:${KINDS[n.kind].color}"></span>${escapeHtml(n.label)} <small>${escapeHtml(KINDS[n.kind].label)}</small></button></li>`;
          })
          .join("")
      : `<li class="hint">Nothing is named like “${escapeHtml(text)}”.</li>`;
    for (const button of list.querySelectorAll("button")) {
      button.addEventListener("click", () => this.focusFromSearch(button.dataset.id, batch));
    }
  }

  async focusFromSearch(id, batch) {
    const one = new Batch();
    const node = batch.nodes.get(id);
    one.node(node.id, node.kind, node.label, node.props);
    const centre = this.cy.nodes().length ? this.cy.extent() : null;
    this.apply(one, {});
    if (centre) this.cy.getElementById(id).position({ x: (centre.x1 + centre.x2) / 2, y: (centre.y1 + centre.y2) / 2 });
    await this.activate(id, { expand: true, centre: true });
  }

  /** Shows the network around an IRI (from the matrix and the findings): add it if needed, expand it, then
   * select the first of `related` that the expansion brought in (the commitment behind a gap, say). */
  async reveal(id, kind, label, props = {}, related = []) {
    if (this.cy.getElementById(id).empty()) {
      const one = new Batch();
      one.node(id, kind, label, props);
      const extent = this.cy.nodes().length ? this.cy.extent() : null;
      this.apply(one, {});
      if (extent) this.cy.getElementById(id).position({ x: (extent.x1 + extent.x2) / 2, y: (extent.y1 + extent.y2) / 2 });
    }
    await this.activate(id, { expand: true, centre: true });
    const target = related.find((iri) => this.cy.getElementById(iri).nonempty());
    if (target) await this.activate(target, { centre: true });
  }

  showDetails(node) {
    const kind = node.data("kind");
    const props = node.data("props") || {};
    const provenanceKeys = ["source", "generatedAt", "partner", "sourceFile", "loadedAt"];
    const rows = (keys) =>
      keys
        .filter((k) => props[k] !== undefined && props[k] !== null && props[k] !== "")
        .map((k) => `<dt>${escapeHtml(k)}</dt><dd>${formatValue(props[k])}</dd>`)
        .join("");
    const own = rows(Object.keys(props).filter((k) => !provenanceKeys.includes(k)));
    const prov = rows(provenanceKeys);
    const links = node
      .connectedEdges()
      .map((e) => e.data("type"))
      .reduce((acc, t) => ({ ...acc, [t]: (acc[t] || 0) + 1 }), {});
    const expanded = this.expanded.has(node.id());
    this.root.querySelector("#details").innerHTML = `
      <h2><span class="dot" style="background:${KINDS[kind].color}"></span>${escapeHtml(node.data("name"))}</h2>
      <p class="kind">${escapeHtml(KINDS[kind].label)}</p>
      <dl><dt>iri</dt><dd class="iri">${escapeHtml(node.id())}</dd>${own}</dl>
      <h3>Provenance</h3>
      <div id="details-provenance">${prov ? `<dl>${prov}</dl>` : '<p class="hint">Looking up provenance…</p>'}</div>
      <h3>Links shown</h3>
      <p>${Object.entries(links).map(([t, n]) => `${escapeHtml(t)} × ${n}`).join(", ") || "none yet"}</p>
      <button type="button" id="details-expand" ${expanded ? "disabled" : ""}>${expanded ? "Neighbours shown" : "Expand neighbours"}</button>`;
    const button = this.root.querySelector("#details-expand");
    if (!expanded) button.addEventListener("click", () => this.expand(node.id()));
    if (!prov) this.lookUpProvenance(node.id(), provenanceKeys);
  }

  /** Views load nodes without their provenance; the details panel asks the API for it on demand. */
  async lookUpProvenance(id, keys) {
    let found = null;
    try {
      found = (await gql(NODE_PROVENANCE, { iri: id })).node;
    } catch {
      found = null; // the notice line already reports an unreachable API
    }
    const slot = this.root.querySelector("#details-provenance");
    const selected = this.cy.$("node:selected");
    if (!slot || (selected.nonempty() && selected.id() !== id)) return;
    const provenance = (found && found.provenance) || {};
    const rows = keys
      .filter((k) => provenance[k] !== undefined && provenance[k] !== null && provenance[k] !== "")
      .map((k) => `<dt>${escapeHtml(k)}</dt><dd>${formatValue(provenance[k])}</dd>`)
      .join("");
    slot.innerHTML = rows ? `<dl>${rows}</dl>` : '<p class="hint">No provenance recorded for this node.</p>';
  }

  refreshList() {
    const nodes = this.cy.nodes();
    const count = this.root.querySelector("#net-count");
    count.textContent = `${nodes.length} nodes, ${this.cy.edges().length} links`;
    const list = this.root.querySelector("#node-list");
    const shown = nodes
      .map((n) => n.data())
      .sort((a, b) => b.degree - a.degree)
      .slice(0, LIST_LIMIT);
    list.innerHTML = shown
      .map((d) => `<li><button type="button" data-id="${escapeHtml(d.id)}">${escapeHtml(d.name)} <small>${escapeHtml(KINDS[d.kind].label)}</small></button></li>`)
      .join("") + (nodes.length > LIST_LIMIT ? `<li class="hint">… and ${nodes.length - LIST_LIMIT} more (search to reach them).</li>` : "");
    list.onclick = (event) => {
      const button = event.target.closest("button[data-id]");
      if (button) this.activate(button.dataset.id, { centre: true });
    };
  }
}

/** Resolves after the browser has painted the current state (two animation frames). */
export function nextPaint() {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}

function clean(props) {
  return Object.fromEntries(Object.entries(props || {}).filter(([, v]) => v !== undefined && v !== null));
}

/** New nodes on a golden-angle spiral around `origin`, so they never land on top of each other. */
function placeAround(nodes, origin) {
  const golden = Math.PI * (3 - Math.sqrt(5));
  nodes.forEach((node, i) => {
    const r = 60 + 14 * Math.sqrt(i + 1) * 3;
    node.position = { x: origin.x + r * Math.cos(i * golden), y: origin.y + r * Math.sin(i * golden) };
  });
}

const LABEL_LENGTH = 32;

/** Fits the viewport to node positions computed here; cy.fit() measures every label first (about a second
 * for two thousand nodes) although labels are hidden at the zoom of a large view. */
function fitPositions(cy, positions, padding = 40) {
  if (!positions.length) return;
  let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of positions) {
    x1 = Math.min(x1, p.x);
    y1 = Math.min(y1, p.y);
    x2 = Math.max(x2, p.x);
    y2 = Math.max(y2, p.y);
  }
  const zoom = Math.min((cy.width() - 2 * padding) / Math.max(x2 - x1, 1), (cy.height() - 2 * padding) / Math.max(y2 - y1, 1), 2);
  cy.viewport({ zoom, pan: { x: cy.width() / 2 - zoom * (x1 + x2) / 2, y: cy.height() / 2 - zoom * (y1 + y2) / 2 } });
}

function shorten(label) {
  return label.length > LABEL_LENGTH ? `${label.slice(0, LABEL_LENGTH - 1)}…` : label;
}

/** A linear-time layout for large views: themes inside, organizations, then countries by region on rings;
 * projects (and the rest) at the centre of their neighbours, nudged apart. Force layouts take seconds here. */
function ringPositions(nodes, edges) {
  const positions = new Map();
  const neighbours = new Map();
  const link = (a, b) => (neighbours.get(a) || neighbours.set(a, []).get(a)).push(b);
  for (const { data } of edges) {
    link(data.source, data.target);
    link(data.target, data.source);
  }
  const count = (id) => (neighbours.get(id) || []).length;
  const ring = (list, radius) =>
    list.forEach((node, i) => {
      const a = (2 * Math.PI * i) / Math.max(list.length, 1);
      positions.set(node.data.id, { x: radius * Math.cos(a), y: radius * Math.sin(a) });
    });
  const of = (kinds) => nodes.filter((n) => kinds.includes(n.data.kind));
  const byText = (f) => (a, b) => (f(a) < f(b) ? -1 : f(a) > f(b) ? 1 : 0);
  const themes = of(["Theme", "CrimeType"]).sort(byText((n) => n.data.name));
  const orgs = of(["Agency", "CoordinationMechanism", "Partner", "Organization"]).sort(
    (a, b) => byText((n) => n.data.kind)(a, b) || count(b.data.id) - count(a.data.id),
  );
  const countries = of(["Country"]).sort(byText((n) => `${n.data.props.region || ""}|${n.data.name}`));
  const scale = Math.sqrt(nodes.length);
  const themeRadius = 40 + 10 * themes.length;
  const orgRadius = themeRadius + 160 + 18 * scale + 6 * orgs.length;
  ring(themes, themeRadius);
  ring(orgs, orgRadius);
  ring(countries, orgRadius + 300 + 4 * countries.length);
  let i = 0;
  for (const node of nodes) {
    if (positions.has(node.data.id)) continue;
    let x = 0;
    let y = 0;
    let k = 0;
    for (const other of neighbours.get(node.data.id) || []) {
      const p = positions.get(other);
      if (p) {
        x += p.x;
        y += p.y;
        k += 1;
      }
    }
    const jitter = 25 + 4 * (i % 13);
    const a = i * 2.399963;
    positions.set(node.data.id, { x: x / Math.max(k, 1) + jitter * Math.cos(a), y: y / Math.max(k, 1) + jitter * Math.sin(a) });
    i += 1;
  }
  return positions;
}
