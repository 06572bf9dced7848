// The drill-down: from an organization, a place or a link of the overview to its projects (paged), and from
// a project to its partners, places and commitments. Each step is a crumb the breadcrumbs can return to.
import { gql } from "../api.js";
import { DRILL_PROJECT, DRILL_PROJECTS, notationEnum } from "../queries.js";
import { escapeHtml, formatValue } from "../text.js";

export const PAGE_SIZE = 25;

/** The project filter matching an overview weight: implementing, active on the date, of the crime type. */
export function drillFilter(f, level, { organization, place }) {
  const filter = { roles: ["IMPLEMENTING"] };
  if (f.asOf) filter.activeAsOf = f.asOf;
  if (f.crimeType) filter.crimeTypes = [notationEnum(f.crimeType)];
  const regions = [];
  if (f.region) regions.push(f.region);
  if (organization) filter.organizations = [organization];
  if (place && level === "REGION") regions.push(place);
  if (place && level !== "REGION") filter.countries = [place];
  if (regions.length === 1) filter.regions = regions;
  if (regions.length > 1) filter.regions = [place]; // a region inside the filter's region
  return filter;
}

export async function fetchProjects(filter, after = null) {
  return (await gql(DRILL_PROJECTS, { filter, first: PAGE_SIZE, after })).projects;
}

export async function fetchProject(iri) {
  return (await gql(DRILL_PROJECT, { iri })).project;
}

const money = (budgets) => budgets.map((b) => `${formatValue(Math.round(b.amount))} ${escapeHtml(b.currency || "(no currency)")}`).join(" · ") || "none recorded";
const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function button(crumb, label, extra = "") {
  return `<button type="button" class="linkish" data-drill='${escapeHtml(JSON.stringify(crumb))}'>${label}</button>${extra}`;
}

export function organizationHtml(org, links, places, mechanisms, findings) {
  const where = links
    .filter((l) => l.organization === org.iri)
    .map((l) => `<li>${button({ type: "link", organization: l.organization, place: l.place }, escapeHtml(places.get(l.place)?.name || l.place))} <small>${plural(l.projects, "project")}</small></li>`)
    .join("");
  const groups = mechanisms.filter((m) => m.members.includes(org.iri)).map((m) => escapeHtml(m.shortName || m.name)).join(", ");
  return `<h2>${escapeHtml(org.name || org.iri)}</h2>
    <p class="kind">${escapeHtml(org.kind || "Organization")}${org.shortName ? ` · ${escapeHtml(org.shortName)}` : ""}</p>
    <dl><dt>Active projects</dt><dd>${org.projects}</dd><dt>Places</dt><dd>${org.places}</dd>
    <dt>Budget</dt><dd>${money(org.budgets)}</dd><dt>Mechanisms</dt><dd>${groups || "none on this date"}</dd>
    <dt>Overlaps</dt><dd>${findings === undefined ? "…" : findings}</dd></dl>
    <p>${button({ type: "organization-projects", organization: org.iri }, "List its projects")}</p>
    <h3>Works in (shown)</h3><ul class="drill-list">${where || '<li class="hint">No shown place.</li>'}</ul>`;
}

export function placeHtml(place, links, orgs, findings) {
  const who = links
    .filter((l) => l.place === place.key)
    .map((l) => `<li>${button({ type: "link", organization: l.organization, place: l.place }, escapeHtml(orgs.get(l.organization)?.shortName || orgs.get(l.organization)?.name || l.organization))} <small>${plural(l.projects, "project")}</small></li>`)
    .join("");
  const gaps = findings ? findings.gaps.map((g) => `${escapeHtml(g.kind.toLowerCase().replace(/_/g, " "))} × ${g.count}`).join(", ") : "";
  return `<h2>${escapeHtml(place.name || place.key)}</h2>
    <p class="kind">${escapeHtml(place.key)}</p>
    <dl><dt>Active projects</dt><dd>${place.projects}</dd><dt>Organizations</dt><dd>${place.organizations}</dd>
    <dt>Budget</dt><dd>${money(place.budgets)}</dd>
    <dt>Overlaps</dt><dd>${findings === undefined ? "…" : findings ? `${findings.overlaps} (${findings.opportunities} with no shared mechanism)` : 0}</dd>
    <dt>Gaps</dt><dd>${findings === undefined ? "…" : gaps || "none"}</dd></dl>
    <p>${button({ type: "place-projects", place: place.key }, "List its projects")}</p>
    <h3>Organizations (shown)</h3><ul class="drill-list">${who || '<li class="hint">No shown organization.</li>'}</ul>`;
}

export function projectsHtml(title, page, shown) {
  const items = shown
    .map((p) => `<li data-iri="${escapeHtml(p.iri)}">${button({ type: "project", iri: p.iri, title: p.title || p.identifier }, escapeHtml(p.title || p.identifier))} <small>${escapeHtml(p.start || "?")} – ${escapeHtml(p.end || "open")}</small></li>`)
    .join("");
  const more = page.pageInfo.hasNextPage ? `<button type="button" id="drill-more">Show ${PAGE_SIZE} more</button>` : "";
  return `<h2>${escapeHtml(title)}</h2><p class="count" id="drill-count">${shown.length} of ${page.totalCount} active projects</p>
    <ul class="drill-list drill-projects">${items}</ul>${more}`;
}

export function projectHtml(project) {
  const partners = project.participations
    .map((p) => `<li>${escapeHtml(p.role || "participant")}: ${button({ type: "organization", iri: p.organization.iri }, escapeHtml(p.organization.name || p.organization.iri))}</li>`)
    .join("");
  const places = project.countries
    .map((a) => `<li>${button({ type: "place", key: a.country.iso2 }, escapeHtml(a.country.name))}${a.percentage !== null && a.percentage !== undefined ? ` <small>${a.percentage}%</small>` : ""}</li>`)
    .join("");
  const commitments = project.countries
    .flatMap((a) => [...a.country.ratifications, ...a.country.pledges, ...a.country.actionPlans].map((c) => ({ c, country: a.country.name })))
    .map(({ c, country }) => `<li>${escapeHtml(c.__typename)}: ${escapeHtml(c.title || c.description || (c.instrument ? c.instrument.shortName || c.instrument.name : c.iri))} <small>${escapeHtml(country)}${c.date || c.dueDate || c.end ? ` · ${escapeHtml(c.date || c.dueDate || c.end)}` : ""}</small></li>`)
    .join("");
  const themes = [...project.themes, ...project.crimeTypes].map((t) => escapeHtml(t.prefLabel || t.notation)).join(", ");
  const prov = project.provenance || {};
  return `<h2>${escapeHtml(project.title || project.identifier)}</h2>
    <p class="kind">Project ${escapeHtml(project.identifier)}</p>
    <dl><dt>Status</dt><dd>${escapeHtml(project.status || "unknown")}</dd><dt>Period</dt><dd>${escapeHtml(project.start || "?")} – ${escapeHtml(project.end || "open")}</dd>
    <dt>Budget</dt><dd>${project.budget === null ? "unknown" : `${formatValue(project.budget)} ${escapeHtml(project.currency || "")}`}</dd>
    <dt>Themes</dt><dd>${themes || "none"}</dd><dt>Source</dt><dd>${formatValue(prov.source || "unknown")}</dd></dl>
    <h3>Partners</h3><ul class="drill-list drill-partners">${partners || '<li class="hint">None recorded.</li>'}</ul>
    <h3>Places</h3><ul class="drill-list drill-places">${places || '<li class="hint">None recorded.</li>'}</ul>
    <h3>Commitments of its countries</h3><ul class="drill-list drill-commitments">${commitments || '<li class="hint">None recorded.</li>'}</ul>`;
}

export function crumbsHtml(trail) {
  return trail
    .map((c, i) => (i === trail.length - 1 ? `<span aria-current="page">${escapeHtml(c.label)}</span>` : `<button type="button" class="linkish" data-crumb="${i}">${escapeHtml(c.label)}</button>`))
    .join(' <span aria-hidden="true">›</span> ');
}
