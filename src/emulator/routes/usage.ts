// /org/{h}/usage (daily metrics, filtered by `where`), /org/{h}/workspace and
// /org/{h}/audit_log: the read-only views of an org.
import { ownedOrg, readableOrg } from '../auth';
import type { RequestContext, Route } from '../context';
import { ok, type ApiRequest, type Reply } from '../http';
import { auditRecord, usageRecord, workspaceRecord } from '../records';
import { parseUsageWhere } from '../where';
import { listResponse, pageQuery } from './common';

function listUsage(req: ApiRequest, ctx: RequestContext): Reply {
  const { org } = readableOrg(req, ctx);
  const where = req.query.get('where') ?? '';
  const filter = parseUsageWhere(where);
  const list = `usage:${org.id}:${where}`;
  const page = ctx.store.usage.list(org.id, filter, pageQuery(req, list));
  return ok(listResponse(page, list, (row) => usageRecord(ctx, row)));
}

function listWorkspaces(req: ApiRequest, ctx: RequestContext): Reply {
  const { org } = readableOrg(req, ctx);
  const list = `workspaces:${org.id}`;
  const page = ctx.store.workspaces.list(org.id, pageQuery(req, list));
  return ok(listResponse(page, list, workspaceRecord));
}

/** Owners only: the log names members' IP addresses. */
function listAuditLog(req: ApiRequest, ctx: RequestContext): Reply {
  const { org } = ownedOrg(req, ctx, 'read the audit log');
  const list = `audit:${org.id}`;
  const page = ctx.store.audit.list(org.id, pageQuery(req, list));
  return ok(listResponse(page, list, (row) => auditRecord(ctx, row, org)));
}

export const usageRoutes: Route[] = [
  { method: 'GET', path: '/api/v0/org/:org/usage', auth: true, handler: listUsage },
  { method: 'GET', path: '/api/v0/org/:org/workspace', auth: true, handler: listWorkspaces },
  { method: 'GET', path: '/api/v0/org/:org/audit_log', auth: true, handler: listAuditLog },
];
