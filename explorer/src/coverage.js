// Coverage, overlaps and gaps from the API, turned into one model the matrix, map and lists share.
import { ApiError, gql } from "./api.js";
import { COVERAGE, FINDINGS, OVERLAP_PROJECTS, notationEnum } from "./queries.js";



/** The page's filters as the API's AnalyticsFilter. */
export function analyticsFilter(f) {
  const filter = {};
  if (f.region) filter.region = f.region;
  if (f.mechanism) filter.mechanism = f.mechanism;
  if (f.crimeType) filter.crimeType = notationEnum(f.crimeType);
  return filter;
}

const key = (iso2, theme) => `${iso2}|${theme}`;

/** {cells: Map "iso2|theme" -> cell} for the matrix and the map. */
export async function loadCoverage(f) {
  const data = await gql(COVERAGE, { asOf: f.asOf, filter: analyticsFilter(f) });
  return coverageFrom(data);
}

/** {cells} from an answer holding `coverage`. */
export function coverageFrom(data) {
  const cells = new Map();
  for (const c of data.coverage) {
    cells.set(key(c.countryCode, c.themeNotation), {
      iso2: c.countryCode,
      countryName: c.countryName,
      theme: c.themeNotation,
      themeLabel: c.themeLabel,
      projects: c.projects,
      actors: c.organizations,
    });
  }
  return { cells };
}

/** Overlaps and gaps with the reason each is listed, indexed by cell. */
/** The gap kind of a State whose status under an instrument is unknown (a partial record of parties). */
export const UNKNOWN_STATUS = "TREATY_STATUS_UNKNOWN";

/** `UNTOC: status as of 2024-05-04, 104 of 192 parties recorded, 104 of 249 States' status known`. */
export function treatyStatusLine(s) {
  const when = s.statusDate ? `status as of ${s.statusDate}` : "no status date recorded";
  const of = s.partyCount === null || s.partyCount === undefined ? "" : ` of ${s.partyCount}`;
  const known = s.complete ? "complete" : `${s.statesKnown} of ${s.states} States' status known`;
  return `${s.name}: ${when}, ${s.recordedParties}${of} parties recorded, ${known}`;
}

export async function loadFindings(f, countryName = (iso2) => iso2, signal = undefined) {
  const asked = { asOf: f.asOf, filter: analyticsFilter(f) };
  const data = await gql(FINDINGS, asked, { signal });
  return { ...findingsFrom(data, countryName), asked };
}

/** One overlap's project lists ({projectsA, projectsB}) under the filters its findings were asked with. */
export async function loadOverlapProjects(asked, o) {
  const data = await gql(OVERLAP_PROJECTS, {
    ...asked,
    country: o.iso2,
    theme: notationEnum(o.theme),
    actorA: o.actorA.iri,
    actorB: o.actorB.iri,
  });
  if (!data.overlap) throw new ApiError("query", "These two no longer overlap here (the graph changed since the list was loaded); change a filter to reload the findings.");
  return data.overlap;
}

/** The findings model from an answer holding `overlaps`, `gaps` and `treatyStatus`. */
export function findingsFrom(data, countryName = (iso2) => iso2) {
  const overlaps = data.overlaps.map((o) => ({ ...o, iso2: o.countryCode, theme: o.themeNotation, reason: overlapReason(o) }));
  // A gap without a country or theme (e.g. two mechanism members without a joint project) is listed, not placed.
  const all = data.gaps.map((g) => ({ ...g, iso2: g.countryCode, theme: g.themeNotation, countryName: countryName(g.countryCode) }));
  // A State whose treaty status is unknown is no gap and no "no gap": shown apart, never counted as a gap.
  const gaps = all.filter((g) => g.kind !== UNKNOWN_STATUS);
  const unknownStatus = all.filter((g) => g.kind === UNKNOWN_STATUS);
  const unknownByIso2 = new Map(unknownStatus.map((g) => [g.iso2, g]));
  const byCell = new Map();
  const entry = (k) => byCell.get(k) || byCell.set(k, { overlaps: [], gaps: [] }).get(k);
  for (const o of overlaps) entry(key(o.iso2, o.theme)).overlaps.push(o);
  for (const g of gaps) if (g.iso2 && g.theme) entry(key(g.iso2, g.theme)).gaps.push(g);
  return {
    overlaps,
    gaps,
    unknownStatus,
    unknownByIso2,
    treatyStatus: data.treatyStatus || [],
    byCell,
    at: (iso2, theme) => byCell.get(key(iso2, theme)) || { overlaps: [], gaps: [] },
  };
}

/** A readable name for a related IRI: its kind and key (`action-plan IT-NAP-2022`). */
export function iriLabel(iri) {
  const found = /\/id\/([^/]+)\/(.+)$/.exec(iri);
  return found ? `${found[1].replace(/-/g, " ")} ${decodeURIComponent(found[2])}` : iri;
}

function overlapReason(o) {
  const period = o.start || o.end ? ` from ${o.start || "an open start"} to ${o.end || "an open end"}` : "";
  const a = o.actorA.name || o.actorA.iri;
  const b = o.actorB.name || o.actorB.iri;
  const shared = o.sharedMechanisms && o.sharedMechanisms.length;
  const coordination = shared
    ? `both are members of ${shared} shared coordination mechanism${shared > 1 ? "s" : ""}`
    : "they share no coordination mechanism: a coordination opportunity";
  return `${a} and ${b} both implement active ${o.themeLabel || o.theme} projects in ${o.countryName || o.countryCode}${period}; ${coordination}.`;
}

