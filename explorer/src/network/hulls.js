// Coordination mechanisms as groups: a translucent hull around the members of each mechanism, drawn on a
// canvas under Cytoscape's and redrawn whenever Cytoscape renders (pan, zoom, a new overview).

const COLOURS = ["#7b3fa0", "#1f6fb2", "#2e8b57", "#d35400", "#b0226e", "#138d90"];

export class Hulls {
  constructor(cy, container) {
    this.cy = cy;
    this.groups = [];
    this.canvas = document.createElement("canvas");
    this.canvas.className = "hulls";
    this.canvas.setAttribute("aria-hidden", "true");
    container.prepend(this.canvas);
    cy.on("render", () => this.draw());
  }

  /** `groups`: [{ label, members: [node id] }] (only members present in the graph are drawn). */
  set(groups) {
    this.groups = groups;
    this.draw();
  }

  draw() {
    const { canvas, cy } = this;
    const width = cy.width();
    const height = cy.height();
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    const ctx = canvas.getContext("2d");
    ctx.clearRect(0, 0, width, height);
    this.groups.forEach((group, i) => {
      const points = [];
      for (const id of group.members) {
        const node = cy.getElementById(id);
        if (node.empty()) continue;
        const p = node.renderedPosition();
        const r = node.renderedWidth() / 2 + 10;
        for (let k = 0; k < 8; k++) points.push([p.x + r * Math.cos((k * Math.PI) / 4), p.y + r * Math.sin((k * Math.PI) / 4)]);
      }
      if (points.length < 3) return;
      const hull = convexHull(points);
      const colour = COLOURS[i % COLOURS.length];
      ctx.beginPath();
      hull.forEach(([x, y], k) => (k ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
      ctx.closePath();
      ctx.fillStyle = `${colour}14`;
      ctx.strokeStyle = `${colour}88`;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([6, 4]);
      ctx.fill();
      ctx.stroke();
      const top = hull.reduce((a, b) => (b[1] < a[1] ? b : a));
      ctx.fillStyle = colour;
      ctx.font = "600 12px system-ui, sans-serif";
      ctx.fillText(group.label, top[0] + 4, top[1] - 4);
    });
  }
}

/** Andrew's monotone chain. */
function convexHull(points) {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cross = (o, a, b) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (list) => {
    const out = [];
    for (const p of list) {
      while (out.length >= 2 && cross(out[out.length - 2], out[out.length - 1], p) <= 0) out.pop();
      out.push(p);
    }
    out.pop();
    return out;
  };
  return [...half(sorted), ...half([...sorted].reverse())];
}
