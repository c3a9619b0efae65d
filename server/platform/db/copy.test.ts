import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../test/harness';
import { copyInto } from './copy';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

it('loads rows with COPY inside a transaction: quotes, commas, newlines, empty strings and NULL survive; a rollback takes them away', async () => {
  await t.handle.query('create table copy_probe (id int, label text, note text)');
  const rows = [
    [1, '逗号, 和 "引号"', null],
    [2, '两行\n文本', ''],
    [3, 'plain', 'x'],
  ];
  await t.db.transaction(async (tx) => {
    await copyInto(tx, 'copy_probe', ['id', 'label', 'note'], rows);
    const inside = await tx.execute(sql`select count(*)::int as n from copy_probe`);
    expect(inside.rows[0]).toEqual({ n: 3 });
  });
  const stored = await t.handle.query<{ id: number; label: string; note: string | null }>('select id, label, note from copy_probe order by id');
  expect(stored).toEqual([
    { id: 1, label: '逗号, 和 "引号"', note: null },
    { id: 2, label: '两行\n文本', note: '' },
    { id: 3, label: 'plain', note: 'x' },
  ]);
  await expect(
    t.db.transaction(async (tx) => {
      await copyInto(tx, 'copy_probe', ['id', 'label', 'note'], [[4, 'gone', null]]);
      throw new Error('abort');
    }),
  ).rejects.toThrow('abort');
  expect(await t.handle.query('select id from copy_probe where id = 4')).toEqual([]);
});
