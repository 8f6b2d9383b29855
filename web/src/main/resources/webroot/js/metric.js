// The metric page: one metric for an ICB (or England), drilled down to a provider, specialty or
// clinical area, by every breakdown, with the SII chart and the Making Data Count trend.

import { el, replaceChildren } from './dom.js';
import { errorText, getJson, query, setUrlParams, urlParams } from './api.js';
import {
  TONE_COLOURS, comparison, differenceUnit, fmtInstant, fmtInterval, fmtPeriod, fmtValue, lowerFirst, withUnit,
} from './format.js';
import { chartsAvailable, renderChart } from './charts.js';
import { renderTable, summarise } from './tables.js';
import { renderSii, renderSiiTable, renderXmr, renderXmrTable } from './trend.js';
import { renderBenchmarks, renderTrajectories } from './outlook.js';
import { LiveStream, flash } from './live.js';
import {
  definitionList, drillFromParams, drillParams, fillDrill, fillSelect, icbItems, loadMeta, periodItems, qualityMessage,
  qualityPanel, scopeName, spcIcons,
} from './shell.js';

const $ = (id) => document.getElementById(id);
const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

/** The breakdowns shown, in order. */
const BREAKDOWNS = ['imd_quintile', 'imd_decile', 'ethnicity_group', 'ethnicity', 'age_band', 'sex'];

const state = {
  meta: null, metric: null, icb: '', drill: '', period: '', from: '', to: '', followLatest: true,
  views: new Map(), series: null, generation: 0, seriesTimer: null,
};
let live;
let showQuality;

const breakdownLabel = (by) => (state.meta.breakdowns.find((b) => b.id === by) || {}).label || by;
const scopeParams = () => ({ icb: state.icb, ...drillParams(state.drill) });

// ---------- skeleton ----------

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

function chartFigure(id, caption, extra) {
  return el('figure', { class: 'chart-figure' },
    el('div', { class: 'chart-box' }, el('canvas', { id, role: 'img', 'aria-label': caption }, 'Chart of the figures in the table.')),
    el('figcaption', {}, el('p', { class: 'chart-key' }, caption), extra || null));
}

function tableWrap(id) {
  return el('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': `${id}-caption` },
    el('table', { id, class: 'data-table' }, el('caption', { id: `${id}-caption` }, 'Loading…')));
}

function buildSections() {
  const m = state.metric;
  replaceChildren($('breakdowns'), BREAKDOWNS.map((by) => el('section', {
    id: `section-${by}`, class: 'metric', 'aria-labelledby': `heading-${by}`,
  },
  el('div', { class: 'metric-head' },
    el('h2', { id: `heading-${by}` }, `By ${lowerFirst(breakdownLabel(by))}`),
    el('p', { class: 'metric-updated', id: `updated-${by}` })),
  el('p', { class: 'message', id: `message-${by}`, role: 'status' }, 'Loading…'),
  el('p', { class: 'quality-note', id: `unknown-${by}`, hidden: true }),
  el('div', { class: 'metric-body', id: `body-${by}`, hidden: true },
    el('div', { class: 'chart-col' },
      chartFigure(`chart-${by}`, 'Bars: value; whiskers: 95% confidence interval; dashed line: all patients', legendFor(m)),
      el('div', { class: 'summary', id: `summary-${by}` })),
    tableWrap(`table-${by}`)),
  by === 'imd_quintile' ? el('div', { class: 'sii', id: 'sii-block', hidden: true },
    el('h3', {}, 'Slope index of inequality'),
    el('p', { class: 'hint' }, 'The SII is the fitted difference between the least and the most deprived ends of the population (least deprived minus most deprived), using every quintile weighted by its size; the RII is their ratio.'),
    el('div', { class: 'metric-body' },
      el('div', { class: 'chart-col' }, chartFigure('sii-chart', 'Points: each quintile at its position from most to least deprived, with 95% intervals; dashed line: fitted slope')),
      el('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-label': 'Slope index of inequality table' },
        el('table', { id: 'sii-table', class: 'data-table' })))) : null)));
}

function definition(m) {
  replaceChildren($('definition-list'), definitionList(m));
}

// ---------- rendering ----------

function showMessage(by, text) {
  $(`message-${by}`).textContent = text;
  $(`message-${by}`).hidden = false;
  $(`body-${by}`).hidden = true;
  $(`unknown-${by}`).hidden = true;
  if (by === 'imd_quintile') $('sii-block').hidden = true;
}

function renderHeadline() {
  const m = state.metric;
  const entry = state.views.get('imd_quintile') || [...state.views.values()][0];
  if (!entry) return;
  const view = entry.view;
  const o = view.overall || {};
  const target = m.target_text ? (m.target != null ? `Target: ${lowerFirst(m.target_text)}` : m.target_text) : null;
  const value = isNum(o.value)
    ? [el('strong', { id: 'overall-value' }, withUnit(o.value, m.unit)), isNum(o.lower) ? ` (95% CI ${fmtInterval(o.lower, o.upper, m.unit)})` : '']
    : o.suppressed ? [el('strong', { id: 'overall-value' }, '*'), ' (suppressed)']
      : [el('strong', { id: 'overall-value' }, '–'), ` (${(view.notes && view.notes[0]) || 'no data'})`];
  replaceChildren($('overall'), `All patients, ${fmtPeriod(view.period)}: `, ...value,
    target ? el('span', { class: 'sep', 'aria-hidden': 'true' }, ' · ') : null, target ? el('span', { class: 'target' }, target) : null,
    view.provisional ? ' ' : null,
    view.provisional ? el('strong', { class: 'tag tag--provisional', title: 'Figures may change as late records arrive' }, 'Provisional') : null,
    view.as_of ? ` (waiting list as at ${view.as_of})` : null);

  const notes = [];
  const eth = state.views.get('ethnicity_group');
  const imd = state.views.get('imd_quintile');
  if (eth && isNum(eth.view.unknown_share)) notes.push(`Ethnicity not known for ${fmtValue(eth.view.unknown_share)}% of this metric's records${eth.view.unknown_share >= 5 ? ': ethnicity gaps may be an artefact of recording' : ''}.`);
  if (imd && isNum(imd.view.unknown_share)) notes.push(`No deprivation decile (postcode area not known or not mapped) for ${fmtValue(imd.view.unknown_share)}% of this metric's records${imd.view.unknown_share >= 2 ? ': deprivation gaps may be an artefact' : ''}.`);
  replaceChildren($('metric-quality'), notes.map((n) => el('li', {}, n)));
}

/** "The gap is wider than in September": this month's Q1–Q5 gap against the month before's. */
function gapChange(view) {
  if (!state.series || !view.inequality || !isNum(view.inequality.gap)) return null;
  const months = state.series.views.map((v) => v.period);
  const at = months.indexOf(view.period);
  if (at < 1) return null;
  const before = state.series.views[at - 1];
  const prev = before.inequality && before.inequality.gap;
  if (!isNum(prev)) return null;
  const now = Math.abs(view.inequality.gap);
  const then = Math.abs(prev);
  const du = differenceUnit(state.metric.unit);
  const word = now > then + 0.05 ? 'wider' : now < then - 0.05 ? 'narrower' : 'about the same as';
  return `The gap between the most and least deprived 20% is ${word}${word.endsWith('as') ? '' : ' than'} in ${fmtPeriod(before.period)} (${fmtValue(Math.abs(view.inequality.gap))} against ${fmtValue(then)} ${du}).`;
}

function renderBreakdown(by, view) {
  const m = state.metric;
  $(`message-${by}`).hidden = true;
  $(`body-${by}`).hidden = false;
  const label = breakdownLabel(by);
  const drawn = renderChart($(`chart-${by}`), view, m, label);
  if (!drawn) $(`chart-${by}`).closest('.chart-box').dataset.unavailable = 'Chart unavailable: see the table.';
  renderTable($(`table-${by}`), view, m, label);
  const sentences = summarise(view, m, label);
  if (by === 'imd_quintile') {
    const change = gapChange(view);
    if (change) sentences.splice(2, 0, change);
  }
  replaceChildren($(`summary-${by}`), sentences.map((s) => el('p', {}, s)));
  const unknown = $(`unknown-${by}`);
  unknown.hidden = !isNum(view.unknown_share);
  unknown.textContent = isNum(view.unknown_share) ? `Not known: ${fmtValue(view.unknown_share)}% of records in this breakdown.` : '';
  const asOf = fmtInstant(view.updated_at);
  $(`updated-${by}`).textContent = asOf ? `Figures as of ${asOf} (UK time)` : '';
  if (by === 'imd_quintile') {
    const hasSii = view.inequality && (isNum(view.inequality.sii) || (view.inequality.fit || []).length);
    $('sii-block').hidden = !hasSii;
    if (hasSii) {
      renderSii($('sii-chart'), view, m);
      renderSiiTable($('sii-table'), view, m);
    }
  }
}

function receiveView(view) {
  const by = view.breakdown;
  const scope = view.scope || {};
  const want = scopeParams();
  if (view.metric !== state.metric.id || view.period !== state.period || !BREAKDOWNS.includes(by)
    || (scope.icb || '') !== (want.icb || '') || (scope.provider || '') !== (want.provider || '')
    || (scope.specialty || '') !== (want.specialty || '') || (scope.area || '') !== (want.area || '')) return;
  const previous = state.views.get(by);
  if (previous && Date.parse(view.updated_at) < Date.parse(previous.view.updated_at)) return;
  const json = JSON.stringify(view);
  if (previous && previous.json === json) return;
  state.views.set(by, { view, json });
  renderBreakdown(by, view);
  if (by === 'imd_quintile' || by === 'ethnicity_group' || !previous) renderHeadline();
  live.updated();
  if (previous) {
    flash($(`section-${by}`));
    if (by === 'imd_quintile') flash($('headline'));
    scheduleSeries();
  }
}

function trendBlock(id, heading, chartInfo, tableInfo, icons, sentence) {
  return el('div', { class: 'trend-block', id: `${id}-block` },
    el('h3', {}, heading), icons, sentence ? el('p', { class: 'summary-line' }, sentence) : null,
    el('div', { class: 'metric-body' },
      el('div', { class: 'chart-col' }, chartFigure(id, chartInfo)),
      el('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': `${id}-table-caption` },
        el('table', { id: `${id}-table`, class: 'data-table' }, el('caption', { id: `${id}-table-caption` }, tableInfo)))));
}

function renderTrend(series) {
  const m = state.metric;
  const periods = series.views.map((v) => v.period);
  if (!periods.length) {
    replaceChildren($('trend-body'), el('p', { class: 'message' }, 'No months with data in this range.'));
    return;
  }
  const range = `${fmtPeriod(periods[0])} to ${fmtPeriod(periods[periods.length - 1])}`;
  const hasBaseline = series.baseline && series.baseline.some(isNum);
  const blocks = [trendBlock('xmr-overall', `${m.label}: all patients`,
    `Values with the mean (solid), process limits (dashed grey)${isNum(m.target) ? ', target (dotted red)' : ''}${hasBaseline ? ', same month of 2019/20' : ''}; special-cause points are larger, in orange (concerning, ▲) or blue (improving, ◆).`,
    `${m.label}, all patients, ${range}`, spcIcons(series.overall.variation, series.overall.assurance), null)];
  if (series.gap) {
    blocks.push(trendBlock('xmr-gap', 'Gap: most deprived 20% minus least deprived 20%',
      'The gap each month, with its mean and process limits. A gap further from zero is a wider inequality.',
      `Gap between quintiles 1 and 5, ${range} (${differenceUnit(m.unit) || 'difference'})`,
      spcIcons(series.gap.variation, 'NONE'), null));
  }
  // Rebuild only when the months or blocks change; otherwise update the charts in place.
  const key = `${periods.join()}|${!!series.gap}`;
  if ($('trend-body').dataset.key !== key) {
    replaceChildren($('trend-body'), blocks);
    $('trend-body').dataset.key = key;
  } else {
    for (const b of blocks) $(b.id).querySelector('.spc-line').replaceWith(b.querySelector('.spc-line'));
  }
  renderXmr($('xmr-overall'), { periods, chart: series.overall, target: m.target, baseline: series.baseline, unit: m.unit, direction: m.direction, label: m.label });
  renderXmrTable($('xmr-overall-table'), { periods, chart: series.overall, baseline: series.baseline, unit: m.unit, direction: m.direction, views: series.views, caption: `${m.label}, all patients, ${range}` });
  if (series.gap) {
    // The gap of a "higher is better" metric is better when higher (less negative), and so on.
    renderXmr($('xmr-gap'), { periods, chart: series.gap, target: null, baseline: null, unit: differenceUnit(m.unit), direction: m.direction, label: 'Gap, most minus least deprived' });
    renderXmrTable($('xmr-gap-table'), { periods, chart: series.gap, unit: differenceUnit(m.unit), direction: m.direction, views: series.views, gap: true, caption: `Gap between quintiles 1 and 5, ${range}` });
  }
  const at = periods.indexOf(state.period);
  const base = at >= 0 && hasBaseline ? series.baseline[at] : null;
  $('baseline-line').hidden = !isNum(base);
  const [, month] = state.period.split('-');
  const then = `${+month >= 4 ? 2019 : 2020}-${month}`;
  $('baseline-line').textContent = isNum(base) ? `${fmtPeriod(then)}, the same month of 2019/20: ${withUnit(base, m.unit)}.` : '';
}

async function loadSeries(generation) {
  try {
    const series = await getJson(`/api/series?${query({ metric: state.metric.id, ...scopeParams(), by: 'imd_quintile', from: state.from, to: state.to })}`);
    if (generation !== state.generation) return;
    state.series = series;
    renderTrend(series);
    const q = state.views.get('imd_quintile');
    if (q) renderBreakdown('imd_quintile', q.view);
  } catch (err) {
    // A failed refresh keeps the charts already shown (the stale banner says why); a first load says so.
    if (generation !== state.generation || state.series) return;
    replaceChildren($('trend-body'), el('p', { class: 'message' }, errorText(err)));
  }
}

/** Trajectories against the national target and, for a whole ICB, benchmarks against England and peers. */
async function loadOutlook(generation) {
  const m = state.metric;
  const scope = scopeParams();
  if (m.target == null) {
    replaceChildren($('outlook-body'), el('p', { class: 'message' }, 'This metric has no national target, so there is no trajectory to project.'));
  } else {
    try {
      const [core20, ethnicity] = await Promise.all(['core20', 'ethnicity_group'].map((by) => getJson(`/api/trajectories?${query({ metric: m.id, period: state.period, ...scope, by })}`)));
      if (generation === state.generation) renderTrajectories($('outlook-body'), core20, ethnicity, m);
    } catch (err) {
      if (generation === state.generation) replaceChildren($('outlook-body'), el('p', { class: 'message' }, errorText(err)));
    }
  }
  const comparable = state.icb && !state.drill && ['proportion', 'rate_per_100', 'ratio'].includes(m.kind);
  $('benchmarks').hidden = !comparable;
  if (!comparable) return;
  try {
    const b = await getJson(`/api/benchmarks?${query({ metric: m.id, period: state.period, icb: state.icb, by: 'imd_quintile' })}`);
    if (generation === state.generation) renderBenchmarks($('benchmarks-body'), b, m);
  } catch (err) {
    if (generation === state.generation) replaceChildren($('benchmarks-body'), el('p', { class: 'message' }, errorText(err)));
  }
}

function scheduleSeries() {
  if (state.seriesTimer) return;
  state.seriesTimer = setTimeout(() => {
    state.seriesTimer = null;
    loadSeries(state.generation);
    loadOutlook(state.generation);
  }, 3000);
}

// ---------- selection ----------

function apply() {
  const generation = ++state.generation;
  state.views.clear();
  state.series = null;
  const m = state.metric;
  const where = scopeName(state.meta, state.icb, state.drill);
  setUrlParams({ metric: m.id, icb: state.icb, ...drillParams(state.drill), period: state.followLatest ? '' : state.period, from: state.from, to: state.to });
  $('page-title').textContent = `${m.label}: ${where}, ${fmtPeriod(state.period)}`;
  document.title = `${m.label}: ${where}, ${fmtPeriod(state.period)} – Core20 Monitor`;
  $('crumb-metric').textContent = m.label;
  $('back-to-overview').href = `index.html?${query({ icb: state.icb, period: state.followLatest ? '' : state.period })}`;
  $('selection-summary').textContent = `Showing ${m.label} for ${where}, ${fmtPeriod(state.period)}; trend ${state.from ? fmtPeriod(state.from) : 'from two years before'} to ${state.to ? fmtPeriod(state.to) : 'the latest month'}.`;
  definition(m);
  buildSections();
  $('trend-body').dataset.key = '';
  replaceChildren($('trend-body'), el('p', { class: 'message' }, 'Loading…'));
  $('overall').textContent = 'Loading…';
  for (const by of BREAKDOWNS) {
    showMessage(by, 'Loading…');
    getJson(`/api/views?${query({ metric: m.id, period: state.period, ...scopeParams(), by })}`)
      .then((view) => { if (generation === state.generation) receiveView(view); })
      .catch((err) => {
        if (generation !== state.generation || state.views.has(by)) return;
        showMessage(by, errorText(err));
        if (by === 'imd_quintile') $('overall').textContent = errorText(err);
      });
  }
  loadSeries(generation);
  loadOutlook(generation);
  live.open(`/api/stream?${query({ metric: m.id, period: state.period, ...scopeParams(), by: BREAKDOWNS.join(',') })}`);
}

function readForm() {
  state.metric = state.meta.metrics.find((x) => x.id === $('metric-select').value) || state.meta.metrics[0];
  if ($('icb-select').value !== state.icb) {
    state.icb = $('icb-select').value;
    fillDrill($('drill-select'), state.meta, state.icb, '');
  }
  state.drill = $('drill-select').value;
  state.period = $('period-select').value;
  state.followLatest = $('period-select').selectedIndex === 0;
  const from = $('from-input').value;
  const to = $('to-input').value;
  if (from && to && from > to) {
    $('page-error').textContent = 'The trend’s “from” month is after its “to” month: choose an earlier “from”.';
    $('page-error').hidden = false;
    return false;
  }
  $('page-error').hidden = true;
  state.from = from;
  state.to = to;
  return true;
}

/** New months appear while data flows: offer them, and move on to the newest when following it. */
async function refreshMeta() {
  let meta;
  try { meta = await loadMeta(); } catch { return; }
  if ((meta.periods || []).length === state.meta.periods.length) return;
  state.meta = meta;
  const periods = meta.periods;
  if (state.followLatest) state.period = periods[periods.length - 1];
  fillSelect($('period-select'), periodItems(meta), state.period);
  for (const input of [$('from-input'), $('to-input')]) {
    input.min = periods[0];
    input.max = periods[periods.length - 1];
  }
  if (state.followLatest) apply();
}

async function start() {
  showQuality = qualityPanel($('quality'), 'Records rejected or arriving late, and missing ethnicity or deprivation, affect this metric: a gap can look larger or smaller than it is when many records lack the field it is broken down by.');
  try {
    state.meta = await loadMeta();
  } catch (err) {
    $('overall').textContent = `Could not load the list of metrics. ${errorText(err)}`;
    return;
  }
  live = new LiveStream({
    view: receiveView,
    quality: (q) => showQuality(q),
    ready: () => {
      if (state.series) scheduleSeries(); // months may have changed while the connection was down
      for (const by of BREAKDOWNS) if (!state.views.has(by) && !$(`message-${by}`).hidden) showMessage(by, 'No data yet for this selection.');
    },
  }, 3 * (state.meta.heartbeat_ms || 15000) + 2000);
  if (!chartsAvailable()) {
    $('page-error').textContent = 'Charts could not be loaded; the figures are shown in tables only.';
    $('page-error').hidden = false;
  }
  const params = urlParams();
  const metrics = state.meta.metrics || [];
  const periods = state.meta.periods || [];
  state.metric = metrics.find((x) => x.id === params.get('metric')) || metrics[0];
  state.icb = (state.meta.icbs || []).includes(params.get('icb')) ? params.get('icb') : '';
  state.followLatest = !periods.includes(params.get('period'));
  state.period = state.followLatest ? periods[periods.length - 1] : params.get('period');
  state.from = /^\d{4}-\d{2}$/.test(params.get('from') || '') ? params.get('from') : '';
  state.to = /^\d{4}-\d{2}$/.test(params.get('to') || '') ? params.get('to') : '';
  fillSelect($('metric-select'), metrics.map((x) => [x.id, x.label]), state.metric.id);
  fillSelect($('icb-select'), icbItems(state.meta), state.icb);
  fillDrill($('drill-select'), state.meta, state.icb, drillFromParams(params));
  state.drill = $('drill-select').value;
  fillSelect($('period-select'), periodItems(state.meta), state.period);
  $('from-input').value = state.from;
  $('to-input').value = state.to;
  if (periods.length) {
    for (const input of [$('from-input'), $('to-input')]) {
      input.min = periods[0];
      input.max = periods[periods.length - 1];
    }
  }
  for (const id of ['metric-select', 'icb-select', 'drill-select', 'period-select']) {
    $(id).addEventListener('change', () => { if (readForm()) apply(); });
  }
  $('filters').addEventListener('submit', (e) => { e.preventDefault(); if (readForm()) apply(); });
  setInterval(refreshMeta, 15000);
  if (!state.period) {
    $('overall').textContent = 'No data has arrived yet; reload the page when it has.';
    getJson('/api/quality').then(showQuality).catch((err) => qualityMessage(errorText(err)));
    return;
  }
  apply();
}

start();
