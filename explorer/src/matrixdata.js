// What the matrix and the map show, in one request per filter set, kept per as-of date so that a time
// slider going back (or a step prefetched while playing) answers without asking the server again.
import { gql } from "./api.js";
import { analyticsFilter, coverageFrom, findingsFrom } from "./coverage.js";
import { MATRIX } from "./queries.js";

const KEEP = 48; // answers kept (about four years of monthly steps under one filter set)

export class MatrixData {
  constructor(countryName = (iso2) => iso2) {
    this.countryName = countryName;
    this.answers = new Map(); // key -> Promise<{coverage, findings}>
    this.requests = 0;
  }

  key(f) {
    return JSON.stringify([f.asOf, f.region, f.crimeType, f.mechanism]);
  }

  /** The matrix under the filters `f`: from the cache, or one GraphQL request. */
  load(f) {
    const key = this.key(f);
    let answer = this.answers.get(key);
    if (answer) {
      this.answers.delete(key); // most recently used last
      this.answers.set(key, answer);
      return answer;
    }
    this.requests += 1;
    answer = gql(MATRIX, { asOf: f.asOf, filter: analyticsFilter(f) }).then((data) => ({
      coverage: coverageFrom(data),
      findings: findingsFrom(data, this.countryName),
    }));
    answer.catch(() => this.answers.delete(key));
    this.answers.set(key, answer);
    while (this.answers.size > KEEP) this.answers.delete(this.answers.keys().next().value);
    return answer;
  }

  /** Ask for `f` ahead of need (the next step of a playing slider); errors surface when it is shown. */
  prefetch(f) {
    this.load(f).catch(() => {});
  }

  has(f) {
    return this.answers.has(this.key(f));
  }
}
