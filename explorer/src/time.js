// Time: a slider (with play) over the as-of date, on the days the API offers (projectPeriod.sliderDays:
// monthly, from the earliest project start to today); it sets the shared filter #f-asof and fires its
// change, so every view follows. And "what changed since": the sync history (GraphQL `changes(since:)`)
// as a list and as highlights on the matrix and map.
import { gql } from "./api.js";
import { CHANGES } from "./queries.js";
import { escapeHtml } from "./text.js";

const PLAY_PAUSE_MS = 700; // how long a step stays on screen once painted, while playing
// Slider moves closer together than this are one move (a held or repeated arrow key): the first commits at
// once, the rest only move the label, and the views follow the last one once the keys pause. Without it
// every repeated key press asked the server for its own matrix, and a cancelled request still runs there.
const BURST_MS = 250;
// What the page lists as changes: records created, updated or withdrawn (a rejected record was never part of
// the graph, and its reasons are for its partner).
const SHOWN_ACTIONS = ["CREATED", "UPDATED", "WITHDRAWN"];
const LISTED = 100;

const parse = (text) => {
  const [y, m, d] = text.split("-").map(Number);
  return { y, m: m - 1, d };
};
const iso = (y, m, d) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);
const daysIn = (y, m) => new Date(Date.UTC(y, m + 1, 0)).getUTCDate();

/** The day `months` months before `today` (YYYY-MM-DD), the day clamped to the month's length. */
export function monthsBefore(today, months) {
  const t = parse(today);
  const total = t.y * 12 + t.m - months;
  const y = Math.floor(total / 12);
  const m = total - y * 12;
  return iso(y, m, Math.min(t.d, daysIn(y, m)));
}

export function readableDate(text) {
  return new Date(`${text}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

export class TimeSlider {
  /** @param settled a function returning a promise that resolves when the views show the current filters
   *  @param prefetch called with an as-of date the player will show next */
  constructor(root, { input, settled, prefetch }) {
    this.root = root;
    this.input = input;
    this.settled = settled;
    this.prefetch = prefetch;
    this.slider = root.querySelector("#time-slider");
    this.output = root.querySelector("#time-date");
    this.play = root.querySelector("#time-play");
    this.today = new Date().toISOString().slice(0, 10);
    this.days = [this.today];
    this.steps = 0;
    this.playing = false;
    this.slider.addEventListener("input", () => this.show());
    this.lastMove = -Infinity; // when the slider last moved (a burst is moves closer than BURST_MS)
    this.trailing = undefined; // the timer committing a burst's last step
    this.slider.addEventListener("change", () => this.moved());
    this.play.addEventListener("click", () => (this.playing ? this.pause() : this.start()));
    input.addEventListener("change", () => this.follow());
  }

  /** The dates from the API's projectPeriod.sliderDays (the server keeps the default view of each ready);
   *  until then, or without them, the slider stays disabled. */
  setPeriod(period) {
    this.days = period && period.sliderDays && period.sliderDays.length ? period.sliderDays : [this.today];
    this.today = this.days[this.days.length - 1];
    this.steps = this.days.length - 1;
    this.slider.min = "0";
    this.slider.max = String(this.steps);
    this.slider.disabled = this.steps === 0;
    this.play.disabled = this.steps === 0;
    this.root.querySelector("#time-range").textContent = `${readableDate(this.dateAt(0))} – today`;
    this.follow();
  }

  dateAt(step) {
    return this.days[Math.max(0, Math.min(this.steps, step))];
  }

  /** The step nearest to a date (the last on or before it). */
  stepOf(date) {
    if (!date || date >= this.today) return this.steps;
    for (let step = this.steps; step > 0; step -= 1) if (this.dateAt(step) <= date) return step;
    return 0;
  }

  show() {
    const date = this.dateAt(Number(this.slider.value));
    const text = readableDate(date);
    this.output.textContent = text;
    this.output.dataset.date = date;
    this.slider.setAttribute("aria-valuetext", `as of ${text}`);
    return date;
  }

  /** A step of the slider (a key press, a drag's release): committed at once unless it follows another
   *  within BURST_MS, in which case the last step of the burst is committed once the moves pause. */
  moved() {
    const now = performance.now();
    const inBurst = now - this.lastMove < BURST_MS;
    this.lastMove = now;
    clearTimeout(this.trailing);
    if (!inBurst) return this.commit();
    this.show();
    this.trailing = setTimeout(() => this.commit(), BURST_MS);
  }

  /** Sets the shared as-of filter to the slider's date and lets the page refresh its view. */
  commit() {
    const date = this.show();
    if (this.input.value === date) return;
    this.input.value = date;
    this.committing = true;
    this.input.dispatchEvent(new Event("change", { bubbles: true }));
    this.committing = false;
    if (!this.playing) this.prefetchNeighbours();
  }

  /** Once a step is shown, the steps on either side are asked ahead of need: the next key press, or a
   *  drag's last move, usually lands on one of them, which then paints from the answer already there. */
  async prefetchNeighbours() {
    const step = Number(this.slider.value);
    await this.settled();
    if (this.playing || Number(this.slider.value) !== step) return;
    for (const next of [step - 1, step + 1]) if (next >= 0 && next <= this.steps) this.prefetch(this.dateAt(next));
  }

  /** The as-of date was typed in the filter bar: the slider moves to it (the typed date stays). */
  follow() {
    if (this.committing) return;
    this.slider.value = String(this.stepOf(this.input.value));
    this.show();
    if (this.input.value) this.output.textContent = readableDate(this.input.value);
  }

  async start() {
    if (this.playing || !this.steps) return;
    this.playing = true;
    this.play.setAttribute("aria-pressed", "true");
    this.play.textContent = "⏸ Pause";
    if (Number(this.slider.value) >= this.steps) this.slider.value = "0";
    else this.slider.value = String(Number(this.slider.value) + 1);
    while (this.playing) {
      this.commit();
      const next = Number(this.slider.value) + 1;
      if (next <= this.steps) this.prefetch(this.dateAt(next));
      await this.settled();
      if (!this.playing || next > this.steps) break;
      await new Promise((resolve) => setTimeout(resolve, PLAY_PAUSE_MS));
      if (!this.playing) break;
      this.slider.value = String(next);
    }
    this.pause();
  }

  pause() {
    this.playing = false;
    this.play.setAttribute("aria-pressed", "false");
    this.play.textContent = "▶ Play";
  }
}

/** "What changed since": the history of the syncs, listed, and the changed projects' cells highlighted. */
export class ChangesPanel {
  constructor(root, { signals, choices, onNotice }) {
    this.root = root;
    this.signals = signals;
    this.choices = choices;
    this.onNotice = onNotice;
    const since = root.querySelector("#changes-since");
    since.value = monthsBefore(new Date().toISOString().slice(0, 10), 1);
    root.querySelector("#changes-form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.show(since.value);
    });
    root.querySelector("#changes-clear").addEventListener("click", () => this.clear());
  }

  clear() {
    this.root.querySelector("#changes-list").innerHTML = "";
    this.root.querySelector("#changes-count").textContent = "";
    this.signals.setChanged({ cells: new Set(), countries: new Set(), since: null });
  }

  /** The theme and every broader theme (the matrix rolls a project up to them). */
  rolledUp(notation) {
    const themes = this.choices().themes;
    const out = new Set();
    const pending = [notation];
    while (pending.length) {
      const n = pending.pop();
      if (out.has(n)) continue;
      out.add(n);
      const theme = themes.find((t) => t.notation === n);
      for (const b of (theme && theme.broader) || []) pending.push(b.notation);
    }
    return out;
  }

  async show(since) {
    if (!since) {
      this.onNotice("Choose the date to list the changes since.");
      return;
    }
    const data = await gql(CHANGES, { since: `${since}T00:00:00Z`, first: LISTED, actions: SHOWN_ACTIONS });
    const changes = data.changes.nodes;
    const cells = new Set();
    const countries = new Set();
    for (const change of changes) {
      const p = change.project;
      if (!p) continue;
      for (const { country } of p.countries) {
        countries.add(country.iso2);
        for (const t of p.themes) for (const n of this.rolledUp(t.notation)) cells.add(`${country.iso2}|${n}`);
      }
    }
    const total = data.changes.totalCount;
    this.root.querySelector("#changes-count").textContent =
      `${total} change${total === 1 ? "" : "s"} since ${readableDate(since)}` +
      (total > changes.length ? ` (the first ${changes.length} listed and highlighted)` : "") +
      `; ${countries.size} countr${countries.size === 1 ? "y" : "ies"} highlighted.`;
    this.root.querySelector("#changes-list").innerHTML = changes
      .map(
        (c) => `<li data-action="${escapeHtml(c.action)}" data-project="${escapeHtml(c.project ? c.project.iri : "")}">
          <span class="action">${escapeHtml(c.action.toLowerCase())}</span>
          <strong>${escapeHtml((c.project && c.project.title) || c.identifier || c.iri)}</strong>
          <span class="count">${escapeHtml(c.identifier || "")} · ${escapeHtml(c.partner || "")} · ${escapeHtml(c.changedAt.slice(0, 16).replace("T", " "))} UTC${c.changedFields.length ? ` · ${escapeHtml(c.changedFields.join(", "))}` : ""}</span></li>`,
      )
      .join("") || '<li class="hint">Nothing changed since then.</li>';
    this.signals.setChanged({ cells, countries, since: readableDate(since) });
  }
}
