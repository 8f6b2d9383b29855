// Core20 Monitor dashboard: state, selectors, REST loading and live updates over Server-Sent Events.

import { el, replaceChildren } from './dom.js';
import {
  TONE_COLOURS, comparison, fmtClock, fmtInstant, fmtInterval, fmtPeriod, lowerFirst, withUnit,
} from './format.js';
import { chartsAvailable, renderChart } from './charts.js';
import { renderQuality, renderTable, summarise } from './tables.js';

const STALE_AFTER_MS = 60_000; // no event for this long → treat the stream as stale and reconnect
const $ = (id) => document.getElementById(id);

const state = {
  metrics: [],          // from /api/meta, in order
  breakdowns: [],
  selection: { icb: '', period: '', by: 'imd_quintile' },
  generation: 0,        // bumped on every selection change; late responses for older selections are ignored
  abort: null,          // AbortController for the current REST requests
  views: new Map(),     // metric id → {view, json}
  errors: new Map(),    // metric id → message shown instead of data
  es: null,             // current EventSource
  lastEventAt: 0,
  reconnectTimer: null,
  reconnectDelay: 2000,
};

const ui = {};

// ---------- helpers ----------

async function getJson(url, signal) {
  const res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  let body = null;
  try { body = await res.json(); } catch { /* not JSON */ }
  if (!res.ok) {
    const err = new Error((body && body.error) || res.statusText || `HTTP ${res.status}`);
    err.status = res.status;
    throw err;
  }
  return body;
}

function errorText(err) {
  switch (err.status) {
    case 404: return 'No data yet for this selection.';
    case 400: return `The server could not show this selection: ${err.message}`;
    case 401: return 'You need to sign in to see these figures.';
    case 403: return 'You do not have access to these figures.';
    case undefined: return 'Could not reach the server. The page will keep trying to reconnect.';
    default: return `Something went wrong (HTTP ${err.status}): ${err.message}`;
  }
}

function parse(data) {
  try { return JSON.parse(data); } catch { return null; }
}

const metricById = (id) => state.metrics.find((m) => m.id === id);
const breakdownLabel = () => (state.breakdowns.find((b) => b.id === state.selection.by) || {}).label || state.selection.by;
const icbId = (icb) => (typeof icb === 'string' ? icb : icb.id || icb.code);
const icbName = (icb) => (typeof icb === 'string' ? icb : icb.name ? `${icb.name} (${icbId(icb)})` : icbId(icb));

// ---------- page skeleton ----------

function option(value, text, selected) {
  const o = el('option', { value }, text);
  o.selected = !!selected;
  return o;
}

function buildSelectors(meta) {
  const params = new URLSearchParams(window.location.search);
  const periods = meta.periods || [];
  const icbs = (meta.icbs || []).map((i) => ({ id: icbId(i), name: icbName(i) }));
  state.breakdowns = meta.breakdowns && meta.breakdowns.length ? meta.breakdowns
    : [{ id: 'imd_quintile', label: 'IMD quintile' }, { id: 'ethnicity_group', label: 'Ethnicity group' }];

  const wantIcb = params.get('icb') || '';
  const wantPeriod = params.get('period');
  const wantBy = params.get('by');
  state.selection.icb = icbs.some((i) => i.id === wantIcb) ? wantIcb : '';
  state.selection.period = periods.includes(wantPeriod) ? wantPeriod : periods[periods.length - 1] || '';
  state.selection.by = state.breakdowns.some((b) => b.id === wantBy) ? wantBy
    : (state.breakdowns.find((b) => b.id === 'imd_quintile') || state.breakdowns[0]).id;

  replaceChildren(ui.icb, option('', 'England', state.selection.icb === ''),
    icbs.map((i) => option(i.id, i.name, i.id === state.selection.icb)));
  // Latest period first; the option text is the month name, the value the YYYY-MM id.
  replaceChildren(ui.period, [...periods].reverse().map((p) => option(p, fmtPeriod(p), p === state.selection.period)));
  replaceChildren(ui.by, state.breakdowns.map((b) => option(b.id, b.label, b.id === state.selection.by)));
}

function legendItem(tone, dir, text) {
  return el('li', {},
    el('span', { class: `swatch swatch--${dir || 'solid'}`, style: `background-color:${TONE_COLOURS[tone]}`, 'aria-hidden': 'true' }),
    text);
}

function legendFor(metric) {
  const lower = comparison('lower', metric.direction);
  const higher = comparison('higher', metric.direction);
  return el('ul', { class: 'legend' },
    legendItem('similar', null, 'Similar to overall'),
    legendItem(lower.tone, 'lower', `Striped, ▼: significantly lower than overall${lower.tone === 'neutral' ? '' : ` (${lower.tone})`}`),
    legendItem(higher.tone, 'higher', `Dotted, ▲: significantly higher than overall${higher.tone === 'neutral' ? '' : ` (${higher.tone})`}`),
    el('li', {}, el('span', { class: 'swatch-star', 'aria-hidden': 'true' }, '*'), 'Suppressed (small numbers): no bar'));
}

function definition(metric) {
  const rows = [
    ['Numerator', metric.numerator],
    ['Denominator', metric.denominator],
    [metric.target != null ? 'Target' : 'Target or context',
      metric.target_text || (metric.direction === 'CONTEXT' ? 'No national target: shown for context' : null)],
    ['Interval', metric.interval],
    ['Direction', { HIGHER_IS_BETTER: 'Higher is better', LOWER_IS_BETTER: 'Lower is better', CONTEXT: 'Context (neither higher nor lower is better)' }[metric.direction]],
  ].filter(([, v]) => v);
  return el('details', { class: 'definition' },
    el('summary', {}, 'Definition'),
    el('dl', {}, rows.map(([k, v]) => el('div', {}, el('dt', {}, k), el('dd', {}, v)))));
}

function buildSections() {
  replaceChildren(ui.metrics, state.metrics.map((m) => {
    const id = m.id;
    return el('section', { id: `metric-${id}`, class: 'metric', 'aria-labelledby': `heading-${id}` },
      el('div', { class: 'metric-head' },
        el('h2', { id: `heading-${id}` }, m.label),
        el('p', { class: 'metric-updated', id: `updated-${id}` })),
      el('p', { class: 'overall', id: `overall-${id}` }),
      el('p', { class: 'message', id: `message-${id}`, role: 'status' }, 'Loading…'),
      el('div', { class: 'metric-body', id: `body-${id}`, hidden: true },
        el('div', { class: 'chart-col' },
          el('figure', { class: 'chart-figure' },
            el('div', { class: 'chart-box' },
              el('canvas', { id: `chart-${id}`, role: 'img', 'aria-label': `Chart of ${m.label}` },
                'Chart of the figures in the table.')),
            el('figcaption', {},
              el('p', { class: 'chart-key' }, 'Bars: value; whiskers: 95% confidence interval; dashed line: overall'),
              legendFor(m))),
          el('div', { class: 'summary', id: `summary-${id}` })),
        el('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': `table-${id}-caption` },
          el('table', { id: `table-${id}`, class: 'data-table' }))),
      definition(m));
  }));
}

// ---------- rendering a metric ----------

function showMessage(metricId, text) {
  const msg = $(`message-${metricId}`);
  msg.textContent = text;
  msg.hidden = false;
  $(`body-${metricId}`).hidden = true;
  $(`overall-${metricId}`).hidden = true;
  $(`updated-${metricId}`).textContent = '';
}

function renderOverall(metric, view) {
  const o = view.overall || {};
  // "Target: …" only for a real target; otherwise the catalogue's text stands alone ("Lower is better").
  const target = metric.target_text ? `${metric.target != null ? 'Target: ' : ''}${metric.target_text}` : null;
  // A value can be missing without being hidden (no 2019/20 baseline, no data): say why, from the notes.
  const value = typeof o.value === 'number'
    ? [el('strong', {}, withUnit(o.value, metric.unit)),
      typeof o.lower === 'number' ? ` (95% CI ${fmtInterval(o.lower, o.upper)})` : '']
    : o.suppressed ? [el('strong', {}, '*'), ' (suppressed)']
      : [el('strong', {}, '–'), ` (${(view.notes && view.notes[0]) || 'no data'})`];
  replaceChildren($(`overall-${metric.id}`),
    'All patients: ', ...value,
    target ? el('span', { class: 'sep', 'aria-hidden': 'true' }, ' · ') : null,
    target ? el('span', { class: 'target' }, target) : null,
    view.provisional ? ' ' : null,
    view.provisional ? el('strong', { class: 'tag tag--provisional', title: 'Figures may change as late records arrive' }, 'Provisional') : null);
}

function renderView(metric, view) {
  const id = metric.id;
  $(`message-${id}`).hidden = true;
  $(`overall-${id}`).hidden = false;
  $(`body-${id}`).hidden = false;
  renderOverall(metric, view);
  const drawn = renderChart($(`chart-${id}`), view, metric, breakdownLabel());
  if (!drawn) $(`chart-${id}`).closest('.chart-box').dataset.unavailable = 'Chart unavailable: see the table.';
  renderTable($(`table-${id}`), view, metric, breakdownLabel());
  replaceChildren($(`summary-${id}`), summarise(view, metric, breakdownLabel()).map((s) => el('p', {}, s)));
  const asOf = fmtInstant(view.updated_at);
  $(`updated-${id}`).textContent = asOf ? `Figures as of ${asOf} (UK time)` : '';
}

function flash(section) {
  section.classList.remove('flash');
  void section.offsetWidth; // restart the animation
  section.classList.add('flash');
}

function matchesSelection(view) {
  const s = state.selection;
  const scope = view.scope || {};
  return view.period === s.period && view.breakdown === s.by && (scope.icb || '') === s.icb
    && !scope.provider && !scope.specialty && !scope.area && !!metricById(view.metric);
}

/** Apply a view from the REST API or the stream, unless it is for another selection or older than what is shown. */
function receiveView(view) {
  if (!view || !matchesSelection(view)) return;
  const metric = metricById(view.metric);
  const previous = state.views.get(metric.id);
  if (previous && Date.parse(view.updated_at) < Date.parse(previous.view.updated_at)) return;
  const json = JSON.stringify(view);
  state.errors.delete(metric.id);
  ui.lastUpdate.textContent = `Updated ${fmtClock()}`;
  if (previous && previous.json === json) return;
  state.views.set(metric.id, { view, json });
  renderView(metric, view);
  if (previous) flash($(`metric-${metric.id}`));
}

// ---------- live connection ----------

function setLive(live, reason) {
  ui.status.textContent = live ? 'Live' : 'Reconnecting…';
  ui.status.dataset.state = live ? 'live' : 'reconnecting';
  if (reason) ui.staleReason.textContent = reason;
  ui.stale.hidden = live;
}

function closeStream() {
  clearTimeout(state.reconnectTimer);
  if (state.es) state.es.close();
  state.es = null;
}

function openStream() {
  closeStream();
  if (!state.selection.period || !state.metrics.length) return;
  const s = state.selection;
  const query = [`metric=${state.metrics.map((m) => encodeURIComponent(m.id)).join(',')}`,
    `period=${encodeURIComponent(s.period)}`, `by=${encodeURIComponent(s.by)}`];
  if (s.icb) query.push(`icb=${encodeURIComponent(s.icb)}`);
  const es = new EventSource(`/api/stream?${query.join('&')}`);
  state.es = es;
  state.lastEventAt = Date.now();

  const on = (type, handler) => es.addEventListener(type, (e) => {
    if (state.es !== es) return; // from a stream we have since closed
    state.lastEventAt = Date.now();
    handler(e);
  });
  on('view', (e) => receiveView(parse(e.data)));
  on('quality', (e) => { const q = parse(e.data); if (q) showQuality(q); });
  on('ready', () => {
    state.reconnectDelay = 2000;
    setLive(true);
    // The server has sent every view that exists; the rest have no data yet.
    for (const m of state.metrics) {
      if (!state.views.has(m.id) && !state.errors.has(m.id)) showMessage(m.id, 'No data yet for this selection.');
    }
  });
  on('heartbeat', () => {}); // a named heartbeat, if the server sends one, keeps the stream fresh
  on('message', () => {});
  es.onerror = () => {
    if (state.es !== es) return;
    setLive(false, 'The connection to the server was lost.');
    if (es.readyState === EventSource.CLOSED) {
      // The browser gave up (e.g. an HTTP error status): retry ourselves, backing off to one minute.
      state.reconnectTimer = setTimeout(openStream, state.reconnectDelay);
      state.reconnectDelay = Math.min(state.reconnectDelay * 2, 60_000);
    }
  };
}

function checkStale() {
  if (!state.es || ui.stale.hidden === false) return;
  if (Date.now() - state.lastEventAt > STALE_AFTER_MS) {
    setLive(false, 'No update has arrived for over a minute.');
    openStream(); // a fresh connection resends the current state and ends with "ready"
  }
}

// ---------- data quality ----------

function showQuality(q) {
  ui.qualityMessage.hidden = true;
  renderQuality(ui.quality, q);
}

async function loadQuality(signal) {
  try {
    showQuality(await getJson('/api/quality', signal));
  } catch (err) {
    if (err.name === 'AbortError') return;
    ui.qualityMessage.textContent = err.status === 404 ? 'No data-quality figures yet.' : errorText(err);
    ui.qualityMessage.hidden = false;
  }
}

// ---------- selection ----------

function describeSelection() {
  const s = state.selection;
  const where = s.icb ? `ICB ${ui.icb.selectedOptions[0]?.textContent || s.icb}` : 'England';
  ui.selectionSummary.textContent = `Showing ${where}, ${fmtPeriod(s.period)}, by ${lowerFirst(breakdownLabel())}.`;
}

function applySelection() {
  state.generation += 1;
  const generation = state.generation;
  if (state.abort) state.abort.abort();
  state.abort = new AbortController();
  const { signal } = state.abort;
  state.views.clear();
  state.errors.clear();

  const s = state.selection;
  const url = new URL(window.location.href);
  for (const [k, v] of Object.entries({ icb: s.icb, period: s.period, by: s.by })) {
    if (v) url.searchParams.set(k, v); else url.searchParams.delete(k);
  }
  window.history.replaceState(null, '', url);
  describeSelection();

  for (const m of state.metrics) {
    showMessage(m.id, 'Loading…');
    const q = new URLSearchParams({ metric: m.id, period: s.period, by: s.by });
    if (s.icb) q.set('icb', s.icb);
    getJson(`/api/views?${q}`, signal)
      .then((view) => { if (generation === state.generation) receiveView(view); })
      .catch((err) => {
        if (err.name === 'AbortError' || generation !== state.generation || state.views.has(m.id)) return;
        state.errors.set(m.id, err);
        showMessage(m.id, errorText(err));
      });
  }
  loadQuality(signal);
  openStream();
}

function onSelectorChange() {
  // Choosing an older month stops the page from moving on to new months as they arrive.
  state.followLatest = ui.period.selectedIndex === 0;
  state.selection = { icb: ui.icb.value, period: ui.period.value, by: ui.by.value };
  applySelection();
}

/**
 * New months and ICBs appear while data flows (a replay fills a year in about a minute): refresh the
 * selectors, and move on to the newest month when the reader was looking at the latest one.
 */
async function refreshMeta() {
  let meta;
  try {
    meta = await getJson('/api/meta');
  } catch (err) {
    return; // the stale banner already reports a lost connection
  }
  const periods = meta.periods || [];
  const known = [...ui.period.options].map((o) => o.value);
  const icbs = (meta.icbs || []).map(icbId);
  const knownIcbs = [...ui.icb.options].map((o) => o.value).filter((v) => v);
  if (periods.length === known.length && icbs.length === knownIcbs.length) return;
  const before = { ...state.selection };
  const latest = periods[periods.length - 1];
  const keep = new URLSearchParams({ icb: before.icb, by: before.by });
  if (!state.followLatest) keep.set('period', before.period);
  history.replaceState(null, '', `?${keep}`);
  buildSelectors(meta);
  if (state.followLatest) state.selection.period = latest;
  ui.period.value = state.selection.period;
  if (!state.metrics.length) state.metrics = meta.metrics || [];
  if (!document.getElementById(`metric-${state.metrics[0] && state.metrics[0].id}`)) buildSections();
  if (state.selection.period !== before.period || state.selection.icb !== before.icb) applySelection();
}

// ---------- start ----------

async function start() {
  Object.assign(ui, {
    icb: $('icb-select'), period: $('period-select'), by: $('breakdown-select'),
    metrics: $('metrics'), status: $('connection-status'), lastUpdate: $('last-update'),
    stale: $('stale-banner'), staleReason: $('stale-reason'), pageError: $('page-error'),
    selectionSummary: $('selection-summary'), qualityMessage: $('quality-message'),
    quality: {
      accepted: $('quality-accepted'), duplicate: $('quality-duplicate'), rejected: $('quality-rejected'),
      lastEvent: $('quality-last-event'), reasons: $('quality-reasons'),
    },
  });
  $('filters').addEventListener('submit', (e) => { e.preventDefault(); onSelectorChange(); });
  for (const select of [ui.icb, ui.period, ui.by]) select.addEventListener('change', onSelectorChange);

  if (!chartsAvailable()) {
    ui.pageError.textContent = 'Charts could not be loaded; the figures are shown in tables only.';
    ui.pageError.hidden = false;
  }

  let meta;
  try {
    meta = await getJson('/api/meta');
  } catch (err) {
    replaceChildren(ui.metrics, el('p', { class: 'message' },
      `Could not load the list of metrics. ${errorText(err)} `,
      el('button', { type: 'button', class: 'button' }, 'Try again')));
    ui.metrics.querySelector('button').addEventListener('click', () => window.location.reload());
    ui.status.textContent = 'Offline';
    ui.status.dataset.state = 'reconnecting';
    return;
  }
  state.metrics = meta.metrics || [];
  state.followLatest = !new URLSearchParams(window.location.search).get('period');
  buildSelectors(meta);
  setInterval(refreshMeta, 15000);
  setInterval(checkStale, 5000);
  window.addEventListener('pagehide', closeStream);
  window.addEventListener('pageshow', (e) => { if (e.persisted) openStream(); }); // back/forward cache
  if (!state.metrics.length || !state.selection.period) {
    replaceChildren(ui.metrics, el('p', { class: 'message' }, 'No data has arrived yet; this page will show it when it does.'));
    loadQuality();
    return;
  }
  buildSections();
  applySelection();
}

start();
