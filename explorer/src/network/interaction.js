// Interaction: keys on the network canvas, clicks in its lists.

const PAN_STEP = 60;
const ZOOM_STEP = 1.25;

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
