// Layout: where new nodes go. Positions are computed on plain element data, before Cytoscape sees them.
const COSE_LIMIT = 150;

/** Lays out a full view: a force layout for small graphs, rings (linear time) fitted to the viewport else. */
export function layOutFull(cy, nodes) {
  if (nodes.length <= COSE_LIMIT) {
    cy.layout({ name: "cose", animate: false, randomize: true, nodeRepulsion: () => 9000, idealEdgeLength: () => 70, padding: 30 }).run();
  } else {
    fitPositions(cy, nodes.map((n) => n.position));
  }
}

/** New nodes on a golden-angle spiral around `origin`, so they never land on top of each other. */
export function placeAround(nodes, origin) {
  const golden = Math.PI * (3 - Math.sqrt(5));
  nodes.forEach((node, i) => {
    const r = 60 + 14 * Math.sqrt(i + 1) * 3;
    node.position = { x: origin.x + r * Math.cos(i * golden), y: origin.y + r * Math.sin(i * golden) };
  });
}

/** Fits the viewport to node positions computed here; cy.fit() measures every label first (about a second
 * for two thousand nodes) although labels are hidden at the zoom of a large view. */
export function fitPositions(cy, positions, padding = 40) {
  if (!positions.length) return;
  let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of positions) {
    x1 = Math.min(x1, p.x);
    y1 = Math.min(y1, p.y);
    x2 = Math.max(x2, p.x);
    y2 = Math.max(y2, p.y);
  }
  const zoom = Math.min((cy.width() - 2 * padding) / Math.max(x2 - x1, 1), (cy.height() - 2 * padding) / Math.max(y2 - y1, 1), 2);
  cy.viewport({ zoom, pan: { x: cy.width() / 2 - zoom * (x1 + x2) / 2, y: cy.height() / 2 - zoom * (y1 + y2) / 2 } });
}

/** A linear-time layout for large views: themes inside, organizations, then countries by region on rings;
 * projects (and the rest) at the centre of their neighbours, nudged apart. Force layouts take seconds here. */
export function ringPositions(nodes, edges) {
  const positions = new Map();
  const neighbours = new Map();
  const link = (a, b) => (neighbours.get(a) || neighbours.set(a, []).get(a)).push(b);
  for (const { data } of edges) {
    link(data.source, data.target);
    link(data.target, data.source);
  }
  const count = (id) => (neighbours.get(id) || []).length;
  const ring = (list, radius) =>
    list.forEach((node, i) => {
      const a = (2 * Math.PI * i) / Math.max(list.length, 1);
      positions.set(node.data.id, { x: radius * Math.cos(a), y: radius * Math.sin(a) });
    });
  const of = (kinds) => nodes.filter((n) => kinds.includes(n.data.kind));
  const byText = (f) => (a, b) => (f(a) < f(b) ? -1 : f(a) > f(b) ? 1 : 0);
  const themes = of(["Theme", "CrimeType"]).sort(byText((n) => n.data.name));
  const orgs = of(["Agency", "CoordinationMechanism", "Partner", "Organization"]).sort(
    (a, b) => byText((n) => n.data.kind)(a, b) || count(b.data.id) - count(a.data.id),
  );
  const countries = of(["Country"]).sort(byText((n) => `${n.data.props.region || ""}|${n.data.name}`));
  const scale = Math.sqrt(nodes.length);
  const themeRadius = 40 + 10 * themes.length;
  const orgRadius = themeRadius + 160 + 18 * scale + 6 * orgs.length;
  ring(themes, themeRadius);
  ring(orgs, orgRadius);
  ring(countries, orgRadius + 300 + 4 * countries.length);
  let i = 0;
  for (const node of nodes) {
    if (positions.has(node.data.id)) continue;
    let x = 0;
    let y = 0;
    let k = 0;
    for (const other of neighbours.get(node.data.id) || []) {
      const p = positions.get(other);
      if (p) {
        x += p.x;
        y += p.y;
        k += 1;
      }
    }
    const jitter = 25 + 4 * (i % 13);
    const a = i * 2.399963;
    positions.set(node.data.id, { x: x / Math.max(k, 1) + jitter * Math.cos(a), y: y / Math.max(k, 1) + jitter * Math.sin(a) });
    i += 1;
  }
  return positions;
}
