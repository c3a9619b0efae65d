import { createHash } from 'node:crypto';
import type { Executor, Tx } from '../db/client';
import type { Ctx } from '../http/context';
import * as repo from './audit.repo';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | null;
  divisionCode?: string | null;
  details?: Record<string, unknown>;
};

type ChainedFields = {
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  divisionCode: string | null;
  ip: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
};

/** JSON with keys sorted at every level, so the hash does not depend on how jsonb stores an object. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The SHA-256 of a row's fields and the previous hash. */
export function hashRow(row: ChainedFields): string {
  const material = canonicalJson({
    seq: row.seq,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    divisionCode: row.divisionCode,
    ip: row.ip,
    requestId: row.requestId,
    details: row.details,
    prevHash: row.prevHash,
  });
  return createHash('sha256').update(material).digest('hex');
}

/**
 * Appends one audit row in the caller's transaction. The head row is locked for the rest of the
 * transaction, so rows chain in commit order; a rolled-back transaction leaves no row and no gap.
 */
export async function record(tx: Tx, ctx: Pick<Ctx, 'actor' | 'ip' | 'requestId' | 'now'>, entry: AuditEntry): Promise<void> {
  const head = await repo.lockHead(tx);
  if (!head) throw new Error('audit_head is missing: run the migrations');
  const fields: ChainedFields = {
    seq: head.seq + 1,
    at: ctx.now(),
    actorId: ctx.actor.userId,
    actorName: ctx.actor.username ?? ctx.actor.displayName,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    divisionCode: entry.divisionCode ?? null,
    ip: ctx.ip,
    requestId: ctx.requestId,
    details: JSON.parse(JSON.stringify(entry.details ?? {})) as Record<string, unknown>,
    prevHash: head.hash,
  };
  const hash = hashRow(fields);
  await repo.appendRow(tx, { ...fields, hash });
}

export type VerifyResult =
  | { ok: true; rows: number }
  | { ok: false; rows: number; seq: number; problem: 'edited' | 'inserted' | 'deleted' | 'tail-deleted' | 'head-edited'; detail: string };

/**
 * Walks the whole chain in order and names the first row that was edited, inserted or deleted.
 * Reads in batches so a long log does not sit in memory.
 */
export async function verifyChain(db: Executor, onProgress?: (seq: number, head: number) => void): Promise<VerifyResult> {
  const head = await repo.findHead(db);
  if (!head) return { ok: false, rows: 0, seq: 0, problem: 'head-edited', detail: 'the chain head row is missing' };
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let rows = 0;
  let after = 0;
  for (;;) {
    const batch = await repo.listRowsAfter(db, after, 5000);
    for (const row of batch) {
      if (row.seq !== expectedSeq) {
        if (row.seq > expectedSeq) {
          return { ok: false, rows, seq: expectedSeq, problem: 'deleted', detail: `row ${expectedSeq} is missing (next present row is ${row.seq})` };
        }
        return { ok: false, rows, seq: row.seq, problem: 'inserted', detail: `row ${row.seq} appears out of order` };
      }
      if (row.prevHash !== prevHash) {
        return { ok: false, rows, seq: row.seq, problem: 'inserted', detail: `row ${row.seq} does not follow row ${row.seq - 1}` };
      }
      const expected = hashRow({ ...row, details: row.details });
      if (expected !== row.hash) {
        return { ok: false, rows, seq: row.seq, problem: 'edited', detail: `row ${row.seq}'s content does not match its hash` };
      }
      prevHash = row.hash;
      expectedSeq += 1;
      rows += 1;
    }
    if (batch.length < 5000) break;
    after = batch[batch.length - 1]!.seq;
    onProgress?.(after, head.seq);
  }
  if (rows > head.seq) {
    return { ok: false, rows, seq: head.seq + 1, problem: 'inserted', detail: `row ${head.seq + 1} was added after the chain head (row ${head.seq})` };
  }
  if (head.seq > rows) {
    return { ok: false, rows, seq: rows + 1, problem: 'tail-deleted', detail: `the head says ${head.seq} rows, but the log ends at ${rows}` };
  }
  if (head.seq !== rows || head.hash !== prevHash) {
    return { ok: false, rows, seq: head.seq, problem: 'head-edited', detail: 'the chain head does not match the last row' };
  }
  return { ok: true, rows };
}
