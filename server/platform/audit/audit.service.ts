import type { AuditListQuery, AuditPage, AuditVerifyView } from '@shared/admin/admin.schema';
import type { Ctx } from '../http/context';
import * as audit from './audit';
import * as repo from './audit.repo';

/** Searches the audit log inside the caller's jurisdiction. */
export async function listAudit(ctx: Ctx, query: AuditListQuery): Promise<AuditPage> {
  const { rows, total } = await repo.listAudit(ctx.db, ctx.scope, query);
  return {
    items: rows.map((row) => ({ ...row, at: row.at.toISOString() })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Verifies the whole hash chain and records that it was checked. */
export async function verifyAudit(ctx: Ctx): Promise<AuditVerifyView> {
  const result = await audit.verifyChain(ctx.db);
  await ctx.db.transaction((tx) =>
    audit.record(tx, ctx, { action: 'audit.chain.verify', entityType: 'audit', details: { ok: result.ok, rows: result.rows } }),
  );
  return result;
}
