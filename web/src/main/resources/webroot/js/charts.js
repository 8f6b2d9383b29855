// Chart.js bar charts with 95% confidence-interval whiskers and a dashed overall line.
// Chart.js is loaded as a classic script (global `Chart`) before the modules run.

import { TONE_COLOURS, comparison, fmtInterval, fmtPeriod, lowerFirst, withUnit } from './format.js';

const INK = '#212B32';
const GREY = '#4C6272';
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

export const chartsAvailable = () => typeof window.Chart === 'function';

if (chartsAvailable()) {
  window.Chart.defaults.font.family = 'Arial, Helvetica, sans-serif';
  window.Chart.defaults.color = GREY;
}

// Bar fills: colour by comparison tone, plus a pattern by direction so colour is never the only cue:
// diagonal stripes = significantly lower than overall, dots = significantly higher, solid = similar.
const patterns = new Map();
function barFill(tone, dir) {
  const colour = TONE_COLOURS[tone];
  if (dir !== 'lower' && dir !== 'higher') return colour;
  const key = `${tone}:${dir}`;
  if (!patterns.has(key)) {
    const size = 10;
    const tile = document.createElement('canvas');
    tile.width = size;
    tile.height = size;
    const ctx = tile.getContext('2d');
    ctx.fillStyle = colour;
    ctx.fillRect(0, 0, size, size);
    ctx.fillStyle = ctx.strokeStyle = 'rgba(255,255,255,0.9)';
    if (dir === 'lower') {
      ctx.lineWidth = 2.5;
      ctx.beginPath();
      for (const o of [-size, 0, size]) { ctx.moveTo(o, size); ctx.lineTo(o + size, 0); }
      ctx.stroke();
    } else {
      ctx.beginPath();
      ctx.arc(size / 2, size / 2, 2.2, 0, 2 * Math.PI);
      ctx.fill();
    }
    patterns.set(key, ctx.createPattern(tile, 'repeat'));
  }
  return patterns.get(key);
}

/**
 * Our plugin: whiskers from dataset.lower/upper, a dashed line at dataset.overall and "*" for
 * suppressed groups. Works for vertical bars and for horizontal bars (indexAxis 'y', narrow screens).
 */
const intervalPlugin = {
  id: 'core20Intervals',
  afterDatasetsDraw(chart) {
    const ds = chart.data.datasets[0];
    const horizontal = chart.options.indexAxis === 'y';
    const scale = horizontal ? chart.scales.x : chart.scales.y;
    if (!ds || !scale) return;
    const { ctx, chartArea } = chart;
    // Map (position along the category axis, value) to canvas (x, y).
    const pt = (pos, value) => (horizontal ? [scale.getPixelForValue(value), pos] : [pos, scale.getPixelForValue(value)]);
    const line = (a, b) => { ctx.moveTo(...a); ctx.lineTo(...b); };
    ctx.save();

    chart.getDatasetMeta(0).data.forEach((bar, i) => {
      const pos = horizontal ? bar.y : bar.x;
      if (ds.data[i] == null) {
        if (!ds.suppressed[i]) return; // no events in the group: nothing to draw or explain
        const [x, y] = pt(pos, 0);
        ctx.fillStyle = INK;
        ctx.font = 'bold 18px Arial, Helvetica, sans-serif';
        ctx.textAlign = horizontal ? 'left' : 'center';
        ctx.textBaseline = horizontal ? 'middle' : 'bottom';
        ctx.fillText('*', horizontal ? x + 4 : x, horizontal ? y + 4 : y - 2);
        return;
      }
      const lo = ds.lower[i];
      const hi = ds.upper[i];
      if (!isNum(lo) || !isNum(hi)) return;
      const thickness = horizontal ? bar.height : bar.width;
      const cap = Math.max(4, Math.min(12, thickness / 4));
      const path = () => {
        ctx.beginPath();
        line(pt(pos, lo), pt(pos, hi));
        for (const v of [lo, hi]) line(pt(pos - cap, v), pt(pos + cap, v));
      };
      // White halo first so the whisker stays visible over any bar colour.
      ctx.lineCap = 'round';
      ctx.strokeStyle = '#FFFFFF'; ctx.lineWidth = 5; path(); ctx.stroke();
      ctx.strokeStyle = INK; ctx.lineWidth = 2; path(); ctx.stroke();
    });

    if (isNum(ds.overall)) {
      const p = scale.getPixelForValue(ds.overall);
      const inside = horizontal ? p >= chartArea.left && p <= chartArea.right : p >= chartArea.top && p <= chartArea.bottom;
      if (inside) {
        ctx.setLineDash([8, 5]);
        ctx.strokeStyle = INK;
        ctx.lineWidth = 2;
        ctx.beginPath();
        if (horizontal) line([p, chartArea.top], [p, chartArea.bottom]);
        else line([chartArea.left, p], [chartArea.right, p]);
        ctx.stroke();
        ctx.setLineDash([]);
        // Label in the padding outside the plot area, clear of the bars.
        const value = withUnit(ds.overall, ds.unit);
        ctx.font = 'bold 12px Arial, Helvetica, sans-serif';
        ctx.fillStyle = INK;
        ctx.textBaseline = 'middle';
        if (horizontal) {
          const text = `Overall ${value}`;
          const half = ctx.measureText(text).width / 2;
          ctx.textAlign = 'center';
          ctx.fillText(text, Math.min(Math.max(p, chartArea.left + half), chart.width - half - 2), chartArea.top - 10);
        } else {
          ctx.textAlign = 'left';
          ctx.fillText('Overall', chartArea.right + 6, p - 7);
          ctx.fillText(value, chartArea.right + 6, p + 7);
        }
      }
    }
    ctx.restore();
  },
};

/** Split a long category label into lines of about `width` characters. */
function wrapLabel(text, width) {
  const lines = [];
  let line = '';
  for (const word of String(text).split(/\s+/)) {
    if (line && (line + ' ' + word).length > width) { lines.push(line); line = word; }
    else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length > 1 ? lines : lines[0] || '';
}

/** The chart's text alternative, summarising every value shown. */
export function describeChart(view, metric, breakdownLabel) {
  const unit = metric.unit;
  const parts = (view.groups || []).map((g) => {
    const name = g.label || g.group;
    if (!isNum(g.value)) return g.suppressed ? `${name}: suppressed (small numbers)` : `${name}: no data`;
    const ci = isNum(g.lower) && isNum(g.upper) ? ` (95% CI ${fmtInterval(g.lower, g.upper, unit)})` : '';
    const cmp = comparison(g.vs_overall, metric.direction);
    const vs = cmp.dir && cmp.dir !== 'similar' ? `, ${cmp.text.toLowerCase()} than overall` : '';
    return `${name}: ${withUnit(g.value, unit)}${ci}${vs}`;
  });
  const overall = view.overall && isNum(view.overall.value)
    ? `All patients: ${withUnit(view.overall.value, unit)}` : 'All patients: suppressed';
  return `Bar chart of ${metric.label} by ${lowerFirst(breakdownLabel)}, ${fmtPeriod(view.period)}. `
    + `${parts.join('; ')}. ${overall}. The same figures are in the table.`;
}

const NARROW_PX = 520; // below this chart width, bars run horizontally so long group labels stay readable
const MANY_GROUPS = 10; // more groups than this always run horizontally
const sideways = (width, groups) => width < NARROW_PX || groups > MANY_GROUPS;

function options(horizontal, top, unitLabel) {
  const valueAxis = {
    beginAtZero: true,
    suggestedMax: top * 1.12 || 1,
    grid: { color: '#D8DDE0' },
    ticks: { color: GREY },
    title: { display: true, text: unitLabel, color: INK },
  };
  const categoryAxis = { grid: { display: false }, ticks: { color: INK, autoSkip: false, maxRotation: 0 } };
  return {
    indexAxis: horizontal ? 'y' : 'x',
    responsive: true,
    maintainAspectRatio: false,
    animation: reducedMotion.matches ? false : { duration: 400 },
    layout: { padding: horizontal ? { top: 24, right: 16 } : { top: 8, right: 64 } },
    scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
    onResize: (chart, size) => {
      const turn = sideways(size.width, chart.data.datasets[0].rawLabels.length);
      if (turn !== (chart.options.indexAxis === 'y')) {
        const ds = chart.data.datasets[0];
        chart.options = options(turn, ds.top, ds.unitLabel);
        chart.data.labels = ds.rawLabels.map((l) => wrapLabel(l, turn ? 16 : 10));
        chart.update('none');
      }
    },
    plugins: {
      legend: { display: false },
      tooltip: {
        callbacks: {
          title: (items) => [].concat(items[0]?.label ?? '').join(' '),
          label: (item) => {
            const ds = item.chart.data.datasets[0];
            const lo = ds.lower[item.dataIndex];
            const hi = ds.upper[item.dataIndex];
            const ci = isNum(lo) && isNum(hi) ? ` (95% CI ${fmtInterval(lo, hi, ds.unit)})` : '';
            return `${withUnit(item.raw, ds.unit)}${ci}`;
          },
        },
      },
    },
  };
}

/** Create or update (in place) the chart on `canvas` for a view. Returns false when Chart.js is unavailable. */
export function renderChart(canvas, view, metric, breakdownLabel) {
  canvas.setAttribute('aria-label', describeChart(view, metric, breakdownLabel));
  if (!chartsAvailable()) return false;

  const groups = view.groups || [];
  const overall = view.overall || {};
  const tones = groups.map((g) => comparison(g.vs_overall, metric.direction));
  const top = Math.max(0, ...[overall.value, overall.upper, ...groups.flatMap((g) => [g.value, g.upper])].filter(isNum));
  const dataset = {
    label: metric.label,
    data: groups.map((g) => (isNum(g.value) ? g.value : null)),
    lower: groups.map((g) => (isNum(g.lower) ? g.lower : null)),
    upper: groups.map((g) => (isNum(g.upper) ? g.upper : null)),
    suppressed: groups.map((g) => !!g.suppressed),
    overall: isNum(overall.value) ? overall.value : null,
    unit: metric.unit,
    unitLabel: metric.unit ? `Value (${metric.unit})` : 'Value',
    top,
    rawLabels: groups.map((g) => g.label || g.group),
    backgroundColor: tones.map((c) => barFill(c.tone, c.dir)),
    borderColor: tones.map((c) => TONE_COLOURS[c.tone]),
    borderWidth: 1,
    maxBarThickness: 64,
  };

  let chart = window.Chart.getChart(canvas);
  const horizontal = chart ? chart.options.indexAxis === 'y' : sideways(canvas.parentElement.clientWidth || 1000, groups.length);
  // Room for every bar when they run sideways.
  canvas.parentElement.style.height = groups.length > MANY_GROUPS ? `${Math.max(20, groups.length * 1.9)}rem` : '';
  const labels = dataset.rawLabels.map((l) => wrapLabel(l, horizontal ? 16 : 10));
  if (chart) {
    chart.data.labels = labels;
    Object.assign(chart.data.datasets[0], dataset);
    chart.options.scales[horizontal ? 'x' : 'y'].suggestedMax = top * 1.12 || 1;
    chart.update(reducedMotion.matches ? 'none' : undefined);
  } else {
    chart = new window.Chart(canvas, {
      type: 'bar',
      data: { labels, datasets: [dataset] },
      plugins: [intervalPlugin],
      options: options(horizontal, top, dataset.unitLabel),
    });
  }
  return true;
}
