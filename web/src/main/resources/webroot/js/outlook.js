// The metric page's outlook: where each group is heading against the national target (trajectories)
// and, for an ICB, its deprivation gap beside England's and its peers' (benchmarks). The sentences
// come from the server, written once in the core for the dashboard and the board paper alike.

import { el, replaceChildren } from './dom.js';
import { chartsAvailable } from './charts.js';
import { differenceUnit, fmtInterval, fmtPeriod, fmtValue, withUnit } from './format.js';

const isNum = (v) => typeof v === 'number' && Number.isFinite(v);
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
const short = (p) => fmtPeriod(p).replace(/^(\w{3})\w* (\d{4})$/, '$1 $2');

/** Line colours and dash patterns per group, so colour is never the only signal. */
const STYLES = [
  { colour: '#212B32', dash: [] }, { colour: '#DA291C', dash: [] }, { colour: '#005EB8', dash: [8, 3] },
  { colour: '#007F3B', dash: [2, 2] }, { colour: '#7C2855', dash: [10, 3, 2, 3] }, { colour: '#ED8B00', dash: [4, 4] },
  { colour: '#330072', dash: [1, 3] },
];

const STATUS = {
  MEETING: 'met now', REACHES: null, SLIPPING: 'met now, not on trend to stay', NOT_ON_TREND: 'not on current trend',
  NOT_ENOUGH_DATA: 'too few months',
};

function trajectoryTable(t, metric, id, heading) {
  const caption = `Where each group is heading (${heading.toLowerCase()}): ${metric.label} against the ${withUnit(t.target, metric.unit)} target by ${fmtPeriod(t.target_by)}, from the 12 months to ${fmtPeriod(t.period)}`;
  return el('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': `${id}-caption` },
    el('table', { id, class: 'data-table' },
      el('caption', { id: `${id}-caption` }, caption),
      el('thead', {}, el('tr', {}, ['Group', 'Latest month', 'Change per month', 'SPC mean (limits)', 'Target reached', 'By the target date']
        .map((h, i) => el('th', { scope: 'col', class: i > 0 && i < 4 ? 'num' : null }, h)))),
      el('tbody', {}, t.groups.map((g) => {
        const latest = g.values[g.values.length - 1];
        return el('tr', { dataset: { group: g.group } },
          el('th', { scope: 'row' }, g.label),
          el('td', { class: 'num' }, isNum(latest) ? withUnit(latest, metric.unit) : '*'),
          el('td', { class: 'num' }, isNum(g.slope_per_month) ? `${g.slope_per_month > 0 ? '+' : ''}${g.slope_per_month.toFixed(2)}` : '–'),
          el('td', { class: 'num' }, isNum(g.baseline_mean)
            ? `${fmtValue(g.baseline_mean)}${isNum(g.baseline_lower) ? ` (${fmtInterval(g.baseline_lower, g.baseline_upper)})` : ''}` : '–'),
          el('td', { dataset: { col: 'reaches' } }, g.status === 'REACHES' ? fmtPeriod(g.reaches) : STATUS[g.status]),
          el('td', {}, g.on_time ? 'Yes' : 'No'));
      }))));
}

/** Observed months (solid), the fitted line carried forward (dashed) and the 95% prediction band of each watched group. */
function trajectoryChart(canvas, t, metric) {
  const future = (t.groups.find((g) => g.projection.length) || { projection: [] }).projection.map((p) => p.period);
  const months = [...t.months, ...future];
  const pad = (values, before) => [...Array(before).fill(null), ...values, ...Array(months.length - before - values.length).fill(null)];
  const datasets = [];
  t.groups.forEach((g, i) => {
    const s = STYLES[i % STYLES.length];
    datasets.push({ label: g.label, data: pad(g.values, 0), borderColor: s.colour, backgroundColor: s.colour,
      borderDash: s.dash, borderWidth: 2, pointRadius: 3, spanGaps: true });
    if (g.projection.length) {
      const last = g.fitted[g.fitted.length - 1];
      datasets.push({ label: `${g.label}: projection`, data: pad([last, ...g.projection.map((p) => p.value)], t.months.length - 1),
        borderColor: s.colour, borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0 });
      if (i > 0) {
        datasets.push({ label: `${g.label}: 95% prediction interval`, data: pad(g.projection.map((p) => p.upper), t.months.length),
          borderColor: 'transparent', backgroundColor: `${s.colour}22`, pointRadius: 0, fill: '+1' });
        datasets.push({ label: `${g.label}: lower limit`, data: pad(g.projection.map((p) => p.lower), t.months.length),
          borderColor: 'transparent', pointRadius: 0, fill: false });
      }
    }
  });
  const all = t.groups[0];
  if (isNum(all.baseline_mean)) {
    datasets.push({ label: 'All patients: SPC mean (baseline)', data: pad(t.months.map(() => all.baseline_mean), 0),
      borderColor: '#768692', borderWidth: 1.5, pointRadius: 0 });
  }
  datasets.push({ label: 'Target', data: months.map(() => t.target), borderColor: '#DA291C', borderDash: [2, 3], borderWidth: 2, pointRadius: 0 });
  const existing = window.Chart.getChart(canvas);
  if (existing) existing.destroy();
  // eslint-disable-next-line no-new
  new window.Chart(canvas, {
    type: 'line',
    data: { labels: months.map(short), datasets },
    options: {
      animation: reducedMotion.matches ? false : { duration: 300 }, maintainAspectRatio: false, responsive: true,
      plugins: { legend: { labels: { filter: (item) => !/lower limit$/.test(item.text) } } },
      scales: { y: { title: { display: true, text: metric.unit || '' } } },
    },
  });
}

function trajectoryBlock(t, metric, id, heading) {
  const description = t.groups.map((g) => g.summary).join(' ');
  const canvas = el('canvas', { id: `${id}-chart`, role: 'img', 'aria-label': `Line chart: ${description} The figures are in the table.` }, 'Chart of the figures in the table.');
  const block = el('div', { class: 'trend-block', id: `${id}-block` },
    el('h3', {}, heading),
    t.flags.length ? el('ul', { class: 'outlook-flags', 'aria-label': 'Groups projected to reach the target later' },
      t.flags.map((f) => el('li', { dataset: { flag: f.group } }, el('span', { 'aria-hidden': 'true' }, '⚑ '), f.text)))
      : el('p', { class: 'summary-line' }, 'No group is projected to reach the target later than its comparison group.'),
    el('div', { class: 'summary' }, t.groups.map((g) => el('p', { dataset: { summary: g.group } }, g.summary))),
    el('div', { class: 'metric-body' },
      el('div', { class: 'chart-col' }, el('figure', { class: 'chart-figure' },
        el('div', { class: 'chart-box' }, canvas),
        el('figcaption', {}, el('p', { class: 'chart-key' }, 'Solid: each published month; dashed: the straight-line trend carried forward; shaded: 95% prediction interval; grey: the SPC mean of all patients over the 12 months; dotted red: the target.')))),
      trajectoryTable(t, metric, `${id}-table`, heading)),
    el('p', { class: 'hint' }, t.method), ...(t.notes || []).map((n) => el('p', { class: 'hint' }, n)));
  return { block, draw: () => { if (chartsAvailable()) trajectoryChart(canvas, t, metric); } };
}

/** Renders the trajectories by Core20 and by ethnicity into `body`. */
export function renderTrajectories(body, byCore20, byEthnicity, metric) {
  const parts = [trajectoryBlock(byCore20, metric, 'trajectory-core20', 'Core20 and the rest'),
    trajectoryBlock(byEthnicity, metric, 'trajectory-ethnicity', 'By ethnicity group')];
  replaceChildren(body, parts.map((p) => p.block));
  parts.forEach((p) => p.draw());
}

const JUDGED = { wider: 'significantly wider', narrower: 'significantly narrower', similar: 'not significantly different' };

/** Renders an ICB's benchmarks (its gap beside England's and its peers') into `body`. */
export function renderBenchmarks(body, b, metric) {
  const du = differenceUnit(metric.unit);
  const signed = (v) => (isNum(v) ? `${v > 0 ? '+' : ''}${fmtValue(v)}` : '*');
  replaceChildren(body,
    el('div', { class: 'summary' }, b.statements.map((s) => el('p', {}, s))),
    el('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': 'benchmarks-table-caption' },
      el('table', { id: 'benchmarks-table', class: 'data-table' },
        el('caption', { id: 'benchmarks-table-caption' }, `Gap (${b.gap}${du ? `, ${du}` : ''}), ${fmtPeriod(b.period)}: ${b.icb} beside England and the peer ICBs nearest in their share of Core20 population`),
        el('thead', {}, el('tr', {}, ['Area', 'Core20 share', 'All patients', 'Gap (95% CI)', `${b.icb} minus this gap (95% CI)`, `${b.icb}'s gap is`]
          .map((h, i) => el('th', { scope: 'col', class: i > 0 && i < 5 ? 'num' : null }, h)))),
        el('tbody', {}, b.rows.map((r) => el('tr', { dataset: { area: r.area }, class: r.role === 'icb' ? 'row-overall' : null },
          el('th', { scope: 'row' }, r.role === 'england' ? 'England' : `${r.name} (${r.area})`),
          el('td', { class: 'num' }, isNum(r.core20_share) ? `${fmtValue(r.core20_share)}%` : '–'),
          el('td', { class: 'num' }, r.overall && isNum(r.overall.value) ? withUnit(r.overall.value, metric.unit) : r.overall ? '*' : 'no data'),
          el('td', { class: 'num', dataset: { col: 'gap' } }, isNum(r.gap) ? `${signed(r.gap)}${isNum(r.gap_lower) ? ` (${fmtInterval(r.gap_lower, r.gap_upper)})` : ''}` : r.overall ? '*' : '–'),
          el('td', { class: 'num', dataset: { col: 'difference' } }, isNum(r.difference) ? `${signed(r.difference)} (${fmtInterval(r.difference_lower, r.difference_upper)})` : '–'),
          el('td', { dataset: { col: 'judgement' } }, r.judgement ? JUDGED[r.judgement] : r.role === 'icb' ? '' : (r.note || '–'))))))),
    el('p', { class: 'hint' }, `${b.method}.`));
}
