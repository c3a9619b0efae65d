import path from 'node:path';
import pino from 'pino';
import { buildApp, defineModuleJobs } from './app';
import { loadConfig } from './config';
import { seedDemo } from './demo/seed';
import { openDb } from './platform/db/client';
import { migrate } from './platform/db/migrate';
import { prepareReferenceData } from './reference-data';
import { createNotifier, smsProviderFor } from './platform/notify/notify';
import { createJobs } from './platform/jobs/jobs';

/** config → db → migrate → reference and demo data → app → listen → background work. */
export async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel, ...(process.stdout.isTTY ? { transport: undefined } : {}) });
  const started = Date.now();
  const dbHandle = await openDb({ url: config.databaseUrl, dataDir: path.join(config.dataDir, 'pglite') });
  logger.info({ db: dbHandle.kind, dataDir: dbHandle.kind === 'pglite' ? config.dataDir : undefined }, 'database open');
  await migrate(dbHandle);
  await prepareReferenceData(dbHandle.db, config.city);
  if (config.demo) {
    let lastLog = 0;
    const seeded = await seedDemo(
      dbHandle.db,
      config.city,
      (step, done, total) => {
        if (done === total || Date.now() - lastLog > 3000) {
          lastLog = Date.now();
          logger.info({ step, done, total }, done === total ? 'demo data ready' : 'loading demo data');
        }
      },
      { ...(config.demoPersons !== undefined ? { persons: config.demoPersons } : {}), dataDir: config.dataDir },
    );
    if (seeded.users > 0 || seeded.persons > 0) logger.info(seeded, 'demo city loaded (password of every demo user: Anju@2026)');
  }
  const notifier = createNotifier(dbHandle.db, smsProviderFor(config, logger), logger);
  const jobs = createJobs(dbHandle, { onError: (err) => logger.warn({ err }, 'job failed') });
  defineModuleJobs({ dbHandle, notifier, jobs, config, now: () => new Date() });
  await jobs.start({ work: true });
  const app = await buildApp({ config, dbHandle, notifier, jobs, logger });
  await app.listen({ host: config.host, port: config.port });
  logger.info(`Anju is ready on http://${config.host}:${config.port} (${dbHandle.kind}, ${Date.now() - started} ms)`);

  const timers = [
    setInterval(() => void notifier.dispatch().catch((err: unknown) => logger.warn({ err }, 'outbox dispatch failed')), 2_000),
  ];
  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    timers.forEach(clearInterval);
    await app.close();
    await jobs.stop();
    await dbHandle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

await main();
