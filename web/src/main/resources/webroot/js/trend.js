// Making Data Count XmR charts and the SII chart, with their tables and text alternatives.

import { el, replaceChildren } from './dom.js';
import { chartsAvailable } from './charts.js';
import {
  SUPPRESSED, differenceUnit, fmtInterval, fmtPeriod, fmtValue, pointCause, withUnit,
} from './format.js';

const INK = '#212B32';
const GREY = '#4C6272';
const isNum = (v) => typeof v === 'number' && Number.isFinite(v);
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

// Making Data Count colours, each with its own point shape so colour is never the only signal.
export const CAUSE_STYLE = {
  improvement: { colour: '#005EB8', shape: 'rectRot', text: 'special cause, improving', marker: '◆' },
  concern: { colour: '#ED8B00', shape: 'triangle', text: 'special cause, concerning', marker: '▲' },
  neither: { colour: '#330072', shape: 'rect', text: 'special cause', marker: '■' },
  common: { colour: '#768692', shape: 'circle', text: 'common cause', marker: '●' },
};

/** Rules broken at a point, in words. */
function rules(p) {
  return [p.outside_limits && 'outside the limits', p.run && 'run of 7 on one side of the mean',
    (p.rising || p.falling) && `7 points ${p.rising ? 'rising' : 'falling'}`,
    p.two_of_three && '2 of 3 near a limit'].filter(Boolean);
}

/**
 * Draws (or updates in place) an XmR chart on `canvas`: the values, the mean, the process limits,
 * the target and, where given, the same months of 2019/20. Returns false without Chart.js.
 */
export function renderXmr(canvas, { periods, chart, target, baseline, unit, direction, label }) {
  const points = chart.points || [];
  const causes = points.map((p) => pointCause(p, chart.mean, direction) || 'common');
  canvas.setAttribute('aria-label', describeXmr({ periods, chart, target, unit, direction, label }));
  if (!chartsAvailable()) return false;
  const flat = (v) => periods.map(() => (isNum(v) ? v : null));
  const datasets = [
    {
      label, data: points.map((p) => p.value), borderColor: INK, borderWidth: 2, tension: 0,
      pointStyle: causes.map((c) => CAUSE_STYLE[c].shape),
      pointBackgroundColor: causes.map((c) => CAUSE_STYLE[c].colour),
      pointBorderColor: causes.map((c) => (c === 'common' ? CAUSE_STYLE.common.colour : INK)),
      pointRadius: causes.map((c) => (c === 'common' ? 4 : 7)), spanGaps: true, order: 0,
    },
    { label: 'Mean', data: flat(chart.mean), borderColor: GREY, borderWidth: 1.5, pointRadius: 0, order: 2 },
    { label: 'Process limits', data: flat(chart.upper_limit), borderColor: GREY, borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0, order: 3 },
    { label: 'Lower process limit', data: flat(chart.lower_limit), borderColor: GREY, borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0, order: 3 },
  ];
  if (isNum(target)) {
    datasets.push({ label: 'Target', data: flat(target), borderColor: '#DA291C', borderDash: [2, 3], borderWidth: 2, pointRadius: 0, order: 4 });
  }
  if (baseline && baseline.some(isNum)) {
    datasets.push({ label: 'Same month 2019/20', data: baseline, borderColor: '#7C2855', borderDash: [10, 3, 2, 3], borderWidth: 1.5, pointStyle: 'crossRot', pointRadius: 4, spanGaps: true, order: 5 });
  }
  const labels = periods.map((p) => fmtPeriod(p).replace(/^(\w{3})\w* (\d{4})$/, '$1 $2'));
  let c = window.Chart.getChart(canvas);
  if (c) {
    c.data.labels = labels;
    c.data.datasets = datasets;
    c.update(reducedMotion.matches ? 'none' : undefined);
    return true;
  }
  c = new window.Chart(canvas, {
    type: 'line',
    data: { labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: reducedMotion.matches ? false : { duration: 300 },
      scales: {
        y: { grid: { color: '#D8DDE0' }, ticks: { color: GREY }, title: { display: true, text: unit ? `Value (${unit})` : 'Value', color: INK } },
        x: { grid: { display: false }, ticks: { color: INK, maxRotation: 0, autoSkip: true } },
      },
      plugins: {
        legend: {
          position: 'bottom',
          labels: { color: INK, usePointStyle: true, filter: (item) => item.text !== 'Lower process limit' },
        },
      },
    },
  });
  return true;
}

/** The XmR chart in words. */
export function describeXmr({ periods, chart, target, unit, direction, label }) {
  const points = chart.points || [];
  const special = points.map((p, i) => [p, i]).filter(([p]) => pointCause(p, chart.mean, direction))
    .map(([p, i]) => `${fmtPeriod(periods[i])} (${withUnit(p.value, unit)}, ${CAUSE_STYLE[pointCause(p, chart.mean, direction)].text})`);
  const shown = points.filter((p) => isNum(p.value));
  const last = shown[shown.length - 1];
  return `SPC chart of ${label}, ${periods.length ? `${fmtPeriod(periods[0])} to ${fmtPeriod(periods[periods.length - 1])}` : 'no months'}. `
    + (isNum(chart.mean) ? `Mean ${withUnit(chart.mean, unit)}` : 'No mean')
    + (isNum(chart.lower_limit) ? `, process limits ${withUnit(chart.lower_limit, unit)} to ${withUnit(chart.upper_limit, unit)}` : '')
    + (isNum(target) ? `, target ${withUnit(target, unit)}` : '')
    + `. ${last ? `Latest value ${withUnit(last.value, unit)}. ` : ''}`
    + (special.length ? `Special-cause points: ${special.join('; ')}.` : 'No special-cause points.')
    + ' The same figures are in the table.';
}

/** The table behind an XmR chart. */
export function renderXmrTable(table, { periods, chart, baseline, unit, direction, caption, views, gap }) {
  const points = chart.points || [];
  const hasBaseline = baseline && baseline.some(isNum);
  const heads = ['Month', unit ? `Value (${unit})` : 'Value', ...(views && !gap ? ['95% CI'] : []),
    ...(hasBaseline ? ['Same month 2019/20'] : []), 'Signal'];
  replaceChildren(table,
    el('caption', { id: `${table.id}-caption` }, caption),
    el('thead', {}, el('tr', {}, heads.map((h, i) => el('th', { scope: 'col', class: i > 0 && h !== 'Signal' ? 'num' : null }, h)))),
    el('tbody', {}, points.map((p, i) => {
      const cause = pointCause(p, chart.mean, direction);
      const v = views ? views[i] : null;
      const o = v && v.overall ? v.overall : {};
      return el('tr', { dataset: { period: periods[i] } },
        el('th', { scope: 'row' }, fmtPeriod(periods[i]), v && v.provisional ? ' (provisional)' : ''),
        el('td', { class: 'num', dataset: { col: 'value' } }, isNum(p.value) ? fmtValue(p.value, gap ? null : unit) : SUPPRESSED),
        views && !gap ? el('td', { class: 'num' }, fmtInterval(o.lower, o.upper, unit)) : null,
        hasBaseline ? el('td', { class: 'num' }, isNum(baseline[i]) ? fmtValue(baseline[i], unit) : '–') : null,
        el('td', {}, cause ? [el('span', { 'aria-hidden': 'true', style: `color:${CAUSE_STYLE[cause].colour}` }, `${CAUSE_STYLE[cause].marker} `),
          `${CAUSE_STYLE[cause].text}: ${rules(p).join(', ')}`] : isNum(p.value) ? 'Common cause' : '–'));
    })),
    el('tfoot', {}, el('tr', {}, el('td', { colspan: String(heads.length) },
      isNum(chart.mean) ? `Mean ${fmtValue(chart.mean)}${isNum(chart.lower_limit) ? `; process limits ${fmtValue(chart.lower_limit)} to ${fmtValue(chart.upper_limit)}` : ''}` : 'Too few months for limits'))));
}

// ---------- SII chart ----------

const whiskers = {
  id: 'core20SiiWhiskers',
  afterDatasetsDraw(chart) {
    const ds = chart.data.datasets[0];
    if (!ds || !ds.lower) return;
    const { ctx } = chart;
    const x = chart.scales.x;
    const y = chart.scales.y;
    ctx.save();
    ds.data.forEach((d, i) => {
      if (!isNum(ds.lower[i]) || !isNum(ds.upper[i])) return;
      const px = x.getPixelForValue(d.x);
      ctx.strokeStyle = INK;
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(px, y.getPixelForValue(ds.lower[i]));
      ctx.lineTo(px, y.getPixelForValue(ds.upper[i]));
      for (const v of [ds.lower[i], ds.upper[i]]) {
        ctx.moveTo(px - 6, y.getPixelForValue(v));
        ctx.lineTo(px + 6, y.getPixelForValue(v));
      }
      ctx.stroke();
    });
    ctx.restore();
  },
};

/**
 * Each deprivation group at the midpoint of its cumulative share of the denominator (0 = most
 * deprived end), with its interval and the fitted SII curve. Positions use published counts.
 */
export function siiPoints(view) {
  const quantiles = (view.groups || []).filter((g) => g.group !== 'unknown');
  const weights = quantiles.map((g) => (isNum(g.denominator) ? g.denominator : isNum(g.numerator) ? g.numerator : 0));
  const total = weights.reduce((a, b) => a + b, 0);
  let cumulative = 0;
  return quantiles.map((g, i) => {
    const share = total ? weights[i] / total : 0;
    const mid = cumulative + share / 2;
    cumulative += share;
    return { group: g, x: mid };
  });
}

export function renderSii(canvas, view, metric) {
  const q = view.inequality || {};
  const points = siiPoints(view);
  const fit = q.fit || [];
  canvas.setAttribute('aria-label', `Slope index of inequality chart of ${metric.label}, ${fmtPeriod(view.period)}: `
    + `each deprivation group's value at its position from most deprived (0) to least deprived (1), with the fitted line. `
    + (isNum(q.sii) ? `SII ${fmtValue(q.sii)} ${differenceUnit(metric.unit)} (${q.orientation}), 95% CI ${fmtInterval(q.sii_lower, q.sii_upper)}; RII ${isNum(q.rii) ? q.rii.toFixed(2) : SUPPRESSED}.` : 'No SII for this month.')
    + ' The same figures are in the table.');
  if (!chartsAvailable()) return false;
  const datasets = [
    {
      label: 'Group value (95% CI)', type: 'scatter',
      data: points.map((p) => ({ x: p.x, y: isNum(p.group.value) ? p.group.value : null })),
      lower: points.map((p) => p.group.lower), upper: points.map((p) => p.group.upper),
      pointStyle: 'circle', pointRadius: 6, backgroundColor: '#005EB8', borderColor: INK,
    },
    {
      label: 'Fitted slope (SII)', type: 'line', data: fit.map((v, i) => ({ x: i / (fit.length - 1), y: v })),
      borderColor: '#DA291C', borderWidth: 2, borderDash: [8, 4], pointRadius: 0, tension: 0.3,
    },
  ];
  let c = window.Chart.getChart(canvas);
  if (c) {
    c.data.datasets = datasets;
    c.update('none');
    return true;
  }
  new window.Chart(canvas, {
    type: 'scatter',
    data: { datasets },
    plugins: [whiskers],
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: { type: 'linear', min: 0, max: 1, title: { display: true, color: INK, text: 'Most deprived (0) → least deprived (1): cumulative share of patients' }, ticks: { color: GREY } },
        y: { beginAtZero: false, title: { display: true, color: INK, text: metric.unit ? `Value (${metric.unit})` : 'Value' }, ticks: { color: GREY }, grid: { color: '#D8DDE0' } },
      },
      plugins: { legend: { position: 'bottom', labels: { color: INK, usePointStyle: true } } },
    },
  });
  return true;
}

export function renderSiiTable(table, view, metric) {
  const q = view.inequality || {};
  const du = differenceUnit(metric.unit);
  replaceChildren(table,
    el('caption', {}, `Slope index of inequality, ${metric.label}, ${fmtPeriod(view.period)}`),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Measure or group'),
      el('th', { scope: 'col', class: 'num' }, 'Value'), el('th', { scope: 'col', class: 'num' }, '95% CI'))),
    el('tbody', {},
      el('tr', {}, el('th', { scope: 'row' }, `SII (${q.orientation || 'least deprived minus most deprived'})`),
        el('td', { class: 'num', dataset: { col: 'sii' } }, isNum(q.sii) ? `${fmtValue(q.sii)} ${du}` : SUPPRESSED),
        el('td', { class: 'num' }, `95% CI ${fmtInterval(q.sii_lower, q.sii_upper)}`)),
      el('tr', {}, el('th', { scope: 'row' }, 'RII (least deprived ÷ most deprived, fitted)'),
        el('td', { class: 'num', dataset: { col: 'rii' } }, isNum(q.rii) ? q.rii.toFixed(2) : SUPPRESSED),
        el('td', { class: 'num' }, isNum(q.rii_lower) ? `95% CI ${q.rii_lower.toFixed(2)} to ${q.rii_upper.toFixed(2)}` : SUPPRESSED)),
      siiPoints(view).map((p) => el('tr', {}, el('th', { scope: 'row' }, `${p.group.label} (position ${p.x.toFixed(2)})`),
        el('td', { class: 'num' }, withUnit(p.group.value, metric.unit)),
        el('td', { class: 'num' }, `95% CI ${fmtInterval(p.group.lower, p.group.upper, metric.unit)}`)))));
}
