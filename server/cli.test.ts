import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { record } from './platform/audit/audit';
import { openDb } from './platform/db/client';
import { migrate } from './platform/db/migrate';
import { systemActor } from './platform/http/context';
import { prepareReferenceData } from './platform/bootstrap';
import { insertBuilding, insertHouse } from './modules/registry/registry.repo';
import { idCheckCharacter } from '@shared/kernel/id-number';

const dir = mkdtempSync(path.join(tmpdir(), 'anju-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(dataDir: string, ...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.resolve(import.meta.dirname, 'cli.ts'), ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'test' },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

// Each of these starts the command line several times, each opening its own embedded database:
// on a busy machine that takes minutes, so they get a wider cap than the suite's default.
const SPAWNING = { timeout: 300_000 };

describe('anju backup / restore (PGlite)', SPAWNING, () => {
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

describe('anju import registrations', SPAWNING, () => {
  it('imports a file with a progress bar, writes the rejected rows beside it, and adds nothing the second time', async () => {
    const data = path.join(dir, 'import-data');
    const handle = await openDb({ dataDir: path.join(data, 'pglite') });
    await migrate(handle);
    await prepareReferenceData(handle.db, '4401');
    await handle.db.transaction(async (tx) => {
      const building = await insertBuilding(tx, { divisionCode: '440106006002', address: '天河区石牌东路 50 号' });
      await insertHouse(tx, { buildingId: building.id, unit: '101', divisionCode: '440106006002', use: 'rental', ownerOrganisation: '某公寓公司' });
    });
    await handle.close();
    const id = (first17: string) => first17 + idCheckCharacter(first17);
    const file = path.join(dir, 'agency.csv');
    writeFileSync(file, [
      '姓名,身份证号码,地址,房号,居住关系,入住日期',
      `命令行甲,${id('43010419950202201')},天河区石牌东路 50 号,101,租住,2026-09-01`,
      `命令行乙,${id('36010219960303302')},天河区石牌东路 50 号,101,亲属,2026-09-02`,
      `地址错,${id('45010219970404101')},天河区没有这条路 1 号,101,租住,2026-09-02`,
    ].join('\n'));
    const first = cli(data, 'import', 'registrations', file);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('3 rows — 2 registered, 0 unchanged, 1 rejected');
    expect(first.stderr).toMatch(/import \[.*\] 100% 3\/3/);
    const rejects = readFileSync(path.join(dir, 'agency.rejects.csv'), 'utf8');
    expect(rejects).toContain('地址错');
    expect(rejects).toContain('不在您辖区的标准地址库中');
    const second = cli(data, 'import', 'registrations', file);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain('3 rows — 0 registered, 2 unchanged, 1 rejected');
    const missing = cli(data, 'import', 'registrations', path.join(dir, 'nowhere.csv'));
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('no such file');
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
