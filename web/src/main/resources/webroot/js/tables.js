// Data tables, plain-English summaries and the data-quality panel.

import { el, replaceChildren } from './dom.js';
import {
  SUPPRESSED, TONE_COLOURS, comparison, differenceUnit, fmtCount, fmtInterval,
  fmtPeriod, fmtValue, listJoin, lowerFirst, withUnit,
} from './format.js';

const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

/** Cell content: "*" is wrapped in <abbr> so it is explained; textContent stays exactly "*". */
function cellText(text) {
  return text === SUPPRESSED ? el('abbr', { title: 'Suppressed: based on a small number' }, SUPPRESSED) : text;
}

function dataCell(groupKey, col, text) {
  return el('td', { class: 'num', dataset: { group: groupKey, col } }, cellText(text));
}

function comparisonCell(groupKey, g, metric) {
  const attrs = { dataset: { group: groupKey, col: 'vs_overall' } };
  if (groupKey === 'overall') return el('td', attrs, el('span', { 'aria-hidden': 'true' }, '–'), el('span', { class: 'visually-hidden' }, 'Not applicable'));
  if (!isNum(g.value) && g.vs_overall == null) return el('td', attrs, cellText(SUPPRESSED));
  const cmp = comparison(g.vs_overall, metric.direction);
  return el('td', attrs,
    cmp.marker ? el('span', { class: 'marker', style: `color:${TONE_COLOURS[cmp.tone]}`, 'aria-hidden': 'true' }, cmp.marker, ' ') : null,
    cmp.text);
}

/** No events in the group at all: nothing is hidden, there is simply no figure. */
const NO_DATA = '–';

/** A group against the breakdown's reference group (White, the rest, everyone else): difference and interval. */
function referenceCell(groupKey, g, reference, metric) {
  const attrs = { class: 'num', dataset: { group: groupKey, col: 'vs_reference' } };
  const vs = g.vs_reference;
  if (groupKey === 'overall' || g.group === reference || g.group === 'unknown') return el('td', attrs, NO_DATA);
  if (!vs || !isNum(vs.difference)) return el('td', attrs, cellText(g.suppressed ? SUPPRESSED : NO_DATA));
  const du = differenceUnit(metric.unit);
  return el('td', attrs, `${vs.difference > 0 ? '+' : ''}${fmtValue(vs.difference)}${du === 'percentage points' ? ' pp' : du ? ` ${du}` : ''}`,
    isNum(vs.difference_lower) ? ` (${fmtInterval(vs.difference_lower, vs.difference_upper)})` : '',
    vs.significant ? el('strong', {}, ' significant') : '');
}

/** "30 more", "10 fewer", "*" (fewer than 8 either way), with the interval in the same words. */
function patientsText(n, lo, hi) {
  const words = (v) => `${fmtCount(Math.abs(v))} ${v < 0 ? 'fewer' : 'more'}`;
  if (!isNum(n)) return SUPPRESSED;
  return `${n === 0 ? 'none' : words(n)}${isNum(lo) ? ` (${fmtCount(Math.abs(lo))}${lo < 0 ? ' fewer' : ''} to ${words(hi)})` : ''}`;
}

/** How many more or fewer in the group would have had the outcome at the reference group's rate. */
function patientsCell(groupKey, g, reference) {
  const attrs = { class: 'num', dataset: { group: groupKey, col: 'patients' } };
  const vs = g.vs_reference;
  if (groupKey === 'overall' || g.group === reference || g.group === 'unknown') return el('td', attrs, NO_DATA);
  if (!vs || !isNum(vs.difference)) return el('td', attrs, cellText(g.suppressed ? SUPPRESSED : NO_DATA));
  return el('td', attrs, cellText(patientsText(vs.patients, vs.patients_lower, vs.patients_upper)));
}

function row(g, groupKey, metric, reference, patients) {
  const isOverall = groupKey === 'overall';
  const empty = !g.suppressed && g.denominator === 0 && g.value == null;
  const cmp = isOverall ? null : comparison(g.vs_overall, metric.direction);
  return el('tr', {
    class: isOverall ? 'row-overall' : `row-${cmp.tone}`,
    dataset: { group: groupKey },
  },
  el('th', { scope: 'row' }, isOverall ? (g.label || 'All patients') : (g.label || g.group)),
  dataCell(groupKey, 'numerator', g.numerator == null && !g.suppressed ? NO_DATA : fmtCount(g.numerator)),
  // A count or a median has no denominator: "–", not the "*" of a hidden number.
  dataCell(groupKey, 'denominator', g.denominator == null && !g.suppressed ? NO_DATA : fmtCount(g.denominator)),
  dataCell(groupKey, 'value', empty ? NO_DATA : fmtValue(g.value, metric.unit)),
  dataCell(groupKey, 'ci', empty ? NO_DATA : fmtInterval(g.lower, g.upper, metric.unit)),
  empty ? el('td', { dataset: { group: groupKey, col: 'vs_overall' } }, NO_DATA) : comparisonCell(groupKey, g, metric),
  reference ? referenceCell(groupKey, g, reference, metric) : null,
  patients ? patientsCell(groupKey, g, reference) : null);
}

/** The reference group of a breakdown whose groups carry comparisons with one, and its label. */
function referenceOf(view) {
  const key = (view.groups || []).map((g) => g.vs_reference && g.vs_reference.reference).find(Boolean);
  const ref = key && view.groups.find((g) => g.group === key);
  return ref ? { key, label: ref.label || key } : null;
}

/** Fill `table` with the view's groups and a final "All patients" row. */
export function renderTable(table, view, metric, breakdownLabel) {
  const ref = referenceOf(view);
  // Every comparison of counts has a gap in patients (a small one is hidden: "*").
  const patients = ref && (view.groups || []).some((g) => g.vs_reference && g.vs_reference.difference_lower != null);
  const unit = metric.unit ? `Value (${metric.unit})` : 'Value';
  const caption = `${metric.label} by ${lowerFirst(breakdownLabel)}, ${fmtPeriod(view.period)}`
    + `${view.provisional ? ' (provisional)' : ''}. * = suppressed (small numbers).`;
  replaceChildren(table,
    el('caption', { id: `${table.id}-caption` }, caption),
    el('thead', {}, el('tr', {}, ['Group', 'Numerator', 'Denominator', unit, '95% CI', 'vs overall',
      ...(ref ? [`vs ${ref.label} (difference, 95% CI)`] : []),
      ...(patients ? [`Gap in patients at the rate of ${lowerFirst(ref.label)} (95% CI)`] : [])]
      .map((h, i) => el('th', { scope: 'col', class: (i > 0 && i < 5) || i > 5 ? 'num' : null }, h)))),
    el('tbody', {},
      (view.groups || []).map((g) => row(g, g.group, metric, ref && ref.key, patients)),
      row(view.overall || {}, 'overall', metric, ref && ref.key, patients)));
}

// ---------- plain-English summary ----------

const IMD_ENDS = { imd_quintile: ['1', '5'], imd_decile: ['1', '10'] };

function suppressedSentence(names) {
  if (!names.length) return '';
  return names.length === 1
    ? `The figure for ${names[0]} is suppressed because it is based on small numbers.`
    : `The figures for ${listJoin(names)} are suppressed because they are based on small numbers.`;
}

function deprivationSentences(view, metric, when, name) {
  const [mostKey, leastKey] = IMD_ENDS[view.breakdown];
  const byKey = new Map((view.groups || []).map((g) => [g.group, g]));
  const most = byKey.get(mostKey);
  const least = byKey.get(leastKey);
  if (!most || !least) return null;
  const mostName = `the ${lowerFirst(most.label || `group ${mostKey}`)}`;
  const leastName = `the ${lowerFirst(least.label || `group ${leastKey}`)}`;
  const u = metric.unit;
  if (isNum(most.value) && isNum(least.value)) {
    const diff = most.value - least.value;
    const sentences = [`${when}, ${name} was ${withUnit(most.value, u)} for patients in ${mostName}, `
      + `against ${withUnit(least.value, u)} in ${leastName}.`];
    if (Math.abs(diff) >= 0.05) {
      sentences.push(`That is ${fmtValue(Math.abs(diff))} ${differenceUnit(u)} ${diff < 0 ? 'lower' : 'higher'} `
        + `in ${mostName} than in ${leastName}.`);
    } else {
      sentences.push(`The two are the same to one decimal place.`);
    }
    return sentences;
  }
  const known = isNum(most.value) ? most : isNum(least.value) ? least : null;
  const hidden = [most, least].filter((g) => !isNum(g.value)).map((g) => (g === most ? mostName : leastName));
  return [
    known ? `${when}, ${name} was ${withUnit(known.value, u)} for patients in ${known === most ? mostName : leastName}.` : `${when}:`,
    suppressedSentence(hidden),
  ];
}

/** "the Mixed group", "the Other ethnic group" (no doubled "group"). */
function theGroup(g) {
  const label = g.label || g.group;
  return `the ${label}${/\bgroup$/i.test(label) ? '' : ' group'}`;
}

function groupPhrase(g, breakdownLabel) {
  return g.group === 'unknown' ? `where the ${lowerFirst(breakdownLabel)} was not known`
    : `in ${theGroup(g)}`;
}

function hiddenName(g, breakdownLabel) {
  return g.group === 'unknown' ? `patients whose ${lowerFirst(breakdownLabel)} was not known`
    : theGroup(g);
}

function ethnicitySentences(view, metric, when, name, breakdownLabel) {
  const groups = view.groups || [];
  const white = groups.find((g) => g.group === 'white');
  if (!white) return null;
  const u = metric.unit;
  const others = groups.filter((g) => g !== white);
  const shown = others.filter((g) => isNum(g.value)).map((g) => `${withUnit(g.value, u)} ${groupPhrase(g, breakdownLabel)}`);
  const hidden = others.filter((g) => g.suppressed).map((g) => hiddenName(g, breakdownLabel));
  const first = isNum(white.value)
    ? `${when}, ${name} was ${withUnit(white.value, u)} for patients in ${theGroup(white)}`
      + (shown.length ? `, against ${listJoin(shown)}.` : '.')
    : `${when}, the figure for ${theGroup(white)} (the comparison group) is suppressed because it is based on small numbers.`
      + (shown.length ? ` ${name.charAt(0).toUpperCase()}${name.slice(1)} was ${listJoin(shown)}.` : '');
  return [first, suppressedSentence(hidden)];
}

function genericSentences(view, metric, when, name, breakdownLabel) {
  const u = metric.unit;
  const shown = (view.groups || []).filter((g) => isNum(g.value));
  const hidden = (view.groups || []).filter((g) => g.suppressed).map((g) => hiddenName(g, breakdownLabel));
  if (!shown.length) return [`${when}:`, suppressedSentence(hidden)];
  const lo = shown.reduce((a, b) => (b.value < a.value ? b : a));
  const hi = shown.reduce((a, b) => (b.value > a.value ? b : a));
  return [`${when}, ${name} ranged from ${withUnit(lo.value, u)} ${groupPhrase(lo, breakdownLabel)} `
    + `to ${withUnit(hi.value, u)} ${groupPhrase(hi, breakdownLabel)}.`, suppressedSentence(hidden)];
}

function comparisonSentence(view, metric) {
  const overall = view.overall || {};
  if (!isNum(overall.value)) {
    return overall.suppressed ? 'The figure for all patients is suppressed because it is based on small numbers.' : '';
  }
  const pick = (dir) => (view.groups || []).filter((g) => g.vs_overall === dir).map((g) => g.label || g.group);
  const lower = pick('lower');
  const higher = pick('higher');
  const all = `all patients (${withUnit(overall.value, metric.unit)})`;
  if (!lower.length && !higher.length) {
    return `No group differed significantly from ${all}: every group's 95% interval includes the overall value.`;
  }
  const parts = [];
  if (lower.length) parts.push(`significantly lower for ${listJoin(lower)}`);
  if (higher.length) parts.push(`significantly higher for ${listJoin(higher)}`);
  return `Compared with ${all}, the value was ${parts.join(', and ')} (95% intervals exclude the overall value).`;
}

function inequalitySentences(view, metric) {
  const q = view.inequality;
  if (!q) return [];
  const du = differenceUnit(metric.unit);
  const ci = (lo, hi) => (isNum(lo) && isNum(hi) ? ` (95% CI ${fmtInterval(lo, hi)})` : '');
  const out = [];
  if (isNum(q.gap)) out.push(`Gap, most minus least deprived: ${fmtValue(q.gap)} ${du}${ci(q.gap_lower, q.gap_upper)}.`);
  if (isNum(q.ratio)) out.push(`Ratio, most to least deprived: ${q.ratio.toFixed(2)}${isNum(q.ratio_lower) && isNum(q.ratio_upper) ? ` (95% CI ${q.ratio_lower.toFixed(2)} to ${q.ratio_upper.toFixed(2)})` : ''}.`);
  if (isNum(q.sii)) out.push(`Slope index of inequality: ${fmtValue(q.sii)} ${du}${ci(q.sii_lower, q.sii_upper)}, measured as ${q.orientation || 'least deprived minus most deprived'}.`);
  if (isNum(q.rii)) out.push(`Relative index of inequality: ${q.rii.toFixed(2)}${isNum(q.rii_lower) && isNum(q.rii_upper) ? ` (95% CI ${q.rii_lower.toFixed(2)} to ${q.rii_upper.toFixed(2)})` : ''}.`);
  const a = q.attributable;
  if (a && isNum(a.risk)) {
    out.push(`Population attributable risk: if every group had the least deprived group's rate, ${isNum(a.patients) ? patientsText(a.patients, a.patients_lower, a.patients_upper) : 'fewer than 8 either way'}`
      + ` would have had the outcome, and the overall value would move by ${a.risk < 0 ? '+' : ''}${fmtValue(-a.risk)} ${du}${isNum(a.percent) ? ` (${fmtValue(Math.abs(a.percent))}% of it)` : ''}.`);
  }
  return out;
}

/** Plain-English summary of a view: an array of sentences. */
export function summarise(view, metric, breakdownLabel) {
  const when = `In ${fmtPeriod(view.period)}${view.provisional ? ' (provisional figures)' : ''}`;
  const name = `“${metric.label}”`;
  let main = null;
  if (IMD_ENDS[view.breakdown]) main = deprivationSentences(view, metric, when, name);
  else if (view.breakdown === 'ethnicity_group') main = ethnicitySentences(view, metric, when, name, breakdownLabel);
  if (!main) main = genericSentences(view, metric, when, name, breakdownLabel);
  return [...main, comparisonSentence(view, metric), ...inequalitySentences(view, metric)].filter(Boolean);
}
