import { randomBytes, randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from './config';
import { seedDemo } from './demo/seed';
import { openDb, type DbHandle } from './platform/db/client';
import { migrate } from './platform/db/migrate';
import { prepareReferenceData } from './reference-data';
import { loadCity } from './platform/divisions/divisions.service';
import { verifyChain } from './platform/audit/audit';
import { createUser } from './platform/auth/users.service';
import { findUserByUsername } from './platform/auth/auth.repo';
import { createImport, getImport, rejectsCsv, runImport } from './modules/registry';
import { createNotifier, devSmsProvider } from './platform/notify/notify';
import { createJobs } from './platform/jobs/jobs';
import { systemActor, type Ctx } from './platform/http/context';
import { AppError } from '@shared/errors';
import { translate } from '@shared/i18n';
import { PERMISSIONS } from '@shared/permissions';

const config = loadConfig();
const pgliteDir = path.join(config.dataDir, 'pglite');

async function withDb<T>(work: (handle: DbHandle) => Promise<T>): Promise<T> {
  const handle = await openDb({ url: config.databaseUrl, dataDir: pgliteDir });
  try {
    await migrate(handle);
    return await work(handle);
  } finally {
    await handle.close();
  }
}

function bar(label: string): SingleBar {
  return new SingleBar({ format: `${label} [{bar}] {percentage}% {value}/{total} {step}`, hideCursor: true, noTTYOutput: true, notTTYSchedule: 2000 }, Presets.shades_classic);
}

/** The context CLI commands act in: the system actor with every permission, city-wide. Jobs are not started. */
function systemCtx(handle: DbHandle): Ctx {
  return {
    db: handle.db, dbHandle: handle, config, notifier: createNotifier(handle.db, devSmsProvider()), jobs: createJobs(handle),
    actor: { ...systemActor('cli'), permissions: [...PERMISSIONS] }, scope: { root: '' },
    lang: 'zh-CN', requestId: randomUUID(), ip: null, userAgent: 'anju-cli', now: () => new Date(),
  };
}

const program = new Command('anju').description('Anju (安居) command line').showHelpAfterError();

program.command('migrate').description('apply database migrations').action(() =>
  withDb(async (handle) => {
    console.log(`migrated (${handle.kind})`);
  }),
);

program
  .command('seed')
  .description('load reference data, and with --demo the demo city')
  .option('--demo', 'load the demo city: grids, one user per role, and a population')
  .option('--persons <n>', 'how many demo persons (default 20000); an interrupted load resumes', (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--persons wants a whole number, not ${value}`);
    return n;
  })
  .action((options: { demo?: boolean; persons?: number }) =>
    withDb(async (handle) => {
      await prepareReferenceData(handle.db, config.city);
      if (!options.demo) return console.log('reference data ready');
      const progress = bar('demo');
      progress.start(1, 0, { step: '' });
      const result = await seedDemo(
        handle.db,
        config.city,
        (step, done, total) => {
          progress.setTotal(total);
          progress.update(done, { step });
        },
        { ...(options.persons !== undefined ? { persons: options.persons } : {}), dataDir: config.dataDir },
      );
      progress.stop();
      console.log(`demo city ready: ${result.users} users, ${result.grids} grids and ${result.persons} persons added (password Anju@2026)`);
    }),
  );

const divisions = program.command('divisions').description('administrative divisions');
divisions
  .command('load <city>')
  .description('load a city (e.g. 440600 for Foshan) from the vendored division data')
  .action((city: string) =>
    withDb(async (handle) => {
      const result = await loadCity(handle.db, systemCtx(handle), city);
      console.log(`city ${result.city}: ${result.total} divisions, ${result.added} new`);
    }),
  );

const users = program.command('users').description('user accounts');
users
  .command('create')
  .description('create a staff account')
  .requiredOption('--username <name>')
  .requiredOption('--name <displayName>')
  .requiredOption('--role <role...>', 'one or more roles, e.g. city_admin')
  .requiredOption('--division <code>', 'jurisdiction code, e.g. 4401 or 440106')
  .option('--department <department>')
  .option('--password <password>', 'initial password; a random one is printed when omitted')
  .action((options: { username: string; name: string; role: string[]; division: string; department?: string; password?: string }) =>
    withDb(async (handle) => {
      const password = options.password ?? `Aj-${randomBytes(9).toString('base64url')}`;
      const user = await createUser(systemCtx(handle), {
        username: options.username, displayName: options.name, password, roles: options.role, divisionCode: options.division,
        ...(options.department ? { department: options.department as never } : {}),
      });
      console.log(`created ${user.username} (${user.roles.join(', ')}) at ${user.divisionName ?? user.divisionCode}`);
      if (!options.password) console.log(`initial password: ${password}`);
    }),
  );

const audit = program.command('audit').description('the audit log');
audit
  .command('verify')
  .description('check the hash chain; names the first edited, inserted or deleted row')
  .action(() =>
    withDb(async (handle) => {
      const progress = bar('verify');
      progress.start(1, 0, { step: '' });
      const result = await verifyChain(handle.db, (seq, head) => {
        progress.setTotal(head);
        progress.update(seq);
      });
      progress.stop();
      if (result.ok) {
        console.log(`audit chain intact: ${result.rows} rows`);
      } else {
        console.error(`audit chain broken at row ${result.seq} (${result.problem}): ${result.detail}`);
        process.exitCode = 1;
      }
    }),
  );

program
  .command('backup <file>')
  .description('write a backup: a PGlite data-directory archive, or pg_dump custom format for PostgreSQL')
  .action(async (file: string) => {
    if (config.databaseUrl) {
      const run = spawnSync('pg_dump', ['--format=custom', `--file=${file}`, config.databaseUrl], { stdio: 'inherit' });
      if (run.status !== 0) throw new Error('pg_dump failed');
    } else {
      const db = await PGlite.create(pgliteDir);
      const dump = await db.dumpDataDir('gzip');
      writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
      await db.close();
    }
    console.log(`backup written to ${file}`);
  });

program
  .command('restore <file>')
  .description('restore a backup made by `anju backup` (PGlite: into an empty data directory)')
  .action(async (file: string) => {
    if (config.databaseUrl) {
      const run = spawnSync('pg_restore', ['--clean', '--if-exists', '--no-owner', `--dbname=${config.databaseUrl}`, file], { stdio: 'inherit' });
      if (run.status !== 0) throw new Error('pg_restore failed');
    } else {
      if (existsSync(pgliteDir) && readdirSync(pgliteDir).length > 0) {
        throw new Error(`${pgliteDir} is not empty: move it away first, then restore`);
      }
      mkdirSync(pgliteDir, { recursive: true });
      const db = await PGlite.create(pgliteDir, { loadDataDir: new Blob([readFileSync(file)]) });
      await db.close();
    }
    console.log(`restored from ${file}`);
  });

program
  .command('import')
  .description('bulk imports')
  .command('registrations <file>')
  .description('import persons with their registrations from CSV or XLSX; the same file again resumes an unfinished import or adds nothing twice')
  .option('--user <username>', 'import as this staff user, inside their jurisdiction (default: the whole city)')
  .action((file: string, options: { user?: string }) =>
    withDb(async (handle) => {
      if (!existsSync(file)) throw new Error(`no such file: ${file}`);
      let actor = systemActor('cli');
      let root = config.city;
      if (options.user) {
        const user = await findUserByUsername(handle.db, options.user);
        if (!user || user.kind !== 'staff' || !user.divisionCode) throw new Error(`no staff user ${options.user} with a jurisdiction`);
        actor = { ...actor, userId: user.id, username: user.username, displayName: user.displayName };
        root = user.divisionCode;
      }
      const now = () => new Date();
      const created = await createImport(
        { actor, scope: { root }, requestId: randomUUID(), ip: null, now, db: handle.db, dataDir: config.dataDir, jobs: null },
        path.basename(file),
        createReadStream(file),
      );
      const progress = bar('import');
      progress.start(created.totalRows ?? 1, created.rowsDone, { step: created.rowsDone > 0 ? '(resumed)' : '' });
      await runImport({ db: handle.db, now }, created.id, {
        progress: (done, total) => {
          progress.setTotal(total);
          progress.update(done, { step: '' });
        },
      });
      progress.stop();
      const ctx = systemCtx(handle);
      const result = await getImport(ctx, created.id);
      if (result.status === 'failed') throw new AppError((result.error ?? 'IMPORT_FILE_UNREADABLE') as 'IMPORT_FILE_UNREADABLE');
      console.log(`import ${result.id}: ${result.rowsDone} rows — ${result.accepted} registered, ${result.unchanged} unchanged, ${result.rejected} rejected`);
      if (result.rejected > 0) {
        const rejects = await rejectsCsv(ctx, result.id);
        const out = `${file.replace(/\.(csv|xlsx)$/i, '')}.rejects.csv`;
        await pipeline(rejects.body, createWriteStream(out));
        console.log(`rejected rows with the reason for each: ${out}`);
      }
    }),
  );

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof AppError) {
    console.error(`${translate('zh-CN', `errors:${error.code}`, error.params)} / ${translate('en', `errors:${error.code}`, error.params)}`);
  } else {
    console.error(error instanceof Error ? error.message : error);
  }
  process.exitCode = 1;
}
