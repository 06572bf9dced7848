// The page's first request, sent before the bundle (explorer.js) is evaluated: on a slow machine its
// libraries take hundreds of milliseconds to evaluate, and the overview of a large graph is the request the
// analyst waits for. The network view adopts the answer when it asks for the same overview
// (overview.js, fetchOverview); any other first view, or other filters, abort it.
import { gql } from "./api.js";
import { initialFilters, overviewVariables } from "./network/request.js";
import { matrixKey, matrixVariables } from "./matrixdata.js";
import { MATRIX, NETWORK_OVERVIEW } from "./queries.js";

const view = location.hash.slice(1) || "network";
const level = document.querySelector("#net-level");
if (view === "network" && level) {
  const variables = overviewVariables(initialFilters(), level.value);
  const controller = new AbortController();
  const answer = gql(NETWORK_OVERVIEW, variables, { signal: controller.signal });
  answer.catch(() => {}); // the network view asks again when this failed, so that the failure is reported
  window.cographEarly = { key: JSON.stringify(variables), controller, answer };
}
// The matrix and the map start from one matrix request (matrixdata.js, which adopts this one when it asks for
// the same filters): sent now, it is not queued behind the filter choices the views draw their rows from.
if (view === "matrix" || view === "map") {
  const f = initialFilters();
  const controller = new AbortController();
  const answer = gql(MATRIX, matrixVariables(f), { signal: controller.signal });
  answer.catch(() => {}); // the view asks again when this failed, so that the failure is reported
  window.cographEarlyMatrix = { key: matrixKey(f), controller, answer };
}
