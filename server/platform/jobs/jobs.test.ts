import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/client';
import { testDb } from '../../test/db';
import { createJobs, type Jobs } from './jobs';

let handle: DbHandle;
let jobs: Jobs;
const seen: { name: string; data: unknown; retryCount: number }[] = [];
let failuresLeft = 0;

beforeAll(async () => {
  handle = await testDb();
  jobs = createJobs(handle);
  jobs.define<{ n: number }>({
    name: 'test.record',
    handler: async (data, job) => {
      seen.push({ name: job.name, data, retryCount: job.retryCount });
      await Promise.resolve();
    },
  });
  jobs.define<{ n: number }>({
    name: 'test.flaky',
    retryLimit: 1,
    retryDelay: 0,
    handler: async (data, job) => {
      await Promise.resolve();
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error('partner down');
      }
      seen.push({ name: job.name, data, retryCount: job.retryCount });
    },
  });
  await jobs.start();
});

afterAll(async () => {
  await jobs?.stop();
  await handle?.close();
});

describe(`jobs on pg-boss (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('runs a queued job once', async () => {
    seen.length = 0;
    const id = await jobs.enqueue(null, 'test.record', { n: 1 });
    expect(id).toEqual(expect.any(String));
    expect(await jobs.drain('test.record')).toEqual({ completed: 1, failed: 0 });
    expect(await jobs.drain('test.record')).toEqual({ completed: 0, failed: 0 });
    expect(seen).toEqual([{ name: 'test.record', data: { n: 1 }, retryCount: 0 }]);
    expect(await jobs.get('test.record', id!)).toMatchObject({ state: 'completed' });
  });

  it('queues a job inside a transaction only when it commits', async () => {
    seen.length = 0;
    await handle.db
      .transaction(async (tx) => {
        await jobs.enqueue(tx, 'test.record', { n: 2 });
        await tx.execute(sql`select 1`);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await jobs.drain('test.record')).toEqual({ completed: 0, failed: 0 });
    await handle.db.transaction(async (tx) => {
      await jobs.enqueue(tx, 'test.record', { n: 3 });
    });
    expect(await jobs.drain('test.record')).toEqual({ completed: 1, failed: 0 });
    expect(seen.map((s) => s.data)).toEqual([{ n: 3 }]);
  });

  it('keeps one queued job per singleton key', async () => {
    seen.length = 0;
    const first = await jobs.enqueue(null, 'test.record', { n: 4 }, { singletonKey: 'permit-1:30d' });
    const second = await jobs.enqueue(null, 'test.record', { n: 5 }, { singletonKey: 'permit-1:30d' });
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
    await jobs.drain('test.record');
    expect(seen.map((s) => s.data)).toEqual([{ n: 4 }]);
  });

  it('retries a failed job and records the failure', async () => {
    seen.length = 0;
    failuresLeft = 1;
    const id = await jobs.enqueue(null, 'test.flaky', { n: 6 });
    expect(await jobs.drain('test.flaky')).toEqual({ completed: 1, failed: 1 });
    expect(seen).toEqual([{ name: 'test.flaky', data: { n: 6 }, retryCount: 1 }]);
    expect(await jobs.get('test.flaky', id!)).toMatchObject({ state: 'completed', retryCount: 1 });

    failuresLeft = 5;
    const doomed = await jobs.enqueue(null, 'test.flaky', { n: 7 });
    expect(await jobs.drain('test.flaky')).toEqual({ completed: 0, failed: 2 });
    expect(await jobs.get('test.flaky', doomed!)).toMatchObject({ state: 'failed', output: { message: 'partner down' } });
  });

  it('waits for a job that starts later', async () => {
    seen.length = 0;
    await jobs.enqueue(null, 'test.record', { n: 8 }, { startAfter: new Date(Date.now() + 3_600_000) });
    expect(await jobs.drain('test.record')).toEqual({ completed: 0, failed: 0 });
  });

  it('refuses a job type nobody defined', async () => {
    await expect(jobs.enqueue(null, 'test.unknown', {})).rejects.toThrow('job test.unknown is not defined');
  });
});
