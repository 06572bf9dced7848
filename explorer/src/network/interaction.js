// Interaction: what clicks, taps and keys on the network view do.

const PAN_STEP = 60;
const ZOOM_STEP = 1.25;

/** Wires the canvas, the search form and the toolbar buttons to `view` (a NetworkView). */
export function bindControls(view, root) {
  view.cy.on("tap", "node", (event) => view.activate(event.target.id(), { expand: true }));
  root.querySelector("#search").addEventListener("submit", (event) => {
    event.preventDefault();
    view.search(root.querySelector("#search-input").value.trim());
  });
  root.querySelector("#net-overview").addEventListener("click", () => view.overview());
  root.querySelector("#net-fit").addEventListener("click", () => view.cy.fit(undefined, 30));
  root.querySelector("#net-clear").addEventListener("click", () => view.clear());
  root.querySelector("#cy").addEventListener("keydown", (event) => {
    if (navigate(view.cy, event.key)) event.preventDefault();
  });
}

/** Arrow keys pan, + and - zoom about the centre, 0 fits everything; false for any other key. */
export function navigate(cy, key) {
  const moves = { ArrowLeft: [PAN_STEP, 0], ArrowRight: [-PAN_STEP, 0], ArrowUp: [0, PAN_STEP], ArrowDown: [0, -PAN_STEP] };
  const centre = () => ({ x: cy.width() / 2, y: cy.height() / 2 });
  if (moves[key]) {
    cy.panBy({ x: moves[key][0], y: moves[key][1] });
  } else if (key === "+" || key === "=") {
    cy.zoom({ level: cy.zoom() * ZOOM_STEP, renderedPosition: centre() });
  } else if (key === "-") {
    cy.zoom({ level: cy.zoom() / ZOOM_STEP, renderedPosition: centre() });
  } else if (key === "0") {
    cy.fit(undefined, 30);
  } else {
    return false;
  }
  return true;
}

/** Clicking an entry of a list of `button[data-id]` calls `choose(id)`. */
export function onChoice(list, choose) {
  list.onclick = (event) => {
    const button = event.target.closest("button[data-id]");
    if (button) choose(button.dataset.id);
  };
}
