// /org/{h}/avatar: upload a custom avatar (multipart/form-data, field `avatar`; png, jpeg,
// gif or webp up to 1 MiB) or go back to the generated default. Both answer 201.
import { createHash } from 'node:crypto';
import { ownedOrg } from '../auth';
import type { RequestContext, Route } from '../context';
import { Validation } from '../errors';
import { created, type ApiRequest, type Reply } from '../http';
import { imageTypeOf } from '../../api/rules';
import { parseMultipart } from '../multipart';
import { avatarUrl } from '../records';
import { audit, checkIfMatch } from './common';

const MAX_AVATAR_BYTES = 1024 * 1024;

function uploadAvatar(req: ApiRequest, ctx: RequestContext): Reply {
  const { org, actor } = ownedOrg(req, ctx, 'change the avatar');
  checkIfMatch(req, org.version_id);
  const file = parseMultipart(req.headers['content-type'], req.rawBody).find((part) => part.name === 'avatar');
  if (!file) throw new Validation('body.avatar', 'a file field named avatar is required');
  if (file.data.length === 0) throw new Validation('body.avatar', 'the file is empty');
  if (file.data.length > MAX_AVATAR_BYTES) throw new Validation('body.avatar', `the file is ${file.data.length} bytes; the limit is 1 MiB`);
  const type = imageTypeOf(file.data);
  if (!type) throw new Validation('body.avatar', 'the file must be a PNG, JPEG, GIF or WebP image');
  const now = ctx.now();
  const key = `${org.id}-${createHash('sha256').update(file.data).digest('hex').slice(0, 16)}`;
  const updated = ctx.store.transaction(() => {
    ctx.store.avatars.put({ key, org_id: org.id, content_type: type, data: file.data, created_at: now });
    const row = ctx.store.orgs.update(org.id, { avatar_key: key }, actor.user.id, now);
    audit(ctx, req, actor, row, 'org.avatar.update', { id: org.id, handle: org.handle }, { content_type: type, bytes: file.data.length });
    return row;
  });
  return created({ avatar_url: avatarUrl(ctx, updated) });
}

function deleteAvatar(req: ApiRequest, ctx: RequestContext): Reply {
  const { org, actor } = ownedOrg(req, ctx, 'change the avatar');
  checkIfMatch(req, org.version_id);
  const updated = ctx.store.transaction(() => {
    ctx.store.avatars.deleteForOrg(org.id);
    const row = ctx.store.orgs.update(org.id, { avatar_key: null }, actor.user.id, ctx.now());
    audit(ctx, req, actor, row, 'org.avatar.delete', { id: org.id, handle: org.handle }, {});
    return row;
  });
  return created({ avatar_url: avatarUrl(ctx, updated) });
}

export const avatarRoutes: Route[] = [
  { method: 'POST', path: '/api/v0/org/:org/avatar', auth: true, body: 'multipart', handler: uploadAvatar },
  { method: 'DELETE', path: '/api/v0/org/:org/avatar', auth: true, handler: deleteAvatar },
];
