// What the matrix and the map show, in one request per filter set, kept per as-of date so that a time
// slider going back (or a step prefetched while playing) answers without asking the server again.
// Only the answer shown matters: asking for a new one cancels every other request still on its way (an
// earlier date's, a prefetched neighbour's), and a prefetch waits until the answer shown has arrived.
import { gql, takeEarly } from "./api.js";
import { analyticsFilter, coverageFrom, findingsFrom } from "./coverage.js";
import { MATRIX } from "./queries.js";

const KEEP = 48; // answers kept (about four years of monthly steps under one filter set)

/** What identifies one answer: the as-of date and the filters the request sends. */
export function matrixKey(f) {
  return JSON.stringify([f.asOf, f.region, f.crimeType, f.mechanism]);
}

/** The variables of MATRIX for the filters `f`. */
export function matrixVariables(f) {
  return { asOf: f.asOf, filter: analyticsFilter(f) };
}

export class MatrixData {
  constructor(countryName = (iso2) => iso2) {
    this.countryName = countryName;
    this.answers = new Map(); // key -> Promise<{coverage, findings}>
    this.inFlight = new Map(); // key -> AbortController of a request not answered yet
    this.shown = null; // {key, answer} of the last load: the answer a view waits for
    this.requests = 0;
    this.aborted = 0; // requests cancelled because a newer answer was asked for (read by the tests)
  }

  key(f) {
    return matrixKey(f);
  }

  /** The matrix under the filters `f`: from the cache, or one GraphQL request. Every other request still
   *  on its way is cancelled: its answer would come too late to be shown, and it slows this one. */
  load(f) {
    const key = this.key(f);
    for (const [other, controller] of this.inFlight) if (other !== key) this.cancel(other, controller);
    const answer = this.answer(f, key);
    this.shown = { key, answer };
    return answer;
  }

  /** Cancels every request still on its way (the filters changed while another view is shown). */
  cancelAll() {
    for (const [key, controller] of this.inFlight) this.cancel(key, controller);
  }

  cancel(key, controller) {
    this.inFlight.delete(key);
    this.answers.delete(key);
    this.aborted += 1;
    controller.abort();
  }

  answer(f, key) {
    let answer = this.answers.get(key);
    if (answer) {
      this.answers.delete(key); // most recently used last
      this.answers.set(key, answer);
      return answer;
    }
    this.requests += 1;
    const early = takeEarly("cographEarlyMatrix", key); // asked by early.js before the bundle ran
    const controller = early ? early.controller : new AbortController();
    this.inFlight.set(key, controller);
    const sent = early ? early.answer : gql(MATRIX, matrixVariables(f), { signal: controller.signal });
    answer = sent.then((data) => ({
      coverage: coverageFrom(data),
      findings: findingsFrom(data, this.countryName),
    }));
    const settled = () => {
      if (this.inFlight.get(key) === controller) this.inFlight.delete(key);
    };
    answer.then(settled, () => {
      settled();
      if (this.answers.get(key) === answer) this.answers.delete(key);
    });
    this.answers.set(key, answer);
    while (this.answers.size > KEEP) this.answers.delete(this.answers.keys().next().value);
    return answer;
  }

  /** Ask for `f` ahead of need (the next step of a playing slider); errors surface when it is shown.
   *  While the answer shown is still on its way nothing is asked; once it has arrived the prefetch goes
   *  out only if no newer answer was asked for meanwhile. */
  prefetch(f) {
    const key = this.key(f);
    if (this.answers.has(key)) return;
    const shown = this.shown;
    const go = () => {
      if (this.shown === shown && !this.answers.has(key)) this.answer(f, key).catch(() => {});
    };
    if (shown) shown.answer.then(go, go);
    else go();
  }

  has(f) {
    return this.answers.has(this.key(f));
  }
}
