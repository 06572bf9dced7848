// The overview: one GraphQL request for the weighted organizations, places, links and mechanisms, turned
// into Cytoscape elements laid out by community (Louvain over the weighted links), in linear time.
import Graph from "graphology";
import louvain from "graphology-communities-louvain";

import { gql, takeEarly } from "../api.js";
import { KINDS } from "../kinds.js";
import { NETWORK_FINDINGS, NETWORK_OVERVIEW } from "../queries.js";
import { LIMITS, analyticsFilter, overviewVariables } from "./request.js";

export { LIMITS, analyticsFilter };

const LABELLED = { organizations: 12, places: 15 }; // labelled from zoom ~0.5; the rest from zoom 1.2 or on hover
// Region colours stay clear of the red of gaps and the purple of overlaps and mechanisms.
const REGION_COLOURS = { "002": "#a0522d", "019": "#d4ac0d", "142": "#17a589", "150": "#5d6d7e", "009": "#6e2c00" };
const GAP_KINDS_SHOWN = ["OBLIGATION", "COMMITMENT", "GRANT_ONLY", "NO_GRANT", "SINGLE_ACTOR_KIND"];

const ahead = new Map(); // JSON of the variables -> the answer asked ahead of a time slider's step
const AHEAD = 4; // answers kept ahead (the steps on either side of the last two shown)

/** Asks for the overview of `f` ahead of need (a time slider's neighbouring step), for fetchOverview. */
export function prefetchOverview(f, level) {
  const variables = overviewVariables(f, level);
  const key = JSON.stringify(variables);
  if (ahead.has(key)) return;
  const answer = gql(NETWORK_OVERVIEW, variables);
  answer.catch(() => ahead.get(key) === answer && ahead.delete(key)); // asked again when shown
  ahead.set(key, answer);
  while (ahead.size > AHEAD) ahead.delete(ahead.keys().next().value);
}

/** The overview of `f`: the answer asked ahead for it (a slider step) or by the early script (early.js, which
 *  `signal` then cancels too) when there is one, else one request. */
export async function fetchOverview(f, level, signal = undefined) {
  const variables = overviewVariables(f, level);
  const key = JSON.stringify(variables);
  let adopted = ahead.get(key);
  ahead.delete(key);
  if (!adopted) {
    const early = takeEarly("cographEarly", key);
    if (early && signal) signal.addEventListener("abort", () => early.controller.abort());
    adopted = early && early.answer;
  }
  if (adopted) {
    try {
      return (await adopted).networkOverview;
    } catch (error) {
      if (signal && signal.aborted) throw error;
      // else asked again below, where a failure reaches the status banner
    }
  }
  const data = await gql(NETWORK_OVERVIEW, variables, { signal });
  return data.networkOverview;
}

export async function fetchFindings(f, level, signal = undefined) {
  const data = await gql(NETWORK_FINDINGS, { asOf: f.asOf, filter: analyticsFilter(f), level }, { signal });
  return data.networkFindings;
}

/** The network kind (for colour and legend) of an organization's most specific label. */
export function orgKind(label) {
  if (label === "Agency" || label === "CoordinationMechanism" || label === "Organization") return label;
  return label ? "Partner" : "Organization";
}

export const orgId = (iri) => `org:${iri}`;
export const placeId = (key) => `place:${key}`;
export const linkId = (iri, key) => `link:${iri}|${key}`;

/** Cytoscape elements of an overview, with positions; `communities` maps node id to its Louvain community. */
export function overviewElements(overview, level) {
  const maxOrg = Math.max(1, ...overview.organizations.map((o) => o.projects));
  const maxPlace = Math.max(1, ...overview.places.map((p) => p.projects));
  const maxLink = Math.max(1, ...overview.links.map((l) => l.projects));
  const nodes = [];
  overview.organizations.forEach((o, rank) => {
    const kind = orgKind(o.kind);
    nodes.push({
      group: "nodes",
      data: {
        id: orgId(o.iri), iri: o.iri, type: "organization", kind, name: o.shortName || o.name || o.iri,
        fullName: o.name, weight: o.projects, size: 14 + 36 * Math.sqrt(o.projects / maxOrg),
        font: rank < LABELLED.organizations ? 13 : 5, color: KINDS[kind].color, shape: KINDS[kind].shape,
      },
    });
  });
  overview.places.forEach((p, rank) => {
    const colour = REGION_COLOURS[level === "REGION" ? p.key : p.region] || "#7f8c8d";
    nodes.push({
      group: "nodes",
      data: {
        id: placeId(p.key), key: p.key, type: "place", kind: level === "REGION" ? "Region" : "Country",
        name: p.name || p.key || "Region not recorded", weight: p.projects, size: 14 + 36 * Math.sqrt(p.projects / maxPlace),
        font: rank < LABELLED.places ? 13 : 5, color: colour, shape: "hexagon",
      },
    });
  });
  const edges = overview.links.map((l) => ({
    group: "edges",
    data: {
      id: linkId(l.organization, l.place), source: orgId(l.organization), target: placeId(l.place),
      weight: l.projects, width: 1 + 7 * (l.projects / maxLink),
    },
  }));
  const communities = communitiesOf(nodes, edges, overview.mechanisms);
  const positions = communityPositions(nodes, communities);
  for (const node of nodes) {
    node.position = positions.get(node.data.id);
    node.data.community = communities[node.data.id];
  }
  return { nodes, edges, communities };
}

/** Louvain communities over the weighted links, members of one mechanism tied lightly together so that a
 * mechanism's hull stays compact where the work allows (deterministic: a fixed random source). */
function communitiesOf(nodes, edges, mechanisms) {
  const graph = new Graph({ type: "undirected" });
  for (const n of nodes) graph.addNode(n.data.id);
  for (const e of edges) graph.addEdge(e.data.source, e.data.target, { weight: e.data.weight });
  for (const m of mechanisms) {
    const members = m.members.map(orgId).filter((id) => graph.hasNode(id));
    for (let i = 1; i < members.length; i++) graph.mergeEdge(members[0], members[i], { weight: 1 });
  }
  if (!graph.size) return Object.fromEntries(nodes.map((n, i) => [n.data.id, i]));
  let seed = 7;
  const rng = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  return louvain(graph, { getEdgeWeight: "weight", rng });
}

/** Each community on a circle, its nodes on a sunflower spiral around the community's centre, heaviest
 * first; communities sorted by total weight so the busiest sit at the top. */
function communityPositions(nodes, communities) {
  const groups = new Map();
  for (const n of nodes) {
    const c = communities[n.data.id];
    if (!groups.has(c)) groups.set(c, []);
    groups.get(c).push(n);
  }
  const ordered = [...groups.values()]
    .map((members) => members.sort((a, b) => b.data.weight - a.data.weight))
    .sort((a, b) => b.reduce((s, n) => s + n.data.weight, 0) - a.reduce((s, n) => s + n.data.weight, 0));
  const golden = Math.PI * (3 - Math.sqrt(5));
  const own = ordered.map((members) => 50 + 48 * Math.sqrt(members.length));
  const around = own.reduce((s, r) => s + 2.3 * r, 0);
  const radius = ordered.length > 1 ? Math.max(around / (2 * Math.PI), own[0] + own[1]) : 0;
  const positions = new Map();
  let turned = 0;
  ordered.forEach((members, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * (turned + 1.15 * own[i])) / around;
    turned += 2.3 * own[i];
    const cx = radius * Math.cos(angle);
    const cy = radius * Math.sin(angle);
    members.forEach((n, j) => {
      const r = 48 * Math.sqrt(j);
      positions.set(n.data.id, { x: cx + r * Math.cos(j * golden), y: cy + r * Math.sin(j * golden) });
    });
  });
  return positions;
}

/** Gap counts of the kinds the outline marks (treaty status unknown is neither a gap nor "no gap"). */
export function markedGaps(place) {
  return place.gaps.filter((g) => GAP_KINDS_SHOWN.includes(g.kind)).reduce((s, g) => s + g.count, 0);
}

export function overviewStyle() {
  return [
    {
      selector: "node",
      style: {
        label: "data(name)",
        "font-size": "data(font)",
        "min-zoomed-font-size": 6, // heaviest (13 px) labelled from zoom 0.46, the rest (5 px) from 1.2
        "text-valign": "bottom",
        "text-margin-y": 3,
        color: "#1b1f23",
        "text-outline-color": "#ffffff",
        "text-outline-width": 2,
        width: "data(size)",
        height: "data(size)",
        "background-color": "data(color)",
        shape: "data(shape)",
        "border-width": 1,
        "border-color": "#ffffff",
      },
    },
    { selector: "node.gap", style: { "border-width": 4, "border-color": "#c0392b" } },
    { selector: "node.unknown", style: { "border-width": 3, "border-color": "#5a636d", "border-style": "dashed" } },
    { selector: "node.overlap", style: { "outline-width": 4, "outline-color": "#7b3fa0", "outline-offset": 2 } },
    {
      selector: "edge",
      style: { width: "data(width)", "line-color": "#9aa5b1", opacity: 0.45, "curve-style": "haystack", "haystack-radius": 0 },
    },
    { selector: ".faded", style: { opacity: 0.12 } },
    { selector: "edge.hl", style: { "line-color": "#1f6fb2", opacity: 0.9 } },
    { selector: "node.hl", style: { "font-size": 13, "min-zoomed-font-size": 0, "z-index": 9 } },
    { selector: ":selected", style: { "border-width": 5, "border-color": "#ffbf00", "line-color": "#ffbf00", opacity: 1, "z-index": 10 } },
  ];
}
