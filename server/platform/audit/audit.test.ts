import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Tx } from '../db/client';
import { openDb } from '../db/client';
import { migrate } from '../db/migrate';
import { systemActor } from '../http/context';
import { buildTestApp, type TestApp, type TestUser } from '../../test/harness';
import { hashRow, record, verifyChain, type VerifyResult } from './audit';

let t: TestApp;
let admin: TestUser;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.factories.user({ roles: ['city_admin'], division: '4401' });
  // Real work writes the rows: grids and users created through the API.
  for (let i = 1; i <= 3; i += 1) {
    expect((await t.as(admin).post('/api/divisions/grids', { parentCode: '440106006002', name: `审计网格${i}` })).statusCode).toBe(201);
  }
  expect((await t.as(admin).post('/api/admin/users', { username: 'auditee', displayName: '被审计', password: 'Strong#Pass1', roles: ['grid_worker'], divisionCode: '440106006002001' })).statusCode).toBe(201);
});
afterAll(async () => {
  await t?.close();
});

class Rollback extends Error {}

/** Tampers inside a transaction with the append-only triggers off, verifies there, then rolls everything back. */
async function tamperAndVerify(db: Db, tamper: (tx: Tx) => Promise<unknown>): Promise<VerifyResult> {
  let result: VerifyResult | undefined;
  await db
    .transaction(async (tx) => {
      await tx.execute(sql`alter table audit_log disable trigger user`);
      await tamper(tx);
      result = await verifyChain(tx);
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return result!;
}

describe('the audit chain', () => {
  it('is intact after real work, through the API too', async () => {
    const direct = await verifyChain(t.db);
    expect(direct).toEqual({ ok: true, rows: expect.any(Number) });
    if (!direct.ok) return;
    expect(direct.rows).toBeGreaterThanOrEqual(4);
    const res = await t.as(admin).post('/api/audit/verify');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true });
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(t.db.execute(sql`update audit_log set actor_name = 'x' where seq = 1`)).rejects.toThrow();
    await expect(t.db.execute(sql`delete from audit_log where seq = 1`)).rejects.toThrow();
    await expect(t.db.execute(sql`truncate audit_log`)).rejects.toThrow();
    expect((await verifyChain(t.db)).ok).toBe(true);
  });

  it('names an edited row', async () => {
    const result = await tamperAndVerify(t.db, (tx) => tx.execute(sql`update audit_log set details = '{"name":"改过"}' where seq = 3`));
    expect(result).toMatchObject({ ok: false, seq: 3, problem: 'edited' });
  });

  it('names an edited actor or time, not only details', async () => {
    expect(await tamperAndVerify(t.db, (tx) => tx.execute(sql`update audit_log set actor_name = 'someone-else' where seq = 2`))).toMatchObject({ seq: 2, problem: 'edited' });
    expect(await tamperAndVerify(t.db, (tx) => tx.execute(sql`update audit_log set at = at - interval '1 day' where seq = 4`))).toMatchObject({ seq: 4, problem: 'edited' });
  });

  it('names a deleted row', async () => {
    const result = await tamperAndVerify(t.db, (tx) => tx.execute(sql`delete from audit_log where seq = 2`));
    expect(result).toMatchObject({ ok: false, seq: 2, problem: 'deleted' });
  });

  it('names a row replaced by a forgery with a correct hash of its own', async () => {
    const result = await tamperAndVerify(t.db, async (tx) => {
      await tx.execute(sql`delete from audit_log where seq = 2`);
      // A forger who knows the hashing writes a self-consistent row 2 that follows row 1…
      const [first] = (await tx.execute(sql`select hash from audit_log where seq = 1`)).rows as { hash: string }[];
      await tx.execute(sql`insert into audit_log (seq, at, actor_name, action, entity_type, details, prev_hash, hash)
        values (2, now(), 'forger', 'nothing.happened', 'none', '{}', ${first!.hash}, 'x')`);
      const [row] = (await tx.execute(sql`select * from audit_log where seq = 2`)).rows;
      const hash = hashRow({
        seq: 2, at: new Date(row!.at as string), actorId: null, actorName: 'forger', action: 'nothing.happened', entityType: 'none',
        entityId: null, divisionCode: null, ip: null, requestId: null, details: {}, prevHash: first!.hash,
      });
      await tx.execute(sql`update audit_log set hash = ${hash} where seq = 2`);
    });
    // …but row 3 still points at the real row 2.
    expect(result).toMatchObject({ ok: false, seq: 3, problem: 'inserted' });
    if (!result.ok) expect(result.detail).toContain('row 3 does not follow row 2');
  });

  it('names a row added after the head and a row removed from the end', async () => {
    const added = await tamperAndVerify(t.db, async (tx) => {
      const [head] = (await tx.execute(sql`select seq, hash from audit_head`)).rows as { seq: number; hash: string }[];
      const seq = Number(head!.seq) + 1;
      const at = new Date('2026-01-01T00:00:00Z');
      const hash = hashRow({ seq, at, actorId: null, actorName: 'forger', action: 'x', entityType: 'x', entityId: null, divisionCode: null, ip: null, requestId: null, details: {}, prevHash: head!.hash });
      await tx.execute(sql`insert into audit_log (seq, at, actor_name, action, entity_type, details, prev_hash, hash)
        values (${seq}, ${at.toISOString()}, 'forger', 'x', 'x', '{}', ${head!.hash}, ${hash})`);
    });
    const [head] = await t.handle.query<{ seq: string }>('select seq from audit_head');
    expect(added).toMatchObject({ ok: false, problem: 'inserted', seq: Number(head!.seq) + 1 });
    const removed = await tamperAndVerify(t.db, (tx) => tx.execute(sql`delete from audit_log where seq = (select max(seq) from audit_log)`));
    expect(removed).toMatchObject({ ok: false, problem: 'tail-deleted' });
  });

  it('rolls back with its transaction: no row, no gap', async () => {
    const before = await verifyChain(t.db);
    await t.db
      .transaction(async (tx) => {
        await record(tx, { actor: systemActor('test'), ip: null, requestId: 'r', now: () => new Date() }, { action: 'test.write', entityType: 'test' });
        throw new Rollback();
      })
      .catch(() => undefined);
    const after = await verifyChain(t.db);
    expect(after).toEqual(before);
  });
});

describe('anju audit verify', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'anju-audit-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('exits 0 on an intact chain and 1 naming the first edited row', async () => {
    const handle = await openDb({ dataDir: path.join(dataDir, 'pglite') });
    await migrate(handle);
    const ctx = { actor: systemActor('test'), ip: null, requestId: 'cli-test', now: () => new Date() };
    for (let i = 0; i < 5; i += 1) await handle.db.transaction((tx) => record(tx, ctx, { action: 'test.write', entityType: 'test', entityId: String(i) }));
    await handle.close();

    const cli = () =>
      spawnSync(process.execPath, ['--import', 'tsx', path.resolve(import.meta.dirname, '../../cli.ts'), 'audit', 'verify'], {
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'test' },
        encoding: 'utf8',
        timeout: 120_000,
      });
    const intact = cli();
    expect(intact.stdout).toContain('audit chain intact: 5 rows');
    expect(intact.status).toBe(0);

    const again = await openDb({ dataDir: path.join(dataDir, 'pglite') });
    await again.db.execute(sql`alter table audit_log disable trigger user`);
    await again.db.execute(sql`update audit_log set entity_id = '99' where seq = 4`);
    await again.close();
    const broken = cli();
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('audit chain broken at row 4 (edited)');
  });
});
