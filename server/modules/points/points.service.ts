import { AppError, type FieldIssue } from '@shared/errors';
import { chinaDate } from '@shared/kernel/workdays';
import { scorePack } from '@shared/points/engine';
import { parseFacts } from '@shared/points/facts';
import { validatePack, type PackFile, type PackIssue } from '@shared/points/pack.schema';
import { packWorkflow } from '@shared/points/pack.workflow';
import { SHIPPED_PACKS } from '@shared/points/packs';
import type {
  CalculateInput, CalculatorQuery, CalculatorView, PackActionInput, PackCopyInput, PackList, PackSummary, PackUpdateInput, PackValidation, PackView, ScoreView,
} from '@shared/points/points.schema';
import * as audit from '../../platform/audit/audit';
import { isCityWide } from '../../platform/auth/scope';
import type { Db, Executor } from '../../platform/db/client';
import { isUniqueViolation } from '../../platform/db/errors';
import { systemActor, type Ctx } from '../../platform/http/context';
import * as repo from './points.repo';

/** The China-time date of the caller's now. */
export const today = (ctx: Pick<Ctx, 'now'>) => chinaDate(ctx.now());

/** JSON with object keys sorted, so two bodies compare equal whatever order the database returns keys in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function fieldIssues(issues: PackIssue[]): FieldIssue[] {
  return issues.map((issue) => ({
    path: issue.path, code: 'POINTS_PACK_FIELD',
    message: `${issue.path || '（整体）'}：${issue.messageZh}`, messageEn: `${issue.path || '(whole pack)'}: ${issue.message}`,
  }));
}

/** The stored body as a pack; a stored body always passed validation, so a failure here is a bug, not bad input. */
export function bodyOf(row: repo.PackRow): PackFile {
  const result = validatePack(row.body);
  if (!result.ok) throw new Error(`stored points pack ${row.code} v${row.version} is invalid: ${result.issues.map((i) => i.path).join(', ')}`);
  return result.pack;
}

export function packSummary(row: repo.PackRow, inForceId: string | null, rows: readonly repo.PackRow[] = []): PackSummary {
  const body = row.body as { name?: PackSummary['name']; purpose?: PackSummary['purpose'] };
  const from = rows.find((r) => r.id === row.copiedFromId);
  return {
    id: row.id, code: row.code, version: row.version, status: row.status, name: body.name ?? { zh: row.code, en: row.code }, city: row.city,
    purpose: body.purpose ?? 'household', effectiveFrom: row.effectiveFrom, effectiveUntil: row.effectiveUntil,
    copiedFrom: from ? `${from.code} v${from.version}` : null, publishedAt: row.publishedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(), inForce: row.id === inForceId,
  };
}

async function inForceId(ctx: Ctx, db: Executor): Promise<string | null> {
  return (await repo.packInForce(db, today(ctx), { city: ctx.config.city }))?.id ?? null;
}

/**
 * Loads the shipped packs (policy.md §1, §5) as published version 1 of each code, once; a version already there is
 * never touched. Runs at every start.
 */
export async function ensureShippedPacks(db: Db): Promise<number> {
  const ctx = { actor: systemActor('points'), ip: null, requestId: 'ship-points-packs', now: () => new Date() };
  let added = 0;
  for (const raw of SHIPPED_PACKS) {
    const result = validatePack(raw);
    if (!result.ok) throw new Error(`shipped points pack is invalid: ${JSON.stringify(result.issues)}`);
    const pack = result.pack;
    await db.transaction(async (tx) => {
      const row = await repo.insertShippedPack(tx, {
        code: pack.code, version: 1, status: 'published', city: pack.city, effectiveFrom: pack.effectiveFrom, effectiveUntil: pack.effectiveUntil,
        body: pack, publishedAt: ctx.now(),
      });
      if (!row) return;
      added += 1;
      await repo.insertPackAction(tx, { packId: row.id, action: 'ship', fromStatus: null, toStatus: 'published', transactionId: row.id, actorId: null, details: `${pack.code} v1`, at: ctx.now() });
      await audit.record(tx, ctx, { action: 'points.pack.ship', entityType: 'points_pack', entityId: row.id, details: { code: pack.code, version: 1 } });
    });
  }
  return added;
}

export async function listPacks(ctx: Ctx): Promise<PackList> {
  const rows = await repo.listPacks(ctx.db);
  const current = await inForceId(ctx, ctx.db);
  return { items: rows.map((row) => packSummary(row, current, rows)) };
}

async function packView(ctx: Ctx, db: Executor, row: repo.PackRow): Promise<PackView> {
  const rows = await repo.listPacks(db);
  const history = await repo.packHistory(db, row.id);
  return {
    ...packSummary(row, await inForceId(ctx, db), rows),
    pack: row.body,
    history: history.map((h) => ({ action: h.action, from: h.from, to: h.to, at: h.at.toISOString(), actor: h.actor ?? null, details: h.details })),
    actions: isCityWide(ctx.scope) ? packWorkflow.available(row.status, ctx.actor.permissions).concat(ctx.actor.permissions.includes('points.manage') ? ['copy'] : []).filter((a, i, all) => all.indexOf(a) === i) : [],
  };
}

/** @throws NOT_FOUND for an unknown id. */
export async function getPack(ctx: Ctx, id: string): Promise<PackView> {
  const row = await repo.findPack(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return packView(ctx, ctx.db, row);
}

/**
 * Copies a version into a new draft: the next version of the same code, or version 1 of a new code.
 *
 * @throws CITY_LEVEL_ONLY for callers below the city; NOT_FOUND; POINTS_PACK_CODE_TAKEN for a new code that exists.
 * @idempotent on (author, transactionId).
 */
export async function copyPack(ctx: Ctx, id: string, input: PackCopyInput): Promise<PackView> {
  if (!isCityWide(ctx.scope)) throw new AppError('CITY_LEVEL_ONLY');
  const userId = ctx.actor.userId!;
  try {
    return await ctx.db.transaction(async (tx) => {
      const replay = await repo.findPackByTransaction(tx, userId, input.transactionId);
      if (replay) return packView(ctx, tx, replay);
      const source = await repo.findPack(tx, id);
      if (!source) throw new AppError('NOT_FOUND');
      const code = input.code ?? source.code;
      const version = (await repo.lastVersion(tx, code)) + 1;
      if (input.code && input.code !== source.code && version > 1) throw new AppError('POINTS_PACK_CODE_TAKEN', { code });
      const body = { ...source.body, code };
      packWorkflow.next('new', 'copy', ctx.actor.permissions);
      const row = await repo.insertPack(tx, {
        code, version, status: 'draft', city: source.city, effectiveFrom: source.effectiveFrom, effectiveUntil: source.effectiveUntil, body,
        copiedFromId: source.id, createdBy: userId, transactionId: input.transactionId, createdAt: ctx.now(), updatedAt: ctx.now(),
      });
      await repo.insertPackAction(tx, { packId: row.id, action: 'copy', fromStatus: null, toStatus: 'draft', transactionId: input.transactionId, actorId: userId, details: `${source.code} v${source.version}`, at: ctx.now() });
      await audit.record(tx, ctx, { action: 'points.pack.copy', entityType: 'points_pack', entityId: row.id, details: { from: `${source.code} v${source.version}`, to: `${code} v${version}` } });
      return packView(ctx, tx, row);
    });
  } catch (error) {
    // Two copies at once: the second finds the version number taken and is asked to try again.
    if (isUniqueViolation(error)) {
      const replay = await repo.findPackByTransaction(ctx.db, userId, input.transactionId);
      if (replay) return packView(ctx, ctx.db, replay);
      throw new AppError('WORKFLOW_ACTION_NOT_OPEN', { status: 'draft', action: 'copy' });
    }
    throw error;
  }
}

/**
 * Replaces a draft's body after checking every field; the code stays the draft's.
 *
 * @throws CITY_LEVEL_ONLY; NOT_FOUND; POINTS_PACK_PUBLISHED for a published or discarded version;
 *   POINTS_PACK_INVALID with one issue per field at fault.
 * @idempotent the same body twice leaves the same draft.
 */
export async function updatePack(ctx: Ctx, id: string, input: PackUpdateInput): Promise<PackView> {
  if (!isCityWide(ctx.scope)) throw new AppError('CITY_LEVEL_ONLY');
  if (!ctx.actor.permissions.includes('points.manage')) throw new AppError('FORBIDDEN', { permission: 'points.manage' });
  return ctx.db.transaction(async (tx) => {
    const row = await repo.lockPack(tx, id);
    if (!row) throw new AppError('NOT_FOUND');
    if (row.status !== 'draft') throw new AppError('POINTS_PACK_PUBLISHED', { code: row.code, version: row.version });
    const result = validatePack(input.pack);
    const issues = result.ok ? [] : result.issues;
    if (input.pack.code !== row.code) issues.push({ path: 'code', message: `the code stays "${row.code}"; copy the pack to start a new code`, messageZh: `编号须保持为“${row.code}”；新编号请另行复制` });
    if (!result.ok || issues.length) throw new AppError('POINTS_PACK_INVALID', { count: issues.length }, fieldIssues(issues));
    const pack = result.pack;
    const changed = Object.keys(pack).filter((key) => canonical((pack as Record<string, unknown>)[key]) !== canonical(row.body[key]));
    if (changed.length === 0) return packView(ctx, tx, row);
    await repo.updatePack(tx, id, { body: pack, city: pack.city, effectiveFrom: pack.effectiveFrom, effectiveUntil: pack.effectiveUntil, updatedAt: ctx.now() });
    await audit.record(tx, ctx, { action: 'points.pack.update', entityType: 'points_pack', entityId: id, details: { code: row.code, version: row.version, changed } });
    return packView(ctx, tx, (await repo.findPack(tx, id))!);
  });
}

/**
 * Publishes a draft with its effective date (today or later), or discards it.
 *
 * @throws CITY_LEVEL_ONLY; NOT_FOUND; WORKFLOW_ACTION_NOT_OPEN / FORBIDDEN; POINTS_PACK_EFFECTIVE_PAST; POINTS_PACK_INVALID.
 * @idempotent on (pack, transactionId).
 */
export async function actOnPack(ctx: Ctx, id: string, input: PackActionInput): Promise<PackView> {
  if (!isCityWide(ctx.scope)) throw new AppError('CITY_LEVEL_ONLY');
  return ctx.db.transaction(async (tx) => {
    const row = await repo.lockPack(tx, id);
    if (!row) throw new AppError('NOT_FOUND');
    if (await repo.findPackAction(tx, id, input.transactionId)) return packView(ctx, tx, row);
    const to = packWorkflow.next(row.status, input.action, ctx.actor.permissions);
    let details: string | null = null;
    if (input.action === 'publish') {
      const effectiveFrom = input.effectiveFrom ?? row.effectiveFrom;
      if (effectiveFrom < today(ctx)) throw new AppError('POINTS_PACK_EFFECTIVE_PAST', { date: effectiveFrom, today: today(ctx) });
      const pack = { ...row.body, effectiveFrom };
      const result = validatePack(pack);
      if (!result.ok) throw new AppError('POINTS_PACK_INVALID', { count: result.issues.length }, fieldIssues(result.issues));
      await repo.updatePack(tx, id, { status: 'published', body: pack, effectiveFrom, publishedAt: ctx.now(), updatedAt: ctx.now() });
      details = effectiveFrom;
    } else {
      await repo.updatePack(tx, id, { status: to as 'discarded', updatedAt: ctx.now() });
    }
    await repo.insertPackAction(tx, { packId: id, action: input.action, fromStatus: row.status, toStatus: to, transactionId: input.transactionId, actorId: ctx.actor.userId, details, at: ctx.now() });
    await audit.record(tx, ctx, { action: `points.pack.${input.action}`, entityType: 'points_pack', entityId: id, details: { code: row.code, version: row.version, from: row.status, to, ...(details ? { effectiveFrom: details } : {}) } });
    return packView(ctx, tx, (await repo.findPack(tx, id))!);
  });
}

/** Checks a pack without storing it: every field at fault at once. */
export function checkPack(input: unknown): PackValidation {
  const result = validatePack(input);
  return result.ok ? { ok: true, issues: [] } : { ok: false, issues: fieldIssues(result.issues) };
}

/** The published version asked for: a code (and version), or the city's pack in force today. @throws NOT_FOUND. */
async function publishedPack(ctx: Ctx, code?: string, version?: number): Promise<repo.PackRow> {
  const row = code
    ? version ? await repo.findPackVersion(ctx.db, code, version) : (await repo.packInForce(ctx.db, today(ctx), { code })) ?? (await repo.latestPublished(ctx.db, code))
    : await repo.packInForce(ctx.db, today(ctx), { city: ctx.config.city });
  if (!row || row.status !== 'published') throw new AppError('NOT_FOUND');
  return row;
}

/** The questions of a published pack for the self-assessment calculator, and the other published packs. */
export async function calculator(ctx: Ctx, query: CalculatorQuery): Promise<CalculatorView> {
  const row = await publishedPack(ctx, query.pack, query.version);
  const rows = await repo.listPacks(ctx.db);
  const current = await inForceId(ctx, ctx.db);
  const latest = new Map<string, repo.PackRow>();
  for (const r of rows) if (r.status === 'published' && (latest.get(r.code)?.version ?? 0) < r.version) latest.set(r.code, r);
  return { pack: packSummary(row, current, rows), body: row.body, packs: [...latest.values()].map((r) => packSummary(r, current, rows)) };
}

/**
 * Scores facts under a published pack with the one engine: total, ranking score, eligibility with reasons and the
 * line-by-line explanation. No record is kept.
 *
 * @throws NOT_FOUND for an unknown pack; POINTS_FACTS_INVALID with one issue per fact at fault.
 */
export async function calculate(ctx: Ctx, input: CalculateInput): Promise<ScoreView> {
  const row = await publishedPack(ctx, input.pack, input.version);
  const pack = bodyOf(row);
  const parsed = parseFacts(pack, input.facts);
  if (!parsed.ok) throw new AppError('POINTS_FACTS_INVALID', { count: parsed.issues.length }, parsed.issues);
  const score = scorePack(pack, parsed.facts, { applicationDate: input.applicationDate ?? today(ctx), materialsCutoff: input.materialsCutoff });
  const rows = await repo.listPacks(ctx.db);
  return {
    pack: packSummary(row, await inForceId(ctx, ctx.db), rows),
    ...score,
    interpretations: Object.entries(pack.interpretations).flatMap(([key, value]) => (value ? [{ key, value: value.value, confidence: value.confidence, note: value.note }] : [])),
  };
}
