// Document errata: where the official Pipes API document contradicts itself or the service
// it describes, the one place that says so and corrects the cut (scripts/generate-api.mjs
// applies these before writing src/api/generated/). Validation, types and tests then use the
// corrected cut as they are; nothing else loosens a check. Each erratum says why.

/** `format` values that are format names; any other `format` in the document is a regular expression. */
const FORMAT_NAMES = new Set(['int32', 'int64', 'float', 'double', 'byte', 'binary', 'date', 'date-time', 'password', 'email', 'uri', 'uuid']);

/** Statuses the service answers that the document does not list, per operation (all with an ErrorModel body). */
const UNLISTED_STATUSES = {
  // Handles are unique across users and orgs: renaming onto a taken one is a conflict.
  org_update: [409, 412],
  // If-Match names another version than the record's: precondition failed; or no such org.
  org_delete: [404, 412],
  org_createAvatar: [412],
  org_deleteAvatar: [412],
  userToken_update: [412],
  // Inviting someone already in or invited to the org, or no such user; demoting or removing the last owner.
  orgMember_invite: [404, 409],
  orgMember_update: [409, 412],
  orgMember_delete: [409, 412],
  // Lists below an org that does not exist, or that the caller cannot see.
  org_listAuditLogs: [404],
  org_listConstraints: [404],
  org_listUsage: [404],
  orgWorkspace_list: [404],
  orgMember_list: [404],
};

const ERROR_RESPONSE = (description) => ({
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorModel' } } },
  description,
});
const STATUS_TEXT = { 404: 'Not Found', 409: 'Conflict', 412: 'Precondition Failed' };

export const ERRATA = [
  {
    id: 'format-is-a-pattern',
    why:
      'The document writes field patterns as `format` (e.g. `format: ^u_[0-9a-v]{20}$`), which JSON Schema ' +
      'treats as an unchecked annotation. They are the service rules, so every `format` that is not a format ' +
      'name becomes a `pattern`, anchored when the document left it bare (`pending|accepted`).',
    apply(doc) {
      walk(doc, (node) => {
        if (typeof node.format !== 'string' || FORMAT_NAMES.has(node.format)) return;
        const re = node.format;
        delete node.format;
        node.pattern = re.startsWith('^') && re.endsWith('$') ? re : `^(?:${re})$`;
      });
    },
  },
  {
    id: 'enum-ref-typed-as-object',
    why:
      'Enum references are wrapped as `allOf: [$ref: SomeEnum]` next to `type: object` (Workspace.desired_state, ' +
      'UpdateOrgRequest.usage_*_action, ...), while the enum itself is a string: the `type: object` goes.',
    apply(doc) {
      const schemas = doc.components.schemas;
      walk(doc, (node) => {
        if (node.type !== 'object' || !Array.isArray(node.allOf) || node.allOf.length !== 1) return;
        const ref = node.allOf[0].$ref;
        const target = ref && schemas[ref.replace('#/components/schemas/', '')];
        if (target && target.type && target.type !== 'object') delete node.type;
      });
    },
  },
  {
    id: 'nullable-without-type',
    why: '`nullable: true` on a schema without a type (Constraint.value, .limit, ...) restricts nothing: any value, null included, is allowed, so it is dropped.',
    apply(doc) {
      walk(doc, (node) => {
        if (node.nullable === true && node.type === undefined) delete node.nullable;
      });
    },
  },
  {
    id: 'live-records-have-no-deleter',
    why:
      '`deleted_by_id` is required on Org, Workspace and Tenant and patterned as a user id, yet a live record ' +
      'has no deleter: the service sends "" until the record is deleted, so the empty string is allowed.',
    apply(doc) {
      for (const schema of Object.values(doc.components.schemas)) {
        const prop = schema.properties?.deleted_by_id;
        if (prop?.pattern?.startsWith('^') && prop.pattern.endsWith('$')) prop.pattern = `^(?:${prop.pattern.slice(1, -1)})?$`;
      }
    },
  },
  {
    id: 'invite-by-user-handle',
    why:
      "InviteOrgUserRequest.handle is patterned as a record id (`^[a-z]_[0-9a-v]{20}$`), but it is the invitee's " +
      'user handle (as the field name, the console and the service agree): it takes the handle rule, the id still allowed.',
    apply(doc) {
      const handle = doc.components.schemas.InviteOrgUserRequest?.properties?.handle;
      if (handle?.pattern) handle.pattern = `^(?:${handleRule(doc).slice(1, -1)}|${handle.pattern.slice(1, -1)})$`;
    },
  },
  {
    id: 'one-character-handles-in-paths',
    why:
      'The create rule (CreateOrgRequest.handle) allows one-character handles; the path parameters ' +
      '(`^[a-z0-9][a-z0-9-]{0,37}[a-z0-9]$`) need two, so an org that can be created could never be addressed. ' +
      'Handle path parameters take the create rule.',
    apply(doc) {
      const rule = handleRule(doc);
      for (const item of Object.values(doc.paths)) {
        for (const op of Object.values(item)) {
          for (const param of op.parameters ?? []) {
            if (param.in === 'path' && /_handle$/.test(param.name) && param.schema?.pattern) param.schema.pattern = rule;
          }
        }
      }
    },
  },
  {
    id: 'unlisted-statuses',
    why:
      'The service answers some statuses the document does not list: 409 for a taken handle, an existing ' +
      'member or subscription, or the last owner; 412 when If-Match names another version; 404 for an org ' +
      'that does not exist or the caller cannot see. They are added, with the ErrorModel body every other error has.',
    apply(doc) {
      for (const item of Object.values(doc.paths)) {
        for (const op of Object.values(item)) {
          for (const status of UNLISTED_STATUSES[op.operationId] ?? []) {
            if (op.responses[status]) throw new Error(`erratum unlisted-statuses: ${op.operationId} already lists ${status}`);
            op.responses[status] = ERROR_RESPONSE(STATUS_TEXT[status]);
          }
        }
      }
    },
  },
];

/** The cut with every erratum applied, and their reasons recorded under `info.x-errata`. */
export function applyErrata(doc) {
  const out = structuredClone(doc);
  for (const erratum of ERRATA) erratum.apply(out);
  out.info = { ...out.info, 'x-errata': ERRATA.map(({ id, why }) => `${id}: ${why}`) };
  return out;
}

function handleRule(doc) {
  const rule = doc.components.schemas.CreateOrgRequest?.properties?.handle?.pattern;
  if (!rule) throw new Error('errata: CreateOrgRequest.handle has no pattern to take the handle rule from');
  return rule;
}

function walk(node, visit) {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node);
    for (const value of Object.values(node)) walk(value, visit);
  }
}
