// The overlaps and gaps lists, each with its reason and links into the network view.
import { iriLabel, loadOverlapProjects, treatyStatusLine } from "./coverage.js";
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
      const opener = event.target.closest("button[data-overlap]");
      if (opener) this.toggleProjects(opener);
    });
  }

  /** Shows or hides one overlap's project lists, asked from the API the first time it is opened. */
  async toggleProjects(opener) {
    const list = opener.parentElement.querySelector(".overlap-projects");
    const open = opener.getAttribute("aria-expanded") !== "true";
    opener.setAttribute("aria-expanded", String(open));
    list.hidden = !open;
    if (!open || list.dataset.state) return;
    const data = this.findings.get();
    const o = data.overlaps[Number(opener.dataset.overlap)];
    list.dataset.state = "loading";
    list.textContent = "Loading the projects…";
    try {
      const found = await loadOverlapProjects(data.asked, o);
      const side = (actor, projects) =>
        `<p><strong>${escapeHtml(actor.name || actor.iri)}</strong>: ${projects.length} project${projects.length === 1 ? "" : "s"}</p><div class="links">${projects
          .map((p) => this.link(p.iri, "Project", p.title || p.iri))
          .join("")}</div>`;
      list.innerHTML = side(o.actorA, found.projectsA) + side(o.actorB, found.projectsB);
      list.dataset.state = "loaded";
    } catch (error) {
      list.textContent = `The projects could not be loaded: ${error.message}`;
      delete list.dataset.state; // opening it again asks again
    }
  }

  link(iri, kind, label, props = {}, related = [], text = label) {
    return iri
      ? `<button type="button" class="linkish" data-net="${escapeHtml(iri)}" data-kind="${kind}" data-label="${escapeHtml(label)}" data-props="${escapeHtml(JSON.stringify(props))}" data-related="${escapeHtml(JSON.stringify(related))}">${escapeHtml(text)}</button>`
      : "";
  }

  render() {
    const data = this.findings.get();
    if (!data) return;
    const link = (...args) => this.link(...args);
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
          (o, i) => `<li><strong>${cellTitle(o)}</strong><p class="reason">${escapeHtml(o.reason)}</p>
        <div class="links">${link(o.actorA.iri, actorKind(o.actorA), o.actorA.name || o.actorA.iri)}${link(o.actorB.iri, actorKind(o.actorB), o.actorB.name || o.actorB.iri)}</div>
        <button type="button" class="linkish" data-overlap="${i}" aria-expanded="false">Projects: ${o.projectCountA} + ${o.projectCountB}</button>
        <div class="overlap-projects" hidden></div></li>`,
        )
        .join("") || '<li class="hint">No overlap under these filters.</li>';
  }
}
