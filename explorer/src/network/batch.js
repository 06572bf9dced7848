// Graph data: turns GraphQL answers into plain nodes and edges, before Cytoscape sees any of them.
import { organizationKind, themeKind } from "../kinds.js";

/** Collects nodes and edges from GraphQL objects; `add` merges properties of nodes seen twice. */
export class Batch {
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
