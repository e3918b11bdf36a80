// npm run generate:api — the part of the official Pipes API document that pipesctl and
// pipes-emulator use, and TypeScript types for it.
//
// From ../shared/pipes-api/openapi.full.yaml (the whole Pipes API v0 document) it writes:
//   src/api/generated/openapi.json  the cut: the operations below and every schema they reach,
//                                   with the document errata of scripts/api-errata.mjs applied
//   src/api/generated/openapi.ts    types for the cut (openapi-typescript)
// Both are committed, so a clone builds and tests without the document; test/api/generated.test.ts
// fails when they differ from a fresh generation.
//
//   node scripts/generate-api.mjs [--source path/to/openapi.full.yaml] [--check]
//   (PIPES_API_DOCUMENT=path also names the document, for the script and the test)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';
import { applyErrata, ERRATA } from './api-errata.mjs';

/** ../shared/pipes-api/openapi.full.yaml beside the clone (as in CI), or PIPES_API_DOCUMENT. */
export const DEFAULT_SOURCE = process.env.PIPES_API_DOCUMENT || fileURLToPath(new URL('../../shared/pipes-api/openapi.full.yaml', import.meta.url));
const OUT_DIR = fileURLToPath(new URL('../src/api/generated/', import.meta.url));
export const OUTPUTS = { json: `${OUT_DIR}openapi.json`, types: `${OUT_DIR}openapi.ts` };

/** The operations pipesctl sends or pipes-emulator serves, by operationId. */
export const OPERATIONS = [
  // who the token belongs to; the orgs it is in or invited to
  'actor_get',
  'actor_listOrgs',
  'actor_listOrgInvites',
  // public information of users and orgs
  'identity_list',
  'identity_get',
  // the browser login of Turbot's CLIs
  'auth_loginToken_create',
  'auth_loginToken_get',
  'auth_loginToken_update',
  'auth_loginToken_delete',
  // orgs
  'org_list',
  'org_create',
  'org_get',
  'org_update',
  'org_delete',
  'org_createAvatar',
  'org_deleteAvatar',
  'org_listAuditLogs',
  'org_listConstraints',
  'org_listUsage',
  'orgWorkspace_list',
  // members and invitations
  'orgMember_list',
  'orgMember_create',
  'orgMember_invite',
  'orgMember_deleteInvite',
  'orgMember_confirmInvite',
  'orgMember_get',
  'orgMember_update',
  'orgMember_delete',
  // billing of Team-plan orgs
  'org_getPlan',
  'orgBilling_listOrgSubscription',
  'orgBilling_createOrgSubscription',
  'orgBilling_getOrgBillingSubscription',
  'orgBilling_listOrgBillingInvoices',
  'orgBilling_getOrgBillingInvoice',
  'orgBilling_getOrgBillingUpcomingInvoice',
  'orgBilling_listOrgBillingPaymentMethod',
  'orgBilling_getOrgBillingPaymentMethod',
  // the caller's own API tokens
  'userToken_list',
  'userToken_create',
  'userToken_get',
  'userToken_update',
  'userToken_delete',
];

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** The document cut down to `operationIds` and the components they reach, in the document's order. */
export function cutDocument(doc, operationIds = OPERATIONS) {
  const wanted = new Set(operationIds);
  const found = new Set();
  const paths = {};
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const kept = {};
    for (const [key, value] of Object.entries(item)) {
      if (!METHODS.includes(key)) continue;
      if (wanted.has(value.operationId)) {
        kept[key] = value;
        found.add(value.operationId);
      }
    }
    if (Object.keys(kept).length === 0) continue;
    // Path-level parameters apply to every operation of the path.
    paths[path] = item.parameters ? { parameters: item.parameters, ...kept } : kept;
  }
  const missing = operationIds.filter((id) => !found.has(id));
  if (missing.length > 0) throw new Error(`not in the API document: ${missing.join(', ')}`);

  const reached = new Set();
  const queue = [paths];
  while (queue.length > 0) {
    for (const ref of refsIn(queue.pop())) {
      const name = ref.replace('#/components/schemas/', '');
      if (reached.has(name)) continue;
      const schema = doc.components?.schemas?.[name];
      if (!schema) throw new Error(`the API document refers to a missing schema: ${ref}`);
      reached.add(name);
      queue.push(schema);
    }
  }
  const schemas = {};
  for (const [name, schema] of Object.entries(doc.components.schemas)) if (reached.has(name)) schemas[name] = schema;

  const cut = { openapi: doc.openapi, info: doc.info, servers: doc.servers, paths, components: { schemas } };
  if (doc.components.securitySchemes) cut.components.securitySchemes = doc.components.securitySchemes;
  return withoutExamples(cut);
}

function refsIn(node) {
  const refs = [];
  (function walk(n) {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      if (typeof n.$ref === 'string') {
        if (!n.$ref.startsWith('#/components/schemas/')) throw new Error(`unsupported $ref: ${n.$ref}`);
        refs.push(n.$ref);
      }
      for (const [key, value] of Object.entries(n)) if (key !== 'example' && key !== 'examples') walk(value);
    }
  })(node);
  return refs;
}

/** Examples are placeholder values ("{}" for objects), not part of the contract: the cut leaves them out. */
function withoutExamples(node) {
  if (Array.isArray(node)) return node.map(withoutExamples);
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) if (key !== 'example' && key !== 'examples') out[key] = withoutExamples(value);
  return out;
}

/** The two generated files' contents, from the text of the whole document. */
export async function generate(sourceText) {
  const cut = applyErrata(cutDocument(parse(sourceText)));
  const json = `${JSON.stringify(cut, null, 2)}\n`;
  const ast = await openapiTS(structuredClone(cut), { alphabetize: false, defaultNonNullable: false, emptyObjectsUnknown: true });
  const header = [
    '// Generated by `npm run generate:api` from the Pipes API document (openapi.full.yaml),',
    `// cut to pipesctl's ${OPERATIONS.length} operations, with the errata of scripts/api-errata.mjs (${ERRATA.length}).`,
    '// Do not edit: change the script or the errata and generate again.',
    '',
  ].join('\n');
  return { json, types: header + astToString(ast) };
}

async function main(argv) {
  const sourceFlag = argv.indexOf('--source');
  const source = sourceFlag >= 0 ? argv[sourceFlag + 1] : DEFAULT_SOURCE;
  if (!source || !existsSync(source)) {
    console.error(`generate-api: the API document is not at ${source ?? '(no path)'}; pass --source <openapi.full.yaml>`);
    return 2;
  }
  const out = await generate(readFileSync(source, 'utf8'));
  const files = [
    [OUTPUTS.json, out.json],
    [OUTPUTS.types, out.types],
  ];
  if (argv.includes('--check')) {
    const stale = files.filter(([path, text]) => !existsSync(path) || readFileSync(path, 'utf8') !== text);
    for (const [path] of stale) console.error(`generate-api: ${relative(process.cwd(), path)} is out of date: run npm run generate:api`);
    return stale.length > 0 ? 1 : 0;
  }
  mkdirSync(dirname(OUTPUTS.json), { recursive: true });
  for (const [path, text] of files) {
    writeFileSync(path, text);
    console.log(`wrote ${relative(process.cwd(), path)} (${Buffer.byteLength(text)} bytes)`);
  }
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
