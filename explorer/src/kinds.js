// What each kind of node looks like in the network and its legend: one table, used by both.

export const KINDS = {
  Agency: { label: "UN agency", color: "#1f6fb2", shape: "ellipse" },
  CoordinationMechanism: { label: "Coordination mechanism", color: "#7b3fa0", shape: "star" },
  Partner: { label: "Partner (NGO, CSO, private, IO, government)", color: "#2e8b57", shape: "round-rectangle" },
  Organization: { label: "Other organization", color: "#6b7f3a", shape: "round-rectangle" },
  Project: { label: "Project", color: "#e08a1e", shape: "diamond" },
  Country: { label: "Country", color: "#c0392b", shape: "hexagon" },
  Region: { label: "Region", color: "#8e3b2f", shape: "octagon" },
  Theme: { label: "Theme", color: "#138d90", shape: "triangle" },
  CrimeType: { label: "Crime type", color: "#b0226e", shape: "vee" },
  Commitment: { label: "Commitment (ratification, pledge, action plan)", color: "#5d6d7e", shape: "rectangle" },
  LegalInstrument: { label: "Legal instrument", color: "#34495e", shape: "barrel" },
};

const ORGANIZATION_KINDS = {
  AGENCY: "Agency",
  COORDINATION_MECHANISM: "CoordinationMechanism",
  PARTNER: "Partner",
  NGO: "Partner",
  CIVIL_SOCIETY_ORGANIZATION: "Partner",
  PRIVATE_SECTOR_ORGANIZATION: "Partner",
  INTERNATIONAL_ORGANIZATION: "Partner",
  GOVERNMENT_BODY: "Partner",
};

/** The network kind of an organization from its GraphQL `kind` (OrganizationKind) or `__typename`. */
export function organizationKind(org) {
  if (org.kind && ORGANIZATION_KINDS[org.kind]) return ORGANIZATION_KINDS[org.kind];
  if (org.__typename === "Agency" || org.__typename === "CoordinationMechanism") return org.__typename;
  if (org.__typename && org.__typename !== "OtherOrganization") return "Partner";
  return "Organization";
}

/** Theme or crime type, from the concept's scheme. */
export function themeKind(theme) {
  return theme.scheme === "crime-types" ? "CrimeType" : "Theme";
}

export function isOrganization(kind) {
  return kind === "Agency" || kind === "CoordinationMechanism" || kind === "Partner" || kind === "Organization";
}

export function cytoscapeStyle() {
  const rules = [
    {
      selector: "node",
      style: {
        label: "data(label)",
        "font-size": 10,
        "min-zoomed-font-size": 9,
        "text-valign": "bottom",
        "text-margin-y": 3,
        color: "#1b1f23",
        "text-outline-color": "#ffffff",
        "text-outline-width": 2,
        width: 18,
        height: 18,
        "border-width": 1,
        "border-color": "#ffffff",
        // Colour and shape travel in each node's data (see `look`): one mapper is far cheaper for
        // Cytoscape to apply to thousands of nodes than one selector per kind.
        "background-color": "data(color)",
        shape: "data(shape)",
      },
    },
    {
      selector: "edge",
      style: {
        width: 1,
        "line-color": "#b7bec6",
        "curve-style": "haystack",
        "haystack-radius": 0,
        opacity: 0.7,
      },
    },
    { selector: "node[degree > 8]", style: { width: 26, height: 26 } },
    { selector: "node[degree > 40]", style: { width: 36, height: 36, "font-size": 12 } },
    { selector: "node:selected", style: { "border-width": 4, "border-color": "#ffbf00", "z-index": 10 } },
    { selector: "node.match", style: { "border-width": 4, "border-color": "#111111" } },
    { selector: "node.expanded", style: { "border-style": "double", "border-width": 4, "border-color": "#222" } },
    { selector: "edge.hl", style: { "line-color": "#ffbf00", width: 2, opacity: 1, label: "data(type)", "font-size": 8, color: "#5a636d", "text-rotation": "autorotate" } },
  ];
  return rules;
}

/** The data fields that give a node of `kind` its colour and shape. */
export function look(kind) {
  const found = KINDS[kind] || KINDS.Organization;
  return { color: found.color, shape: found.shape };
}

/** The legend: one swatch per kind, drawn in SVG with the same shape the network uses. */
export function legendHtml() {
  const items = Object.entries(KINDS).map(
    ([kind, entry]) =>
      `<li><svg width="16" height="16" aria-hidden="true">${swatch(entry)}</svg> ${entry.label}<span class="sr"> (${kind})</span></li>`,
  );
  return `<h2>Legend</h2><ul>${items.join("")}</ul>`;
}

function swatch(entry) {
  const fill = `fill="${entry.color}"`;
  switch (entry.shape) {
    case "ellipse":
      return `<circle cx="8" cy="8" r="7" ${fill}/>`;
    case "diamond":
      return `<polygon points="8,1 15,8 8,15 1,8" ${fill}/>`;
    case "triangle":
      return `<polygon points="8,1 15,15 1,15" ${fill}/>`;
    case "vee":
      return `<polygon points="1,1 8,6 15,1 8,15" ${fill}/>`;
    case "star":
      return `<polygon points="8,1 10,6 15,6 11,9 13,15 8,11 3,15 5,9 1,6 6,6" ${fill}/>`;
    case "hexagon":
      return `<polygon points="4,1 12,1 15,8 12,15 4,15 1,8" ${fill}/>`;
    case "octagon":
      return `<polygon points="5,1 11,1 15,5 15,11 11,15 5,15 1,11 1,5" ${fill}/>`;
    case "round-rectangle":
      return `<rect x="1" y="3" width="14" height="10" rx="3" ${fill}/>`;
    case "barrel":
      return `<rect x="2" y="1" width="12" height="14" rx="4" ${fill}/>`;
    default:
      return `<rect x="1" y="3" width="14" height="10" ${fill}/>`;
  }
}
