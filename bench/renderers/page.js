// The renderer comparison of bench/renderers.py: the same synthetic aggregate drawn by Cytoscape (canvas)
// and by sigma.js (WebGL, over graphology), each timed from elements to a painted frame.
import cytoscape from "cytoscape";
import Graph from "graphology";
import Sigma from "sigma";

function synthetic(nodes, edges) {
  let seed = 7;
  const rng = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const list = Array.from({ length: nodes }, (_, i) => ({ id: `n${i}`, x: rng() * 1000, y: rng() * 1000, size: 4 + 20 * rng(), label: `Node ${i}` }));
  const links = Array.from({ length: edges }, (_, i) => ({ id: `e${i}`, source: `n${Math.floor(rng() * nodes)}`, target: `n${Math.floor(rng() * nodes)}` }));
  return { list, links };
}

const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

async function withCytoscape(container, { list, links }) {
  const t = performance.now();
  const cy = cytoscape({
    container,
    pixelRatio: 1,
    style: [
      { selector: "node", style: { label: "data(label)", width: "data(size)", height: "data(size)", "font-size": 10, "min-zoomed-font-size": 11 } },
      { selector: "edge", style: { width: 1, "curve-style": "haystack", "haystack-radius": 0, opacity: 0.5 } },
    ],
    elements: [
      ...list.map((n) => ({ group: "nodes", data: { id: n.id, label: n.label, size: n.size }, position: { x: n.x, y: n.y } })),
      ...links.map((e) => ({ group: "edges", data: e })),
    ],
    layout: { name: "preset", fit: true },
  });
  await frame();
  const painted = performance.now() - t;
  const frames = await zooms(() => cy.zoom({ level: cy.zoom() * 1.1, renderedPosition: { x: 400, y: 300 } }));
  cy.destroy();
  return { painted, frame: frames, rendered: true };
}

async function withSigma(container, { list, links }) {
  const t = performance.now();
  const probe = document.createElement("canvas").getContext("webgl2") || document.createElement("canvas").getContext("webgl");
  if (!probe) return { painted: null, frame: null, rendered: false, why: "no WebGL context" };
  const graph = new Graph({ multi: true });
  for (const n of list) graph.addNode(n.id, { x: n.x, y: n.y, size: n.size / 2, label: n.label, color: "#1f6fb2" });
  for (const e of links) graph.addEdgeWithKey(e.id, e.source, e.target, { size: 1, color: "#9aa5b1" });
  let sigma;
  try {
    sigma = new Sigma(graph, container, { labelRenderedSizeThreshold: 8 });
  } catch (error) {
    return { painted: null, frame: null, rendered: false, why: String(error) };
  }
  await frame();
  const painted = performance.now() - t;
  const camera = sigma.getCamera();
  const frames = await zooms(() => camera.setState({ ratio: camera.getState().ratio / 1.1 }));
  sigma.kill();
  return { painted, frame: frames, rendered: true };
}

async function zooms(step) {
  const times = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    step();
    await frame();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[5];
}

window.compare = async (sizes) => {
  const container = document.querySelector("#stage");
  const results = [];
  for (const [nodes, edges] of sizes) {
    const data = synthetic(nodes, edges);
    results.push({ nodes, edges, renderer: "cytoscape", ...(await withCytoscape(container, data)) });
    results.push({ nodes, edges, renderer: "sigma", ...(await withSigma(container, data)) });
  }
  return results;
};
