// What the network's overview asks the API for, in a module light enough for the page's early script
// (early.js), which sends the first overview before the bundle's libraries have been evaluated.
import { notationEnum } from "../queries.js";

export const LIMITS = { organizations: 60, places: 80, links: 600 };

/** The analytics filter of the GraphQL API from the explorer's filter bar. */
export function analyticsFilter(f) {
  const filter = {};
  if (f.region) filter.region = f.region;
  if (f.crimeType) filter.crimeType = notationEnum(f.crimeType);
  if (f.mechanism) filter.mechanism = f.mechanism;
  return filter;
}

/** The variables of NETWORK_OVERVIEW for the filters `f` and the place level. */
export function overviewVariables(f, level) {
  return { asOf: f.asOf, filter: analyticsFilter(f), level, ...LIMITS };
}

/** The as-of date the page starts on: today (UTC), as YYYY-MM-DD. */
export function today() {
  return new Date().toISOString().slice(0, 10);
}

/** The filters the page starts on (the filter bar before anyone touched it). */
export function initialFilters() {
  return { asOf: today(), region: null, crimeType: null, mechanism: null };
}
