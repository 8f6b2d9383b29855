// What both pages share: the list of what has data, the filter selectors, the data-quality panel.

import { el, replaceChildren } from './dom.js';
import {
  ASSURANCE, SUPPRESSED, VARIATION, fmtCount, fmtInstant, fmtPeriod, fmtValue,
} from './format.js';
import { getJson, showSignedIn } from './api.js';

const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

export const loadMeta = () => {
  showSignedIn();
  return getJson('/api/meta');
};

/** Replace a select's options: items are [value, text]; keeps `selected` chosen when present. */
export function fillSelect(select, items, selected) {
  replaceChildren(select, items.map(([value, text]) => {
    const o = el('option', { value }, text);
    o.selected = value === selected;
    return o;
  }));
  if (!items.some(([v]) => v === selected) && items.length) select.value = items[0][0];
}

export const icbItems = (meta) => [['', 'England'], ...(meta.icbs || []).map((i) => [i, `ICB ${i}`])];

/** Latest month first. */
export const periodItems = (meta) => [...(meta.periods || [])].reverse().map((p) => [p, fmtPeriod(p)]);

export const specialtyName = (meta, code) => (meta.specialty_names && meta.specialty_names[code]
  ? `${code} ${meta.specialty_names[code]}` : code);
export const areaName = (meta, id) => (meta.area_names && meta.area_names[id]) || id;

/**
 * Drill-down choices within an ICB (or England): "" for the whole of it, then providers,
 * specialties and clinical areas with data, as {value: 'provider:RXX', text, group}.
 */
export function drillItems(meta, icb) {
  const within = (meta.scopes || []).filter((s) => (s.icb || '') === (icb || ''));
  const pick = (key, name) => [...new Set(within.filter((s) => s[key] && Object.entries(s)
    .every(([k, v]) => k === key || k === 'icb' || v == null)).map((s) => s[key]))].sort()
    .map((v) => ({ value: `${key}:${v}`, text: name(v) }));
  return {
    provider: pick('provider', (v) => `Provider ${v}`),
    specialty: pick('specialty', (v) => specialtyName(meta, v)),
    area: pick('area', (v) => areaName(meta, v)),
  };
}

/** Fill the drill-down select with option groups. */
export function fillDrill(select, meta, icb, selected) {
  const items = drillItems(meta, icb);
  const groups = [['provider', 'Providers'], ['specialty', 'Specialties'], ['area', 'Core20PLUS5 clinical areas']];
  replaceChildren(select, el('option', { value: '' }, icb ? 'Whole ICB' : 'Whole of England'),
    groups.filter(([k]) => items[k].length).map(([k, label]) => el('optgroup', { label },
      items[k].map((i) => el('option', { value: i.value }, i.text)))));
  select.value = [...select.options].some((o) => o.value === selected) ? selected : '';
}

/** "provider:RXX" → {provider: 'RXX'}. */
export function drillParams(value) {
  const [key, id] = (value || '').split(':');
  return key && id ? { [key]: id } : {};
}

/** The drill-down value from the page's address. */
export function drillFromParams(params) {
  for (const key of ['provider', 'specialty', 'area']) {
    if (params.get(key)) return `${key}:${params.get(key)}`;
  }
  return '';
}

/** "ICB QWE, Dermatology" for headings and captions. */
export function scopeName(meta, icb, drill) {
  const where = icb ? `ICB ${icb}` : 'England';
  const [key, id] = (drill || '').split(':');
  if (!key || !id) return where;
  const what = key === 'provider' ? `provider ${id}` : key === 'specialty' ? specialtyName(meta, id) : areaName(meta, id);
  return `${where}, ${what}`;
}

// ---------- data quality ----------

const pct = (v) => (isNum(v) ? `${fmtValue(v)}%` : SUPPRESSED);

/**
 * Builds the data-quality panel inside `section` and returns a function that fills it from the
 * /api/quality figures. `lead` says why the panel sits where it does.
 */
export function qualityPanel(section, lead) {
  const figure = (id, label) => el('div', {}, el('dt', {}, label), el('dd', {}, el('span', { id, class: 'count' }, '–')));
  const share = (id, label) => el('div', {}, el('dt', {}, label), el('dd', {}, el('span', { id }, '–')));
  const reasons = el('table', { id: 'quality-reasons', class: 'data-table data-table--narrow' },
    el('caption', { id: 'quality-reasons-caption' }, 'Rejected records by reason'),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Reason'), el('th', { scope: 'col', class: 'num' }, 'Records'))),
    el('tbody', {}, el('tr', {}, el('td', { colspan: '2' }, 'Loading…'))));
  replaceChildren(section,
    el('h2', { id: 'quality-heading' }, 'Data quality'),
    el('p', { class: 'lead' }, lead),
    el('p', { id: 'quality-message', class: 'message', role: 'status', hidden: true }),
    el('dl', { class: 'quality-figures' },
      figure('quality-accepted', 'Accepted records'),
      figure('quality-duplicate', 'Repeated records (counted once)'),
      figure('quality-rejected', 'Rejected records'),
      el('div', {}, el('dt', {}, 'Arrived late (revised figures already shown)'),
        el('dd', {}, el('span', { id: 'quality-late', class: 'count' }, '–'), ' ', el('span', { id: 'quality-late-pct', class: 'pct' }))),
      share('quality-ethnicity', 'Ethnicity not known'),
      share('quality-lsoa', 'Postcode area (LSOA) not mapped'),
      share('quality-imd', 'No deprivation decile'),
      share('quality-last-event', 'Last event received')),
    el('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': 'quality-reasons-caption' }, reasons));
  section.setAttribute('aria-labelledby', 'quality-heading');

  return (q) => {
    document.getElementById('quality-message').hidden = true;
    const set = (id, text) => { document.getElementById(id).textContent = text; };
    set('quality-accepted', fmtCount(q.accepted));
    set('quality-duplicate', fmtCount(q.duplicate));
    set('quality-rejected', fmtCount(q.rejected));
    set('quality-late', fmtCount(q.late));
    set('quality-late-pct', isNum(q.late_pct) ? `(${pct(q.late_pct)})` : '');
    set('quality-ethnicity', `${pct(q.ethnicity_unknown_pct)} of records`);
    set('quality-lsoa', `${pct(q.lsoa_unmapped_pct)} of records`);
    set('quality-imd', `${pct(q.imd_unknown_pct)} of records`);
    const last = fmtInstant(q.last_event_time);
    replaceChildren(document.getElementById('quality-last-event'), last
      ? el('time', { datetime: q.last_event_time }, `${last} (UK time)`) : 'None yet');
    const rows = Object.entries(q.rejected_by_reason || {})
      .sort(([ra, a], [rb, b]) => (isNum(b) ? b : -1) - (isNum(a) ? a : -1) || ra.localeCompare(rb));
    replaceChildren(reasons.tBodies[0], rows.length
      ? rows.map(([reason, n]) => el('tr', { dataset: { reason } },
        el('th', { scope: 'row' }, el('code', {}, reason)),
        el('td', { class: 'num count', dataset: { col: 'count' } }, n == null
          ? el('abbr', { title: 'Suppressed: based on a small number' }, SUPPRESSED) : fmtCount(n))))
      : el('tr', {}, el('td', { colspan: '2' }, 'No rejected records.')));
  };
}

/** Shows a message in the quality panel instead of figures. */
export function qualityMessage(text) {
  const m = document.getElementById('quality-message');
  m.textContent = text;
  m.hidden = false;
}

/** The Making Data Count icons with their meaning in words. */
export function spcIcons(variation, assurance) {
  const v = VARIATION[variation] || VARIATION.NOT_ENOUGH_DATA;
  const a = ASSURANCE[assurance];
  const icon = (i, kind) => el('span', { class: `spc spc--${i.tone}` },
    el('span', { class: `spc-icon spc-icon--${kind}`, 'aria-hidden': 'true' }, i.symbol), i.text);
  return el('p', { class: 'spc-line' }, icon(v, 'variation'), a ? icon(a, 'assurance') : null);
}


/** A metric's definition as a description list: numerator, denominator, source, target, methods. */
export function definitionList(m) {
  const rows = [
    ['Numerator', m.numerator], ['Denominator', m.denominator], ['Source', m.source],
    [m.target != null ? 'Target' : 'Target or context', m.target_text || 'No national target: shown for context'],
    ['Direction', { HIGHER_IS_BETTER: 'Higher is better', LOWER_IS_BETTER: 'Lower is better', CONTEXT: 'Context (neither higher nor lower is better)' }[m.direction]],
    ['Interval method', m.interval], ['Inequality methods', m.inequality],
  ].filter(([, v]) => v);
  return rows.map(([k, v]) => el('div', {}, el('dt', {}, k), el('dd', {}, v)));
}
