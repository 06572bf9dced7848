// Every GraphQL document the explorer sends, in one place, following api/schema.graphql.

const ORG = `fragment Org on Organization { __typename iri name shortName identifier orgType kind source generatedAt }`;
const PROJECT = `fragment Proj on Project {
  iri identifier title status start end budget currency withdrawn partner
  provenance { source generatedAt partner sourceFile loadedAt }
}`;
const COUNTRY = `fragment Ctry on Country { iri iso2 iso3 isoNumeric name region { iri m49 name } }`;
const THEME = `fragment Thm on Theme { iri notation prefLabel scheme }`;
const PROJECT_LINKS = `fragment ProjLinks on Project {
  ...Proj
  participations { role organization { ...Org } }
  countries { percentage country { ...Ctry } }
  themes { ...Thm }
  crimeTypes { ...Thm }
}`;
const COMMITMENT = `fragment Commit on Commitment {
  __typename iri source generatedAt
  instrument { iri name shortName source }
  country { ...Ctry }
  themes { ...Thm }
  ... on Ratification { date kind }
  ... on Pledge { description dueDate }
  ... on ActionPlan { title start end }
}`;

const FRAGMENTS = { Org: ORG, Proj: PROJECT, Ctry: COUNTRY, Thm: THEME, ProjLinks: PROJECT_LINKS, Commit: COMMITMENT };

/** A document with the fragments it spreads (and those they spread) appended. */
function withFragments(text) {
  const used = new Set();
  const pending = [text];
  while (pending.length) {
    const part = pending.pop();
    for (const match of part.matchAll(/\.\.\.(\w+)/g)) {
      const name = match[1];
      if (FRAGMENTS[name] && !used.has(name)) {
        used.add(name);
        pending.push(FRAGMENTS[name]);
      }
    }
  }
  return [text, ...[...used].map((name) => FRAGMENTS[name])].join("\n");
}

export const OVERVIEW = withFragments(`query Overview($first: Int!, $after: String, $filter: ProjectFilter) {
  projects(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } nodes { ...ProjLinks }
  }
}`);

export const MECHANISMS = withFragments(`query Mechanisms($first: Int!, $after: String) {
  organizations(filter: { kinds: [COORDINATION_MECHANISM] }, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { ...Org ... on CoordinationMechanism { members { role start end member { ...Org } } } }
  }
}`);

export const EXPAND_ORGANIZATION = withFragments(`query ExpandOrganization($iri: ID!, $first: Int!, $filter: ProjectFilter) {
  organization(iri: $iri) {
    ...Org
    memberships { role start end mechanism { ...Org } }
    projects(first: $first, filter: $filter) { totalCount nodes { ...Proj participations { role organization { iri } } } }
    ... on CoordinationMechanism { members { role start end member { ...Org } } }
  }
}`);

export const NODE_PROVENANCE = `query NodeProvenance($iri: ID!) {
  node(iri: $iri) { iri provenance { source generatedAt partner sourceFile loadedAt } }
}`;

export const EXPAND_PROJECT = withFragments(`query ExpandProject($iri: ID!) { project(iri: $iri) { ...ProjLinks } }`);

export const EXPAND_COUNTRY = withFragments(`query ExpandCountry($iso2: String!, $first: Int!, $filter: ProjectFilter) {
  country(iso2: $iso2) {
    ...Ctry
    subregion { iri m49 name }
    projects(first: $first, filter: $filter) { totalCount nodes { ...Proj } }
    ratifications { ...Commit }
    pledges { ...Commit }
    actionPlans { ...Commit }
  }
}`);

export const EXPAND_THEME = withFragments(`query ExpandTheme($notation: ThemeNotation!, $first: Int!, $filter: ProjectFilter) {
  theme(notation: $notation) {
    ...Thm
    broader { ...Thm }
    narrower { ...Thm }
    projects(first: $first, filter: $filter) { totalCount nodes { ...Proj } }
    commitments { ...Commit }
  }
}`);

export const SEARCH = withFragments(`query Search($text: String!, $first: Int!) {
  organizations(filter: { search: $text }, first: $first) { nodes { ...Org } }
  countries(filter: { search: $text }, first: $first) { nodes { ...Ctry } }
  projects(filter: { search: $text }, first: $first) { nodes { ...Proj } }
  themes(first: 100) { nodes { ...Thm } }
}`);

export const FILTER_CHOICES = withFragments(`query FilterChoices {
  regions { iri m49 name }
  themes(first: 100) { nodes { ...Thm broader { notation } } }
  mechanisms: organizations(filter: { kinds: [COORDINATION_MECHANISM] }, first: 100) { nodes { ...Org } }
}`);

export const COUNTRIES = withFragments(`query Countries($first: Int!, $after: String) {
  countries(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { ...Ctry subregion { iri m49 name } }
  }
}`);

export const COVERAGE = `query Coverage($asOf: Date, $filter: AnalyticsFilter) {
  coverage(asOf: $asOf, filter: $filter) { countryCode countryName themeNotation themeLabel projects organizations }
}`;

export const FINDINGS = `query Findings($asOf: Date, $filter: AnalyticsFilter) {
  overlaps(asOf: $asOf, filter: $filter) {
    countryCode countryName themeNotation themeLabel start end sharedMechanisms
    actorA { iri name kind } actorB { iri name kind } projectCountA projectCountB
  }
  gaps(asOf: $asOf, filter: $filter) {
    kind countryCode themeNotation reason related
    instruments { iri shortName name }
    treatyStatus { instrumentIri name statusDate partyCount recordedParties statesKnown states complete }
  }
  treatyStatus(asOf: $asOf) { instrumentIri name statusDate partyCount recordedParties statesKnown states complete summary }
}`;

// One overlap's project lists, asked when the analyst opens it in the findings (not shipped with every overlap).
export const OVERLAP_PROJECTS = `query OverlapProjects($asOf: Date, $filter: AnalyticsFilter, $country: String!, $theme: ThemeNotation!, $actorA: ID!, $actorB: ID!) {
  overlap(asOf: $asOf, filter: $filter, country: $country, theme: $theme, actorA: $actorA, actorB: $actorB) {
    projectsA { iri title start end } projectsB { iri title start end }
  }
}`;

export const CELL_PROJECTS = `query CellProjects($filter: ProjectFilter, $first: Int!) {
  projects(filter: $filter, first: $first) {
    totalCount
    nodes {
      iri identifier title start end status budget currency
      crimeTypes { notation }
      participations { role organization { __typename iri name shortName kind } }
    }
  }
}`;

/** `shelter-and-assistance` -> `SHELTER_AND_ASSISTANCE` (the ThemeNotation enum value). */
export function notationEnum(notation) {
  return notation.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
}

// The matrix and the map in one request: coverage, overlaps and gaps (what a cell shows), and treaty status.
export const MATRIX = `query Matrix($asOf: Date, $filter: AnalyticsFilter) {
  coverage(asOf: $asOf, filter: $filter) { countryCode countryName themeNotation themeLabel projects organizations }
  overlaps(asOf: $asOf, filter: $filter) {
    countryCode countryName themeNotation themeLabel start end sharedMechanisms
    actorA { iri name kind } actorB { iri name kind }
  }
  gaps(asOf: $asOf, filter: $filter) { kind countryCode themeNotation reason related instruments { iri shortName name } }
  treatyStatus(asOf: $asOf) { instrumentIri name statusDate partyCount recordedParties statesKnown states complete summary }
}`;

// Asked once: where the time slider runs, and the gap kinds (code, label, meaning) for the legends.
export const EXPLORER_META = `query ExplorerMeta {
  projectPeriod { earliestStart latestEnd sliderDays }
  gapKinds { kind code label description isGap }
}`;

export const CHANGES = `query Changes($since: DateTime!, $first: Int!, $actions: [ChangeAction!]) {
  changes(since: $since, first: $first, actions: $actions) {
    totalCount
    nodes {
      iri action identifier partner changedAt changedFields
      project { iri title countries { country { iso2 } } themes { notation } }
    }
  }
}`;

// The network view (explorer/src/network/): its overview in one request, and the drill-down documents.
export const NETWORK_OVERVIEW = `query NetworkOverview($asOf: Date, $filter: AnalyticsFilter, $level: PlaceLevel!, $organizations: Int!, $places: Int!, $links: Int!) {
  networkOverview(asOf: $asOf, filter: $filter, level: $level, organizationLimit: $organizations, placeLimit: $places, linkLimit: $links) {
    asOf level projects organizationsLeftOut placesLeftOut linksLeftOut
    organizations { iri name shortName kind projects places budgets { currency amount } }
    places { key name region projects organizations budgets { currency amount } }
    links { organization place projects budgets { currency amount } }
    mechanisms { iri name shortName members }
  }
}`;

export const NETWORK_FINDINGS = `query NetworkFindings($asOf: Date, $filter: AnalyticsFilter, $level: PlaceLevel!) {
  networkFindings(asOf: $asOf, filter: $filter, level: $level) {
    places { key overlaps opportunities gaps { kind count } } organizations { iri overlaps } overlapsComplete
  }
}`;

export const DRILL_PROJECTS = `query DrillProjects($filter: ProjectFilter, $first: Int!, $after: String) {
  projects(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { iri identifier title status start end budget currency }
  }
}`;

export const DRILL_PROJECT = withFragments(`query DrillProject($iri: ID!) {
  project(iri: $iri) {
    ...Proj
    participations { role organization { ...Org } }
    countries { percentage country { ...Ctry ratifications { ...Commit } pledges { ...Commit } actionPlans { ...Commit } } }
    themes { ...Thm }
    crimeTypes { ...Thm }
  }
}`);
