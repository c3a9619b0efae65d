import { randomBytes } from 'node:crypto';
import { AppError } from '@shared/errors';
import { maskIdNumber } from '@shared/kernel/id-number';
import { chinaDate } from '@shared/kernel/workdays';
import { endorsementTiming, permitYear } from '@shared/permits/permit-dates';
import type { KioskCreated, KioskEndorseInput, KioskInput, KioskLookupInput, KioskPermitView, KioskReceipt, KioskView } from '@shared/permits/permit.schema';
import * as audit from '../../platform/audit/audit';
import { scopeContains } from '../../platform/auth/scope';
import { sha256 } from '../../platform/auth/session';
import type { Executor } from '../../platform/db/client';
import { derivedUuid } from '../../platform/db/derived-id';
import { cachedDivisionPath, describeDivision } from '../../platform/divisions/divisions.service';
import { systemActor, type Ctx } from '../../platform/http/context';
import { getSetting } from '../../platform/settings/settings.service';
import * as repo from './permits.repo';
import { endorseLocked } from './permits.service';

/** How a terminal presents its key: `Authorization: Kiosk <key>`. */
export const KIOSK_SCHEME = 'Kiosk';

async function present(ctx: Ctx, tx: Executor, row: repo.KioskRow): Promise<KioskView> {
  return {
    id: row.id, name: row.name, divisionCode: row.divisionCode, divisionPath: await cachedDivisionPath(ctx.db, tx, row.divisionCode), keyPrefix: row.keyPrefix,
    status: row.status, createdAt: row.createdAt.toISOString(), lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

/** The terminals of the caller's jurisdiction. */
export async function listKiosks(ctx: Ctx): Promise<{ items: KioskView[] }> {
  const rows = await repo.listKiosks(ctx.db, ctx.scope);
  return { items: await Promise.all(rows.map((row) => present(ctx, ctx.db, row))) };
}

/**
 * Registers a terminal at a division of the caller's jurisdiction and hands out its key, once.
 *
 * @throws NOT_FOUND for a division outside the jurisdiction; DIVISION_NOT_FOUND for one that does not exist.
 */
export async function createKiosk(ctx: Ctx, input: KioskInput): Promise<KioskCreated> {
  if (!scopeContains(ctx.scope, input.divisionCode)) throw new AppError('NOT_FOUND');
  return ctx.db.transaction(async (tx) => {
    if (!(await describeDivision(tx, input.divisionCode))) throw new AppError('DIVISION_NOT_FOUND', { code: input.divisionCode });
    const key = `kz_${randomBytes(24).toString('base64url')}`;
    const row = await repo.insertKiosk(tx, { name: input.name, divisionCode: input.divisionCode, keyHash: sha256(key), keyPrefix: key.slice(0, 8), createdBy: ctx.actor.userId, createdAt: ctx.now() });
    await audit.record(tx, ctx, { action: 'permits.kiosk.create', entityType: 'kiosk', entityId: row.id, divisionCode: row.divisionCode, details: { name: row.name } });
    return { kiosk: await present(ctx, tx, row), key };
  });
}

/**
 * Revokes a terminal's key at once (a lost or replaced terminal).
 *
 * @throws NOT_FOUND outside the caller's jurisdiction.
 */
export async function revokeKiosk(ctx: Ctx, id: string): Promise<KioskView> {
  return ctx.db.transaction(async (tx) => {
    const row = await repo.lockKiosk(tx, ctx.scope, id);
    if (!row) throw new AppError('NOT_FOUND');
    if (row.status !== 'revoked') {
      await repo.updateKiosk(tx, id, { status: 'revoked' });
      await audit.record(tx, ctx, { action: 'permits.kiosk.revoke', entityType: 'kiosk', entityId: id, divisionCode: row.divisionCode });
    }
    return present(ctx, tx, { ...row, status: 'revoked' });
  });
}

/**
 * The terminal behind a request, acting with the one permission terminals hold, inside its own division.
 *
 * @throws KIOSK_KEY_INVALID for a missing, unknown or revoked key.
 * @throws KIOSK_IDENTITY_NOT_CHECKED unless the terminal's own check found the person holds the ID card.
 */
async function asKiosk(ctx: Ctx, authorization: string | undefined, check: KioskLookupInput['identityCheck']): Promise<{ ctx: Ctx; kiosk: repo.KioskRow }> {
  const [scheme, key] = (authorization ?? '').split(' ');
  const kiosk = scheme === KIOSK_SCHEME && key ? await repo.findKioskByKeyHash(ctx.db, sha256(key)) : undefined;
  if (!kiosk) throw new AppError('KIOSK_KEY_INVALID');
  if (!check.passed) throw new AppError('KIOSK_IDENTITY_NOT_CHECKED');
  return { kiosk, ctx: { ...ctx, actor: { ...systemActor(`kiosk:${kiosk.name}`), permissions: ['permits.kiosk'] }, scope: { root: kiosk.divisionCode } } };
}

async function permitFacts(tx: Executor, row: repo.PermitRow, today: string): Promise<KioskPermitView> {
  const year = permitYear(row.runSince, row.endorsedYears, await getSetting(tx, 'permits.validityMonths'), await getSetting(tx, 'permits.endorseWindowMonths'));
  return {
    number: row.number, name: row.name, status: row.status, validUntil: year.validUntil, windowOpensOn: year.windowOpensOn,
    endorsable: row.status === 'suspended' ? 'late' : row.status === 'valid' ? endorsementTiming(today, year) : null,
  };
}

/**
 * A terminal looks up the permit of the person standing at it (ID card read, identity checked by the terminal).
 *
 * @throws KIOSK_KEY_INVALID; KIOSK_IDENTITY_NOT_CHECKED; NOT_FOUND when no permit in force lies in the terminal's jurisdiction.
 */
export async function kioskLookup(ctx: Ctx, authorization: string | undefined, input: KioskLookupInput): Promise<KioskPermitView> {
  const { ctx: kctx, kiosk } = await asKiosk(ctx, authorization, input.identityCheck);
  return ctx.db.transaction(async (tx) => {
    const row = await repo.lockPermitInForceByIdNumber(tx, kctx.scope, input.idNumber.toUpperCase());
    if (!row) throw new AppError('NOT_FOUND');
    await repo.updateKiosk(tx, kiosk.id, { lastUsedAt: ctx.now() });
    await audit.record(tx, kctx, { action: 'permits.kiosk.lookup', entityType: 'permit', entityId: row.id, divisionCode: row.divisionCode, details: { kiosk: kiosk.id, check: input.identityCheck } });
    return permitFacts(tx, row, chinaDate(ctx.now()));
  });
}

/**
 * A terminal endorses the permit of the person at it and gets the receipt to print.
 *
 * @throws KIOSK_KEY_INVALID; KIOSK_IDENTITY_NOT_CHECKED; NOT_FOUND; PERMITS_ENDORSE_TOO_EARLY; PERMITS_NOT_REGISTERED.
 * @idempotent on (permit, transactionId): a retried request prints the same receipt.
 */
export async function kioskEndorse(ctx: Ctx, authorization: string | undefined, input: KioskEndorseInput): Promise<KioskReceipt> {
  const { ctx: kctx, kiosk } = await asKiosk(ctx, authorization, input.identityCheck);
  return ctx.db.transaction(async (tx) => {
    const row = await repo.lockPermitInForceByIdNumber(tx, kctx.scope, input.idNumber.toUpperCase());
    if (!row) throw new AppError('NOT_FOUND');
    if (!(await repo.findPermitAction(tx, row.id, input.transactionId))) await endorseLocked(kctx, tx, row, 'endorse_kiosk', input.transactionId);
    await repo.updateKiosk(tx, kiosk.id, { lastUsedAt: ctx.now() });
    const after = (await repo.findPermit(tx, row.id, { scope: { root: '' } }))!;
    const facts = await permitFacts(tx, after, chinaDate(ctx.now()));
    const endorsedAt = ctx.now().toISOString();
    const receiptNo = `QZ${chinaDate(ctx.now()).replaceAll('-', '')}${derivedUuid(`${row.id}:${input.transactionId}`).slice(0, 8).toUpperCase()}`;
    return {
      receiptNo, permit: facts, endorsedAt, kiosk: kiosk.name,
      lines: ['居住证签注回执', `回执号：${receiptNo}`, `居住证号码：${after.number}`, `姓名：${after.name}`, `身份证号码：${maskIdNumber(after.idNumber)}`, `有效期至：${facts.validUntil}`, `办理终端：${kiosk.name}`, `办理时间：${chinaDate(ctx.now())}`],
    };
  });
}
