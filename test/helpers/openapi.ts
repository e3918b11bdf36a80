// Validation against the committed cut of the Pipes API document (src/api/generated/openapi.json,
// written by `npm run generate:api`), with ajv: responses by operation and status, requests by
// path parameters, query and JSON body, and single records by schema name.
//
//   responseProblems('GET', '/api/v0/org/acme', 200, body)    // [] when it conforms
//   requestProblems({ method, path: '/api/v0/org?limit=100', body })
//   schemaProblems('Org', value)
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import document from '../../src/api/generated/openapi.json' with { type: 'json' };

const API_PREFIX = '/api/v0';
const DOC_ID = 'pipes-api.json';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: object;
}
interface MediaTypes {
  [type: string]: { schema?: object };
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: MediaTypes };
  responses: Record<string, { content?: MediaTypes }>;
}

export interface OperationMatch {
  /** `GET /org/{org_handle}` */
  name: string;
  operationId: string;
  operation: Operation;
  params: Record<string, string>;
}

const METHODS = ['get', 'post', 'patch', 'delete', 'put'];

/** `#/components/schemas/X` → a reference into the one schema ajv holds. */
function rewriteRefs<T>(node: T): T {
  if (Array.isArray(node)) return node.map(rewriteRefs) as T;
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === '$ref' && typeof value === 'string' ? value.replace('#/components/schemas/', `${DOC_ID}#/$defs/`) : rewriteRefs(value);
  }
  return out as T;
}

function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, coerceTypes: coerce });
  addFormats(ajv);
  // OpenAPI's own annotation keywords in the document.
  ajv.addKeyword('x-enum-varnames');
  ajv.addSchema({ $id: DOC_ID, $defs: rewriteRefs(document.components.schemas) });
  return ajv;
}

const ajv = makeAjv(false);
/** Path and query values arrive as strings: this one coerces them to the parameter's type first. */
const coercing = makeAjv(true);
const compiled = new Map<string, ValidateFunction>();

function validator(key: string, schema: object, instance: Ajv = ajv): ValidateFunction {
  let fn = compiled.get(key);
  if (!fn) {
    fn = instance.compile(rewriteRefs(schema));
    compiled.set(key, fn);
  }
  return fn;
}

function problems(fn: ValidateFunction, value: unknown, where: string): string[] {
  if (fn(value)) return [];
  return (fn.errors ?? []).map((e: ErrorObject) => `${where}${e.instancePath || ''}: ${e.message ?? 'is invalid'}${describeParams(e)}`);
}

function describeParams(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})`;
  if (e.keyword === 'enum') return ` (${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)})`;
  return '';
}

const routes = Object.entries(document.paths as unknown as Record<string, Record<string, Operation>>).flatMap(([template, item]) =>
  Object.entries(item)
    .filter(([method]) => METHODS.includes(method))
    .map(([method, operation]) => {
      const segments = template.split('/').filter(Boolean);
      return { method: method.toUpperCase(), template, segments, literals: segments.filter((s) => !s.startsWith('{')).length, operation };
    }),
);

/** Every operation of the cut, as `METHOD /path/{param}`. */
export const OPERATIONS: readonly string[] = routes.map((r) => `${r.method} ${r.template}`);

/** The operation a request is for (a literal segment beats a parameter), or undefined. */
export function operationFor(method: string, path: string): OperationMatch | undefined {
  const bare = path.split('?')[0]!;
  if (!bare.startsWith(`${API_PREFIX}/`)) return undefined;
  const parts = bare.slice(API_PREFIX.length).split('/').filter(Boolean);
  let best: (OperationMatch & { literals: number }) | undefined;
  for (const route of routes) {
    if (route.method !== method.toUpperCase() || route.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matched = route.segments.every((segment, i) => {
      let part: string;
      try {
        part = decodeURIComponent(parts[i]!);
      } catch {
        return false;
      }
      if (segment.startsWith('{')) {
        params[segment.slice(1, -1)] = part;
        return true;
      }
      return segment === part;
    });
    if (matched && (!best || route.literals > best.literals)) {
      best = { name: `${route.method} ${route.template}`, operationId: route.operation.operationId, operation: route.operation, params, literals: route.literals };
    }
  }
  if (!best) return undefined;
  const { literals: _literals, ...match } = best;
  return match;
}

/**
 * What is wrong with an answer of the API: the status must be one the document lists for the
 * operation, and the body must match that status's schema (an empty body where it has none).
 * A request for no operation of the document must have been answered with an ErrorModel.
 */
export function responseProblems(method: string, path: string, status: number, body: unknown): string[] {
  const where = `${method} ${path.split('?')[0]} → ${status}`;
  const match = operationFor(method, path);
  if (!match) return schemaProblems('ErrorModel', body, `${where} (no operation of the document)`);
  const response = match.operation.responses[String(status)];
  if (!response) {
    return [`${where}: ${match.operationId} does not list status ${status} (lists ${Object.keys(match.operation.responses).join(', ')})`];
  }
  const schema = response.content?.['application/json']?.schema;
  if (!schema || Object.keys(schema).length === 0) {
    if (status === 204 && body !== undefined) return [`${where}: a 204 has no body`];
    return [];
  }
  if (body === undefined) return [`${where}: no body, expected ${describeSchema(schema)}`];
  return problems(validator(`res ${match.name} ${status}`, schema), body, where);
}

export interface RecordedRequest {
  method: string;
  /** With its query string. */
  path: string;
  /** Parsed JSON, or a note such as `(multipart/form-data)` for other content types. */
  body?: unknown;
}

/** What is wrong with a request: an unknown operation, or path parameters, query or body off the document. */
export function requestProblems(req: RecordedRequest): string[] {
  const bare = req.path.split('?')[0]!;
  const where = `${req.method} ${bare}`;
  const match = operationFor(req.method, req.path);
  if (!match) return [`${where}: no operation of the API document`];
  const op = match.operation;
  const out: string[] = [];

  const paramsOf = (kind: 'path' | 'query') => (op.parameters ?? []).filter((p) => p.in === kind);
  const objectSchema = (params: Parameter[], closed: boolean) => ({
    type: 'object',
    properties: Object.fromEntries(params.map((p) => [p.name, p.schema ?? {}])),
    required: params.filter((p) => p.required).map((p) => p.name),
    additionalProperties: !closed,
  });
  out.push(...problems(validator(`path ${match.name}`, objectSchema(paramsOf('path'), false), coercing), { ...match.params }, `${where} path`));

  const query: Record<string, string> = {};
  const search = new URLSearchParams(req.path.includes('?') ? req.path.slice(req.path.indexOf('?') + 1) : '');
  for (const [key, value] of search) {
    if (key in query) out.push(`${where} query: ${key} is given more than once`);
    query[key] = value;
  }
  out.push(...problems(validator(`query ${match.name}`, objectSchema(paramsOf('query'), true), coercing), query, `${where} query`));

  const content = op.requestBody?.content;
  if (req.body === undefined) {
    if (op.requestBody?.required) out.push(`${where}: the request body is required`);
  } else if (!content) {
    out.push(`${where}: the document takes no request body`);
  } else if (typeof req.body === 'string' && /^\(.*\)$/.test(req.body)) {
    const type = req.body.slice(1, -1);
    if (!content[type]) out.push(`${where}: a ${type} body where the document takes ${Object.keys(content).join(', ')}`);
  } else if (!content['application/json']) {
    out.push(`${where}: a JSON body where the document takes ${Object.keys(content).join(', ')}`);
  } else {
    out.push(...problems(validator(`body ${match.name}`, content['application/json'].schema ?? {}), req.body, `${where} body`));
  }
  return out;
}

/** What is wrong with `value` as the document's schema `name` (e.g. `Org`, `ListAuditLogsResponse`). */
export function schemaProblems(name: string, value: unknown, where = name): string[] {
  if (!(name in document.components.schemas)) throw new Error(`no schema ${name} in the API document`);
  return problems(validator(`schema ${name}`, { $ref: `#/components/schemas/${name}` }), value, where);
}

function describeSchema(schema: object): string {
  const ref = (schema as { $ref?: string }).$ref;
  return ref ? ref.replace('#/components/schemas/', '') : JSON.stringify(schema);
}
