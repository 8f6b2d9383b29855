// The service-change (EHIA) page: the registry, one change's monitoring with its alerts (refreshed
// live as the figures behind it change), and the registration form.

import { el, replaceChildren } from './dom.js';
import { errorText, getJson, query, send, setUrlParams, urlParams } from './api.js';
import { fmtInterval, fmtPeriod, fmtValue, withUnit } from './format.js';
import { LiveStream } from './live.js';
import { fillDrill, fillSelect, icbItems, loadMeta, scopeName } from './shell.js';

const $ = (id) => document.getElementById(id);
const isNum = (v) => typeof v === 'number' && Number.isFinite(v);
const state = { meta: null, changes: [], selected: null, timer: null, editing: null };
let live;

const WATCHABLE = (meta) => [['imd_quintile', 'IMD quintile'], ['core20', 'Core20 vs the rest'],
  ['ethnicity_group', 'Ethnicity group'], ['age_band', 'Age band'], ['sex', 'Sex'],
  ...(meta.breakdowns || []).filter((b) => b.id.startsWith('plus:')).map((b) => [b.id, b.label])];

function where(change) {
  const s = change.scope || {};
  const drill = s.provider ? `provider:${s.provider}` : s.specialty ? `specialty:${s.specialty}` : s.area ? `area:${s.area}` : '';
  return scopeName(state.meta, s.icb || '', drill);
}

async function loadChanges() {
  state.changes = await getJson('/api/ehia/changes');
  const tbody = $('changes').tBodies[0];
  if (!state.changes.length) {
    replaceChildren(tbody, el('tr', {}, el('td', { colspan: '5' }, 'No service change registered yet: register one below.')));
    return;
  }
  replaceChildren(tbody, state.changes.map((c) => el('tr', { dataset: { change: c.id } },
    el('th', { scope: 'row' }, el('a', { href: `?change=${c.id}` }, c.name)),
    el('td', {}, where(c)), el('td', {}, c.go_live),
    el('td', {}, c.status === 'OPEN' ? 'Open' : 'Closed'),
    el('td', { dataset: { col: 'alerts' } }, '…'))));
  for (const c of state.changes) {
    getJson(`/api/ehia/changes/${c.id}/monitoring`).then((m) => {
      const cell = document.querySelector(`tr[data-change='${c.id}'] td[data-col='alerts']`);
      if (cell) cell.textContent = m.alerts.length ? `⚠ ${m.alerts.length}` : 'None';
    }).catch(() => {});
  }
}

function groupTable(report, metric) {
  return el('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-label': `${metric.label}: groups before and since go-live` },
    el('table', { class: 'data-table' },
      el('caption', {}, `${metric.label}: each group before and since go-live (95% CI)`),
      el('thead', {}, el('tr', {}, ['Group', 'Before', 'Since go-live'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, report.groups.map((g) => el('tr', { dataset: { group: `${g.breakdown}:${g.group}` } },
        el('th', { scope: 'row' }, g.label),
        ['before', 'after'].map((k) => el('td', { class: 'num', dataset: { col: k } },
          isNum(g[k].value) ? `${withUnit(g[k].value, metric.unit)} (${fmtInterval(g[k].lower, g[k].upper, metric.unit)})`
            : g[k].suppressed ? '*' : '–')))))));
}

/** The monthly deprivation gap since go-live with its Making Data Count signals. */
function gapSeries(report, metric, months) {
  const chart = report.gap_since_go_live;
  if (!chart || !chart.points || !chart.points.length) return null;
  const special = (p) => p.outside_limits || p.run || p.rising || p.falling || p.two_of_three;
  return el('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-label': `${metric.label}: deprivation gap since go-live` },
    el('table', { class: 'data-table data-table--narrow' },
      el('caption', {}, `${metric.label}: gap between the most and least deprived 20% each month since go-live`),
      el('thead', {}, el('tr', {}, ['Month', 'Gap', 'Signal'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, chart.points.map((p, i) => el('tr', {},
        el('th', { scope: 'row' }, fmtPeriod(months[i])), el('td', { class: 'num' }, fmtValue(p.value)),
        el('td', {}, !isNum(p.value) ? '–' : special(p) ? el('strong', {}, 'Special cause') : 'Common cause'))))));
}

function gapTable(report, metric) {
  if (!report.gaps.length) return el('p', {}, 'No gap can be shown (small numbers or no data in a window).');
  return el('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-label': `${metric.label}: change in the gaps` },
    el('table', { class: 'data-table' },
      el('caption', {}, `${metric.label}: gaps before and since go-live, and their change`),
      el('thead', {}, el('tr', {}, ['Gap', 'Before', 'Since go-live', 'Change (95% CI)', 'Widened'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, report.gaps.map((g) => el('tr', { dataset: { gap: `${g.breakdown}:${g.group}` } },
        el('th', { scope: 'row' }, g.label),
        el('td', { class: 'num' }, fmtValue(g.before)), el('td', { class: 'num' }, fmtValue(g.after)),
        el('td', { class: 'num' }, `${fmtValue(g.change)} (${fmtInterval(g.change_lower, g.change_upper)})`),
        el('td', { dataset: { col: 'widened' } }, g.widened ? el('strong', {}, '⚠ Yes') : 'No'))))));
}

async function showChange(id) {
  const change = state.changes.find((c) => c.id === id) || await getJson(`/api/ehia/changes/${id}`);
  const m = await getJson(`/api/ehia/changes/${id}/monitoring`);
  $('detail').hidden = false;
  $('detail-heading').textContent = change.name;
  const metrics = new Map(state.meta.metrics.map((x) => [x.id, x]));
  replaceChildren($('detail-body'),
    el('p', {}, `${where(change)}. Go-live ${change.go_live}. Baseline ${fmtPeriod(change.baseline_from)} to ${fmtPeriod(change.baseline_to)}`
      + (m.after.length ? `; compared with ${fmtPeriod(m.after[0])} to ${fmtPeriod(m.after[m.after.length - 1])}.` : '; no whole month since go-live yet.')),
    el('h3', {}, 'Alerts'),
    m.alerts.length ? el('ul', { id: 'alerts', class: 'alerts' }, m.alerts.map((a) => el('li', { dataset: { kind: a.kind } }, '⚠ ', a.text)))
      : el('p', { id: 'alerts' }, 'No alert: no gap has widened significantly and the deprivation gap shows no special-cause variation since go-live.'),
    m.notes.map((n) => el('p', { class: 'hint' }, n)),
    m.metrics.flatMap((r) => [el('h3', {}, metrics.get(r.metric).label), groupTable(r, metrics.get(r.metric)),
      gapTable(r, metrics.get(r.metric)), gapSeries(r, metrics.get(r.metric), r.gap_months)]),
    el('p', {}, 'Report for the programme team: ',
      el('a', { href: `/api/ehia/changes/${id}/report.pdf` }, 'PDF'), ' or ',
      el('a', { href: `/api/ehia/changes/${id}/report.xlsx` }, 'Excel'), '.'),
    change.status === 'OPEN' ? el('p', { class: 'actions' },
      el('button', { type: 'button', class: 'button button--secondary', id: 'edit-change' }, 'Edit this change'), ' ',
      el('button', { type: 'button', class: 'button button--secondary', id: 'close-change' }, 'Close this change')) : null);
  const edit = $('edit-change');
  if (edit) edit.addEventListener('click', () => startEditing(change));
  const close = $('close-change');
  if (close) {
    close.addEventListener('click', async () => {
      await send(`/api/ehia/changes/${id}/close`, 'POST');
      await loadChanges();
      showChange(id);
    });
  }
  live.updated();
  // Figures behind the change's metrics are pushed as they change: refresh the monitoring with them.
  const s = change.scope || {};
  const latest = state.meta.periods[state.meta.periods.length - 1];
  if (!live.url || !live.url.includes(`change=${id}`)) {
    live.open(`/api/stream?${query({ metric: change.metrics.join(','), by: 'imd_quintile', period: latest, icb: s.icb, provider: s.provider, specialty: s.specialty, area: s.area })}&change=${id}`);
  }
}

/** Fills the form with a change so the team can correct it; the form then saves instead of registering. */
function startEditing(change) {
  state.editing = change.id;
  const s = change.scope || {};
  $('register-heading').textContent = `Edit “${change.name}”`;
  $('f-name').value = change.name;
  $('f-icb').value = s.icb || '';
  const drill = s.provider ? `provider:${s.provider}` : s.specialty ? `specialty:${s.specialty}` : s.area ? `area:${s.area}` : '';
  fillDrill($('f-drill'), state.meta, $('f-icb').value, drill);
  $('f-go-live').value = change.go_live;
  $('f-from').value = change.baseline_from;
  $('f-to').value = change.baseline_to;
  for (const box of document.querySelectorAll('#register input[type=checkbox]')) {
    box.checked = (box.name === 'metrics' ? change.metrics : change.groups).includes(box.value);
  }
  $('register').querySelector('button[type=submit]').textContent = 'Save changes';
  $('f-name').focus();
}

function stopEditing() {
  state.editing = null;
  $('register-heading').textContent = 'Register a service change';
  $('register').querySelector('button[type=submit]').textContent = 'Register change';
}

function buildForm() {
  fillSelect($('f-icb'), icbItems(state.meta).filter(([v]) => v), '');
  fillDrill($('f-drill'), state.meta, $('f-icb').value, '');
  $('f-icb').addEventListener('change', () => fillDrill($('f-drill'), state.meta, $('f-icb').value, ''));
  const box = (name, value, text, checked) => el('div', { class: 'check' },
    el('input', { type: 'checkbox', id: `f-${name}-${value.replace(':', '-')}`, name, value, checked: checked || null }),
    el('label', { for: `f-${name}-${value.replace(':', '-')}` }, text));
  replaceChildren($('f-metrics'), state.meta.metrics.map((m) => box('metrics', m.id, m.label, m.id === 'pifu_rate')));
  replaceChildren($('f-groups'), WATCHABLE(state.meta).map(([id, label]) => box('groups', id, label, id === 'imd_quintile' || id === 'ethnicity_group')));
  $('register').addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = new FormData($('register'));
    const [key, id] = (form.get('drill') || '').split(':');
    const body = {
      name: form.get('name'), scope: { icb: form.get('icb') || null, ...(key && id ? { [key]: id } : {}) },
      go_live: form.get('go_live') || null, metrics: form.getAll('metrics'), groups: form.getAll('groups'),
      baseline_from: form.get('baseline_from') || null, baseline_to: form.get('baseline_to') || null,
    };
    const res = await send(state.editing ? `/api/ehia/changes/${state.editing}` : '/api/ehia/changes',
      state.editing ? 'PUT' : 'POST', body);
    const json = await res.json().catch(() => ({}));
    if (!res.ok) {
      replaceChildren($('form-errors'), el('h3', {}, 'There is a problem'),
        el('ul', {}, (json.problems && json.problems.length ? json.problems : [json.error || errorText({ status: res.status, message: '' })]).map((p) => el('li', {}, p))));
      $('form-errors').hidden = false;
      $('form-errors').focus();
      return;
    }
    $('form-errors').hidden = true;
    $('register').reset();
    stopEditing();
    await loadChanges();
    setUrlParams({ change: json.id });
    state.selected = json.id;
    await showChange(json.id);
    $('detail').scrollIntoView();
  });
}

async function start() {
  try {
    state.meta = await loadMeta();
  } catch (err) {
    replaceChildren($('changes').tBodies[0], el('tr', {}, el('td', { colspan: '5' }, errorText(err))));
    return;
  }
  live = new LiveStream({
    view: () => {
      if (!state.selected || state.timer) return;
      state.timer = setTimeout(() => { state.timer = null; showChange(state.selected); }, 1000);
    },
  }, 3 * (state.meta.heartbeat_ms || 15000) + 2000);
  buildForm();
  await loadChanges();
  state.selected = urlParams().get('change');
  if (state.selected) showChange(state.selected).catch((err) => { $('detail').hidden = false; replaceChildren($('detail-body'), el('p', {}, errorText(err))); });
  else live.setLive(true);
}

start();
