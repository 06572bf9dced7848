// The explorer page: tabs, shared filters, the API status banner, and the four views.
import { config, gql, health, onApiStatus, paged } from "./api.js";
import { loadFindings, FindingsView } from "./findings.js";
import { MapView } from "./map.js";
import { MatrixView } from "./matrix.js";
import { NetworkView } from "./network/view.js";
import { COUNTRIES, EXPLORER_META, FILTER_CHOICES } from "./queries.js";
import { escapeHtml } from "./text.js";
import { exportView, updateLinks } from "./exports.js";
import { MatrixData } from "./matrixdata.js";
import { GapSignals } from "./signals.js";
import { ChangesPanel, TimeSlider } from "./time.js";
import { today } from "./network/request.js";

const $ = (selector) => document.querySelector(selector);
const VIEWS = ["network", "matrix", "map", "findings"];

const state = {
  choices: null,
  findings: null,
  findingsLoading: null,
  generation: 0, // bumped by every filter change; answers to older requests are dropped
  stale: new Set(VIEWS),
  current: null,
  pending: 0,
};

function filters() {
  return {
    asOf: $("#f-asof").value || null,
    region: $("#f-region").value || null,
    crimeType: $("#f-crime").value || null,
    mechanism: $("#f-mechanism").value || null,
  };
}

function countryName(iso2) {
  const country = state.choices && state.choices.countries.find((c) => c.iso2 === iso2);
  return country ? country.name : iso2;
}

function notice(text) {
  $("#notice").textContent = text;
}

function showStatus(message) {
  const banner = $("#status");
  banner.hidden = !message;
  $("#status-text").textContent = message || "";
  document.body.classList.toggle("api-down", Boolean(message));
}

async function busy(label, work) {
  state.pending += 1;
  $("#busy").textContent = `${label}…`;
  try {
    return await work();
  } catch (error) {
    if (error && error.kind === "query") notice(`The API refused the request: ${error.message}`);
    else if (!(error && error.kind)) notice(`Something went wrong in the page: ${error}`);
    return undefined;
  } finally {
    state.pending -= 1;
    if (!state.pending) $("#busy").textContent = "";
  }
}

/** Overlaps and gaps under the current filters, loaded once per filter change. */
function findings() {
  if (!state.findingsLoading) {
    const generation = state.generation;
    state.findingsRequest = new AbortController();
    state.findingsLoading = loadFindings(filters(), countryName, state.findingsRequest.signal).then((found) => {
      if (generation === state.generation) state.findings = found;
      return found;
    });
    state.findingsLoading.catch(() => (state.findingsLoading = null));
  }
  return state.findingsLoading;
}

const network = new NetworkView($("#view-network"), { filters, onNotice: notice });
const findingsData = { get: () => state.findings };
const signals = new GapSignals();
const matrixData = new MatrixData((iso2) => countryName(iso2));
const matrix = new MatrixView($("#view-matrix"), {
  data: matrixData,
  signals,
  filters,
  choices: () => state.choices,
  findings: findingsData,
  onNotice: notice,
  onNetwork: (...args) => openInNetwork(...args),
});
const map = new MapView($("#view-map"), {
  signals,
  filters,
  choices: () => state.choices,
  findings: findingsData,
  matrix,
  onRow: async (iso2) => {
    await select("matrix");
    matrix.focusRow(iso2);
  },
});
const findingsView = new FindingsView($("#view-findings"), {
  findings: findingsData,
  choices: () => state.choices,
  onNetwork: (...args) => openInNetwork(...args),
});

async function openInNetwork(id, kind, label, props, related) {
  await select("network");
  await busy("Loading neighbours", () => network.reveal(id, kind, label, props, related));
}

/** Shows a view's tab; `load: false` leaves its loading to the caller (the page's start). */
function select(view, { load = true } = {}) {
  for (const name of VIEWS) {
    const tab = $(`#tab-${name}`);
    const on = name === view;
    tab.setAttribute("aria-selected", String(on));
    tab.tabIndex = on ? 0 : -1;
    $(`#view-${name}`).hidden = !on;
  }
  state.current = view;
  if (location.hash !== `#${view}`) history.replaceState(null, "", `#${view}`);
  if (view === "network") network.cy.resize();
  return load ? refresh(view) : Promise.resolve();
}

/** Loads what a view shows when the filters changed since it last loaded. */
async function refresh(view) {
  // The network needs no filter choices; the other views draw their rows and columns from them.
  if (!state.stale.has(view) || (!state.choices && view !== "network")) return;
  state.stale.delete(view);
  const generation = state.generation;
  const current = () => generation === state.generation;
  if (view === "network") {
    await busy("Loading the network", () => network.overview());
    return;
  }
  // The matrix and the map need one request (matrix.ensure: coverage, overlaps and gaps together).
  const loads = view === "findings" ? [findings()] : [matrix.ensure()];
  const loaded = await busy(`Loading the ${view === "findings" ? "overlaps and gaps" : view === "map" ? "map" : "coverage matrix"}`, () => Promise.all(loads));
  if (!loaded || !current()) {
    if (!loaded && current()) state.stale.add(view); // else a newer refresh (its requests cancel this one's) is on its way
    return;
  }
  if (view === "matrix") matrix.render();
  if (view === "map") map.render();
  if (view === "findings") findingsView.render();
}

async function loadChoices() {
  const [data, countries, meta] = await Promise.all([gql(FILTER_CHOICES), paged(COUNTRIES, {}, (d) => d.countries), gql(EXPLORER_META)]);
  signals.setKinds(meta.gapKinds);
  slider.setPeriod(meta.projectPeriod);
  const themes = data.themes.nodes;
  state.choices = {
    regions: data.regions,
    themes: themes.filter((t) => t.scheme === "themes"),
    crimeTypes: themes.filter((t) => t.scheme === "crime-types"),
    mechanisms: data.mechanisms.nodes,
    countries: countries.nodes,
  };
  const options = (items, value, label) => items.map((i) => `<option value="${escapeHtml(value(i))}">${escapeHtml(label(i))}</option>`).join("");
  const regions = [...data.regions].sort((a, b) => a.m49.length - b.m49.length || a.name.localeCompare(b.name));
  $("#f-region").insertAdjacentHTML("beforeend", options(regions, (r) => r.m49, (r) => r.name));
  $("#f-crime").insertAdjacentHTML("beforeend", options(state.choices.crimeTypes, (t) => t.notation, (t) => t.prefLabel || t.notation));
  $("#f-mechanism").insertAdjacentHTML("beforeend", options(state.choices.mechanisms, (m) => m.iri, (m) => m.shortName || m.name));
}

/** The network's overview goes out with /health, not after it, and what only the filter bar, the slider and
 *  the other views need (filter choices, countries, the project period) is asked once it is painted: on a
 *  large graph every request the server answers first delays the one the analyst waits for. The other
 *  views draw their rows from the choices, so they ask for them first. */
async function start() {
  const first = state.current === "network" ? refresh("network") : null;
  const status = await health();
  showStatus(status.ok ? "" : status.message);
  if (!status.ok) {
    network.cancel(); // its answer would paint over the banner; the retry asks again
    state.stale.add("network");
    return;
  }
  await first;
  if (!state.choices) await busy("Loading filters", loadChoices);
  if (!state.choices) return;
  await refresh(state.current);
  slider.prefetchNeighbours(); // the slider's first step back paints from an answer asked ahead
}

function wire() {
  onApiStatus((error) => showStatus(error && error.kind !== "query" ? error.message : ""));
  $("#status-retry").addEventListener("click", () => start());
  $("#f-asof").value = today();
  $("#filters").addEventListener("change", () => {
    state.generation += 1;
    state.stale = new Set(VIEWS);
    state.findings = null;
    state.findingsLoading = null;
    if (state.findingsRequest) state.findingsRequest.abort(); // the overlaps and gaps of the filters before
    state.findingsRequest = null;
    if (state.current !== "network") network.cancel();
    if (state.current !== "matrix" && state.current !== "map") matrixData.cancelAll();
    matrix.invalidate();
    updateLinks(document, filters());
    state.refreshing = refresh(state.current);
  });
  signals.onChange(() => {
    if (state.current === "matrix" && matrix.coverage) matrix.render();
    if (state.current === "map" && matrix.coverage && map.drawn) map.render();
    if (state.current !== "matrix") state.stale.add("matrix");
    if (state.current !== "map") state.stale.add("map");
  });
  for (const format of ["svg", "png"]) {
    $(`#export-${format}`).addEventListener("click", () =>
      busy(`Exporting the ${state.current} view`, () => exportView(state.current, { network, matrix, map, findings: findingsView }, format, filters(), notice)),
    );
  }
  updateLinks(document, filters());
  $("#filters").addEventListener("submit", (event) => event.preventDefault());
  const tabs = VIEWS.map((name) => $(`#tab-${name}`));
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => select(tab.dataset.view));
    tab.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (!step) return;
      const next = tabs[(i + step + tabs.length) % tabs.length];
      next.focus();
      select(next.dataset.view);
    });
  });
  config().then((links) => {
    if (links.neo4jBrowser) {
      const a = $("#neo4j-browser");
      a.href = links.neo4jBrowser;
      a.hidden = false;
    }
  });
  const initial = VIEWS.includes(location.hash.slice(1)) ? location.hash.slice(1) : "network";
  select(initial, { load: false });
  start();
}

const slider = new TimeSlider($("#timebar"), {
  input: $("#f-asof"),
  settled: () => Promise.resolve(state.refreshing),
  prefetch: (asOf) => {
    if (state.current === "matrix" || state.current === "map") matrixData.prefetch({ ...filters(), asOf });
    if (state.current === "network") network.prefetch(asOf);
  },
});
const changes = new ChangesPanel($("#timebar"), { signals, choices: () => state.choices, onNotice: notice });

wire();
// Exposed for the browser tests and bench/explorer.py, which time and inspect the views.
window.cograph = { network, matrix, map, findingsView, state, select, filters, slider, changes, signals, matrixData };
