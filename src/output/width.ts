// Display width of text in terminal columns (string-width: wide CJK characters and emoji take
// two, combining marks none), and cutting text to a width. string-width is loaded on first
// use: it builds a segmenter and a large emoji pattern that most commands never need.

export type Measure = (text: string) => number;

// Printable ASCII and Latin up to the combining marks: one column per code unit, no need to ask.
const NARROW = /^[\u0020-\u007e\u00a0-\u02ff]*$/;

let loaded: Promise<Measure> | undefined;

/** A function giving the display width of text without escape sequences. */
export function loadMeasure(): Promise<Measure> {
  loaded ??= import('string-width').then(({ default: stringWidth }) => {
    return (text: string) => (NARROW.test(text) ? text.length : stringWidth(text));
  });
  return loaded;
}

let segmenter: Intl.Segmenter | undefined;

/** The text cut to at most `width` columns, ending in "…" when something was cut (whole characters only). */
export function truncateToWidth(text: string, width: number, measure: Measure): string {
  if (measure(text) <= width) return text;
  if (width <= 0) return '';
  if (NARROW.test(text)) return `${text.slice(0, width - 1)}…`;
  segmenter ??= new Intl.Segmenter();
  let out = '';
  let used = 0;
  for (const { segment } of segmenter.segment(text)) {
    const w = measure(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return `${out}…`;
}

/** The text padded with spaces to `width` columns (left-aligned unless told), never cut. */
export function padToWidth(text: string, width: number, measure: Measure, align: 'left' | 'right' = 'left'): string {
  const gap = width - measure(text);
  if (gap <= 0) return text;
  return align === 'right' ? ' '.repeat(gap) + text : text + ' '.repeat(gap);
}
