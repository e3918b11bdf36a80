// Colour on a terminal only, with the switches people expect: --no-color, NO_COLOR,
// FORCE_COLOR (read the way chalk reads it: 0/false off, 1/true/empty basic, 2 256, 3 truecolor).
import { Chalk, type ChalkInstance } from 'chalk';

export type ColorLevel = 0 | 1 | 2 | 3;
export type Colors = ChalkInstance;

export interface ColorFacts {
  /** `--no-color` was given. */
  noColorFlag: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** The stream the colour is written to is a terminal. */
  isTTY: boolean;
}

export function colorLevel({ noColorFlag, env, isTTY }: ColorFacts): ColorLevel {
  if (noColorFlag) return 0;
  const forced = forceColorLevel(env.FORCE_COLOR);
  if (forced !== undefined) return forced;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (!isTTY || env.TERM === 'dumb') return 0;
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3;
  if (/-256(color)?$/i.test(env.TERM ?? '')) return 2;
  return 1;
}

function forceColorLevel(value: string | undefined): ColorLevel | undefined {
  if (value === undefined) return undefined;
  if (value === '' || value === 'true') return 1;
  if (value === 'false') return 0;
  const n = Number.parseInt(value, 10);
  if (Number.isNaN(n)) return undefined;
  return Math.max(0, Math.min(n, 3)) as ColorLevel;
}

export function createColors(level: ColorLevel): Colors {
  return new Chalk({ level });
}
