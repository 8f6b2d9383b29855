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

/** Our plugin: whiskers from dataset.lower/upper, a dashed line at dataset.overall, "*" for suppressed groups. */
const intervalPlugin = {
  id: 'core20Intervals',
  afterDatasetsDraw(chart) {
    const ds = chart.data.datasets[0];
    const y = chart.scales.y;
    if (!ds || !y) return;
    const { ctx, chartArea } = chart;
    const bars = chart.getDatasetMeta(0).data;
    ctx.save();

    bars.forEach((bar, i) => {
      const x = bar.x;
      if (ds.data[i] == null) {
        ctx.fillStyle = INK;
        ctx.font = 'bold 18px Arial, Helvetica, sans-serif';
        ctx.textAlign = 'center';
        ctx.textBaseline = 'bottom';
        ctx.fillText('*', x, y.getPixelForValue(0) - 2);
        return;
      }
      const lo = ds.lower[i];
      const hi = ds.upper[i];
      if (!isNum(lo) || !isNum(hi)) return;
      const yLo = y.getPixelForValue(lo);
      const yHi = y.getPixelForValue(hi);
      const cap = Math.max(4, Math.min(12, bar.width / 4));
      const path = () => {
        ctx.beginPath();
        ctx.moveTo(x, yLo); ctx.lineTo(x, yHi);
        ctx.moveTo(x - cap, yLo); ctx.lineTo(x + cap, yLo);
        ctx.moveTo(x - cap, yHi); ctx.lineTo(x + cap, yHi);
      };
      // White halo first so the whisker stays visible over any bar colour.
      ctx.lineCap = 'round';
      ctx.strokeStyle = '#FFFFFF'; ctx.lineWidth = 5; path(); ctx.stroke();
      ctx.strokeStyle = INK; ctx.lineWidth = 2; path(); ctx.stroke();
    });

    if (isNum(ds.overall)) {
      const yo = y.getPixelForValue(ds.overall);
      if (yo >= chartArea.top && yo <= chartArea.bottom) {
        ctx.setLineDash([8, 5]);
        ctx.strokeStyle = INK;
        ctx.lineWidth = 2;
        ctx.beginPath();
        ctx.moveTo(chartArea.left, yo);
        ctx.lineTo(chartArea.right, yo);
        ctx.stroke();
        ctx.setLineDash([]);
        // Label in the right-hand padding, clear of the bars.
        ctx.font = 'bold 12px Arial, Helvetica, sans-serif';
        ctx.fillStyle = INK;
        ctx.textAlign = 'left';
        ctx.textBaseline = 'middle';
        ctx.fillText('Overall', chartArea.right + 6, yo - 7);
        ctx.fillText(withUnit(ds.overall, ds.unit), chartArea.right + 6, yo + 7);
      }
    }
    ctx.restore();
  },
};

/** Split a long category label into lines of about `width` characters. */
function wrapLabel(text, width = 10) {
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
    if (!isNum(g.value)) return `${name}: suppressed (small numbers)`;
    const ci = isNum(g.lower) && isNum(g.upper) ? ` (95% CI ${fmtInterval(g.lower, g.upper)})` : '';
    const cmp = comparison(g.vs_overall, metric.direction);
    const vs = cmp.dir && cmp.dir !== 'similar' ? `, ${cmp.text.toLowerCase()} than overall` : '';
    return `${name}: ${withUnit(g.value, unit)}${ci}${vs}`;
  });
  const overall = view.overall && isNum(view.overall.value)
    ? `All patients: ${withUnit(view.overall.value, unit)}` : 'All patients: suppressed';
  return `Bar chart of ${metric.label} by ${lowerFirst(breakdownLabel)}, ${fmtPeriod(view.period)}. `
    + `${parts.join('; ')}. ${overall}. The same figures are in the table.`;
}

/** Create or update (in place) the chart on `canvas` for a view. Returns false when Chart.js is unavailable. */
export function renderChart(canvas, view, metric, breakdownLabel) {
  canvas.setAttribute('aria-label', describeChart(view, metric, breakdownLabel));
  if (!chartsAvailable()) return false;

  const groups = view.groups || [];
  const overall = view.overall || {};
  const data = groups.map((g) => (isNum(g.value) ? g.value : null));
  const fills = groups.map((g) => {
    const cmp = comparison(g.vs_overall, metric.direction);
    return barFill(cmp.tone, cmp.dir);
  });
  const borders = groups.map((g) => TONE_COLOURS[comparison(g.vs_overall, metric.direction).tone]);
  const top = Math.max(0, ...[overall.value, overall.upper, ...groups.flatMap((g) => [g.value, g.upper])].filter(isNum));
  const unitLabel = metric.unit ? `Value (${metric.unit})` : 'Value';

  const dataset = {
    label: metric.label,
    data,
    lower: groups.map((g) => (isNum(g.lower) ? g.lower : null)),
    upper: groups.map((g) => (isNum(g.upper) ? g.upper : null)),
    overall: isNum(overall.value) ? overall.value : null,
    unit: metric.unit,
    backgroundColor: fills,
    borderColor: borders,
    borderWidth: 1,
    maxBarThickness: 64,
  };
  const labels = groups.map((g) => wrapLabel(g.label || g.group));

  let chart = window.Chart.getChart(canvas);
  if (chart) {
    chart.data.labels = labels;
    chart.data.datasets[0] = Object.assign(chart.data.datasets[0], dataset);
    chart.options.scales.y.suggestedMax = top * 1.12 || 1;
    chart.options.scales.y.title.text = unitLabel;
    chart.update(reducedMotion.matches ? 'none' : undefined);
    return true;
  }

  chart = new window.Chart(canvas, {
    type: 'bar',
    data: { labels, datasets: [dataset] },
    plugins: [intervalPlugin],
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: reducedMotion.matches ? false : { duration: 400 },
      layout: { padding: { top: 8, right: 64 } },
      scales: {
        x: { grid: { display: false }, ticks: { color: INK, autoSkip: false, maxRotation: 90 } },
        y: {
          beginAtZero: true,
          suggestedMax: top * 1.12 || 1,
          grid: { color: '#D8DDE0' },
          ticks: { color: GREY },
          title: { display: true, text: unitLabel, color: INK },
        },
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
              const ci = isNum(lo) && isNum(hi) ? ` (95% CI ${fmtInterval(lo, hi)})` : '';
              return `${withUnit(item.raw, ds.unit)}${ci}`;
            },
          },
        },
      },
    },
  });
  return true;
}

/** Destroy the chart on a canvas, if any (used when a section is reset). */
export function destroyChart(canvas) {
  if (chartsAvailable()) window.Chart.getChart(canvas)?.destroy();
}
