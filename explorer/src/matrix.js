// The coverage matrix: countries (grouped by region) x themes, coloured by active actors; gaps and overlaps marked.
import { gql } from "./api.js";
import { iriLabel } from "./coverage.js";
import { CELL_PROJECTS, notationEnum } from "./queries.js";
import { escapeHtml } from "./text.js";

// Active implementing actors -> colour (0 stays white so empty cells read as empty).
const BINS = [
  { min: 1, color: "#deebf7", label: "1" },
  { min: 2, color: "#9ecae1", label: "2" },
  { min: 3, color: "#6baed6", label: "3–4" },
  { min: 5, color: "#3182bd", label: "5–8" },
  { min: 9, color: "#08519c", label: "9+" },
];

export function actorColor(count) {
  let color = "#ffffff";
  for (const bin of BINS) if (count >= bin.min) color = bin.color;
  return color;
}


export class MatrixView {
  constructor(root, { filters, choices, findings, onNotice, onNetwork, data, signals }) {
    this.data = data; // MatrixData: one request per filter set, kept per as-of
    this.signals = signals;
    this.found = null; // the findings that came with the coverage
    this.root = root;
    this.filters = filters;
    this.choices = choices;
    this.findings = findings;
    this.onNotice = onNotice;
    this.onNetwork = onNetwork;
    this.coverage = null;
    this.loading = null;
    this.showEmpty = false;
    root.querySelector("#matrix").addEventListener("click", (event) => {
      const button = event.target.closest("button[data-cell]");
      if (button) this.openCell(button.dataset.iso2, button.dataset.theme, button);
    });
    root.querySelector("#matrix").addEventListener("keydown", (event) => this.onKey(event));
  }

  invalidate() {
    this.coverage = null;
    this.found = null;
    this.loading = null;
  }

  /** The coverage under the current filters, loaded once (the map shares it); a stale answer is dropped. */
  ensure() {
    if (!this.loading) {
      const loading = this.data.load(this.filters()).then((answer) => {
        if (this.loading === loading) {
          this.coverage = answer.coverage;
          this.found = answer.findings;
        }
        return answer;
      });
      loading.catch(() => {
        if (this.loading === loading) this.loading = null;
      });
      this.loading = loading;
    }
    return this.loading;
  }

  /** Theme columns: each top theme followed by its narrower themes. */
  columns() {
    const themes = this.choices().themes;
    const top = themes.filter((t) => !(t.broader || []).length);
    const ordered = [];
    for (const t of top) {
      ordered.push(t);
      for (const n of themes) if ((n.broader || []).some((b) => b.notation === t.notation) && !ordered.includes(n)) ordered.push(n);
    }
    for (const t of themes) if (!ordered.includes(t)) ordered.push(t);
    return ordered;
  }

  /** Countries with activity or a gap (every country of the region filter with "show all"), grouped by region. */
  rows() {
    const f = this.filters();
    const findings = this.found || this.findings.get();
    const active = new Set([...this.coverage.cells.values()].map((c) => c.iso2));
    for (const g of findings ? findings.gaps : []) active.add(g.iso2);
    for (const o of findings ? findings.overlaps : []) active.add(o.iso2);
    const inRegion = (c) => !f.region || [c.region && c.region.m49, c.subregion && c.subregion.m49].includes(f.region);
    const countries = this.choices().countries.filter((c) => (this.showEmpty ? inRegion(c) : active.has(c.iso2)));
    const groups = new Map();
    for (const c of countries) {
      const region = c.region ? c.region.name : "No region";
      if (!groups.has(region)) groups.set(region, []);
      groups.get(region).push(c);
    }
    return [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([region, list]) => [region, list.sort((a, b) => a.name.localeCompare(b.name))]);
  }

  render() {
    const columns = this.columns();
    const groups = this.rows();
    const findings = this.found || this.findings.get();
    const signals = this.signals;
    const changed = signals.changed;
    this.root.querySelector("#matrix-legend").innerHTML = `
      <strong>Active implementing actors:</strong>
      ${BINS.map((b) => `<span><span class="sw" style="background:${b.color}"></span>${b.label}</span>`).join("")}
      ${signals.legendHtml("matrix", findings)}
      ${changed.since ? `<span><span class="sw changed-sw"></span>changed since ${escapeHtml(changed.since)}</span>` : ""}
      <span><span class="sw" style="box-shadow:inset 0 0 0 3px var(--overlap)"></span>overlap (actors side by side)</span>
      <label><input type="checkbox" id="matrix-empty" ${this.showEmpty ? "checked" : ""}> show countries with no activity</label>`;
    signals.wire(this.root, "matrix");
    this.root.querySelector("#matrix-empty").addEventListener("change", (event) => {
      this.showEmpty = event.target.checked;
      this.render();
    });
    const head = columns
      .map((t) => `<th scope="col" class="${(t.broader || []).length ? "" : "top-theme"}" title="${escapeHtml(t.prefLabel)}"><div>${escapeHtml(t.prefLabel || t.notation)}</div></th>`)
      .join("");
    const body = groups
      .map(([region, countries]) => {
        const rows = countries.map((c) => {
          const cells = columns.map((t) => {
            const cell = this.coverage.cells.get(`${c.iso2}|${t.notation}`);
            const found = findings ? findings.at(c.iso2, t.notation) : { overlaps: [], gaps: [] };
            const actors = cell ? cell.actors : 0;
            const kinds = [...new Set(found.gaps.map((g) => g.kind))];
            const outline = signals.color(kinds);
            const isChanged = changed.cells.has(`${c.iso2}|${t.notation}`);
            const classes = [outline ? "gap" : "", found.overlaps.length ? "overlap" : "", isChanged ? "changed" : ""].join(" ").trim();
            const label = `${c.name}, ${t.prefLabel}: ${actors} active actor${actors === 1 ? "" : "s"}, ${cell ? cell.projects : 0} projects` +
              (found.overlaps.length ? `, ${found.overlaps.length} overlap${found.overlaps.length > 1 ? "s" : ""}` : "") +
              (kinds.length ? `, gap: ${kinds.map((k) => signals.info(k).label).join(", ")}` : "") +
              (isChanged ? ", changed since " + changed.since : "");
            const text = actors ? String(actors) : outline ? "!" : "";
            const fg = actors >= 3 ? "#ffffff" : "";
            return `<td><button type="button" data-cell data-iso2="${escapeHtml(c.iso2)}" data-theme="${escapeHtml(t.notation)}" class="${classes}" data-gap-kinds="${escapeHtml(kinds.join(" "))}" style="background:${actorColor(actors)};${fg ? `color:${fg};` : ""}${outline ? `--gk:${outline};` : ""}" aria-label="${escapeHtml(label)}" title="${escapeHtml(label)}">${text}</button></td>`;
          });
          const unknown = findings && findings.unknownByIso2 && findings.unknownByIso2.has(c.iso2) && signals.marks(findings.unknownByIso2.get(c.iso2).kind);
          return `<tr data-iso2="${escapeHtml(c.iso2)}"><th scope="row" class="country${unknown ? " unknown-status" : ""}${changed.countries.has(c.iso2) ? " changed" : ""}">${escapeHtml(c.name)}</th>${cells.join("")}</tr>`;
        });
        return `<tr class="region"><th colspan="${columns.length + 1}" scope="rowgroup">${escapeHtml(region)}</th></tr>${rows.join("")}`;
      })
      .join("");
    this.root.querySelector("#matrix").innerHTML = groups.length
      ? `<table class="matrix"><thead><tr><th class="country">Country \\ theme</th>${head}</tr></thead><tbody>${body}</tbody></table>`
      : `<p class="hint">No active project, overlap or gap matches these filters.${this.showEmpty ? "" : " Tick “show countries with no activity” to see every country."}</p>`;
  }

  /** Arrow keys move between cells, like a spreadsheet. */
  onKey(event) {
    const moves = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
    const move = moves[event.key];
    const button = event.target.closest("button[data-cell]");
    if (!move || !button) return;
    const rows = [...this.root.querySelectorAll("#matrix tbody tr:not(.region)")];
    const td = button.parentElement;
    const r = rows.indexOf(td.parentElement) + move[0];
    const col = [...td.parentElement.children].indexOf(td) + move[1];
    const target = rows[r] && rows[r].children[col] && rows[r].children[col].querySelector("button");
    if (target) {
      target.focus();
      event.preventDefault();
    }
  }

  focusRow(iso2) {
    if (!this.coverage) return;
    let row = this.root.querySelector(`#matrix tr[data-iso2="${CSS.escape(iso2)}"]`);
    if (!row && !this.showEmpty) {
      this.showEmpty = true;
      this.render();
      row = this.root.querySelector(`#matrix tr[data-iso2="${CSS.escape(iso2)}"]`);
    }
    if (!row) {
      this.onNotice(`${iso2} is outside the region filter.`);
      return;
    }
    for (const old of this.root.querySelectorAll("#matrix tr.target")) old.classList.remove("target");
    row.classList.add("target");
    row.scrollIntoView({ block: "center" });
    const first = row.querySelector("button");
    if (first) first.focus();
  }

  async openCell(iso2, notation, button) {
    for (const old of this.root.querySelectorAll("#matrix button.selected")) old.classList.remove("selected");
    button.classList.add("selected");
    const f = this.filters();
    const country = this.choices().countries.find((c) => c.iso2 === iso2) || { iso2, name: iso2 };
    const theme = this.choices().themes.find((t) => t.notation === notation) || { notation, prefLabel: notation };
    const filter = { countries: [iso2], themes: [notationEnum(notation)] };
    if (f.asOf) filter.activeAsOf = f.asOf;
    if (f.mechanism) filter.mechanisms = [f.mechanism];
    const panel = this.root.querySelector("#cell");
    panel.innerHTML = `<h2>${escapeHtml(country.name)} × ${escapeHtml(theme.prefLabel)}</h2><p class="hint">Loading…</p>`;
    const data = await gql(CELL_PROJECTS, { filter, first: 100 });
    // ProjectFilter.themes matches a theme OR a crime type, so the crime type (an AND here) is applied on the page.
    const projects = data.projects.nodes.filter((p) => !f.crimeType || p.crimeTypes.some((t) => t.notation === f.crimeType));
    const total = f.crimeType ? projects.length : data.projects.totalCount;
    const actors = new Map();
    for (const p of projects) {
      for (const part of p.participations) {
        const a = actors.get(part.organization.iri) || { org: part.organization, roles: new Set(), projects: 0 };
        a.roles.add(part.role.toLowerCase());
        a.projects += 1;
        actors.set(part.organization.iri, a);
      }
    }
    const findings = this.found || this.findings.get();
    const found = findings ? findings.at(iso2, notation) : { overlaps: [], gaps: [] };
    const link = (iri, kind, label, text = label, props = {}, related = []) =>
      `<button type="button" class="linkish" data-net="${escapeHtml(iri)}" data-kind="${kind}" data-label="${escapeHtml(label)}" data-props="${escapeHtml(JSON.stringify(props))}" data-related="${escapeHtml(JSON.stringify(related))}">${escapeHtml(text)}</button>`;
    const orgKind = (o) => (o.kind === "AGENCY" ? "Agency" : o.kind === "COORDINATION_MECHANISM" ? "CoordinationMechanism" : o.kind ? "Partner" : "Organization");
    panel.innerHTML = `
      <h2>${escapeHtml(country.name)} × ${escapeHtml(theme.prefLabel)}
        ${found.gaps.length ? '<span class="tag gap">gap</span>' : ""}${found.overlaps.length ? '<span class="tag overlap">overlap</span>' : ""}</h2>
      <p>${link(country.iri, "Country", country.name, "Show the country in the network", { iso2, name: country.name })}
        · <a class="brief-link" href="brief/${encodeURIComponent(iso2)}${f.asOf ? `?asOf=${encodeURIComponent(f.asOf)}` : ""}" target="_blank" rel="noopener">Country brief (printable)</a></p>
      ${found.gaps.length ? `<h3>Gaps</h3><ul class="cell-gaps">${found.gaps.map((g) => `<li data-kind="${escapeHtml(g.kind)}"><strong>${escapeHtml(this.signals.info(g.kind).label)}</strong><p class="reason">${escapeHtml(g.reason)}</p><p>${g.related.map((iri) => link(country.iri, "Country", country.name, iriLabel(iri), { iso2, name: country.name }, [iri])).join(" ")}</p></li>`).join("")}</ul>` : ""}
      <h3>Active projects <span class="count">${total}</span></h3>
      ${projects.length ? `<ul class="cell-projects">${projects.map((p) => `<li data-iri="${escapeHtml(p.iri)}">${link(p.iri, "Project", p.title || p.identifier)} <span class="count">${escapeHtml(p.identifier)} · ${escapeHtml(p.start || "?")} → ${escapeHtml(p.end || "open")}</span></li>`).join("")}</ul>` : '<p class="hint">No active project.</p>'}
      <h3>Actors <span class="count">${actors.size}</span></h3>
      ${actors.size ? `<ul class="cell-actors">${[...actors.values()].map((a) => `<li>${link(a.org.iri, orgKind(a.org), a.org.name)} <span class="count">${[...a.roles].join(", ")}</span></li>`).join("")}</ul>` : '<p class="hint">No actor.</p>'}
      ${found.overlaps.length ? `<h3>Overlaps</h3><ul>${found.overlaps.map((o) => `<li><p class="reason">${escapeHtml(o.reason)}</p></li>`).join("")}</ul>` : ""}`;
    for (const b of panel.querySelectorAll("button[data-net]")) {
      b.addEventListener("click", () => this.onNetwork(b.dataset.net, b.dataset.kind, b.dataset.label, JSON.parse(b.dataset.props), JSON.parse(b.dataset.related)));
    }
  }
}
