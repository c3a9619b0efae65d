import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { record } from './platform/audit/audit';
import { openDb } from './platform/db/client';
import { migrate } from './platform/db/migrate';
import { systemActor } from './platform/http/context';

const dir = mkdtempSync(path.join(tmpdir(), 'anju-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(dataDir: string, ...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.resolve(import.meta.dirname, 'cli.ts'), ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'test' },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('anju backup / restore (PGlite)', () => {
  it('restores what was backed up, and refuses to restore over existing data', async () => {
    const data = path.join(dir, 'data');
    const handle = await openDb({ dataDir: path.join(data, 'pglite') });
    await migrate(handle);
    const ctx = { actor: systemActor('test'), ip: null, requestId: 'backup-test', now: () => new Date() };
    for (let i = 0; i < 3; i += 1) await handle.db.transaction((tx) => record(tx, ctx, { action: 'test.write', entityType: 'test', entityId: String(i) }));
    await handle.close();

    const file = path.join(dir, 'anju.tar.gz');
    const backup = cli(data, 'backup', file);
    expect(backup.status, backup.stderr).toBe(0);
    expect(existsSync(file)).toBe(true);

    const refused = cli(data, 'restore', file);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('is not empty');

    renameSync(data, path.join(dir, 'data-old'));
    const restored = cli(data, 'restore', file);
    expect(restored.status, restored.stderr).toBe(0);
    const verified = cli(data, 'audit', 'verify');
    expect(verified.stdout).toContain('audit chain intact: 3 rows');
  });
});

describe('configuration', () => {
  it('loads demo data in development, never in production unless asked', () => {
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({ ANJU_DEMO: '0' }).demo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).demo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', ANJU_DEMO: '1' }).demo).toBe(true);
  });

  it('treats an empty variable as unset and names an invalid one', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({ databaseUrl: undefined, port: 3000 });
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ SMS_PROVIDER: 'http' })).toThrow(/SMS_HTTP_URL/);
    expect(loadConfig({ NODE_ENV: 'production' }).cookieSecure).toBe(true);
  });
});
