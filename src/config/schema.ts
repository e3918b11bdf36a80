// The one definition of a valid config file. What is read is checked with it (a field that
// fails is left out, with a warning), and what is written must pass it.
export type TokenKind = 'user' | 'temporary';

export interface HostConfig {
  token?: string;
  /** Handle of the user the token belongs to. */
  user?: string;
  /** The default org, set by `org switch`. */
  org?: string;
  token_kind?: TokenKind;
}

export interface ConfigFile {
  hosts: Record<string, HostConfig>;
}

/** A config larger than this is not one pipesctl wrote: it is not read. */
export const CONFIG_MAX_BYTES = 1024 * 1024;

// A token goes into an HTTP header: visible ASCII only, no spaces or line breaks.
const TOKEN = /^[\x21-\x7e]{1,4096}$/;
// Handles are checked again where they are used; here, short and printable.
const NAME = /^[\x21-\x7e]{1,100}$/;

const HOST_FIELDS: { [K in keyof Required<HostConfig>]: (v: unknown) => boolean } = {
  token: (v) => typeof v === 'string' && TOKEN.test(v),
  user: (v) => typeof v === 'string' && NAME.test(v),
  org: (v) => typeof v === 'string' && NAME.test(v),
  token_kind: (v) => v === 'user' || v === 'temporary',
};

export interface ParsedConfig {
  config: ConfigFile;
  /** What was left out, in words; empty for a valid file. */
  problems: string[];
}

/**
 * Checks a parsed config.json. Not an object (or `hosts` not one): empty config and one
 * problem. A host entry that is not an object, or a field of it that is invalid: left out,
 * one problem each. Fields this version does not know are kept, for a newer pipesctl.
 */
export function checkConfig(value: unknown): ParsedConfig {
  if (!isObject(value) || (value.hosts !== undefined && !isObject(value.hosts))) {
    return { config: { hosts: {} }, problems: ['it is not a pipesctl config file'] };
  }
  const problems: string[] = [];
  const hosts: Record<string, HostConfig> = {};
  for (const [key, entry] of Object.entries((value.hosts ?? {}) as Record<string, unknown>)) {
    if (key === '__proto__') continue; // would set the prototype, not a key
    if (!isObject(entry)) {
      problems.push(`the entry for ${JSON.stringify(key)} is not an object`);
      continue;
    }
    const kept: Record<string, unknown> = {};
    for (const [field, v] of Object.entries(entry)) {
      if (field === '__proto__') continue;
      const check = HOST_FIELDS[field as keyof HostConfig];
      if (check && !check(v)) problems.push(`the ${field} of ${JSON.stringify(key)} is not valid`);
      else kept[field] = v;
    }
    hosts[key] = kept as HostConfig;
  }
  return { config: { ...value, hosts }, problems };
}

/** config.json's text: parsed and checked. */
export function parseConfig(text: string): ParsedConfig {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { config: { hosts: {} }, problems: ['it is not valid JSON'] };
  }
  return checkConfig(value);
}

/** The text to write; throws when `config` does not pass checkConfig (a bug, not bad input). */
export function serializeConfig(config: ConfigFile): string {
  const { problems } = checkConfig(config);
  if (problems.length > 0) throw new Error(`refusing to write an invalid config: ${problems.join('; ')}`);
  return `${JSON.stringify(config, undefined, 2)}\n`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
