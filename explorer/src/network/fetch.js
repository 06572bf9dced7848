// Data fetching for the network's search box and provenance look-ups (the overview: overview.js).
import { gql } from "../api.js";
import { NODE_PROVENANCE, SEARCH } from "../queries.js";
import { Batch } from "./batch.js";

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
