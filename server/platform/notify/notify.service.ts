import type { InboxList, OutboxPage } from '@shared/admin/admin.schema';
import { AppError } from '@shared/errors';
import type { Ctx } from '../http/context';
import { isCityWide } from '../auth/scope';
import * as repo from './notify.repo';

/**
 * Lists the message outbox. With the development provider nothing is really sent, so the codes are shown
 * to let a tester log in; with a real provider login codes are hidden.
 */
export async function listOutbox(ctx: Ctx, query: { page: number; pageSize: number; recipient?: string | undefined }): Promise<OutboxPage> {
  // Messages carry residents' phone numbers and belong to no division: the outbox is city-wide.
  if (!isCityWide(ctx.scope)) throw new AppError('CITY_LEVEL_ONLY');
  const { rows, total } = await repo.listOutbox(ctx.db, query);
  const showCodes = ctx.notifier.provider.name === 'dev';
  return {
    items: rows.map((row) => ({
      id: row.id,
      channel: row.channel,
      recipient: row.recipient,
      template: row.template,
      body: showCodes || row.template !== 'auth.sms-code' ? row.body : row.body.replace(/\d{6}/, '******'),
      status: row.status,
      createdAt: row.createdAt.toISOString(),
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The caller's own in-app messages (notices, reminders), newest first. */
export async function listInbox(ctx: Ctx): Promise<InboxList> {
  const rows = await repo.listInbox(ctx.db, ctx.actor.userId ?? '', 30);
  return { items: rows.map((row) => ({ id: row.id, body: row.body, createdAt: row.createdAt.toISOString() })) };
}
