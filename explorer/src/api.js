// The explorer's one data path: POST /graphql. Failures are sorted into what the analyst can act on.

export class ApiError extends Error {
  /** @param {"unreachable"|"unavailable"|"query"|"aborted"} kind @param {string} message */
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
}

const listeners = new Set();

/** Called with an ApiError (or null once a request succeeds again). */
export function onApiStatus(listener) {
  listeners.add(listener);
}

function report(error) {
  for (const listener of listeners) listener(error);
}

/** A request the page gave up on (a newer as-of date or filter superseded it): nothing to tell the analyst. */
export function isAborted(error) {
  return Boolean(error) && error.kind === "aborted";
}

const aborted = () => new ApiError("aborted", "The request was superseded by a newer one.");

/** Runs a GraphQL operation and returns its data, or throws ApiError. `signal` (an AbortSignal) cancels
 *  the request: it then throws an ApiError of kind "aborted" and reports nothing to the status banner. */
export async function gql(query, variables = {}, { signal } = {}) {
  let response;
  try {
    response = await fetch("graphql", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch {
    if (signal && signal.aborted) throw aborted();
    const error = new ApiError("unreachable", "The cograph API cannot be reached; check that `make run` is still running.");
    report(error);
    throw error;
  }
  let body;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (signal && signal.aborted) throw aborted();
  const errors = body && Array.isArray(body.errors) ? body.errors : [];
  const unavailable = errors.find((e) => e.extensions && e.extensions.code === "SERVICE_UNAVAILABLE");
  if (unavailable || response.status === 503) {
    const why = unavailable ? unavailable.message : `the API answered ${response.status}`;
    const error = new ApiError("unavailable", `Neo4j is unreachable: ${why}`);
    report(error);
    throw error;
  }
  if (!body || (!response.ok && !errors.length)) {
    const error = new ApiError("unreachable", `The cograph API answered ${response.status} without a GraphQL result.`);
    report(error);
    throw error;
  }
  if (errors.length) {
    report(null);
    throw new ApiError("query", errors.map((e) => e.message).join("; "));
  }
  report(null);
  return body.data;
}

/** The API pages lists (at most PAGE items a request): follows `pick(data)`'s connection up to `limit` nodes.
 * Returns {nodes, totalCount, data} where data is the first page's answer (for the document's other fields). */
export const PAGE = 100;
export async function paged(query, variables, pick, limit = Infinity) {
  const nodes = [];
  let after = null;
  let first = null;
  let totalCount;
  for (;;) {
    const data = await gql(query, { ...variables, first: Math.min(PAGE, limit - nodes.length), after });
    const connection = pick(data);
    if (first === null) first = data;
    totalCount = connection.totalCount;
    nodes.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage || nodes.length >= limit) break;
    after = connection.pageInfo.endCursor;
  }
  return { nodes, totalCount, data: first };
}

/** /health: {ok, message}. The page checks it first so a dead Neo4j is named before any view loads. */
export async function health() {
  try {
    const response = await fetch("health", { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => ({}));
    if (response.ok) return { ok: true, message: "" };
    return { ok: false, message: `Neo4j is unreachable: ${body.error || `the API answered ${response.status}`}` };
  } catch {
    return { ok: false, message: "The cograph API cannot be reached; check that `make run` is still running." };
  }
}

/** /config.json: links the page may show (the Neo4j Browser when the local server runs). */
export async function config() {
  try {
    const response = await fetch("config.json");
    return response.ok ? await response.json() : {};
  } catch {
    return {};
  }
}

/** Sends `query` before the bundle is evaluated (early.js) and keeps its answer under `name` for the view
 *  that will ask for `key`; a failure is left for the view, which asks again so that it is reported. */
export function sendEarly(name, key, query, variables) {
  const controller = new AbortController();
  const answer = gql(query, variables, { signal: controller.signal });
  answer.catch(() => {});
  window[name] = { key, controller, answer };
}

/** The early answer kept under `name` ({controller, answer}) when it was asked for `key`, else null (and
 *  cancelled, nobody will want it); taken once. */
export function takeEarly(name, key) {
  const early = window[name];
  window[name] = null;
  if (!early) return null;
  if (early.key === key) return early;
  early.controller.abort();
  return null;
}
