// The SQL-like `where` filter of GET /org/{h}/usage, parsed into a safe SQL condition.
// Supported: conditions joined by `and`, each `column op 'literal'` or
// `column in ('a', 'b')`, with op one of = != <> < <= > >=. Columns: usage_date (a date
// such as '2026-01-31' or an ISO 8601 date-time), dimension, metric, unit, billing_mode,
// workspace_id, instance_type. Anything else is a 400.
import { Validation } from './errors';
import type { UsageFilter } from './store/usage';

const COLUMNS = new Set(['usage_date', 'dimension', 'metric', 'unit', 'billing_mode', 'workspace_id', 'instance_type']);
const OPERATORS = new Set(['=', '!=', '<>', '<', '<=', '>', '>=']);

type Token = { kind: 'word' | 'op' | 'string' | 'punct'; text: string };

function invalid(message: string): Validation {
  return new Validation('query.where', message);
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (/[a-z_]/i.test(c)) {
      const word = /^[a-z_][a-z0-9_]*/i.exec(input.slice(i))![0];
      tokens.push({ kind: 'word', text: word.toLowerCase() });
      i += word.length;
    } else if (c === "'") {
      let text = '';
      i++;
      for (;;) {
        if (i >= input.length) throw invalid('a string literal is not closed');
        if (input[i] === "'") {
          if (input[i + 1] === "'") {
            text += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += input[i++];
      }
      tokens.push({ kind: 'string', text });
    } else if ('<>=!'.includes(c)) {
      const op = /^(<=|>=|<>|!=|=|<|>)/.exec(input.slice(i))?.[0];
      if (!op) throw invalid(`unexpected '${c}'`);
      tokens.push({ kind: 'op', text: op });
      i += op.length;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: 'punct', text: c });
      i++;
    } else {
      throw invalid(`unexpected '${c}'`);
    }
  }
  return tokens;
}

function dateValue(literal: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(literal) ? Date.parse(`${literal}T00:00:00Z`) : /^\d{4}-\d{2}-\d{2}T/.test(literal) ? Date.parse(literal) : NaN;
  if (Number.isNaN(ms)) throw invalid(`'${literal}' is not a date such as '2026-01-31'`);
  return ms;
}

export function parseUsageWhere(input: string): UsageFilter | null {
  const tokens = tokenize(input);
  if (tokens.length === 0) return null;
  const parts: string[] = [];
  const params: Array<string | number> = [];
  let i = 0;
  const next = () => tokens[i++];
  for (;;) {
    const column = next();
    if (!column || column.kind !== 'word' || !COLUMNS.has(column.text)) {
      throw invalid(`expected a column (${[...COLUMNS].join(', ')}), found ${column ? `'${column.text}'` : 'the end'}`);
    }
    const value = (literal: string) => (column.text === 'usage_date' ? dateValue(literal) : literal);
    const op = next();
    if (op?.kind === 'op' && OPERATORS.has(op.text)) {
      const literal = next();
      if (literal?.kind !== 'string') throw invalid(`expected a quoted value after ${column.text} ${op.text}`);
      parts.push(`${column.text} ${op.text === '<>' ? '!=' : op.text} ?`);
      params.push(value(literal.text));
    } else if (op?.kind === 'word' && op.text === 'in') {
      if (next()?.text !== '(') throw invalid(`expected '(' after ${column.text} in`);
      const values: Array<string | number> = [];
      for (;;) {
        const literal = next();
        if (literal?.kind !== 'string') throw invalid(`expected a quoted value in the list for ${column.text}`);
        values.push(value(literal.text));
        const sep = next();
        if (sep?.text === ')') break;
        if (sep?.text !== ',') throw invalid(`expected ',' or ')' in the list for ${column.text}`);
      }
      parts.push(`${column.text} IN (${values.map(() => '?').join(', ')})`);
      params.push(...values);
    } else {
      throw invalid(`expected an operator after ${column.text}`);
    }
    const joiner = next();
    if (!joiner) break;
    if (joiner.kind !== 'word' || joiner.text !== 'and') throw invalid(`expected 'and', found '${joiner.text}'`);
  }
  return { sql: parts.join(' AND '), params };
}
