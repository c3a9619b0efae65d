import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalculatorView, PackList, PackView, ScoreView } from '@shared/points/points.schema';
import { buildTestApp, type TestApp, type TestUser } from '../../test/harness';
import { ensureShippedPacks } from './points.service';

let t: TestApp;
let admin: TestUser;
beforeAll(async () => {
  t = await buildTestApp({ now: new Date('2026-03-02T02:00:00Z') });
  admin = await t.factories.user({ roles: ['city_admin'], division: '4401', sessionHours: 24 * 90 });
});
afterAll(async () => {
  await t?.close();
});

const list = async () => {
  const res = await t.as(admin).get('/api/points/packs');
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json<PackList>().items;
};
const byCode = async (code: string, version = 1) => (await list()).find((p) => p.code === code && p.version === version)!;

describe('shipped policy packs', () => {
  it('are loaded once as published version 1; Guangzhou 2025 is in force', async () => {
    const items = await list();
    expect(items.map((p) => `${p.code} v${p.version} ${p.status}`).sort()).toEqual(
      ['bj-2016 v1 published', 'fs-2016 v1 published', 'gz-jfrh-2014 v1 published', 'gz-jfrh-2025 v1 published', 'sh-2015 v1 published']);
    expect(items.filter((p) => p.inForce).map((p) => p.code)).toEqual(['gz-jfrh-2025']);
    expect(await ensureShippedPacks(t.db)).toBe(0);
    expect(await list()).toHaveLength(5);
    const view = (await t.as(admin).get(`/api/points/packs/${items.find((p) => p.code === 'gz-jfrh-2025')!.id}`)).json<PackView>();
    expect(view.history.map((h) => h.action)).toEqual(['ship']);
    expect(view.actions).toEqual(['copy']);
    expect((view.pack as { qualifyingTotal: number }).qualifyingTotal).toBe(150);
  });

  it('a published version never changes: not through the API, not in the database', async () => {
    const gz = await byCode('gz-jfrh-2025');
    const view = (await t.as(admin).get(`/api/points/packs/${gz.id}`)).json<PackView>();
    const res = await t.as(admin).put(`/api/points/packs/${gz.id}`, { pack: { ...view.pack, qualifyingTotal: 100 } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'POINTS_PACK_PUBLISHED' });
    await expect(t.handle.query(`update points_packs set body = jsonb_set(body, '{qualifyingTotal}', '100') where id = $1`, [gz.id])).rejects.toThrow(/published and never changes/);
    await expect(t.handle.query('delete from points_packs where id = $1', [gz.id])).rejects.toThrow(/published and never changes/);
    const publish = await t.as(admin).post(`/api/points/packs/${gz.id}/actions`, { action: 'publish', transactionId: randomUUID() });
    expect(publish.json()).toMatchObject({ code: 'WORKFLOW_ACTION_NOT_OPEN' });
  });
});

describe('a new version', () => {
  let draft: PackView;

  it('is copied into a draft, once however often the request is retried', async () => {
    const gz = await byCode('gz-jfrh-2025');
    const transactionId = randomUUID();
    const first = await t.as(admin).post(`/api/points/packs/${gz.id}/copy`, { transactionId });
    expect(first.statusCode, first.body).toBe(201);
    draft = first.json<PackView>();
    expect(draft).toMatchObject({ code: 'gz-jfrh-2025', version: 2, status: 'draft', copiedFrom: 'gz-jfrh-2025 v1', inForce: false });
    expect(draft.actions).toEqual(['publish', 'discard', 'copy']);
    const again = await t.as(admin).post(`/api/points/packs/${gz.id}/copy`, { transactionId });
    expect(again.json<PackView>().id).toBe(draft.id);
    expect((await list()).filter((p) => p.code === 'gz-jfrh-2025')).toHaveLength(2);
  });

  it('an invalid body is refused with the exact field at fault, in both languages, and nothing is saved', async () => {
    const pack = structuredClone(draft.pack) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    pack.indicators[0].rule.points = 'eight';
    pack.indicators[1].rule.items[1].rule.facts[0] = 'rent_months';
    pack.code = 'other';
    const res = await t.as(admin).put(`/api/points/packs/${draft.id}`, { pack });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ code: string; message: string; issues: { path: string; message: string; messageEn: string }[] }>();
    expect(body.code).toBe('POINTS_PACK_INVALID');
    expect(body.issues.map((i) => i.path)).toEqual(['indicators.0.rule.points', 'code']);
    const reference = { ...structuredClone(draft.pack), code: 'gz-jfrh-2025' } as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    reference.indicators[1].rule.items[1].rule.facts[0] = 'rent_months';
    const second = (await t.as(admin).put(`/api/points/packs/${draft.id}`, { pack: reference })).json<{ issues: { path: string; message: string; messageEn: string }[] }>();
    expect(second.issues).toEqual([{ path: 'indicators.1.rule.items.1.rule.facts.0', code: 'POINTS_PACK_FIELD', message: 'indicators.1.rule.items.1.rule.facts.0：没有编号为“rent_months”的事实', messageEn: 'indicators.1.rule.items.1.rule.facts.0: unknown fact "rent_months"' }]);
    const stored = (await t.as(admin).get(`/api/points/packs/${draft.id}`)).json<PackView>();
    expect(stored.pack).toEqual(draft.pack);
    const check = await t.as(admin).post('/api/points/packs/validate', { pack: reference });
    expect(check.json()).toMatchObject({ ok: false, issues: [{ path: 'indicators.1.rule.items.1.rule.facts.0' }] });
    expect((await t.as(admin).post('/api/points/packs/validate', { pack: draft.pack })).json()).toEqual({ ok: true, issues: [] });
  });

  it('a valid body is saved and audited with what changed', async () => {
    const pack = structuredClone(draft.pack) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    pack.qualifyingTotal = 140;
    pack.eligibility.find((c: { id: string }) => c.id === 'points').rule.min = 140;
    pack.effectiveUntil = '2027-12-31';
    const res = await t.as(admin).put(`/api/points/packs/${draft.id}`, { pack });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<PackView>()).toMatchObject({ effectiveUntil: '2027-12-31', status: 'draft' });
    const audit = await t.handle.query<{ details: { changed: string[] } }>("select details from audit_log where action = 'points.pack.update' and entity_id = $1", [draft.id]);
    expect(audit[0]!.details.changed.sort()).toEqual(['effectiveUntil', 'eligibility', 'qualifyingTotal']);
    // The same body again changes nothing.
    await t.as(admin).put(`/api/points/packs/${draft.id}`, { pack });
    expect(await t.handle.query("select count(*)::int as n from audit_log where action = 'points.pack.update'")).toEqual([{ n: 1 }]);
  });

  it('is published with an effective date not in the past, and takes over on that date', async () => {
    const past = await t.as(admin).post(`/api/points/packs/${draft.id}/actions`, { action: 'publish', effectiveFrom: '2026-03-01', transactionId: randomUUID() });
    expect(past.statusCode).toBe(400);
    expect(past.json()).toMatchObject({ code: 'POINTS_PACK_EFFECTIVE_PAST' });
    const transactionId = randomUUID();
    const res = await t.as(admin).post(`/api/points/packs/${draft.id}/actions`, { action: 'publish', effectiveFrom: '2026-04-01', transactionId });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<PackView>()).toMatchObject({ status: 'published', effectiveFrom: '2026-04-01', inForce: false, actions: ['copy'] });
    expect((await t.as(admin).post(`/api/points/packs/${draft.id}/actions`, { action: 'publish', effectiveFrom: '2026-04-01', transactionId })).statusCode).toBe(200);
    expect(res.json<PackView>().history.map((h) => h.action)).toEqual(['copy', 'publish']);
    expect((await list()).find((p) => p.inForce)).toMatchObject({ code: 'gz-jfrh-2025', version: 1 });
    t.setNow(new Date('2026-04-01T00:30:00Z'));
    expect((await list()).find((p) => p.inForce)).toMatchObject({ code: 'gz-jfrh-2025', version: 2 });
    const calc = (await t.anonymous.post('/api/points/calculate', { facts: {} })).json<ScoreView>();
    expect(calc.pack.version).toBe(2);
    expect(calc.qualifyingTotal).toBe(140);
    t.setNow(new Date('2026-03-02T02:00:00Z'));
  });

  it('a draft can be discarded, and a new code starts at version 1', async () => {
    const fs = await byCode('fs-2016');
    const copy = (await t.as(admin).post(`/api/points/packs/${fs.id}/copy`, { code: 'fs-2027', transactionId: randomUUID() })).json<PackView>();
    expect(copy).toMatchObject({ code: 'fs-2027', version: 1, status: 'draft', copiedFrom: 'fs-2016 v1' });
    expect((copy.pack as { code: string }).code).toBe('fs-2027');
    const taken = await t.as(admin).post(`/api/points/packs/${fs.id}/copy`, { code: 'gz-jfrh-2025', transactionId: randomUUID() });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'POINTS_PACK_CODE_TAKEN' });
    const discarded = await t.as(admin).post(`/api/points/packs/${copy.id}/actions`, { action: 'discard', transactionId: randomUUID() });
    expect(discarded.json<PackView>()).toMatchObject({ status: 'discarded', actions: ['copy'] });
    expect((await t.as(admin).put(`/api/points/packs/${copy.id}`, { pack: copy.pack })).statusCode).toBe(409);
  });

  it('only city-level staff with points.manage change packs', async () => {
    const gz = await byCode('gz-jfrh-2025');
    const district = await t.factories.user({ roles: ['district_officer'], division: '440106' });
    expect((await t.as(district).get('/api/points/packs')).statusCode).toBe(200);
    expect((await t.as(district).post(`/api/points/packs/${gz.id}/copy`, { transactionId: randomUUID() })).json()).toMatchObject({ code: 'FORBIDDEN' });
    await t.as(admin).put('/api/admin/roles/district_officer/permissions', { permissions: ['points.read', 'points.manage', 'divisions.read'] });
    const granted = await t.factories.user({ roles: ['district_officer'], division: '440106' });
    expect((await t.as(granted).post(`/api/points/packs/${gz.id}/copy`, { transactionId: randomUUID() })).json()).toMatchObject({ code: 'CITY_LEVEL_ONLY' });
  });
});

describe('the calculator', () => {
  it('is open without login: the questions of the pack in force and the packs to compare', async () => {
    const res = await t.anonymous.get('/api/points/calculator');
    expect(res.statusCode).toBe(200);
    const view = res.json<CalculatorView>();
    expect(view.pack).toMatchObject({ code: 'gz-jfrh-2025', version: 1, inForce: true });
    expect(view.packs.map((p) => p.code).sort()).toEqual(['bj-2016', 'fs-2016', 'gz-jfrh-2014', 'gz-jfrh-2025', 'sh-2015']);
    expect((view.body as { facts: unknown[] }).facts.length).toBeGreaterThan(30);
    expect((await t.anonymous.get('/api/points/calculator?pack=sh-2015')).json<CalculatorView>().pack.code).toBe('sh-2015');
    expect((await t.anonymous.get('/api/points/calculator?pack=nowhere')).statusCode).toBe(404);
  });

  it('scores with the one engine and explains every line', async () => {
    const res = await t.anonymous.post('/api/points/calculate', {
      facts: { birth_date: '1990-05-01', permit_months: 62, rented_months: 70, pension_months: 60, medical_months: 60, unemployment_months: 60, injury_months: 60, maternity_months: 60, education: 'bachelor', employed: true, permit_valid: true, criminal_penalty_5y: false },
    });
    expect(res.statusCode, res.body).toBe(200);
    const score = res.json<ScoreView>();
    expect(score).toMatchObject({ total: 170, rankingScore: 140, eligible: true, qualifies: true, bornOnOrAfter: '1980-01-01' });
    expect(score.lines.find((l) => l.id === 'housing_rented')).toMatchObject({ points: 20, capped: true });
    expect(score.interpretations.map((i) => `${i.key}=${i.value}`)).toContain('agePartYear=counts_as_year');
    const other = (await t.anonymous.post('/api/points/calculate', { pack: 'sh-2015', facts: { birth_date: '1990-05-01', education: 'master' } })).json<ScoreView>();
    expect(other.pack.code).toBe('sh-2015');
    expect(other.byCategory.base).toBe(130);
  });

  it('refuses wrong answers field by field in both languages', async () => {
    const res = await t.anonymous.post('/api/points/calculate', { facts: { permit_months: -3, education: 'phd', birth_date: '1990-02-30', shoe_size: 42 } });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ code: string; issues: { path: string; code: string; message: string; messageEn: string }[] }>();
    expect(body.code).toBe('POINTS_FACTS_INVALID');
    expect(body.issues.map((i) => `${i.path} ${i.code}`)).toEqual([
      'facts.permit_months POINTS_FACT_INVALID', 'facts.education POINTS_FACT_INVALID', 'facts.birth_date POINTS_FACT_INVALID', 'facts.shoe_size POINTS_FACT_UNKNOWN']);
    expect(body.issues[0]!.message).toBe('“在广州办理《广东省居住证》的时间”应为 0 至 1200 之间的整数（月数）');
    expect(body.issues[1]!.messageEn).toBe('"Education (highest)" should be one of the listed options');
    expect((await t.anonymous.post('/api/points/calculate', { pack: 'gz-jfrh-2025', version: 9, facts: {} })).statusCode).toBe(404);
  });
});
