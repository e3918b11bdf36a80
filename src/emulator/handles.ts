// Handles the emulator makes up: the placeholder user an email invite creates gets a handle
// derived from the address's local part, made unique with a numeric suffix.
import { isHandle } from '../api/rules';

const MAX_HANDLE = 39;

/** Shorten until the handle pattern accepts it (it caps hyphen groups as well as length). */
function fit(candidate: string): string {
  let handle = candidate.slice(0, MAX_HANDLE).replace(/-+$/, '');
  while (handle.length > 0 && !isHandle(handle)) handle = handle.slice(0, -1).replace(/-+$/, '');
  return handle;
}

/** What handle generation asks the store. */
export interface HandleLookup {
  /** Whether a user or a live org has this handle. */
  inUse(handle: string): boolean;
  /** The highest n for which `${stem}-${n}` is taken, or 0. */
  highestSuffix(stem: string): number;
}

/** The stem for a numbered handle: shortened (not the suffix) until the pattern accepts the whole. */
function stemFor(base: string, suffix: string): string {
  let stem = base.slice(0, MAX_HANDLE - suffix.length).replace(/-+$/, '');
  while (stem && !isHandle(`${stem}${suffix}`)) stem = stem.slice(0, -1).replace(/-+$/, '');
  return stem || 'user';
}

/**
 * `Jane.Doe+pipes@example.com` → `jane-doe-pipes`, or the next free number, `jane-doe-pipes-2`
 * and on, when taken. A constant number of lookups, however many share the local part.
 */
export function handleFromEmail(email: string, lookup: HandleLookup): string {
  const local = email.slice(0, email.lastIndexOf('@')).toLowerCase();
  const base = fit(local.replace(/[^a-z0-9]+/g, '-').replace(/^-+/, '')) || 'user';
  if (!lookup.inUse(base)) return base;
  let n = 2;
  for (;;) {
    const stem = stemFor(base, `-${n}`);
    n = Math.max(n, lookup.highestSuffix(stem) + 1);
    // A longer number can need a shorter stem: then ask again, for that stem.
    if (stemFor(base, `-${n}`) !== stem) continue;
    const candidate = `${stem}-${n}`;
    if (!lookup.inUse(candidate)) return candidate;
    n++;
  }
}
