// The overlaps and gaps lists, each with its reason and links into the network view.
import { iriLabel, treatyStatusLine } from "./coverage.js";
import { escapeHtml } from "./text.js";

export { loadFindings } from "./coverage.js";

// Overlap actors are Organizations: their kind is the OrganizationKind enum value.
const ORG_KINDS = { AGENCY: "Agency", COORDINATION_MECHANISM: "CoordinationMechanism" };

export class FindingsView {
  constructor(root, { findings, choices, onNetwork }) {
    this.root = root;
    this.choices = choices;
    this.findings = findings;
    this.onNetwork = onNetwork;
    root.addEventListener("click", (event) => {
      const b = event.target.closest("button[data-net]");
      if (b) this.onNetwork(b.dataset.net, b.dataset.kind, b.dataset.label, JSON.parse(b.dataset.props || "{}"), JSON.parse(b.dataset.related || "[]"));
    });
  }

  render() {
    const data = this.findings.get();
    if (!data) return;
    const link = (iri, kind, label, props = {}, related = [], text = label) =>
      iri
        ? `<button type="button" class="linkish" data-net="${escapeHtml(iri)}" data-kind="${kind}" data-label="${escapeHtml(label)}" data-props="${escapeHtml(JSON.stringify(props))}" data-related="${escapeHtml(JSON.stringify(related))}">${escapeHtml(text)}</button>`
        : "";
    const countries = new Map((this.choices() || { countries: [] }).countries.map((c) => [c.iso2, c]));
    const gapLinks = (g) => {
      const country = countries.get(g.iso2);
      const where = country ? link(country.iri, "Country", country.name, { iso2: country.iso2, name: country.name }, g.related, `${country.name} in the network`) : "";
      return where + g.related.map((iri) => `<span class="count">${escapeHtml(iriLabel(iri))}</span>`).join(" ");
    };
    const actorKind = (a) => ORG_KINDS[a.kind] || "Partner";
    const themeLabel = (notation) => ((this.choices() || { themes: [] }).themes.find((t) => t.notation === notation) || {}).prefLabel || notation;
    const cellTitle = (x) =>
      [x.countryName || x.iso2, x.themeLabel || (x.theme && themeLabel(x.theme))].filter(Boolean).map(escapeHtml).join(" × ") || "Across the graph";
    this.root.querySelector("#gap-count").textContent = `(${data.gaps.length})`;
    this.root.querySelector("#overlap-count").textContent = `(${data.overlaps.length})`;
    this.root.querySelector("#treaty-status").innerHTML = data.treatyStatus
      .map((s) => `<li>${escapeHtml(treatyStatusLine(s))}</li>`)
      .join("");
    this.root.querySelector("#unknown-count").textContent = `(${data.unknownStatus.length})`;
    this.root.querySelector("#unknown-status").innerHTML =
      data.unknownStatus
        .map(
          (g) => `<li data-kind="${escapeHtml(g.kind)}"><strong>${cellTitle(g)}</strong> <span class="count">status unknown: ${escapeHtml(g.instruments.map((i) => i.shortName || i.name).join(", "))}</span><p class="reason">${escapeHtml(g.reason)}</p></li>`,
        )
        .join("") || '<li class="hint">Every State in this selection has a known status under each instrument.</li>';
    this.root.querySelector("#gaps").innerHTML =
      data.gaps
        .map(
          (g) => `<li data-kind="${escapeHtml(g.kind)}"><strong>${cellTitle(g)}</strong> <span class="count">${escapeHtml(g.kind.toLowerCase().replace(/_/g, " "))}</span><p class="reason">${escapeHtml(g.reason)}</p>
        <div class="links">${gapLinks(g)}</div></li>`,
        )
        .join("") || '<li class="hint">No gap under these filters.</li>';
    this.root.querySelector("#overlaps").innerHTML =
      data.overlaps
        .map(
          (o) => `<li><strong>${cellTitle(o)}</strong><p class="reason">${escapeHtml(o.reason)}</p>
        <div class="links">${link(o.actorA.iri, actorKind(o.actorA), o.actorA.name || o.actorA.iri)}${link(o.actorB.iri, actorKind(o.actorB), o.actorB.name || o.actorB.iri)}
        ${[...o.projectsA, ...o.projectsB].map((p) => link(p.iri, "Project", p.title || p.iri)).join("")}</div></li>`,
        )
        .join("") || '<li class="hint">No overlap under these filters.</li>';
  }
}
