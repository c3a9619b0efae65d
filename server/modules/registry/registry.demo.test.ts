import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseIdNumber } from '@shared/kernel/id-number';
import { buildTestApp, type TestApp } from '../../test/harness';
import { randomUUID } from 'node:crypto';
import { seedDeclarations, seedPopulation } from './registry.demo';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

it('generates a plausible population in every district, resumes where it stopped and adds nothing twice', async () => {
  const options = { city: '4401', today: '2026-11-25', focusStreet: '440106006' };
  const first = await seedPopulation(t.db, { ...options, count: 2000 });
  expect(first).toEqual({ persons: 2000, skipped: 0 });
  // A larger run after an interruption skips the chunks already loaded.
  const progress: number[] = [];
  const second = await seedPopulation(t.db, { ...options, count: 3000 }, (done) => progress.push(done));
  expect(second).toEqual({ persons: 1000, skipped: 2000 });
  expect(progress.at(-1)).toBe(3000);
  expect(await seedPopulation(t.db, { ...options, count: 3000 })).toEqual({ persons: 0, skipped: 3000 });
  // A run that ends inside a chunk, then a larger one: the chunk is completed, nothing loaded twice.
  expect(await seedPopulation(t.db, { ...options, count: 3500 })).toEqual({ persons: 500, skipped: 3000 });
  expect(await seedPopulation(t.db, { ...options, count: 4000 })).toEqual({ persons: 500, skipped: 3500 });

  const [counts] = await t.handle.query<{ persons: number; houses: number; districts: number; active: number; shipai: number }>(`
    select (select count(*)::int from reg_persons) as persons, (select count(*)::int from reg_houses) as houses,
           (select count(distinct substr(division_code, 1, 6))::int from reg_persons) as districts,
           (select count(*)::int from reg_residences where status = 'active') as active,
           (select count(*)::int from reg_persons where division_code like '440106006%') as shipai`);
  expect(counts).toMatchObject({ persons: 4000, houses: 1000, districts: 11 });
  expect(counts!.active).toBeGreaterThan(3200);
  expect(counts!.shipai).toBeGreaterThan(100);

  const people = await t.handle.query<{ id_number: string; birth_date: string | Date; sex: string }>('select id_number, birth_date, sex from reg_persons');
  const invalid = people.filter((p) => {
    const parsed = parseIdNumber(p.id_number, { today: '2026-11-25' });
    return !parsed.ok || parsed.facts.sex !== p.sex;
  });
  expect(invalid).toEqual([]);
  const [overlap] = await t.handle.query<{ n: number }>(`
    select count(*)::int as n from reg_residences a join reg_residences b on a.person_id = b.person_id and a.id <> b.id
    where a.status = 'ended' and b.status = 'active' and a.left_on > b.arrived_on`);
  expect(overlap!.n).toBe(0);
});

it('puts a few QR declarations in the demo community\'s queue that staff can work, once', async () => {
  const community = '440106006002';
  const resident = await t.factories.user({ roles: ['resident'], kind: 'resident' });
  const landlord = await t.factories.user({ roles: ['landlord'], kind: 'landlord' });
  const options = { today: '2026-11-25', community, residentId: resident.id, landlordId: landlord.id };
  expect(await seedDeclarations(t.db, options)).toBe(4);
  expect(await seedDeclarations(t.db, options)).toBe(0);
  const officer = await t.factories.user({ roles: ['community_officer'], division: community });
  const queue = await t.as(officer).get('/api/registry/declarations?status=submitted');
  const items = queue.json<{ items: { id: string; kind: string; match: string; actions: string[] }[] }>().items;
  expect(items).toHaveLength(4);
  expect(items.every((item) => item.actions.includes('confirm'))).toBe(true);
  const leaving = items.find((item) => item.kind === 'leave')!;
  expect(leaving.match).toBe('same_person');
  const confirmed = await t.as(officer).post(`/api/registry/declarations/${leaving.id}/confirm`, { transactionId: randomUUID() });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
});
