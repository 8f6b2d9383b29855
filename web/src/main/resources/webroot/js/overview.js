// The overview page: one tile per metric and the Core20PLUS5 panel, for an ICB (or England) and month.

import { el, replaceChildren } from './dom.js';
import { errorText, getJson, query, setUrlParams, urlParams } from './api.js';
import {
  JUDGEMENT, differenceUnit, fmtInterval, fmtPeriod, fmtValue, lowerFirst, meetsTarget, withUnit,
} from './format.js';
import { LiveStream, flash } from './live.js';
import {
  definitionList, fillSelect, icbItems, loadMeta, periodItems, qualityMessage, qualityPanel, spcIcons,
} from './shell.js';

const $ = (id) => document.getElementById(id);
const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

const state = { meta: null, icb: '', period: '', followLatest: true, generation: 0, refetch: null, shown: new Map() };
let live;
let showQuality;

function versusLine(heading, vs, metric) {
  const line = (...content) => el('p', { class: `versus versus--${(vs && JUDGEMENT[vs.judgement] || {}).tone || 'none'}`, dataset: { versus: vs ? vs.group : '' } },
    el('span', { class: 'versus-head' }, heading), ' ', ...content);
  if (metric.kind === 'count') return line('a count depends on group size: see the rates on the metric page');
  if (!vs) return line('no comparison this month (small numbers or no data)');
  if (!isNum(vs.value) || !isNum(vs.reference_value)) return line('suppressed (small numbers)');
  const du = differenceUnit(metric.unit);
  const diff = isNum(vs.difference) ? `${vs.difference > 0 ? '+' : ''}${fmtValue(vs.difference)}${du ? ` ${du}` : ''}` : '*';
  const j = JUDGEMENT[vs.judgement];
  return line(el('span', { class: 'versus-values' }, `${withUnit(vs.value, metric.unit)} against ${withUnit(vs.reference_value, metric.unit)}`),
    ` (${diff}${isNum(vs.lower) ? `, 95% CI ${fmtInterval(vs.lower, vs.upper)}` : ''})`,
    j ? el('span', { class: 'judgement' }, ' ', el('span', { 'aria-hidden': 'true' }, j.marker), ` ${j.text}`)
      : el('span', { class: 'judgement' }, ' (no interval for this kind of figure)'));
}

/**
 * A tile's frame: the heading link and the definition stay put while the figures inside are
 * replaced, so a pushed update neither moves keyboard focus nor closes an open definition.
 */
function tileShell(metric) {
  // Following the latest month here follows it there too.
  const link = `metric.html?${query({ metric: metric.id, icb: state.icb, period: state.followLatest ? '' : state.period })}`;
  return el('li', { class: 'tile', id: `tile-${metric.id}`, dataset: { metric: metric.id } },
    el('h3', { class: 'tile-title' }, el('a', { href: link }, metric.label)),
    el('div', { class: 'tile-figures', id: `figures-${metric.id}` }, el('p', { class: 'message' }, 'Loading…')),
    el('details', { class: 'definition' },
      el('summary', {}, 'Definition', el('span', { class: 'visually-hidden' }, ` of ${metric.label}`)),
      el('dl', {}, definitionList(metric))));
}

/**
 * What the tile says beyond the month's figures, as the server words it: the gap in patients, where
 * all patients are heading, the groups projected to reach the target later, and the gap against England.
 */
function outlookLines(o) {
  if (!o) return null;
  const flags = o.trajectory_flags || [];
  const line = (kind, ...content) => el('p', { class: `outlook outlook--${kind}`, dataset: { outlook: kind } }, ...content);
  return el('div', { class: 'tile-outlook' },
    o.gap_in_patients ? line('gap', o.gap_in_patients) : null,
    o.trajectory ? line('trajectory', o.trajectory) : null,
    flags.slice(0, 2).map((f) => line('flag', el('span', { 'aria-hidden': 'true' }, '⚑ '), f)),
    flags.length > 2 ? line('more', `${flags.length - 2} more ${flags.length - 2 === 1 ? 'group' : 'groups'} behind: see the metric page.`) : null,
    o.england ? line('england', o.england) : null);
}

function tileFigures(t, metric) {
  if (!t || !t.overall) return [el('p', { class: 'tile-note' }, 'No data for this month.')];
  const o = t.overall || {};
  const meets = meetsTarget(o.value, metric);
  const value = isNum(o.value) ? withUnit(o.value, metric.unit) : o.suppressed ? '*' : '–';
  const ethName = t.ethnicity && metric.kind !== 'count' ? `${t.ethnicity.label} vs White:` : 'Ethnicity vs White:';
  return [
    el('p', { class: 'tile-value' },
      el('span', { class: 'value', dataset: { col: 'value' } }, value),
      isNum(o.lower) ? el('span', { class: 'ci' }, ` 95% CI ${fmtInterval(o.lower, o.upper, metric.unit)}`) : null),
    isNum(o.value) || o.suppressed ? null : el('p', { class: 'tile-note' }, (t.notes && t.notes[0]) || 'No value this month.'),
    el('p', { class: 'tile-target' }, metric.target_text
      ? [metric.target != null ? `Target: ${lowerFirst(metric.target_text)}` : metric.target_text,
        meets === null ? null : ' · ',
        meets === null ? null : el('strong', { class: meets ? 'met' : 'missed' }, meets ? '✓ met' : '✗ not met')]
      : 'Context: no target'),
    versusLine('Core20 vs rest:', t.core20, metric),
    versusLine(ethName, t.ethnicity, metric),
    spcIcons(t.variation, t.assurance),
    outlookLines(t.outlook),
    el('p', { class: 'tile-flags' },
      t.provisional ? el('strong', { class: 'tag tag--provisional' }, 'Provisional') : null,
      (t.flags || []).map((f) => el('span', { class: 'tag tag--quality' }, '⚠ ', f)))];
}

function renderOverview(data) {
  for (const m of state.meta.metrics) {
    const t = data.tiles.find((x) => x.metric === m.id);
    const json = JSON.stringify(t) || 'none';
    if (state.shown.get(m.id) === json) continue;
    const before = state.shown.has(m.id);
    replaceChildren($(`figures-${m.id}`), tileFigures(t, m));
    $(`tile-${m.id}`).classList.toggle('tile--empty', !t || !t.overall);
    if (before) flash($(`figures-${m.id}`).querySelector('.tile-value'));
    state.shown.set(m.id, json);
  }
  const panel = JSON.stringify(data.core20plus5);
  if (state.shownPanel !== panel) renderPanel(data);
  state.shownPanel = panel;
}

function renderPanel(data) {
  const byId = new Map(state.meta.metrics.map((m) => [m.id, m]));
  const cols = data.panel_metrics.map((id) => byId.get(id));
  replaceChildren($('panel'),
    el('caption', { id: 'panel-caption' }, `Core20PLUS5, ${state.icb ? `ICB ${state.icb}` : 'England'}, ${fmtPeriod(state.period)}. Values with 95% intervals.`),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Group'),
      cols.map((m) => el('th', { scope: 'col', class: 'num' }, el('a', { href: `metric.html?${query({ metric: m.id, icb: state.icb, period: state.followLatest ? '' : state.period })}` }, m.label))))),
    ...PANEL_GROUPS.map(([kind, heading, test]) => {
      const rows = data.core20plus5.filter((r) => r.kind === kind && test(r));
      return rows.length ? el('tbody', {},
        el('tr', { class: 'panel-group' }, el('th', { scope: 'rowgroup', colspan: String(cols.length + 1) }, heading)),
        rows.map((row) => panelRow(row, byId))) : null;
    }));
}

/** The panel's row groups: Core20, the PLUS groups, and the adult and children's clinical areas. */
const PANEL_GROUPS = [
  ['core20', 'Core20', () => true],
  ['plus', 'PLUS groups', () => true],
  ['area', 'Clinical areas: adults', (r) => !r.id.startsWith('area:cyp_')],
  ['area', 'Clinical areas: children and young people', (r) => r.id.startsWith('area:cyp_')],
];

function panelRow(row, byId) {
  return el('tr', { dataset: { row: row.id }, class: `row-kind-${row.kind}` },
    el('th', { scope: 'row' }, row.label),
    row.cells.map((c) => {
      const m = byId.get(c.metric);
      const j = JUDGEMENT[c.judgement];
      const text = isNum(c.value) ? withUnit(c.value, m.unit) : c.suppressed ? '*' : '–';
      return el('td', { class: `num${j ? ` cell--${j.tone}` : ''}`, dataset: { metric: c.metric, col: 'value' },
        title: isNum(c.lower) ? `95% CI ${fmtInterval(c.lower, c.upper, m.unit)}` : null },
      j ? el('span', { class: 'marker', 'aria-hidden': 'true' }, `${j.marker} `) : null,
      el('span', { class: 'value' }, text),
      isNum(c.lower) ? el('span', { class: 'visually-hidden' }, `, 95% CI ${fmtInterval(c.lower, c.upper, m.unit)}`) : null,
      j ? el('span', { class: 'visually-hidden' }, ` (${j.text})`) : null);
    }));
}

/** Open service changes in the area shown with alerts, linked to their monitoring. */
async function loadChangeAlerts() {
  let changes;
  try { changes = await getJson('/api/ehia/changes'); } catch { return; }
  const mine = changes.filter((c) => c.status === 'OPEN' && (!state.icb || (c.scope || {}).icb === state.icb));
  const flagged = [];
  for (const c of mine) {
    try {
      const m = await getJson(`/api/ehia/changes/${c.id}/monitoring`);
      if (m.alerts.length) flagged.push(c);
    } catch { /* shown on its own page */ }
  }
  const p = $('ehia-alerts');
  p.hidden = !flagged.length;
  const links = flagged.flatMap((c, i) => [i ? ', ' : '', el('a', { href: `ehia.html?change=${c.id}` }, c.name)]);
  if (flagged.length) replaceChildren(p, '⚠ Service changes with an equality alert: ', ...links, '.');
}

async function load() {
  const generation = ++state.generation;
  try {
    const data = await getJson(`/api/overview?${query({ icb: state.icb, period: state.period })}`);
    if (generation !== state.generation) return;
    $('page-error').hidden = true;
    renderOverview(data);
    live.updated();
  } catch (err) {
    if (generation !== state.generation) return;
    $('page-error').textContent = errorText(err);
    $('page-error').hidden = false;
  }
}

/** Pushed changes to any metric of this scope and month refresh the tiles, at most once a second. */
function scheduleReload() {
  if (state.refetch) return;
  state.refetch = setTimeout(() => { state.refetch = null; load(); }, 1000);
}

function apply() {
  setUrlParams({ icb: state.icb, period: state.followLatest ? '' : state.period });
  const where = state.icb ? `ICB ${state.icb}` : 'England';
  $('page-title').textContent = `Overview: ${where}, ${fmtPeriod(state.period)}`;
  document.title = `Overview: ${where}, ${fmtPeriod(state.period)} – Core20 Monitor`;
  $('selection-summary').textContent = `Showing ${where}, ${fmtPeriod(state.period)}.`;
  for (const format of ['pdf', 'xlsx', 'csv']) {
    $(`export-${format}`).href = `/api/export/board-paper.${format}?${query({ icb: state.icb, period: state.period })}`;
  }
  state.shown.clear();
  state.shownPanel = null;
  replaceChildren($('tiles'), state.meta.metrics.map(tileShell));
  load();
  loadChangeAlerts();
  const metrics = state.meta.metrics.map((m) => m.id).join(',');
  live.open(`/api/stream?${query({ metric: metrics, by: 'core20,ethnicity_group', icb: state.icb, period: state.period })}`);
}

async function refreshMeta() {
  let meta;
  try { meta = await loadMeta(); } catch { return; }
  const latest = meta.periods[meta.periods.length - 1];
  const grew = meta.periods.length !== state.meta.periods.length || meta.icbs.length !== state.meta.icbs.length;
  state.meta = meta;
  if (!grew) return;
  fillSelect($('icb-select'), icbItems(meta), state.icb);
  if (state.followLatest) state.period = latest;
  fillSelect($('period-select'), periodItems(meta), state.period);
  if (state.followLatest) apply();
}

async function start() {
  showQuality = qualityPanel($('quality'), 'These affect every metric above: records rejected or arriving late, and missing ethnicity or deprivation, which can make a gap look larger or smaller than it is.');
  try {
    state.meta = await loadMeta();
  } catch (err) {
    replaceChildren($('tiles'), el('li', { class: 'message' }, `Could not load the list of metrics. ${errorText(err)}`));
    return;
  }
  live = new LiveStream({
    view: scheduleReload,
    quality: (q) => showQuality(q),
  }, 3 * (state.meta.heartbeat_ms || 15000) + 2000);
  const params = urlParams();
  const periods = state.meta.periods || [];
  state.icb = (state.meta.icbs || []).includes(params.get('icb')) ? params.get('icb') : '';
  state.followLatest = !periods.includes(params.get('period'));
  state.period = state.followLatest ? periods[periods.length - 1] : params.get('period');
  fillSelect($('icb-select'), icbItems(state.meta), state.icb);
  fillSelect($('period-select'), periodItems(state.meta), state.period);
  const onChange = () => {
    state.icb = $('icb-select').value;
    state.period = $('period-select').value;
    state.followLatest = $('period-select').selectedIndex === 0;
    apply();
  };
  $('icb-select').addEventListener('change', onChange);
  $('period-select').addEventListener('change', onChange);
  $('filters').addEventListener('submit', (e) => { e.preventDefault(); onChange(); });
  setInterval(refreshMeta, 15000);
  setInterval(loadChangeAlerts, 60000);
  if (!state.period) {
    replaceChildren($('tiles'), el('li', { class: 'message' }, 'No data has arrived yet; this page will show it when it does.'));
    getJson('/api/quality').then(showQuality).catch((err) => qualityMessage(errorText(err)));
    return;
  }
  apply();
}

start();
