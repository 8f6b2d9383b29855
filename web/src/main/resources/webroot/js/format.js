// Number, date and text formatting for the dashboard. Pure functions, no DOM.

export const SUPPRESSED = '*';

const oneDecimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const wholeNumber = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

/**
 * A value at the precision it is published at: ratios to two decimal places, counts whole, everything
 * else (percentages, rates, weeks) to one; "*" when null/suppressed.
 */
export function fmtValue(v, unit) {
  if (!isNum(v)) return SUPPRESSED;
  if (unit === 'count') return wholeNumber.format(v);
  const places = unit === 'ratio' ? 100 : 10;
  const rounded = Math.round(v * places) / places;
  return (unit === 'ratio' ? twoDecimals : oneDecimal).format(rounded === 0 ? 0 : rounded); // avoid "-0.0"
}

/** A count with thousands separators, or "*" when null/suppressed. */
export function fmtCount(n) {
  return isNum(n) ? wholeNumber.format(n) : SUPPRESSED;
}

/** A 95% interval as "2.0 to 3.0", or "*" when either limit is missing. */
export function fmtInterval(lower, upper, unit) {
  return isNum(lower) && isNum(upper) ? `${fmtValue(lower, unit)} to ${fmtValue(upper, unit)}` : SUPPRESSED;
}

/** A value with its unit for prose: "4.3%", "16.0 per 100", "1.87", "11,740". */
export function withUnit(v, unit) {
  if (!isNum(v)) return SUPPRESSED;
  if (!unit || unit === 'ratio' || unit === 'count') return fmtValue(v, unit);
  return unit === '%' ? `${fmtValue(v)}%` : `${fmtValue(v)} ${unit}`;
}

/** The unit of a difference between two values of the given unit. */
export function differenceUnit(unit) {
  if (unit === '%') return 'percentage points';
  return unit === 'ratio' || unit === 'count' ? '' : (unit || '');
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
  'August', 'September', 'October', 'November', 'December'];

/** "2026-10" → "October 2026" (falls back to the input if it is not YYYY-MM). */
export function fmtPeriod(period) {
  const m = /^(\d{4})-(\d{2})$/.exec(period || '');
  if (!m || +m[2] < 1 || +m[2] > 12) return period || '';
  return `${MONTHS[+m[2] - 1]} ${m[1]}`;
}

/** Local wall-clock time "14:03:22". */
export function fmtClock(date = new Date()) {
  return date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

const ukDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});

/** An ISO instant as UK date and time, e.g. "24 Nov 2026, 05:00:00"; "" when absent or invalid. */
export function fmtInstant(iso) {
  const t = Date.parse(iso || '');
  return Number.isNaN(t) ? '' : ukDateTime.format(new Date(t));
}

/** Lower-case the first letter unless the first word looks like an acronym ("PIFU", "DNA"). */
export function lowerFirst(text) {
  if (!text) return '';
  const firstWord = text.split(/\s/, 1)[0];
  if (firstWord.length > 1 && firstWord === firstWord.toUpperCase()) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Join phrases as "a, b and c". */
export function listJoin(items) {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Colours (NHS palette) for a group's comparison with the overall value; shared by chart, legend and table. */
export const TONE_COLOURS = {
  similar: '#005EB8', // NHS Blue
  worse: '#D5281B',   // NHS Red
  better: '#007F3B',  // NHS Green
  neutral: '#330072', // NHS Purple: significantly different, no good/bad direction
  none: '#768692',    // NHS Mid Grey: not compared
};

/**
 * How a group compares with the overall value, given the metric's direction.
 * Returns {dir: 'lower'|'higher'|'similar'|null, tone, marker, text} where the
 * marker and text make the meaning clear without colour.
 */
export function comparison(vsOverall, direction) {
  const dir = ['lower', 'higher', 'similar'].includes(vsOverall) ? vsOverall : null;
  if (dir === null) return { dir, tone: 'none', marker: '', text: 'Not compared' };
  if (dir === 'similar') return { dir, tone: 'similar', marker: '●', text: 'Similar' };
  let tone = 'neutral';
  if (direction === 'HIGHER_IS_BETTER') tone = dir === 'higher' ? 'better' : 'worse';
  if (direction === 'LOWER_IS_BETTER') tone = dir === 'lower' ? 'better' : 'worse';
  const word = dir === 'lower' ? 'Lower' : 'Higher';
  return {
    dir, tone,
    marker: dir === 'lower' ? '▼' : '▲',
    text: tone === 'neutral' ? word : `${word} (${tone})`,
  };
}

/** Making Data Count variation icons: a symbol, a short label and a class for the colour. */
export const VARIATION = {
  COMMON_CAUSE: { symbol: '~', text: 'Common cause variation', tone: 'common' },
  SPECIAL_CAUSE_IMPROVEMENT: { symbol: '↑', text: 'Special cause: improving', tone: 'improvement' },
  SPECIAL_CAUSE_CONCERN: { symbol: '!', text: 'Special cause: concerning', tone: 'concern' },
  SPECIAL_CAUSE_NEITHER: { symbol: '•', text: 'Special cause (no good direction)', tone: 'neither' },
  NOT_ENOUGH_DATA: { symbol: '–', text: 'Too few months for SPC', tone: 'none' },
};

/** Making Data Count assurance icons, against the target. */
export const ASSURANCE = {
  CONSISTENTLY_PASS: { symbol: 'P', text: 'Consistently meets the target', tone: 'improvement' },
  CONSISTENTLY_FAIL: { symbol: 'F', text: 'Consistently misses the target', tone: 'concern' },
  HIT_AND_MISS: { symbol: '?', text: 'Hit and miss against the target', tone: 'common' },
  NONE: null,
};

/** A judgement of a group against its reference, in words and with a marker that is not colour. */
export const JUDGEMENT = {
  worse: { marker: '▼', text: 'worse', tone: 'worse' },
  better: { marker: '▲', text: 'better', tone: 'better' },
  different: { marker: '◆', text: 'different', tone: 'neutral' },
  similar: { marker: '●', text: 'similar', tone: 'similar' },
};

/** Whether a published value meets a target in the metric's direction; null without either. */
export function meetsTarget(value, metric) {
  if (!isNum(value) || !isNum(metric.target)) return null;
  if (metric.direction === 'HIGHER_IS_BETTER') return value >= metric.target;
  if (metric.direction === 'LOWER_IS_BETTER') return value <= metric.target;
  return null;
}

/**
 * Which way a special-cause point points: 'improvement', 'concern' or 'neither', read as the server's
 * Spc.variation reads it (a level rule by the point's side of the mean, else its trend's direction)
 * and the metric's direction.
 */
export function pointCause(point, mean, direction) {
  const special = point.outside_limits || point.run || point.rising || point.falling || point.two_of_three;
  if (!special || !isNum(point.value)) return null;
  const level = point.outside_limits || point.run || point.two_of_three;
  const up = level ? point.value > mean : !!point.rising;
  if (direction === 'HIGHER_IS_BETTER') return up ? 'improvement' : 'concern';
  if (direction === 'LOWER_IS_BETTER') return up ? 'concern' : 'improvement';
  return 'neither';
}
