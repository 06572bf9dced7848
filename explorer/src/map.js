// The world map: countries coloured by how many themes have an active actor; gaps and overlaps on hover.
import { geoEqualEarth, geoPath } from "d3-geo";
import { feature } from "topojson-client";
import world from "world-atlas/countries-110m.json";

import { escapeHtml } from "./text.js";

const NS = "http://www.w3.org/2000/svg";
const NO_ACTIVITY = "#e3e6ea";
// Share of theme columns with at least one active actor.
const SHARES = [
  { min: 0.0001, color: "#d9f0d3", label: "some" },
  { min: 0.25, color: "#a6dba0", label: "≥ 25%" },
  { min: 0.5, color: "#5aae61", label: "≥ 50%" },
  { min: 0.75, color: "#1b7837", label: "≥ 75%" },
];

function shareColor(share) {
  let color = NO_ACTIVITY;
  for (const s of SHARES) if (share >= s.min) color = s.color;
  return color;
}

const pad = (code) => String(code ?? "").padStart(3, "0");

export class MapView {
  constructor(root, { choices, findings, matrix, onRow, signals, filters }) {
    this.signals = signals;
    this.filters = filters;
    this.root = root;
    this.choices = choices;
    this.findings = findings;
    this.matrix = matrix;
    this.onRow = onRow;
    this.shapes = feature(world, world.objects.countries).features;
    this.tip = root.querySelector("#map-tip");
    this.drawn = false;
    root.querySelector("#map-country").addEventListener("change", (event) => this.describe(event.target.value));
  }

  /** Per country (iso2): themes covered, gaps and overlaps under the current filters. */
  summary() {
    const themes = this.choices().themes.length || 1;
    const byIso2 = new Map();
    const entry = (iso2) => byIso2.get(iso2) || byIso2.set(iso2, { covered: 0, actors: 0, gaps: 0, overlaps: 0, kinds: new Set() }).get(iso2);
    for (const cell of this.matrix.coverage.cells.values()) {
      if (cell.actors > 0) entry(cell.iso2).covered += 1;
      entry(cell.iso2).actors = Math.max(entry(cell.iso2).actors, cell.actors);
    }
    const findings = this.matrix.found || this.findings.get();
    for (const g of findings ? findings.gaps : []) {
      if (!g.iso2) continue; // a gap across a mechanism has no country to outline
      entry(g.iso2).gaps += 1;
      entry(g.iso2).kinds.add(g.kind);
    }
    for (const g of findings ? findings.unknownStatus : []) if (g.iso2) entry(g.iso2).kinds.add(g.kind);
    for (const o of findings ? findings.overlaps : []) entry(o.iso2).overlaps += 1;
    for (const s of byIso2.values()) s.share = s.covered / themes;
    return byIso2;
  }

  render() {
    const svg = this.root.querySelector("#map");
    const width = svg.clientWidth || 960;
    const height = svg.clientHeight || 520;
    const projection = geoEqualEarth().fitExtent([[8, 8], [width - 8, height - 8]], { type: "Sphere" });
    const path = geoPath(projection);
    const countries = this.choices().countries;
    const byNumeric = new Map(countries.filter((c) => c.isoNumeric).map((c) => [pad(c.isoNumeric), c]));
    this.summaryByIso2 = this.summary();
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.replaceChildren();
    const sphere = document.createElementNS(NS, "path");
    sphere.setAttribute("d", path({ type: "Sphere" }));
    sphere.setAttribute("class", "sphere");
    svg.append(sphere);
    for (const shape of this.shapes) {
      const country = byNumeric.get(pad(shape.id));
      const el = document.createElementNS(NS, "path");
      el.setAttribute("d", path(shape) || "");
      el.setAttribute("class", "country");
      const s = country ? this.summaryByIso2.get(country.iso2) : null;
      el.setAttribute("fill", s ? shareColor(s.share) : NO_ACTIVITY);
      const kinds = s ? [...s.kinds] : [];
      const outline = this.signals.color(kinds);
      if (outline) {
        el.classList.add("has-gap");
        el.style.stroke = outline;
        if (!this.signals.info(kinds.find((k) => this.signals.marks(k))).isGap) el.classList.add("unknown-status");
      }
      if (kinds.length) el.dataset.gapKinds = kinds.join(" ");
      if (country && this.signals.changed.countries.has(country.iso2)) el.classList.add("changed");
      if (country) {
        el.dataset.iso2 = country.iso2;
        el.addEventListener("mousemove", (event) => this.hover(event, country));
        el.addEventListener("mouseleave", () => (this.tip.hidden = true));
        el.addEventListener("click", () => this.onRow(country.iso2));
      }
      svg.append(el);
    }
    this.root.querySelector("#map-legend").innerHTML = `<h2>Coverage</h2><p class="hint">Share of the ${this.choices().themes.length} themes with at least one active implementing actor.</p><ul>${[
      { color: NO_ACTIVITY, label: "no active project" },
      ...SHARES,
    ]
      .map((s) => `<li><svg width="16" height="12" aria-hidden="true"><rect width="16" height="12" fill="${s.color}"/></svg> ${s.label}</li>`)
      .join("")}${this.signals.changed.since ? `<li><span class="sw changed-sw"></span> changed since ${escapeHtml(this.signals.changed.since)}</li>` : ""}</ul>
      <h2>Gaps</h2><p class="hint">The outline marks the countries with a gap of the chosen kind.</p>${this.signals.legendHtml("map", this.matrix.found || this.findings.get())}`;
    this.signals.wire(this.root, "map");
    const select = this.root.querySelector("#map-country");
    if (select.options.length <= 1) {
      select.insertAdjacentHTML(
        "beforeend",
        [...countries]
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((c) => `<option value="${escapeHtml(c.iso2)}">${escapeHtml(c.name)}</option>`)
          .join(""),
      );
    }
    this.drawn = true;
  }

  text(country) {
    const s = this.summaryByIso2.get(country.iso2) || { covered: 0, gaps: 0, overlaps: 0, kinds: new Set() };
    const findings = this.matrix.found || this.findings.get();
    const unknown = findings && findings.unknownByIso2 ? findings.unknownByIso2.get(country.iso2) : null;
    return {
      title: country.name,
      lines: [
        `${s.covered} of ${this.choices().themes.length} themes with an active actor`,
        `${s.gaps} gap${s.gaps === 1 ? "" : "s"}${s.gaps ? `: ${[...s.kinds].filter((k) => this.signals.info(k).isGap).map((k) => this.signals.info(k).label).join(", ")}` : ""}`,
        `${s.overlaps} overlap${s.overlaps === 1 ? "" : "s"}`,
        ...(unknown ? [`treaty status unknown: ${unknown.instruments.map((i) => i.shortName || i.name).join(", ")}`] : []),
      ],
    };
  }

  hover(event, country) {
    const t = this.text(country);
    this.tip.innerHTML = `<strong>${escapeHtml(t.title)}</strong><br>${t.lines.map(escapeHtml).join("<br>")}`;
    this.tip.style.left = `${event.clientX + 14}px`;
    this.tip.style.top = `${event.clientY + 14}px`;
    this.tip.hidden = false;
  }

  /** The keyboard path to the same information: pick a country in the list. */
  describe(iso2) {
    const info = this.root.querySelector("#map-country-info");
    for (const el of this.root.querySelectorAll("#map path.active")) el.classList.remove("active");
    const country = this.choices().countries.find((c) => c.iso2 === iso2);
    if (!country) {
      info.innerHTML = "";
      return;
    }
    for (const el of this.root.querySelectorAll(`#map path[data-iso2="${CSS.escape(iso2)}"]`)) el.classList.add("active");
    const t = this.text(country);
    info.innerHTML = `<h3>${escapeHtml(t.title)}</h3><ul>${t.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul><button type="button" id="map-row">Open the country's row in the matrix</button>
      <p><a id="map-brief" href="brief/${encodeURIComponent(iso2)}${this.filters().asOf ? `?asOf=${encodeURIComponent(this.filters().asOf)}` : ""}" target="_blank" rel="noopener">Country brief (printable)</a></p>`;
    info.querySelector("#map-row").addEventListener("click", () => this.onRow(iso2));
  }
}
