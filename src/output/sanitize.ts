// Text from the network or from files, made safe to show to a person: a display name, an
// invoice field or an error message must not be able to retitle the terminal, move the cursor,
// colour or hide what follows, or reorder what is shown. As gh does, C0 and C1 control
// characters are replaced by caret notation (ESC → "^[", BEL → "^G", CSI → "^[["), and the
// Unicode bidirectional controls are shown by name ("<U+202E>"). --json output never passes
// through here: JSON escapes control characters itself and must stay exact.

// C0 controls but tab and newline, DEL, the C1 block, and the bidi controls (ALM, LRM, RLM,
// LRE…RLO, LRI…PDI). One character class, so the scan is linear in the text's length.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_TEST = new RegExp(UNSAFE.source);

/** What an unsafe character is shown as. */
function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
  if (code === 0x7f) return '^?';
  if (code <= 0x9f) return `^[${String.fromCharCode(code - 0x40)}`;
  return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/**
 * Text from outside, as it may be shown: control characters (but tab and newline) in caret
 * notation, bidi controls by name. Everything else is kept as is.
 */
export function sanitize(text: string): string {
  return UNSAFE_TEST.test(text) ? text.replace(UNSAFE, visible) : text;
}

/** One line of text from outside: as sanitize(), with tabs and line breaks also turned into spaces. */
export function sanitizeLine(text: string): string {
  return sanitize(text.replace(/[\t\r\n]+/g, ' '));
}

// Colour and weight as chalk writes them (Select Graphic Rendition: ESC [ digits and ; m).
const SGR = /\u001b\[[0-9;]{0,32}m/g;

/**
 * A line composed by pipesctl, which may carry its own colours: every SGR sequence is kept and
 * everything else is sanitised. The last line of defence in the printer, so a value
 * interpolated without sanitize() still cannot move the cursor, retitle the window, ring the
 * bell or reorder text; values should still go through sanitize() (tables do it per cell) so
 * that colour codes in data do not survive either.
 */
export function sanitizeStyled(text: string): string {
  if (!UNSAFE_TEST.test(text)) return text;
  let out = '';
  let last = 0;
  for (const m of text.matchAll(SGR)) {
    out += sanitize(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + sanitize(text.slice(last));
}

/** True when the text holds something sanitize() would change. */
export function isUnsafe(text: string): boolean {
  return UNSAFE_TEST.test(text);
}
