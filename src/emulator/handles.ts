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

/** `Jane.Doe+pipes@example.com` → `jane-doe-pipes`, or `jane-doe-pipes-2` when taken. */
export function handleFromEmail(email: string, inUse: (handle: string) => boolean): string {
  const local = email.slice(0, email.lastIndexOf('@')).toLowerCase();
  const base = fit(local.replace(/[^a-z0-9]+/g, '-').replace(/^-+/, '')) || 'user';
  if (!inUse(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    // Shorten the stem (not the suffix) until the pattern accepts the whole handle.
    let stem = base.slice(0, MAX_HANDLE - suffix.length).replace(/-+$/, '');
    while (stem && !isHandle(`${stem}${suffix}`)) stem = stem.slice(0, -1).replace(/-+$/, '');
    const candidate = `${stem || 'user'}${suffix}`;
    if (!inUse(candidate)) return candidate;
  }
}
