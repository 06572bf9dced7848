// Data fetching: the GraphQL requests behind the network view, each answered as a Batch of nodes and edges.
import { PAGE, gql, paged } from "../api.js";
import { isOrganization } from "../kinds.js";
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
} from "../queries.js";
import { Batch } from "./batch.js";

const EXPAND_LIMIT = PAGE;
export const OVERVIEW_LIMIT = 1500;

/** The project filter of the GraphQL API from the explorer's filter bar. */
export function projectFilter(f) {
  const filter = {};
  if (f.asOf) filter.activeAsOf = f.asOf;
  if (f.region) filter.regions = [f.region];
  if (f.mechanism) filter.mechanisms = [f.mechanism];
  if (f.crimeType) filter.themes = [notationEnum(f.crimeType)];
  return filter;
}

/** Projects active under `filter` with their organizations, countries and themes, plus the mechanisms. */
export async function fetchOverview(filter, limit = OVERVIEW_LIMIT) {
  const [projects, mechanisms] = await Promise.all([
    paged(OVERVIEW, { filter }, (d) => d.projects, limit),
    paged(MECHANISMS, {}, (d) => d.organizations),
  ]);
  const batch = new Batch();
  for (const project of projects.nodes) batch.projectLinks(project);
  for (const mechanism of mechanisms.nodes) {
    const id = batch.organization(mechanism);
    for (const m of mechanism.members || []) if (m.member) batch.membership(batch.organization(m.member), id, m);
  }
  return { batch, shown: projects.nodes.length, total: projects.totalCount };
}

/** A node's neighbours: `{ batch, shown, total }` (project counts, null when not paged), `{ missing: true }`
 * when the node left the graph, or `{ expandable: false }` for kinds that load with all their links. */
export async function fetchNeighbours(id, kind, props, filter) {
  const batch = new Batch();
  if (isOrganization(kind)) {
    const { organization: org } = await gql(EXPAND_ORGANIZATION, { iri: id, first: EXPAND_LIMIT, filter });
    if (!org) return { missing: true };
    batch.organization(org);
    for (const m of org.memberships || []) if (m.mechanism) batch.membership(id, batch.organization(m.mechanism), m);
    for (const m of org.members || []) if (m.member) batch.membership(batch.organization(m.member), id, m);
    for (const project of org.projects.nodes) {
      const pid = batch.project(project);
      const roles = (project.participations || []).filter((p) => p.organization.iri === id).map((p) => p.role);
      for (const role of roles.length ? roles : ["PARTICIPANT"]) batch.edge(pid, role, id);
    }
    return { batch, total: org.projects.totalCount, shown: org.projects.nodes.length };
  }
  if (kind === "Project") {
    const { project } = await gql(EXPAND_PROJECT, { iri: id });
    if (!project) return { missing: true };
    batch.projectLinks(project);
    return { batch, total: null, shown: 0 };
  }
  if (kind === "Country") {
    const { country } = await gql(EXPAND_COUNTRY, { iso2: props.iso2, first: EXPAND_LIMIT, filter });
    if (!country) return { missing: true };
    batch.country(country);
    if (country.region) batch.edge(id, "REGION", batch.region(country.region));
    if (country.subregion) batch.edge(id, "SUBREGION", batch.region(country.subregion));
    for (const project of country.projects.nodes) batch.edge(batch.project(project), "COUNTRY", id);
    for (const c of [...country.ratifications, ...country.pledges, ...country.actionPlans]) batch.commitment(c);
    return { batch, total: country.projects.totalCount, shown: country.projects.nodes.length };
  }
  if (kind === "Theme" || kind === "CrimeType") {
    const { theme } = await gql(EXPAND_THEME, { notation: notationEnum(props.notation), first: EXPAND_LIMIT, filter });
    if (!theme) return { missing: true };
    batch.theme(theme);
    for (const b of theme.broader) batch.edge(id, "BROADER", batch.theme(b));
    for (const n of theme.narrower) batch.edge(batch.theme(n), "BROADER", id);
    const type = kind === "CrimeType" ? "CRIME_TYPE" : "THEME";
    for (const project of theme.projects.nodes) batch.edge(batch.project(project), type, id);
    for (const c of theme.commitments) batch.commitment(c);
    return { batch, total: theme.projects.totalCount, shown: theme.projects.nodes.length };
  }
  return { expandable: false };
}

/** Organizations, countries, themes and projects named like `text`: the batch and the hits' ids in order. */
export async function fetchSearch(text) {
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
  return { batch, hits };
}

/** A node's provenance (empty when none is recorded or the API cannot be reached). */
export async function fetchProvenance(id) {
  let found;
  try {
    found = (await gql(NODE_PROVENANCE, { iri: id })).node;
  } catch {
    found = null; // the notice line already reports an unreachable API
  }
  return (found && found.provenance) || {};
}
