// The page's first request, sent before the bundle (explorer.js) is evaluated: on a slow machine its
// libraries take hundreds of milliseconds to evaluate, and the overview of a large graph is the request the
// analyst waits for. The network view adopts the answer when it asks for the same overview
// (overview.js, fetchOverview); any other first view, or other filters, abort it.
import { sendEarly } from "./api.js";
import { initialFilters, overviewVariables } from "./network/request.js";
import { matrixKey, matrixVariables } from "./matrixdata.js";
import { MATRIX, NETWORK_OVERVIEW } from "./queries.js";

const view = location.hash.slice(1) || "network";
const level = document.querySelector("#net-level");
if (view === "network" && level) {
  const variables = overviewVariables(initialFilters(), level.value);
  sendEarly("cographEarly", JSON.stringify(variables), NETWORK_OVERVIEW, variables);
}
// The matrix and the map start from one matrix request (matrixdata.js, which adopts this one when it asks for
// the same filters): sent now, it is not queued behind the filter choices the views draw their rows from.
if (view === "matrix" || view === "map") {
  const f = initialFilters();
  sendEarly("cographEarlyMatrix", matrixKey(f), MATRIX, matrixVariables(f));
}
