import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { Config } from '../../config';
import type { DbHandle, Tx } from '../db/client';
import type { Notifier } from '../notify/notify';

/** Where jobs live: pg-boss's own schema, created and upgraded by pg-boss at start. */
export const JOBS_SCHEMA = 'pgboss';

/** What job handlers get: the platform handles, without a request. */
export type JobDeps = { dbHandle: DbHandle; notifier: Notifier; jobs: Jobs; config: Config; now: () => Date };

export type JobContext = { id: string; name: string; retryCount: number };
export type JobHandler<T> = (data: T, job: JobContext) => Promise<void>;

export type JobDefinition<T = unknown> = {
  name: string;
  handler: JobHandler<T>;
  /** Attempts after the first failure (default 2). */
  retryLimit?: number;
  /** Seconds between attempts (default 30, doubling when `retryBackoff`). */
  retryDelay?: number;
  retryBackoff?: boolean;
  /** Seconds a run may take before it counts as failed (default 15 minutes). */
  expireInSeconds?: number;
  /** Cron expression (server time zone) on which the job is sent by itself. */
  cron?: string;
};

export type EnqueueOptions = {
  /**
   * A job with this key is queued once: a second enqueue with the same name and key returns null
   * for as long as the first is kept (pending, running, or done within the retention period).
   */
  singletonKey?: string;
  startAfter?: Date;
  priority?: number;
};

export type Jobs = {
  /** Registers a job type; its queue is created when the jobs start. */
  define<T>(definition: JobDefinition<T>): void;
  /**
   * Queues a job. With `tx` the job is written in that transaction: it exists only if the transaction
   * commits. Returns the job id, or null when a job with the same singleton key is already queued.
   */
  enqueue(tx: Tx | null, name: string, data: object, options?: EnqueueOptions): Promise<string | null>;
  /** Creates queues and schedules; with `work`, starts polling and running jobs in the background. */
  start(options?: { work?: boolean }): Promise<void>;
  /** Runs every job of `name` that is due now, one batch after another, and returns how many ran (tests, CLI). */
  drain(name: string): Promise<{ completed: number; failed: number }>;
  /** The state of one job, for progress views and tests. */
  get(name: string, id: string): Promise<{ state: string; retryCount: number; output: unknown } | null>;
  stop(): Promise<void>;
};

/** A UUID derived from the job name and key, so pg-boss's insert (ON CONFLICT DO NOTHING) keeps one. */
function keyedJobId(name: string, key: string): string {
  const hex = createHash('sha256').update(`${name}\u0000${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

type SqlClient = { query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };

/**
 * pg-boss talks to the database through `executeSql`. On PostgreSQL that is the app's pool; on
 * PGlite, statements with parameters go through `query` and the multi-statement scripts pg-boss uses
 * for its schema and maintenance (no parameters) through `exec`, whose last result is the answer.
 */
function bossDb(handle: DbHandle): PgBoss.Db {
  if (handle.pglite) {
    const pglite = handle.pglite;
    return {
      async executeSql(text: string, values?: unknown[]) {
        if (values && values.length > 0) return { rows: (await pglite.query(text, values)).rows };
        const results = await pglite.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      },
    };
  }
  const pool = handle.pool!;
  return { executeSql: async (text: string, values?: unknown[]) => ({ rows: (await pool.query(text, values)).rows }) };
}

/** The connection under a Drizzle transaction, so a job is queued inside it. */
function txDb(tx: Tx): PgBoss.Db {
  const client = (tx as unknown as { session?: { client?: SqlClient } }).session?.client;
  if (!client || typeof client.query !== 'function') throw new Error('jobs: cannot reach the transaction connection');
  return { executeSql: async (text: string, values?: unknown[]) => ({ rows: (await client.query(text, values)).rows }) };
}

/** Jobs on pg-boss 10, on PostgreSQL or PGlite alike. */
export function createJobs(handle: DbHandle, options: { pollingIntervalSeconds?: number; onError?: (error: unknown) => void } = {}): Jobs {
  const boss = new PgBoss({
    db: bossDb(handle),
    schema: JOBS_SCHEMA,
    migrate: true,
    supervise: true,
    schedule: true,
    // PGlite is one session on the main thread: keep background queries rare there.
    maintenanceIntervalSeconds: handle.kind === 'pglite' ? 300 : 120,
  });
  boss.on('error', (error) => options.onError?.(error));
  const definitions = new Map<string, JobDefinition>();
  let started = false;

  async function runOne(definition: JobDefinition, job: PgBoss.JobWithMetadata<unknown>): Promise<boolean> {
    try {
      await definition.handler(job.data, { id: job.id, name: job.name, retryCount: job.retryCount });
      await boss.complete(job.name, job.id);
      return true;
    } catch (error) {
      options.onError?.(error);
      await boss.fail(job.name, job.id, { message: error instanceof Error ? error.message : String(error) });
      return false;
    }
  }

  return {
    define<T>(definition: JobDefinition<T>) {
      if (definitions.has(definition.name)) throw new Error(`job ${definition.name} is defined twice`);
      definitions.set(definition.name, definition as JobDefinition);
    },

    async enqueue(tx, name, data, enqueueOptions = {}) {
      if (!definitions.has(name)) throw new Error(`job ${name} is not defined`);
      // Before start() the queue may not exist, and pg-boss would drop the job without a word.
      if (!started) throw new Error(`jobs: start() before queueing ${name}`);
      const definition = definitions.get(name)!;
      return boss.send(name, data, {
        ...(enqueueOptions.singletonKey ? { id: keyedJobId(name, enqueueOptions.singletonKey), singletonKey: enqueueOptions.singletonKey } : {}),
        ...(enqueueOptions.startAfter ? { startAfter: enqueueOptions.startAfter } : {}),
        ...(enqueueOptions.priority ? { priority: enqueueOptions.priority } : {}),
        retryLimit: definition.retryLimit ?? 2,
        retryDelay: definition.retryDelay ?? 30,
        retryBackoff: definition.retryBackoff ?? false,
        expireInSeconds: definition.expireInSeconds ?? 900,
        ...(tx ? { db: txDb(tx) } : {}),
      });
    },

    async start(startOptions = {}) {
      if (!started) {
        await boss.start();
        started = true;
      }
      for (const definition of definitions.values()) {
        // A singleton-key job waits while another with the same key is queued or running.
        if (!(await boss.getQueue(definition.name))) await boss.createQueue(definition.name, { name: definition.name, policy: 'standard' });
        if (definition.cron) await boss.schedule(definition.name, definition.cron, {});
        if (startOptions.work) {
          await boss.work(
            definition.name,
            { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 1, includeMetadata: true },
            async ([job]) => {
              if (job) await definition.handler(job.data, { id: job.id, name: job.name, retryCount: job.retryCount });
            },
          );
        }
      }
    },

    async drain(name) {
      const definition = definitions.get(name);
      if (!definition) throw new Error(`job ${name} is not defined`);
      let completed = 0;
      let failed = 0;
      for (;;) {
        const batch = await boss.fetch(name, { batchSize: 20, includeMetadata: true });
        if (batch.length === 0) break;
        for (const job of batch) {
          if (await runOne(definition, job)) completed += 1;
          else failed += 1;
        }
      }
      return { completed, failed };
    },

    async get(name, id) {
      const job = await boss.getJobById(name, id, { includeArchive: true });
      return job ? { state: job.state, retryCount: job.retryCount, output: job.output } : null;
    },

    async stop() {
      if (started) await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      started = false;
    },
  };
}
