// Who else could have written the config. As ssh does with ~/.ssh, a config directory or file
// that another user can write (or owns) is not trusted: anyone could have planted a login or
// a default org in it.
import { statSync, type Stats } from 'node:fs';

export interface UnsafeConfig {
  /** What is wrong, in words: "/home/u/.config/pipesctl is writable by other users (mode 0777)". */
  problem: string;
  /** The command that fixes it: "chmod 700 /home/u/.config/pipesctl". */
  fix: string;
}

/**
 * The problems with the config directory and file (either may be missing), or an empty list.
 * Owned by this user or by root, and writable by no one else, is safe. Not checked on Windows,
 * where modes and uids do not carry this meaning.
 */
export function checkConfigPermissions(dir: string, file: string, uid = process.getuid?.()): UnsafeConfig[] {
  if (uid === undefined) return [];
  const problems: UnsafeConfig[] = [];
  for (const [path, what, mode] of [
    [dir, 'directory', '700'],
    [file, 'file', '600'],
  ] as const) {
    let stat: Stats;
    try {
      stat = statSync(path);
    } catch {
      continue; // missing: nothing to trust yet
    }
    const perms = stat.mode & 0o777;
    if (stat.uid !== uid && stat.uid !== 0) {
      problems.push({ problem: `the config ${what} ${path} is owned by another user (uid ${stat.uid})`, fix: `chown $(id -u) ${quote(path)} && chmod ${mode} ${quote(path)}` });
    } else if (perms & 0o022) {
      const who = perms & 0o002 ? 'other users' : 'its group';
      problems.push({ problem: `the config ${what} ${path} is writable by ${who} (mode ${perms.toString(8).padStart(4, '0')})`, fix: `chmod ${mode} ${quote(path)}` });
    }
  }
  return problems;
}

function quote(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
