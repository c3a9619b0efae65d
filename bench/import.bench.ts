/**
 * Bulk import: a registrations CSV of ROWS persons (each moving into one of 10,000 houses) through the whole
 * import (stream, row checks, COPY into staging, set-based apply, rejects, checkpoint and audit per batch),
 * against the bare COPY of the same rows into a plain table, on PostgreSQL; then a smaller file on PGlite. A second
 * baseline, the floor, COPYs the same rows already in the registry's shape (a person, a stay and its action row
 * each) straight into the registry's tables with their indexes and rolls back: what any import must at least pay.
 *   npm run bench -- import [ROWS=1000000] [PGLITE_ROWS=50000]
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { idCheckCharacter } from '@shared/kernel/id-number';
import { createImport, runImport } from '../server/modules/registry';
import type { DbHandle } from '../server/platform/db/client';
import { systemActor } from '../server/platform/http/context';
import { freshPglite, freshPostgres, SERVER_URL } from './common';

const ROWS = Number(process.argv[3] ?? 1_000_000);
const PGLITE_ROWS = Number(process.argv[4] ?? 50_000);
const HOUSES = 10_000;
const dir = mkdtempSync(path.join(tmpdir(), 'anju-bench-import-'));

function csvFile(rows: number): string {
  const file = path.join(dir, `registrations-${rows}.csv`);
  const lines = ['姓名,身份证号码,手机号码,地址,房号,居住关系,入住日期'];
  for (let i = 0; i < rows; i += 1) {
    // Unique numbers: a birth day per thousand rows, the sequence inside it.
    const birth = new Date(Date.UTC(1970, 0, 1) + Math.floor(i / 1000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
    const first17 = `430104${birth}${String(i % 1000).padStart(3, '0')}`;
    const house = i % HOUSES;
    lines.push(`导入${i},${first17}${idCheckCharacter(first17)},138${String(i).padStart(8, '0')},压测路 ${Math.floor(house / 10)} 号,${house % 10}01,租住,2026-09-01`);
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** The rows of `file` as the registry stores them: persons, their stays in the bench's houses, the stays' action rows. */
function registryShapedFiles(rows: number, houseIds: string[]): { persons: string; residences: string; actions: string } {
  const files = { persons: path.join(dir, 'floor-persons.csv'), residences: path.join(dir, 'floor-residences.csv'), actions: path.join(dir, 'floor-actions.csv') };
  const persons: string[] = [];
  const residences: string[] = [];
  const actions: string[] = [];
  for (let i = 0; i < rows; i += 1) {
    const birthDay = new Date(Date.UTC(1970, 0, 1) + Math.floor(i / 1000) * 86_400_000).toISOString().slice(0, 10);
    const first17 = `430104${birthDay.replaceAll('-', '')}${String(i % 1000).padStart(3, '0')}`;
    const personId = randomUUID();
    const residenceId = randomUUID();
    persons.push(`${personId},${first17}${idCheckCharacter(first17)},导入${i},${i % 2 ? 'male' : 'female'},${birthDay},430104,138${String(i).padStart(8, '0')},440106006002`);
    residences.push(`${residenceId},${personId},${houseIds[i % houseIds.length]},440106006002,tenant,2026-09-01,active,import,2026-11-25,2026-09-04,50`);
    actions.push(`${residenceId},arrive,active,${randomUUID()}`);
  }
  writeFileSync(files.persons, persons.join('\n') + '\n');
  writeFileSync(files.residences, residences.join('\n') + '\n');
  writeFileSync(files.actions, actions.join('\n') + '\n');
  return files;
}

/** COPYs the registry-shaped rows into the registry's own tables in one transaction, then rolls it back. */
async function floorCopy(handle: DbHandle, rows: number): Promise<number> {
  const houseIds = (await handle.query<{ id: string }>('select id from reg_houses order by id')).map((h) => h.id);
  const files = registryShapedFiles(rows, houseIds);
  const client = await handle.pool!.connect();
  try {
    await client.query('begin');
    const { seconds } = await timed(async () => {
      await pipeline(createReadStream(files.persons), client.query(copyFrom('COPY reg_persons (id, id_number, name, sex, birth_date, origin_code, phone, division_code) FROM STDIN WITH (FORMAT csv)')));
      await pipeline(createReadStream(files.residences), client.query(copyFrom('COPY reg_residences (id, person_id, house_id, division_code, relation, arrived_on, status, channel, declared_on, deadline_on, late_workdays) FROM STDIN WITH (FORMAT csv)')));
      await pipeline(createReadStream(files.actions), client.query(copyFrom('COPY reg_residence_actions (residence_id, action, to_status, transaction_id) FROM STDIN WITH (FORMAT csv)')));
    });
    await client.query('rollback');
    return seconds;
  } finally {
    client.release();
  }
}

async function addHouses(handle: DbHandle): Promise<void> {
  await handle.query(`insert into reg_buildings (id, division_code, address) select gen_random_uuid(), '440106006002', '压测路 ' || b || ' 号' from generate_series(0, ${HOUSES / 10 - 1}) b`);
  await handle.query(`insert into reg_houses (building_id, unit, division_code, use, owner_organisation)
    select b.id, u || '01', b.division_code, 'rental', '压测公司' from reg_buildings b cross join generate_series(0, 9) u`);
}

async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { seconds: (performance.now() - started) / 1000, value };
}

async function anjuImport(handle: DbHandle, file: string) {
  const now = () => new Date();
  const who = { actor: systemActor('bench'), scope: { root: '4401' }, requestId: randomUUID(), ip: null, now, db: handle.db, dataDir: dir, jobs: null };
  return timed(async () => {
    const created = await createImport(who, path.basename(file), createReadStream(file));
    await runImport({ db: handle.db, now }, created.id);
    const [counts] = await handle.query<{ accepted: number; rejected: number }>('select accepted, rejected from reg_imports where id = $1', [created.id]);
    return counts!;
  });
}

const line = (label: string, rows: number, seconds: number, baseline?: number) =>
  `${label.padEnd(48)} ${seconds.toFixed(1).padStart(7)} s  ${Math.round(rows / seconds).toLocaleString().padStart(9)} rows/s${baseline ? `  ×${(baseline / seconds).toFixed(2)} of baseline speed` : ''}`;

try {
  const file = csvFile(ROWS);
  const postgres = await freshPostgres('anju_bench_import');
  try {
    console.log(`bulk import, ${ROWS.toLocaleString()} rows, PostgreSQL at ${new URL(SERVER_URL).host}`);
    await addHouses(postgres);
    await postgres.query('create table bench_bare (name text, id_number text, phone text, address text, unit text, relation text, arrived_on date)');
    const bare = await timed(async () => {
      const client = await postgres.pool!.connect();
      try {
        await pipeline(createReadStream(file), client.query(copyFrom('COPY bench_bare FROM STDIN WITH (FORMAT csv, HEADER true)')));
      } finally {
        client.release();
      }
    });
    console.log(line('baseline: bare COPY of the file into one table', ROWS, bare.seconds));
    const floor = await floorCopy(postgres, ROWS);
    console.log(line('floor: the rows COPYed into the registry tables', ROWS, floor, bare.seconds));
    const anju = await anjuImport(postgres, file);
    console.log(line(`import: ${anju.value.accepted.toLocaleString()} registered, ${anju.value.rejected} rejected`, ROWS, anju.seconds, bare.seconds));
    console.log(`  (×${(floor / anju.seconds).toFixed(2)} of the floor's speed)`);
    const again = await anjuImport(postgres, file);
    console.log(line('the same file again (nothing to add)', ROWS, again.seconds, bare.seconds));
  } finally {
    await postgres.close();
  }

  const small = csvFile(PGLITE_ROWS);
  const pglite = await freshPglite();
  try {
    await addHouses(pglite);
    const anju = await anjuImport(pglite, small);
    console.log(line(`PGlite: import of ${PGLITE_ROWS.toLocaleString()} rows (${anju.value.accepted.toLocaleString()} registered)`, PGLITE_ROWS, anju.seconds));
  } finally {
    await pglite.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
