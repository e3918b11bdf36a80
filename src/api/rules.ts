// Field rules of the Pipes API, shared by the client, input validation and the emulator.

/** The longest email address accepted (RFC 5321's path limit). */
export const EMAIL_MAX_LENGTH = 254;

// C0 and C1 control characters and DEL: never part of an address.
const CTL = '\\u0000-\\u001f\\u007f-\\u009f';
// One `@`; the domain is dot-separated labels. No two parts of the pattern can match the same
// character, so matching takes time linear in the input (no backtracking blow-up).
const EMAIL = new RegExp(`^[^\\s@${CTL}]+@[^\\s@.${CTL}]+(?:\\.[^\\s@.${CTL}]+)+$`);

/** Whether `text` is a plausible email address; the length is checked before the pattern. */
export function isEmail(text: string): boolean {
  return text.length <= EMAIL_MAX_LENGTH && EMAIL.test(text);
}
