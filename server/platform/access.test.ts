import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { idCheckCharacter, maskIdNumber } from '@shared/kernel/id-number';
import { BUILTIN_ROLES, PERMISSIONS } from '@shared/permissions';
import { buildTestApp, type Client, type TestApp, type TestUser } from '../test/harness';

/**
 * One sweep of every API route as every role, and one as a community officer who holds every
 * permission there is, aimed at another community. New routes must be added to ROUTES: a test fails
 * when one is missing.
 */

const STREET = '440106006';
const A = '440106006002'; // the officer's own community
const B = '440106006004'; // the neighbouring community in the same street

type Fixture = {
  bUser: { id: string; username: string }; bGrid: string; aGrid: string;
  aBuilding: string; aHouse: string; aPerson: string; aResidence: string; bBuilding: string; bHouse: string; bPerson: string; bResidence: string;
  aToken: string; bDeclaration: string; bImport: string;
  bKiosk: string; bReplacement: string; bCheckout: string; bFile: string; bApplication: string; bApplicationNumber: string; bPermit: string; bPermitNumber: string; bVerifyToken: string;
  pack: string; round: string; closingRound: string; bPoints: string; bPointsNumber: string; bTask: string;
  bInspection: string; bHazard: string; bRegistrationTask: string;
};
type Sample = { method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; url: string; body?: Record<string, unknown> };
type RouteCase = {
  route: string;
  /** A valid request of the route, for the role sweep. */
  sample: (f: Fixture) => Sample;
  /** Requests that aim at community B (or at city-wide data), for the isolation sweep. */
  foreign: (f: Fixture) => Sample[];
};

let unique = 0;
const A_PERSON_ID = `44010619870404002${idCheckCharacter('44010619870404002')}`;
const B_PERSON_ID = `44010619880505001${idCheckCharacter('44010619880505001')}`;
/** Valid ID numbers (check characters computed) for samples that create persons. */
const SAMPLE_IDS = Array.from({ length: 40 }, (_, i) => {
  const first17 = `4401061990${String(1 + (i % 12)).padStart(2, '0')}${String(10 + i).padStart(2, '0')}201`.slice(0, 17);
  return first17 + idCheckCharacter(first17);
});
const ROUTES: RouteCase[] = [
  { route: 'GET /api/auth/me', sample: () => ({ method: 'GET', url: '/api/auth/me' }), foreign: () => [] },
  {
    route: 'POST /api/auth/password',
    sample: () => ({ method: 'POST', url: '/api/auth/password', body: { currentPassword: 'not-it', newPassword: 'Another#Pass7' } }),
    foreign: () => [],
  },
  { route: 'POST /api/auth/logout', sample: () => ({ method: 'POST', url: '/api/auth/logout' }), foreign: () => [] },
  { route: 'POST /api/auth/login', sample: () => ({ method: 'POST', url: '/api/auth/login', body: { username: 'nobody-here', password: 'x' } }), foreign: () => [] },
  { route: 'POST /api/auth/sms-codes', sample: () => ({ method: 'POST', url: '/api/auth/sms-codes', body: { phone: `137${String(++unique).padStart(8, '0')}` } }), foreign: () => [] },
  { route: 'POST /api/auth/phone-login', sample: () => ({ method: 'POST', url: '/api/auth/phone-login', body: { phone: '13700000000', code: '000000' } }), foreign: () => [] },
  {
    route: 'GET /api/admin/users',
    sample: () => ({ method: 'GET', url: '/api/admin/users' }),
    foreign: (f) => [{ method: 'GET', url: `/api/admin/users?q=${f.bUser.username}` }, { method: 'GET', url: '/api/admin/users?pageSize=100' }],
  },
  {
    route: 'POST /api/admin/users',
    sample: () => ({ method: 'POST', url: '/api/admin/users', body: { username: `sweep${++unique}`, displayName: '扫描', password: 'Strong#Pass1', roles: ['grid_worker'], divisionCode: `${A}001` } }),
    foreign: (f) => [{ method: 'POST', url: '/api/admin/users', body: { username: `intruder${++unique}`, displayName: '越界', password: 'Strong#Pass1', roles: ['grid_worker'], divisionCode: f.bGrid } }],
  },
  {
    route: 'PATCH /api/admin/users/:id',
    sample: (f) => ({ method: 'PATCH', url: `/api/admin/users/${f.bUser.id}`, body: { displayName: '南苑社区 改名' } }),
    foreign: (f) => [
      { method: 'PATCH', url: `/api/admin/users/${f.bUser.id}`, body: { displayName: '被改了' } },
      { method: 'PATCH', url: `/api/admin/users/${f.bUser.id}`, body: { status: 'disabled' } },
      { method: 'PATCH', url: `/api/admin/users/${f.bUser.id}`, body: { divisionCode: A } },
    ],
  },
  { route: 'GET /api/admin/roles', sample: () => ({ method: 'GET', url: '/api/admin/roles' }), foreign: () => [] },
  {
    route: 'PUT /api/admin/roles/:code/permissions',
    sample: () => ({ method: 'PUT', url: '/api/admin/roles/auditor/permissions', body: { permissions: ['audit.read', 'divisions.read'] } }),
    foreign: () => [{ method: 'PUT', url: '/api/admin/roles/grid_worker/permissions', body: { permissions: [...PERMISSIONS] } }],
  },
  { route: 'GET /api/notify/inbox', sample: () => ({ method: 'GET', url: '/api/notify/inbox' }), foreign: () => [{ method: 'GET', url: '/api/notify/inbox' }] },
  { route: 'GET /api/notify/outbox', sample: () => ({ method: 'GET', url: '/api/notify/outbox' }), foreign: () => [{ method: 'GET', url: '/api/notify/outbox' }] },
  {
    route: 'GET /api/audit/entries',
    sample: () => ({ method: 'GET', url: '/api/audit/entries' }),
    foreign: (f) => [
      { method: 'GET', url: `/api/audit/entries?entityId=${f.bUser.id}` },
      { method: 'GET', url: `/api/audit/entries?entityId=${f.bGrid}` },
      { method: 'GET', url: '/api/audit/entries?pageSize=100' },
    ],
  },
  { route: 'POST /api/audit/verify', sample: () => ({ method: 'POST', url: '/api/audit/verify' }), foreign: () => [] },
  {
    route: 'GET /api/divisions',
    sample: () => ({ method: 'GET', url: '/api/divisions' }),
    foreign: () => [
      { method: 'GET', url: `/api/divisions?parent=${B}` },
      { method: 'GET', url: `/api/divisions?parent=${STREET}` },
      { method: 'GET', url: `/api/divisions?q=${encodeURIComponent('南苑')}` },
      { method: 'GET', url: `/api/divisions?q=${encodeURIComponent('网格')}` },
    ],
  },
  {
    route: 'GET /api/calendar/days',
    sample: () => ({ method: 'GET', url: '/api/calendar/days?from=2026-10-01&to=2026-10-07' }),
    foreign: () => [],
  },
  { route: 'GET /api/calendar/overrides', sample: () => ({ method: 'GET', url: '/api/calendar/overrides?year=2026' }), foreign: () => [] },
  {
    route: 'PUT /api/calendar/overrides/:date',
    sample: () => ({ method: 'PUT', url: '/api/calendar/overrides/2026-12-24', body: { kind: 'workday' } }),
    foreign: () => [{ method: 'PUT', url: '/api/calendar/overrides/2026-12-25', body: { kind: 'holiday', note: '越权' } }],
  },
  {
    route: 'DELETE /api/calendar/overrides/:date',
    sample: () => ({ method: 'DELETE', url: '/api/calendar/overrides/2026-12-24' }),
    foreign: () => [{ method: 'DELETE', url: '/api/calendar/overrides/2026-12-24' }],
  },
  {
    route: 'GET /api/registry/buildings',
    sample: () => ({ method: 'GET', url: '/api/registry/buildings' }),
    foreign: () => [
      { method: 'GET', url: `/api/registry/buildings?q=${encodeURIComponent('南苑')}` },
      { method: 'GET', url: `/api/registry/buildings?divisionCode=${B}` },
      { method: 'GET', url: '/api/registry/buildings?status=retired' },
    ],
  },
  {
    route: 'POST /api/registry/buildings',
    sample: () => ({ method: 'POST', url: '/api/registry/buildings', body: { divisionCode: A, address: `扫描地址 ${++unique} 号` } }),
    foreign: () => [{ method: 'POST', url: '/api/registry/buildings', body: { divisionCode: B, address: '越界地址 1 号' } }],
  },
  {
    route: 'POST /api/registry/buildings/:id/retire',
    sample: (f) => ({ method: 'POST', url: `/api/registry/buildings/${f.aBuilding}/retire` }),
    foreign: (f) => [{ method: 'POST', url: `/api/registry/buildings/${f.bBuilding}/retire` }],
  },
  {
    route: 'POST /api/registry/buildings/:id/merge',
    sample: (f) => ({ method: 'POST', url: `/api/registry/buildings/${f.aBuilding}/merge`, body: { intoId: f.aBuilding } }),
    foreign: (f) => [
      { method: 'POST', url: `/api/registry/buildings/${f.bBuilding}/merge`, body: { intoId: f.aBuilding } },
      { method: 'POST', url: `/api/registry/buildings/${f.aBuilding}/merge`, body: { intoId: f.bBuilding } },
    ],
  },
  {
    route: 'POST /api/registry/buildings/:id/visit',
    sample: (f) => ({ method: 'POST', url: `/api/registry/buildings/${f.aBuilding}/visit`, body: { note: '扫楼' } }),
    foreign: (f) => [{ method: 'POST', url: `/api/registry/buildings/${f.bBuilding}/visit`, body: {} }],
  },
  {
    route: 'GET /api/registry/houses',
    sample: () => ({ method: 'GET', url: '/api/registry/houses' }),
    foreign: (f) => [
      { method: 'GET', url: `/api/registry/houses?buildingId=${f.bBuilding}` },
      { method: 'GET', url: `/api/registry/houses?divisionCode=${B}` },
      { method: 'GET', url: `/api/registry/houses?q=${encodeURIComponent('南苑')}` },
    ],
  },
  {
    route: 'POST /api/registry/houses',
    sample: (f) => ({ method: 'POST', url: '/api/registry/houses', body: { buildingId: f.aBuilding, unit: `${++unique}`, use: 'rental', ownerOrganisation: '某公司' } }),
    foreign: (f) => [{ method: 'POST', url: '/api/registry/houses', body: { buildingId: f.bBuilding, unit: '越界', use: 'rental', ownerOrganisation: '某公司' } }],
  },
  {
    route: 'GET /api/registry/houses/:id',
    sample: (f) => ({ method: 'GET', url: `/api/registry/houses/${f.aHouse}` }),
    foreign: (f) => [{ method: 'GET', url: `/api/registry/houses/${f.bHouse}` }],
  },
  {
    route: 'GET /api/registry/houses/:id/qr',
    sample: (f) => ({ method: 'GET', url: `/api/registry/houses/${f.aHouse}/qr` }),
    foreign: (f) => [{ method: 'GET', url: `/api/registry/houses/${f.bHouse}/qr` }],
  },
  {
    route: 'GET /api/registry/houses/:id/placard.svg',
    sample: (f) => ({ method: 'GET', url: `/api/registry/houses/${f.aHouse}/placard.svg` }),
    foreign: (f) => [{ method: 'GET', url: `/api/registry/houses/${f.bHouse}/placard.svg` }],
  },
  {
    route: 'GET /api/registry/houses/:id/placard.png',
    sample: (f) => ({ method: 'GET', url: `/api/registry/houses/${f.aHouse}/placard.png` }),
    foreign: (f) => [{ method: 'GET', url: `/api/registry/houses/${f.bHouse}/placard.png` }],
  },
  {
    route: 'POST /api/registry/houses/:id/qr/revoke',
    sample: (f) => ({ method: 'POST', url: `/api/registry/houses/${f.aHouse}/qr/revoke` }),
    foreign: (f) => [{ method: 'POST', url: `/api/registry/houses/${f.bHouse}/qr/revoke` }],
  },
  { route: 'GET /api/registry/qr/:token', sample: () => ({ method: 'GET', url: '/api/registry/qr/not-a-real-token-at-all' }), foreign: () => [] },
  {
    route: 'GET /api/registry/persons',
    sample: () => ({ method: 'GET', url: '/api/registry/persons' }),
    foreign: () => [
      { method: 'GET', url: `/api/registry/persons?idNumber=${B_PERSON_ID}` },
      { method: 'GET', url: `/api/registry/persons?name=${encodeURIComponent('南')}` },
      { method: 'GET', url: `/api/registry/persons?divisionCode=${B}` },
      { method: 'GET', url: '/api/registry/persons?phone=13900001111' },
      { method: 'GET', url: `/api/registry/persons?address=${encodeURIComponent('南苑')}` },
      { method: 'GET', url: '/api/registry/persons?pageSize=200' },
    ],
  },
  {
    route: 'POST /api/registry/persons',
    sample: () => ({ method: 'POST', url: '/api/registry/persons', body: { idNumber: SAMPLE_IDS[++unique % SAMPLE_IDS.length], name: '扫描', divisionCode: A } }),
    foreign: () => [{ method: 'POST', url: '/api/registry/persons', body: { idNumber: '11010519491231002X', name: '越界', divisionCode: B } }],
  },
  {
    route: 'GET /api/registry/persons/:id',
    sample: (f) => ({ method: 'GET', url: `/api/registry/persons/${f.aPerson}` }),
    foreign: (f) => [{ method: 'GET', url: `/api/registry/persons/${f.bPerson}` }],
  },
  {
    route: 'PATCH /api/registry/persons/:id',
    sample: (f) => ({ method: 'PATCH', url: `/api/registry/persons/${f.aPerson}`, body: { employer: '扫描公司' } }),
    foreign: (f) => [{ method: 'PATCH', url: `/api/registry/persons/${f.bPerson}`, body: { phone: '13700000000' } }],
  },
  {
    route: 'GET /api/registry/persons/:id/duplicates',
    sample: (f) => ({ method: 'GET', url: `/api/registry/persons/${f.aPerson}/duplicates` }),
    foreign: (f) => [{ method: 'GET', url: `/api/registry/persons/${f.bPerson}/duplicates` }],
  },
  {
    route: 'POST /api/registry/persons/:id/merge',
    sample: (f) => ({ method: 'POST', url: `/api/registry/persons/${f.aPerson}/merge`, body: { intoId: f.aPerson } }),
    foreign: (f) => [
      { method: 'POST', url: `/api/registry/persons/${f.bPerson}/merge`, body: { intoId: f.aPerson } },
      { method: 'POST', url: `/api/registry/persons/${f.aPerson}/merge`, body: { intoId: f.bPerson } },
    ],
  },
  {
    route: 'POST /api/registry/residences/arrive',
    sample: (f) => ({ method: 'POST', url: '/api/registry/residences/arrive', body: { personId: f.aPerson, houseId: f.aHouse, relation: 'tenant', arrivedOn: '2026-01-05', transactionId: randomUUID() } }),
    foreign: (f) => [
      { method: 'POST', url: '/api/registry/residences/arrive', body: { personId: f.bPerson, houseId: f.bHouse, relation: 'owner', arrivedOn: '2026-01-05', transactionId: randomUUID() } },
      { method: 'POST', url: '/api/registry/residences/arrive', body: { personId: f.bPerson, houseId: f.aHouse, relation: 'tenant', arrivedOn: '2026-01-05', transactionId: randomUUID() } },
      { method: 'POST', url: '/api/registry/residences/arrive', body: { idNumber: B_PERSON_ID, name: '南苑居民', houseId: f.bHouse, relation: 'tenant', arrivedOn: '2026-01-05', transactionId: randomUUID() } },
    ],
  },
  {
    route: 'POST /api/registry/residences/:id/leave',
    sample: (f) => ({ method: 'POST', url: `/api/registry/residences/${f.aResidence}/leave`, body: { leftOn: '2025-12-31', transactionId: randomUUID() } }),
    foreign: (f) => [{ method: 'POST', url: `/api/registry/residences/${f.bResidence}/leave`, body: { leftOn: '2026-01-06', transactionId: randomUUID() } }],
  },
  {
    route: 'POST /api/registry/residences/:id/update',
    sample: (f) => ({ method: 'POST', url: `/api/registry/residences/${f.aResidence}/update`, body: { relation: 'tenant', transactionId: randomUUID() } }),
    foreign: (f) => [{ method: 'POST', url: `/api/registry/residences/${f.bResidence}/update`, body: { relation: 'owner', transactionId: randomUUID() } }],
  },
  { route: 'GET /api/points/packs', sample: () => ({ method: 'GET', url: '/api/points/packs' }), foreign: () => [] },
  { route: 'POST /api/points/packs/validate', sample: () => ({ method: 'POST', url: '/api/points/packs/validate', body: { pack: { code: 'x' } } }), foreign: () => [] },
  { route: 'GET /api/points/packs/:id', sample: (f) => ({ method: 'GET', url: `/api/points/packs/${f.pack}` }), foreign: () => [] },
  {
    route: 'POST /api/points/packs/:id/copy',
    sample: (f) => ({ method: 'POST', url: `/api/points/packs/${f.pack}/copy`, body: { transactionId: randomUUID() } }),
    foreign: (f) => [{ method: 'POST', url: `/api/points/packs/${f.pack}/copy`, body: { transactionId: randomUUID() } }],
  },
  {
    route: 'PUT /api/points/packs/:id',
    sample: (f) => ({ method: 'PUT', url: `/api/points/packs/${f.pack}`, body: { pack: { code: 'gz-jfrh-2025' } } }),
    foreign: (f) => [{ method: 'PUT', url: `/api/points/packs/${f.pack}`, body: { pack: { code: 'gz-jfrh-2025' } } }],
  },
  {
    route: 'POST /api/points/packs/:id/actions',
    sample: (f) => ({ method: 'POST', url: `/api/points/packs/${f.pack}/actions`, body: { action: 'discard', transactionId: randomUUID() } }),
    foreign: (f) => [{ method: 'POST', url: `/api/points/packs/${f.pack}/actions`, body: { action: 'publish', transactionId: randomUUID() } }],
  },
  { route: 'GET /api/points/calculator', sample: () => ({ method: 'GET', url: '/api/points/calculator' }), foreign: () => [] },
  { route: 'POST /api/points/calculate', sample: () => ({ method: 'POST', url: '/api/points/calculate', body: { facts: { permit_months: 24 } } }), foreign: () => [] },
  // The register of sub-landlords and agents is city-wide, so that every office sees the same blacklist.
  { route: 'GET /api/housing/parties', sample: () => ({ method: 'GET', url: '/api/housing/parties' }), foreign: () => [] },
  {
    route: 'POST /api/housing/parties',
    sample: () => ({ method: 'POST', url: '/api/housing/parties', body: { kind: 'agent', name: `扫描中介 ${++unique}`, creditCode: `91440101MA5C${String(unique).padStart(5, '0')}X`, transactionId: randomUUID() } }),
    foreign: () => [],
  },
  { route: 'GET /api/housing/parties/:id', sample: () => ({ method: 'GET', url: `/api/housing/parties/${randomUUID()}` }), foreign: () => [] },
  {
    route: 'POST /api/housing/parties/:id/blacklist',
    sample: () => ({ method: 'POST', url: `/api/housing/parties/${randomUUID()}/blacklist`, body: { reason: '扫描用理由', office: '扫描办', expiresOn: '2099-01-01', transactionId: randomUUID() } }),
    foreign: () => [],
  },
  { route: 'POST /api/housing/blacklist/:id/lift', sample: () => ({ method: 'POST', url: `/api/housing/blacklist/${randomUUID()}/lift`, body: { reason: '扫描用理由', transactionId: randomUUID() } }), foreign: () => [] },
  {
    route: 'GET /api/housing/houses/:id',
    sample: (f) => ({ method: 'GET', url: `/api/housing/houses/${f.aHouse}` }),
    foreign: (f) => [{ method: 'GET', url: `/api/housing/houses/${f.bHouse}` }],
  },
  {
    route: 'POST /api/housing/houses/:id/managers',
    sample: (f) => ({ method: 'POST', url: `/api/housing/houses/${f.aHouse}/managers`, body: { partyId: randomUUID(), role: 'agent', since: '2026-01-01', transactionId: randomUUID() } }),
    foreign: (f) => [{ method: 'POST', url: `/api/housing/houses/${f.bHouse}/managers`, body: { partyId: randomUUID(), role: 'agent', since: '2026-01-01', transactionId: randomUUID() } }],
  },
  { route: 'GET /api/housing/flags', sample: () => ({ method: 'GET', url: '/api/housing/flags' }), foreign: () => [{ method: 'GET', url: '/api/housing/flags?open=false&pageSize=200' }] },
  { route: 'GET /api/housing/doors', sample: () => ({ method: 'GET', url: '/api/housing/doors' }), foreign: () => [{ method: 'GET', url: '/api/housing/doors' }] },
  {
    route: 'POST /api/housing/doors',
    sample: (f) => ({ method: 'POST', url: '/api/housing/doors', body: { buildingId: f.aBuilding, name: `扫描门禁 ${++unique}` } }),
    foreign: (f) => [{ method: 'POST', url: '/api/housing/doors', body: { buildingId: f.bBuilding, name: '越界门禁' } }],
  },
  { route: 'POST /api/housing/doors/:id/revoke', sample: () => ({ method: 'POST', url: `/api/housing/doors/${randomUUID()}/revoke` }), foreign: () => [] },
  // Door systems authenticate with their own key, not a session.
  { route: 'POST /api/housing/door-events', sample: () => ({ method: 'POST', url: '/api/housing/door-events', body: { events: [{ eventId: 'scan', idNumber: B_PERSON_ID, at: '2026-01-01T08:00:00+08:00' }] } }), foreign: () => [] },
  { route: 'GET /api/housing/letter', sample: () => ({ method: 'GET', url: '/api/housing/letter' }), foreign: () => [] },
  {
    route: 'GET /api/housing/letter/coverage',
    sample: () => ({ method: 'GET', url: '/api/housing/letter/coverage' }),
    foreign: () => [{ method: 'GET', url: '/api/housing/letter/coverage' }, { method: 'GET', url: `/api/housing/letter/coverage?division=${B}` }],
  },
  { route: 'POST /api/housing/letters', sample: () => ({ method: 'POST', url: '/api/housing/letters', body: { title: '扫描用责任书', body: '扫描用责任书正文。'.repeat(8) } }), foreign: () => [] },
  // A landlord reaches the houses whose landlord's registered mobile is theirs.
  { route: 'GET /api/housing/my/houses', sample: () => ({ method: 'GET', url: '/api/housing/my/houses' }), foreign: () => [{ method: 'GET', url: '/api/housing/my/houses' }] },
  {
    route: 'POST /api/housing/my/houses/:id/sign',
    sample: (f) => ({ method: 'POST', url: `/api/housing/my/houses/${f.bHouse}/sign`, body: { version: 1, transactionId: randomUUID() } }),
    foreign: (f) => [{ method: 'POST', url: `/api/housing/my/houses/${f.bHouse}/sign`, body: { version: 1, transactionId: randomUUID() } }],
  },
  { route: 'GET /api/housing/tax/rates', sample: () => ({ method: 'GET', url: '/api/housing/tax/rates' }), foreign: () => [] },
  { route: 'PUT /api/housing/tax/rates', sample: () => ({ method: 'PUT', url: '/api/housing/tax/rates', body: { divisionCode: '4401', use: 'business', ratePermille: 120 } }), foreign: () => [] },
  {
    route: 'GET /api/housing/houses/:id/tax',
    sample: (f) => ({ method: 'GET', url: `/api/housing/houses/${f.aHouse}/tax` }),
    foreign: (f) => [{ method: 'GET', url: `/api/housing/houses/${f.bHouse}/tax` }],
  },
  {
    route: 'PUT /api/housing/houses/:id/rent',
    sample: (f) => ({ method: 'PUT', url: `/api/housing/houses/${f.aHouse}/rent`, body: { monthlyRentYuan: 1800, use: 'residential', period: 'monthly', since: '2026-01-01' } }),
    foreign: (f) => [{ method: 'PUT', url: `/api/housing/houses/${f.bHouse}/rent`, body: { monthlyRentYuan: 1, use: 'residential', period: 'monthly', since: '2026-01-01' } }],
  },
  { route: 'GET /api/housing/tax/bills', sample: () => ({ method: 'GET', url: '/api/housing/tax/bills' }), foreign: () => [{ method: 'GET', url: '/api/housing/tax/bills?pageSize=200' }] },
  { route: 'GET /api/housing/my/tax', sample: () => ({ method: 'GET', url: '/api/housing/my/tax' }), foreign: () => [{ method: 'GET', url: '/api/housing/my/tax' }] },
  { route: 'POST /api/housing/my/tax/:id/pay', sample: () => ({ method: 'POST', url: `/api/housing/my/tax/${randomUUID()}/pay` }), foreign: () => [] },
  { route: 'GET /api/inspections/checklist', sample: () => ({ method: 'GET', url: '/api/inspections/checklist' }), foreign: () => [] },
  { route: 'PUT /api/inspections/checklist/:code', sample: () => ({ method: 'PUT', url: '/api/inspections/checklist/hygiene', body: { weight: 5 } }), foreign: () => [] },
  {
    route: 'GET /api/inspections/inspections',
    sample: () => ({ method: 'GET', url: '/api/inspections/inspections?status=planned' }),
    foreign: () => [{ method: 'GET', url: '/api/inspections/inspections?pageSize=200' }, { method: 'GET', url: '/api/inspections/inspections?status=done&pageSize=200' }],
  },
  {
    route: 'GET /api/inspections/inspections/:id',
    sample: (f) => ({ method: 'GET', url: `/api/inspections/inspections/${f.bInspection}` }),
    foreign: (f) => [{ method: 'GET', url: `/api/inspections/inspections/${f.bInspection}` }],
  },
  {
    route: 'POST /api/inspections/inspections/:id/cancel',
    sample: (f) => ({ method: 'POST', url: `/api/inspections/inspections/${f.bInspection}/cancel`, body: { reason: '扫描用理由', transactionId: randomUUID() } }),
    foreign: (f) => [{ method: 'POST', url: `/api/inspections/inspections/${f.bInspection}/cancel`, body: { reason: '越界取消', transactionId: randomUUID() } }],
  },
  {
    route: 'POST /api/inspections/inspections/:id/submit',
    sample: (f) => ({ method: 'POST', url: `/api/inspections/inspections/${f.bInspection}/submit`, body: { results: [], transactionId: randomUUID() } }),
    foreign: (f) => [{ method: 'POST', url: `/api/inspections/inspections/${f.bInspection}/submit`, body: { results: [{ code: 'ebike', passed: true }], transactionId: randomUUID() } }],
  },
  { route: 'GET /api/inspections/campaigns', sample: () => ({ method: 'GET', url: '/api/inspections/campaigns' }), foreign: () => [] },
  {
    route: 'POST /api/inspections/campaigns',
    sample: (f) => ({ method: 'POST', url: '/api/inspections/campaigns', body: { name: `扫描整治 ${++unique}`, divisionCode: f.aGrid, dueOn: '2099-01-01', transactionId: randomUUID() } }),
    foreign: () => [{ method: 'POST', url: '/api/inspections/campaigns', body: { name: '越界整治', divisionCode: B, dueOn: '2099-01-01', transactionId: randomUUID() } }],
  },
  {
    route: 'GET /api/inspections/houses/:id',
    sample: (f) => ({ method: 'GET', url: `/api/inspections/houses/${f.aHouse}` }),
    foreign: (f) => [{ method: 'GET', url: `/api/inspections/houses/${f.bHouse}` }],
  },
  {
    route: 'GET /api/inspections/houses/:id/placard.svg',
    sample: (f) => ({ method: 'GET', url: `/api/inspections/houses/${f.bHouse}/placard.svg` }),
    foreign: (f) => [{ method: 'GET', url: `/api/inspections/houses/${f.bHouse}/placard.svg` }],
  },
  {
    route: 'GET /api/inspections/houses/:id/placard.png',
    sample: (f) => ({ method: 'GET', url: `/api/inspections/houses/${f.bHouse}/placard.png` }),
    foreign: (f) => [{ method: 'GET', url: `/api/inspections/houses/${f.bHouse}/placard.png` }],
  },
  {
    route: 'GET /api/inspections/hazards',
    sample: () => ({ method: 'GET', url: '/api/inspections/hazards' }),
    foreign: (f) => [{ method: 'GET', url: '/api/inspections/hazards?pageSize=200' }, { method: 'GET', url: `/api/inspections/hazards?houseId=${f.bHouse}` }],
  },
  {
    route: 'GET /api/inspections/hazards/:id',
    sample: (f) => ({ method: 'GET', url: `/api/inspections/hazards/${f.bHazard}` }),
    foreign: (f) => [{ method: 'GET', url: `/api/inspections/hazards/${f.bHazard}` }],
  },
  {
    route: 'POST /api/inspections/hazards/:id/actions',
    sample: (f) => ({ method: 'POST', url: `/api/inspections/hazards/${f.bHazard}/actions`, body: { action: 'refer', transactionId: randomUUID() } }),
    foreign: (f) => [{ method: 'POST', url: `/api/inspections/hazards/${f.bHazard}/actions`, body: { action: 'refer', note: '越界转交', transactionId: randomUUID() } }],
  },
  {
    route: 'GET /api/inspections/hazards/:id/files/:fileId',
    sample: (f) => ({ method: 'GET', url: `/api/inspections/hazards/${f.bHazard}/files/${f.bFile}` }),
    foreign: (f) => [{ method: 'GET', url: `/api/inspections/hazards/${f.bHazard}/files/${f.bFile}` }],
  },
  {
    route: 'GET /api/inspections/registration-tasks',
    sample: () => ({ method: 'GET', url: '/api/inspections/registration-tasks' }),
    foreign: () => [{ method: 'GET', url: '/api/inspections/registration-tasks?pageSize=200' }, { method: 'GET', url: '/api/inspections/registration-tasks?status=done' }],
  },
  {
    route: 'POST /api/inspections/registration-tasks/:id/actions',
    sample: (f) => ({ method: 'POST', url: `/api/inspections/registration-tasks/${f.bRegistrationTask}/actions`, body: { action: 'dismiss', transactionId: randomUUID() } }),
    foreign: (f) => [{ method: 'POST', url: `/api/inspections/registration-tasks/${f.bRegistrationTask}/actions`, body: { action: 'dismiss', reason: '越界关闭', transactionId: randomUUID() } }],
  },
  { route: 'GET /api/inspections/calendar', sample: () => ({ method: 'GET', url: '/api/inspections/calendar?month=2026-03' }), foreign: () => [{ method: 'GET', url: '/api/inspections/calendar?month=2026-03' }] },
  { route: 'GET /api/inspections/grids', sample: () => ({ method: 'GET', url: '/api/inspections/grids' }), foreign: () => [{ method: 'GET', url: '/api/inspections/grids?pageSize=500' }] },
  {
    route: 'GET /api/inspections/stats',
    sample: () => ({ method: 'GET', url: '/api/inspections/stats' }),
    foreign: () => [{ method: 'GET', url: '/api/inspections/stats' }, { method: 'GET', url: `/api/inspections/stats?division=${B}` }],
  },
  // Departments act city-wide on what was referred to them; a department is not a jurisdiction.
  { route: 'GET /api/inspections/department/hazards', sample: () => ({ method: 'GET', url: '/api/inspections/department/hazards' }), foreign: () => [] },
  { route: 'GET /api/inspections/department/hazards/:id', sample: (f) => ({ method: 'GET', url: `/api/inspections/department/hazards/${f.bHazard}` }), foreign: () => [] },
  {
    route: 'POST /api/inspections/department/hazards/:id/actions',
    sample: (f) => ({ method: 'POST', url: `/api/inspections/department/hazards/${f.bHazard}/actions`, body: { action: 'handle', transactionId: randomUUID() } }),
    foreign: () => [],
  },
  // A landlord reaches the hazards of houses whose landlord's registered mobile is theirs.
  { route: 'GET /api/inspections/my/houses', sample: () => ({ method: 'GET', url: '/api/inspections/my/houses' }), foreign: () => [{ method: 'GET', url: '/api/inspections/my/houses' }] },
  { route: 'GET /api/inspections/my/hazards/:id', sample: (f) => ({ method: 'GET', url: `/api/inspections/my/hazards/${f.bHazard}` }), foreign: (f) => [{ method: 'GET', url: `/api/inspections/my/hazards/${f.bHazard}` }] },
  {
    route: 'POST /api/inspections/my/hazards/:id/actions',
    sample: (f) => ({ method: 'POST', url: `/api/inspections/my/hazards/${f.bHazard}/actions`, body: { action: 'report_fixed', note: '已整改', transactionId: randomUUID() } }),
    foreign: (f) => [{ method: 'POST', url: `/api/inspections/my/hazards/${f.bHazard}/actions`, body: { action: 'report_fixed', note: '已整改', transactionId: randomUUID() } }],
  },
  { route: 'GET /api/points/stats', sample: () => ({ method: 'GET', url: '/api/points/stats' }), foreign: () => [] },
  { route: 'GET /api/points/rounds', sample: () => ({ method: 'GET', url: '/api/points/rounds' }), foreign: () => [] },
  {
    route: 'POST /api/points/rounds',
    sample: (f) => ({ method: 'POST', url: '/api/points/rounds', body: { name: `扫描轮次 ${++unique}`, year: 2026, packId: f.pack, quota: 5, opensOn: '2026-01-01', closesOn: '2026-01-31', materialsCutoff: '2025-12-31', transactionId: randomUUID() } }),
    foreign: (f) => [{ method: 'POST', url: '/api/points/rounds', body: { name: '越权轮次', year: 2026, packId: f.pack, quota: 5, opensOn: '2026-01-01', closesOn: '2026-01-31', materialsCutoff: '2025-12-31', transactionId: randomUUID() } }],
  },
  {
    route: 'POST /api/points/rounds/:id/actions',
    sample: (f) => ({ method: 'POST', url: `/api/points/rounds/${f.closingRound}/actions`, body: { action: 'close', transactionId: randomUUID() } }),
    foreign: (f) => [{ method: 'POST', url: `/api/points/rounds/${f.round}/actions`, body: { action: 'close', transactionId: randomUUID() } }],
  },
  // Department records are city-wide by nature (a department's data about anyone); they are not a jurisdiction's.
  { route: 'POST /api/points/department-records', sample: () => ({ method: 'POST', url: '/api/points/department-records', body: { rows: [{ idNumber: A_PERSON_ID, fact: 'pension_months', value: 12, asOf: '2026-01-01' }] } }), foreign: () => [] },
  {
    route: 'POST /api/points/applications',
    sample: (f) => ({ method: 'POST', url: '/api/points/applications', body: { roundId: f.round, name: '东城居民', idNumber: A_PERSON_ID, facts: {}, pledge: true, transactionId: randomUUID() } }),
    foreign: (f) => [{ method: 'POST', url: '/api/points/applications', body: { roundId: f.round, name: '南苑居民', idNumber: B_PERSON_ID, facts: {}, pledge: true, transactionId: randomUUID() } }],
  },
  {
    route: 'GET /api/points/applications',
    sample: () => ({ method: 'GET', url: '/api/points/applications' }),
    foreign: (f) => [{ method: 'GET', url: `/api/points/applications?q=${B_PERSON_ID}` }, { method: 'GET', url: `/api/points/applications?q=${f.bPointsNumber}` }, { method: 'GET', url: '/api/points/applications?pageSize=100' }],
  },
  {
    route: 'GET /api/points/applications/:id',
    sample: (f) => ({ method: 'GET', url: `/api/points/applications/${f.bPoints}` }),
    foreign: (f) => [{ method: 'GET', url: `/api/points/applications/${f.bPoints}` }],
  },
  {
    route: 'GET /api/points/applications/:id/files/:fileId',
    sample: (f) => ({ method: 'GET', url: `/api/points/applications/${f.bPoints}/files/${f.bFile}` }),
    foreign: (f) => [{ method: 'GET', url: `/api/points/applications/${f.bPoints}/files/${f.bFile}` }],
  },
  {
    route: 'GET /api/points/persons/:id',
    sample: (f) => ({ method: 'GET', url: `/api/points/persons/${f.aPerson}` }),
    foreign: (f) => [{ method: 'GET', url: `/api/points/persons/${f.bPerson}` }],
  },
  {
    route: 'GET /api/points/tasks',
    sample: () => ({ method: 'GET', url: '/api/points/tasks' }),
    foreign: () => [{ method: 'GET', url: '/api/points/tasks?department=public_security' }, { method: 'GET', url: '/api/points/tasks?pageSize=100' }],
  },
  {
    route: 'POST /api/points/tasks/:id/actions',
    sample: (f) => ({ method: 'POST', url: `/api/points/tasks/${f.bTask}/actions`, body: { action: 'complete', results: { criminal_penalty_5y: { outcome: 'confirmed' } }, transactionId: randomUUID() } }),
    foreign: (f) => [
      { method: 'POST', url: `/api/points/tasks/${f.bTask}/actions`, body: { action: 'complete', results: { criminal_penalty_5y: { outcome: 'confirmed' } }, transactionId: randomUUID() } },
      { method: 'POST', url: `/api/points/tasks/${f.bTask}/actions`, body: { action: 'start', transactionId: randomUUID() } },
    ],
  },
  {
    route: 'GET /api/points/rounds/:id/ranking',
    sample: (f) => ({ method: 'GET', url: `/api/points/rounds/${f.round}/ranking` }),
    foreign: (f) => [{ method: 'GET', url: `/api/points/rounds/${f.round}/ranking?pageSize=200` }],
  },
  {
    route: 'GET /api/points/rounds/:id/objections',
    sample: (f) => ({ method: 'GET', url: `/api/points/rounds/${f.round}/objections` }),
    foreign: (f) => [{ method: 'GET', url: `/api/points/rounds/${f.round}/objections` }],
  },
  {
    route: 'POST /api/points/objections/:id/actions',
    sample: () => ({ method: 'POST', url: `/api/points/objections/${randomUUID()}/actions`, body: { action: 'dismiss', answer: '经核查，异议不成立。', transactionId: randomUUID() } }),
    foreign: () => [{ method: 'POST', url: `/api/points/objections/${randomUUID()}/actions`, body: { action: 'uphold', answer: '越权答复异议。', cancel: true, transactionId: randomUUID() } }],
  },
  { route: 'GET /api/points/public/rounds/:id', sample: (f) => ({ method: 'GET', url: `/api/points/public/rounds/${f.round}` }), foreign: () => [] },
  {
    route: 'POST /api/points/public/rounds/:id/objections',
    sample: (f) => ({ method: 'POST', url: `/api/points/public/rounds/${f.round}/objections`, body: { number: f.bPointsNumber, text: '扫描测试提出的异议内容。', transactionId: randomUUID() } }),
    foreign: () => [],
  },
  {
    route: 'POST /api/points/applications/:id/actions',
    sample: (f) => ({ method: 'POST', url: `/api/points/applications/${f.bPoints}/actions`, body: { action: 'verify', transactionId: randomUUID() } }),
    foreign: (f) => [
      { method: 'POST', url: `/api/points/applications/${f.bPoints}/actions`, body: { action: 'verify', transactionId: randomUUID() } },
      { method: 'POST', url: `/api/points/applications/${f.bPoints}/actions`, body: { action: 'cancel', reason: '越权取消', transactionId: randomUUID() } },
    ],
  },
  { route: 'GET /api/points/my/rounds', sample: () => ({ method: 'GET', url: '/api/points/my/rounds' }), foreign: () => [] },
  {
    route: 'GET /api/points/my/prefill',
    sample: (f) => ({ method: 'GET', url: `/api/points/my/prefill?roundId=${f.round}&idNumber=${A_PERSON_ID}&name=${encodeURIComponent('东城居民')}` }),
    foreign: (f) => [{ method: 'GET', url: `/api/points/my/prefill?roundId=${f.round}&idNumber=${B_PERSON_ID}&name=${encodeURIComponent('南苑居民')}` }],
  },
  {
    route: 'POST /api/points/my/applications',
    sample: (f) => ({ method: 'POST', url: '/api/points/my/applications', body: { roundId: f.round, name: '东城居民', idNumber: A_PERSON_ID, facts: {}, pledge: true, transactionId: randomUUID() } }),
    foreign: () => [],
  },
  { route: 'GET /api/points/my/applications', sample: () => ({ method: 'GET', url: '/api/points/my/applications' }), foreign: () => [] },
  {
    route: 'POST /api/points/my/applications/:id/actions',
    sample: (f) => ({ method: 'POST', url: `/api/points/my/applications/${f.bPoints}/actions`, body: { action: 'withdraw', transactionId: randomUUID() } }),
    foreign: () => [],
  },
  { route: 'GET /api/settings', sample: () => ({ method: 'GET', url: '/api/settings' }), foreign: () => [] },
  {
    route: 'PUT /api/settings/:key',
    sample: () => ({ method: 'PUT', url: '/api/settings/registry.arrivalDeadlineWorkdays', body: { value: 3 } }),
    foreign: () => [{ method: 'PUT', url: '/api/settings/registry.selfDeclarationAutoConfirm', body: { value: true } }],
  },
  {
    // The house's QR token is what opens it; staff accounts are refused (they register in the console).
    route: 'POST /api/registry/declarations',
    sample: (f) => ({ method: 'POST', url: '/api/registry/declarations', body: { token: f.aToken, kind: 'arrive', name: '扫码', idNumber: SAMPLE_IDS[++unique % SAMPLE_IDS.length], relation: 'tenant', date: '2026-01-05', transactionId: randomUUID() } }),
    foreign: () => [],
  },
  { route: 'GET /api/registry/my/declarations', sample: () => ({ method: 'GET', url: '/api/registry/my/declarations' }), foreign: () => [] },
  {
    route: 'POST /api/registry/declarations/:id/withdraw',
    sample: () => ({ method: 'POST', url: `/api/registry/declarations/${randomUUID()}/withdraw`, body: { transactionId: randomUUID() } }),
    foreign: (f) => [{ method: 'POST', url: `/api/registry/declarations/${f.bDeclaration}/withdraw`, body: { transactionId: randomUUID() } }],
  },
  {
    route: 'GET /api/registry/declarations',
    sample: () => ({ method: 'GET', url: '/api/registry/declarations' }),
    foreign: () => [
      { method: 'GET', url: `/api/registry/declarations?divisionCode=${B}` },
      { method: 'GET', url: '/api/registry/declarations?status=submitted&pageSize=200' },
    ],
  },
  {
    route: 'POST /api/registry/declarations/:id/confirm',
    sample: () => ({ method: 'POST', url: `/api/registry/declarations/${randomUUID()}/confirm`, body: { transactionId: randomUUID() } }),
    foreign: (f) => [{ method: 'POST', url: `/api/registry/declarations/${f.bDeclaration}/confirm`, body: { transactionId: randomUUID() } }],
  },
  {
    route: 'POST /api/registry/declarations/:id/reject',
    sample: () => ({ method: 'POST', url: `/api/registry/declarations/${randomUUID()}/reject`, body: { transactionId: randomUUID(), reason: '扫描驳回' } }),
    foreign: (f) => [{ method: 'POST', url: `/api/registry/declarations/${f.bDeclaration}/reject`, body: { transactionId: randomUUID(), reason: '越界驳回' } }],
  },
  {
    route: 'POST /api/registry/imports',
    sample: () => ({ method: 'POST', url: '/api/registry/imports?fileName=sweep.csv', body: { not: 'a file' } }),
    foreign: () => [],
  },
  {
    route: 'GET /api/registry/imports',
    sample: () => ({ method: 'GET', url: '/api/registry/imports' }),
    foreign: () => [{ method: 'GET', url: '/api/registry/imports?pageSize=200' }],
  },
  { route: 'GET /api/registry/imports/template.csv', sample: () => ({ method: 'GET', url: '/api/registry/imports/template.csv' }), foreign: () => [] },
  {
    route: 'GET /api/registry/imports/:id',
    sample: (f) => ({ method: 'GET', url: `/api/registry/imports/${f.bImport}` }),
    foreign: (f) => [{ method: 'GET', url: `/api/registry/imports/${f.bImport}` }],
  },
  {
    route: 'GET /api/registry/imports/:id/rejects.csv',
    sample: (f) => ({ method: 'GET', url: `/api/registry/imports/${f.bImport}/rejects.csv` }),
    foreign: (f) => [{ method: 'GET', url: `/api/registry/imports/${f.bImport}/rejects.csv` }],
  },
  { route: 'GET /api/divisions/summary', sample: () => ({ method: 'GET', url: '/api/divisions/summary' }), foreign: () => [{ method: 'GET', url: '/api/divisions/summary' }] },
  {
    route: 'POST /api/divisions/grids',
    sample: () => ({ method: 'POST', url: '/api/divisions/grids', body: { parentCode: A, name: `扫描网格${++unique}` } }),
    foreign: () => [{ method: 'POST', url: '/api/divisions/grids', body: { parentCode: B, name: '越界网格' } }],
  },
  { route: 'POST /api/files', sample: () => ({ method: 'POST', url: '/api/files?name=sweep.png', body: { not: 'a file' } }), foreign: () => [] },
  { route: 'GET /api/files/:id', sample: (f) => ({ method: 'GET', url: `/api/files/${f.bFile}` }), foreign: (f) => [{ method: 'GET', url: `/api/files/${f.bFile}` }] },
  {
    route: 'GET /api/permits/eligibility',
    sample: () => ({ method: 'GET', url: `/api/permits/eligibility?idNumber=${A_PERSON_ID}&name=${encodeURIComponent('东城居民')}` }),
    foreign: () => [{ method: 'GET', url: `/api/permits/eligibility?idNumber=${B_PERSON_ID}&name=${encodeURIComponent('南苑居民')}` }],
  },
  {
    route: 'POST /api/permits/applications',
    sample: () => ({ method: 'POST', url: '/api/permits/applications', body: { name: '东城居民', idNumber: A_PERSON_ID, basis: 'employment', basisDetail: '东城公司', evidence: [], transactionId: randomUUID() } }),
    foreign: () => [{ method: 'POST', url: '/api/permits/applications', body: { name: '南苑居民', idNumber: B_PERSON_ID, basis: 'employment', basisDetail: '越界', evidence: [], transactionId: randomUUID() } }],
  },
  {
    route: 'GET /api/permits/applications',
    sample: () => ({ method: 'GET', url: '/api/permits/applications' }),
    foreign: (f) => [{ method: 'GET', url: `/api/permits/applications?q=${encodeURIComponent('南苑')}` }, { method: 'GET', url: `/api/permits/applications?q=${f.bApplicationNumber}` }, { method: 'GET', url: '/api/permits/applications?pageSize=200' }],
  },
  { route: 'GET /api/permits/applications/:id', sample: (f) => ({ method: 'GET', url: `/api/permits/applications/${f.bApplication}` }), foreign: (f) => [{ method: 'GET', url: `/api/permits/applications/${f.bApplication}` }] },
  {
    route: 'GET /api/permits/applications/:id/files/:fileId',
    sample: (f) => ({ method: 'GET', url: `/api/permits/applications/${f.bApplication}/files/${f.bFile}` }),
    foreign: (f) => [{ method: 'GET', url: `/api/permits/applications/${f.bApplication}/files/${f.bFile}` }],
  },
  {
    route: 'POST /api/permits/applications/:id/actions',
    sample: (f) => ({ method: 'POST', url: `/api/permits/applications/${f.bApplication}/actions`, body: { action: 'accept', transactionId: randomUUID() } }),
    foreign: (f) => [{ method: 'POST', url: `/api/permits/applications/${f.bApplication}/actions`, body: { action: 'refuse', note: '越界操作', transactionId: randomUUID() } }],
  },
  {
    route: 'GET /api/permits/permits',
    sample: () => ({ method: 'GET', url: '/api/permits/permits' }),
    foreign: (f) => [{ method: 'GET', url: `/api/permits/permits?q=${encodeURIComponent('南苑')}` }, { method: 'GET', url: `/api/permits/permits?q=${f.bPermitNumber}` }, { method: 'GET', url: '/api/permits/permits?status=valid&pageSize=200' }],
  },
  { route: 'GET /api/permits/permits/:id', sample: (f) => ({ method: 'GET', url: `/api/permits/permits/${f.bPermit}` }), foreign: (f) => [{ method: 'GET', url: `/api/permits/permits/${f.bPermit}` }] },
  {
    route: 'POST /api/permits/permits/:id/actions',
    sample: (f) => ({ method: 'POST', url: `/api/permits/permits/${f.bPermit}/actions`, body: { action: 'endorse', transactionId: randomUUID() } }),
    foreign: (f) => [
      { method: 'POST', url: `/api/permits/permits/${f.bPermit}/actions`, body: { action: 'revoke', reason: 'fraud', transactionId: randomUUID() } },
      { method: 'POST', url: `/api/permits/permits/${f.bPermit}/actions`, body: { action: 'endorse', transactionId: randomUUID() } },
    ],
  },
  { route: 'GET /api/permits/persons/:id', sample: (f) => ({ method: 'GET', url: `/api/permits/persons/${f.bPerson}` }), foreign: (f) => [{ method: 'GET', url: `/api/permits/persons/${f.bPerson}` }] },
  { route: 'GET /api/permits/stats', sample: () => ({ method: 'GET', url: '/api/permits/stats' }), foreign: () => [] },
  {
    route: 'GET /api/permits/my/eligibility',
    sample: () => ({ method: 'GET', url: `/api/permits/my/eligibility?idNumber=${A_PERSON_ID}&name=${encodeURIComponent('东城居民')}` }),
    foreign: () => [],
  },
  {
    route: 'POST /api/permits/my/applications',
    sample: () => ({ method: 'POST', url: '/api/permits/my/applications', body: { name: '东城居民', idNumber: A_PERSON_ID, basis: 'employment', basisDetail: '东城公司', evidence: [], transactionId: randomUUID() } }),
    foreign: () => [],
  },
  {
    route: 'POST /api/permits/my/applications/:id/actions',
    sample: (f) => ({ method: 'POST', url: `/api/permits/my/applications/${f.bApplication}/actions`, body: { action: 'withdraw', transactionId: randomUUID() } }),
    foreign: (f) => [{ method: 'POST', url: `/api/permits/my/applications/${f.bApplication}/actions`, body: { action: 'withdraw', transactionId: randomUUID() } }],
  },
  { route: 'GET /api/permits/my', sample: () => ({ method: 'GET', url: '/api/permits/my' }), foreign: () => [{ method: 'GET', url: '/api/permits/my' }] },
  {
    route: 'POST /api/permits/my/permits/:id/endorse',
    sample: (f) => ({ method: 'POST', url: `/api/permits/my/permits/${f.bPermit}/endorse`, body: { transactionId: randomUUID() } }),
    foreign: (f) => [{ method: 'POST', url: `/api/permits/my/permits/${f.bPermit}/endorse`, body: { transactionId: randomUUID() } }],
  },
  { route: 'GET /api/permits/kiosks', sample: () => ({ method: 'GET', url: '/api/permits/kiosks' }), foreign: () => [{ method: 'GET', url: '/api/permits/kiosks' }] },
  {
    route: 'POST /api/permits/kiosks',
    sample: () => ({ method: 'POST', url: '/api/permits/kiosks', body: { name: `扫描终端${++unique}`, divisionCode: A } }),
    foreign: () => [{ method: 'POST', url: '/api/permits/kiosks', body: { name: '越界终端', divisionCode: B } }],
  },
  {
    route: 'POST /api/permits/kiosks/:id/revoke',
    sample: (f) => ({ method: 'POST', url: `/api/permits/kiosks/${f.bKiosk}/revoke` }),
    foreign: (f) => [{ method: 'POST', url: `/api/permits/kiosks/${f.bKiosk}/revoke` }],
  },
  { route: 'POST /api/permits/kiosk/lookup', sample: () => ({ method: 'POST', url: '/api/permits/kiosk/lookup', body: { idNumber: B_PERSON_ID, identityCheck: { method: 'id_card_reader', passed: true, reference: 'x' } } }), foreign: () => [] },
  {
    route: 'POST /api/permits/kiosk/endorse',
    sample: () => ({ method: 'POST', url: '/api/permits/kiosk/endorse', body: { idNumber: B_PERSON_ID, identityCheck: { method: 'id_card_reader', passed: true, reference: 'x' }, transactionId: randomUUID() } }),
    foreign: () => [],
  },
  {
    route: 'POST /api/permits/permits/:id/replacements',
    sample: (f) => ({ method: 'POST', url: `/api/permits/permits/${f.bPermit}/replacements`, body: { reason: 'lost', transactionId: randomUUID() } }),
    foreign: (f) => [{ method: 'POST', url: `/api/permits/permits/${f.bPermit}/replacements`, body: { reason: 'lost', transactionId: randomUUID() } }],
  },
  {
    route: 'POST /api/permits/my/permits/:id/replacements',
    sample: (f) => ({ method: 'POST', url: `/api/permits/my/permits/${f.bPermit}/replacements`, body: { reason: 'lost', transactionId: randomUUID() } }),
    foreign: (f) => [{ method: 'POST', url: `/api/permits/my/permits/${f.bPermit}/replacements`, body: { reason: 'lost', transactionId: randomUUID() } }],
  },
  {
    route: 'POST /api/permits/replacements/:id/actions',
    sample: (f) => ({ method: 'POST', url: `/api/permits/replacements/${f.bReplacement}/actions`, body: { action: 'issue', transactionId: randomUUID() } }),
    foreign: (f) => [{ method: 'POST', url: `/api/permits/replacements/${f.bReplacement}/actions`, body: { action: 'cancel', transactionId: randomUUID() } }],
  },
  {
    route: 'POST /api/payments/callbacks/:provider',
    sample: () => ({ method: 'POST', url: '/api/payments/callbacks/dev', body: { eventId: 'sweep-event-1', orderNumber: 'ZF-NOT-THERE', kind: 'paid', amountFen: 1 } }),
    foreign: () => [],
  },
  { route: 'GET /api/payments/checkout/:token', sample: (f) => ({ method: 'GET', url: `/api/payments/checkout/${f.bCheckout}` }), foreign: () => [] },
  { route: 'POST /api/payments/checkout/:token/pay', sample: () => ({ method: 'POST', url: `/api/payments/checkout/${'x'.repeat(24)}/pay` }), foreign: () => [] },
  { route: 'GET /api/permits/verify/:token', sample: (f) => ({ method: 'GET', url: `/api/permits/verify/${f.bVerifyToken}` }), foreign: () => [] },
];

/** Where each role sits in the sweep. */
const HOME: Record<string, { division?: string; department?: string; kind?: 'staff' | 'resident' | 'landlord' }> = {
  city_admin: { division: '4401' },
  district_officer: { division: '440106' },
  street_officer: { division: STREET },
  community_officer: { division: A },
  grid_worker: { division: `${A}001` },
  dept_reviewer: { division: '4401', department: 'hrss' },
  auditor: { division: '4401' },
  resident: { kind: 'resident' },
  landlord: { kind: 'landlord' },
};

let t: TestApp;
let fixture: Fixture;

function send(client: Client, sample: Sample): Promise<LightMyRequestResponse> {
  switch (sample.method) {
    case 'GET':
      return client.get(sample.url);
    case 'POST':
      return client.post(sample.url, sample.body);
    case 'PATCH':
      return client.patch(sample.url, sample.body);
    case 'PUT':
      return client.put(sample.url, sample.body);
    case 'DELETE':
      return client.delete(sample.url);
  }
}

beforeAll(async () => {
  t = await buildTestApp();
  const admin = await t.factories.user({ roles: ['city_admin'], division: '4401' });
  const aGrid = await t.as(admin).post('/api/divisions/grids', { parentCode: A, name: '东城一网格' });
  const bGrid = await t.as(admin).post('/api/divisions/grids', { parentCode: B, name: '南苑一网格' });
  const bUser = await t.as(admin).post('/api/admin/users', {
    username: 'nanyuan', displayName: '南苑社区 专干', password: 'Strong#Pass1', roles: ['community_officer'], divisionCode: B,
  });
  expect([aGrid.statusCode, bGrid.statusCode, bUser.statusCode]).toEqual([201, 201, 201]);
  const aBuilding = await t.as(admin).post('/api/registry/buildings', { divisionCode: A, address: '东城路 1 号' });
  const bBuilding = await t.as(admin).post('/api/registry/buildings', { divisionCode: B, address: '南苑路 8 号' });
  const aHouse = await t.as(admin).post('/api/registry/houses', { buildingId: aBuilding.json<{ id: string }>().id, unit: '101', use: 'rental', ownerOrganisation: '东城物业' });
  const bHouse = await t.as(admin).post('/api/registry/houses', { buildingId: bBuilding.json<{ id: string }>().id, unit: '202', use: 'rental', ownerOrganisation: '南苑物业' });
  const bPerson = await t.as(admin).post('/api/registry/persons', { idNumber: B_PERSON_ID, name: '南苑居民', divisionCode: B, phone: '13900001111' });
  expect([aBuilding.statusCode, bBuilding.statusCode, aHouse.statusCode, bHouse.statusCode, bPerson.statusCode]).toEqual([201, 201, 201, 201, 201]);
  const bResidence = await t.as(admin).post('/api/registry/residences/arrive', {
    personId: bPerson.json<{ id: string }>().id, houseId: bHouse.json<{ id: string }>().id, relation: 'tenant', arrivedOn: '2026-01-02', transactionId: randomUUID(),
  });
  expect(bResidence.statusCode, bResidence.body).toBe(200);
  const aPerson = await t.as(admin).post('/api/registry/persons', { idNumber: A_PERSON_ID, name: '东城居民', divisionCode: A });
  const aResidence = await t.as(admin).post('/api/registry/residences/arrive', {
    personId: aPerson.json<{ id: string }>().id, houseId: aHouse.json<{ id: string }>().id, relation: 'tenant', arrivedOn: '2026-01-02', transactionId: randomUUID(),
  });
  expect(aResidence.statusCode, aResidence.body).toBe(200);
  const qrOf = async (houseId: string) => (await t.as(admin).get(`/api/registry/houses/${houseId}/qr`)).json<{ url: string }>().url.split('/').pop()!;
  const bResident = await t.factories.user({ roles: ['resident'], kind: 'resident' });
  const bDeclaration = await t.as(bResident).post('/api/registry/declarations', {
    token: await qrOf(bHouse.json<{ id: string }>().id), kind: 'leave', name: '南苑居民', idNumber: B_PERSON_ID, date: '2026-01-10', transactionId: randomUUID(),
  });
  expect(bDeclaration.statusCode, bDeclaration.body).toBe(201);
  const bOfficer = await t.factories.user({ roles: ['community_officer'], division: B });
  const bImport = await t.app.inject({
    method: 'POST', url: '/api/registry/imports?fileName=nanyuan.csv', payload: '姓名,身份证号码,地址,房号,居住关系,入住日期\n南苑租客,11010519491231002X,南苑路 8 号,202,租住,2026-01-03\n',
    headers: { cookie: `anju_session=${bOfficer.token}`, 'x-csrf-token': bOfficer.csrfToken, 'content-type': 'text/csv' },
  });
  expect(bImport.statusCode, bImport.body).toBe(201);
  const upload = async (bytes: Buffer, type: string) => (await t.app.inject({
    method: 'POST', url: '/api/files?name=scan', payload: bytes, headers: { cookie: `anju_session=${admin.token}`, 'x-csrf-token': admin.csrfToken, 'content-type': type },
  })).json<{ id: string }>().id;
  const bFile = await upload(Buffer.from('%PDF-1.4\n'), 'application/pdf');
  const evidence = [{ kind: 'photo', fileId: await upload(Buffer.from('89504e470d0a1a0a00', 'hex'), 'image/png') }, { kind: 'id_card', fileId: bFile }, { kind: 'employment_proof', fileId: bFile }];
  const bApplication = await t.as(admin).post('/api/permits/applications', { name: '南苑居民', idNumber: B_PERSON_ID, basis: 'employment', basisDetail: '南苑公司', evidence, transactionId: randomUUID() });
  expect(bApplication.statusCode, bApplication.body).toBe(201);
  const issued = await t.as(admin).post(`/api/permits/applications/${bApplication.json<{ id: string }>().id}/actions`, { action: 'issue', transactionId: randomUUID() });
  expect(issued.statusCode, issued.body).toBe(200);
  const bKiosk = (await t.as(admin).post('/api/permits/kiosks', { name: '南苑终端', divisionCode: B })).json<{ kiosk: { id: string } }>().kiosk.id;
  const bPermitId = issued.json<{ permitId: string }>().permitId;
  const bReplacements = await t.as(admin).post(`/api/permits/permits/${bPermitId}/replacements`, { reason: 'lost', transactionId: randomUUID() });
  expect(bReplacements.statusCode, bReplacements.body).toBe(200);
  const bReplacement = bReplacements.json<{ id: string; payPath: string }[]>()[0]!;
  const bPermit = (await t.as(admin).get(`/api/permits/permits/${issued.json<{ permitId: string }>().permitId}`)).json<{ id: string; number: string; verifyUrl: string }>();
  const pack = (await t.handle.query<{ id: string }>("select id from points_packs where code = 'gz-jfrh-2025'"))[0]!.id;
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const shift = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const openRound = async (name: string) => {
    const res = await t.as(admin).post('/api/points/rounds', { name, year: 2026, packId: pack, quota: 10, opensOn: shift(-1), closesOn: shift(30), materialsCutoff: shift(-1), transactionId: randomUUID() });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  const round = await openRound('扫描轮次');
  const bPoints = await t.as(admin).post('/api/points/applications', { roundId: round, name: '南苑居民', idNumber: B_PERSON_ID, facts: { criminal_penalty_5y: { value: false } }, pledge: true, transactionId: randomUUID() });
  expect(bPoints.statusCode, bPoints.body).toBe(201);
  const bPointsView = bPoints.json<{ id: string; number: string; tasks: { id: string; status: string }[] }>();
  await t.jobs.enqueue(null, 'inspections.daily', {});
  await t.jobs.drain('inspections.daily');
  const [bInspection] = await t.handle.query<{ id: string }>("select id from insp_inspections where house_id = $1 and status = 'planned'", [bHouse.json<{ id: string }>().id]);
  const inspected = await t.as(admin).post(`/api/inspections/inspections/${bInspection!.id}/submit`, {
    results: ['ebike', 'gas_heater', 'wiring', 'mixed_use', 'group_rental', 'fire_exits', 'extinguishers', 'registration', 'safety_letter', 'hygiene'].map((code) => ({ code, passed: code !== 'ebike', ...(code === 'ebike' ? { note: '楼道充电' } : {}) })),
    occupants: { confirmed: [], unregistered: [{ name: '南苑未登记人' }] },
    transactionId: randomUUID(),
  });
  expect(inspected.statusCode, inspected.body).toBe(200);
  const [bHazard] = await t.handle.query<{ id: string }>('select id from insp_hazards where house_id = $1', [bHouse.json<{ id: string }>().id]);
  const [bNext] = await t.handle.query<{ id: string }>("select id from insp_inspections where house_id = $1 and status = 'planned'", [bHouse.json<{ id: string }>().id]);
  const [bRegistrationTask] = await t.handle.query<{ id: string }>('select id from insp_registration_tasks where house_id = $1', [bHouse.json<{ id: string }>().id]);
  fixture = {
    bInspection: bNext!.id, bHazard: bHazard!.id, bRegistrationTask: bRegistrationTask!.id,
    pack, round, closingRound: await openRound('待关闭轮次'), bPoints: bPointsView.id, bPointsNumber: bPointsView.number, bTask: bPointsView.tasks.find((task) => task.status === 'open')!.id,
    bImport: bImport.json<{ id: string }>().id,
    bKiosk, bReplacement: bReplacement.id, bCheckout: bReplacement.payPath.split('/').pop()!, bFile, bApplication: bApplication.json<{ id: string }>().id, bApplicationNumber: bApplication.json<{ number: string }>().number,
    bPermit: bPermit.id, bPermitNumber: bPermit.number, bVerifyToken: bPermit.verifyUrl.split('/').pop()!,
    aToken: await qrOf(aHouse.json<{ id: string }>().id), bDeclaration: bDeclaration.json<{ id: string }>().id,
    aBuilding: aBuilding.json<{ id: string }>().id, aPerson: aPerson.json<{ id: string }>().id, aResidence: aResidence.json<{ id: string }>().id,
    aGrid: aGrid.json<{ code: string }>().code, bGrid: bGrid.json<{ code: string }>().code, bUser: bUser.json<{ id: string; username: string }>(),
    aHouse: aHouse.json<{ id: string }>().id, bBuilding: bBuilding.json<{ id: string }>().id, bHouse: bHouse.json<{ id: string }>().id,
    bPerson: bPerson.json<{ id: string }>().id, bResidence: bResidence.json<{ id: string }>().id,
  };
});
afterAll(async () => {
  await t?.close();
});

describe('every route as every role', () => {
  it('the table covers every API route', () => {
    const api = t.app.anjuRoutes
      .filter((route) => route.url.startsWith('/api/') && !route.url.startsWith('/api/docs') && !['/api/health', '/api/openapi.json'].includes(route.url))
      .flatMap((route) => (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD').map((m) => `${m} ${route.url.replace(/\/$/, '')}`));
    expect([...new Set(api)].sort()).toEqual(ROUTES.map((r) => r.route).sort());
  });

  const permissionOf = (route: string) => {
    const [method, url] = route.split(' ');
    const found = t.app.anjuRoutes.find((r) => r.url.replace(/\/$/, '') === url && (Array.isArray(r.method) ? r.method : [r.method]).includes(method!));
    return found?.config;
  };

  for (const role of BUILTIN_ROLES) {
    it(`${role.code}: allowed routes answer, the others 403; nobody logged out gets past 401`, async () => {
      const problems: string[] = [];
      for (const entry of ROUTES) {
        const access = permissionOf(entry.route)!;
        const user: TestUser = await t.factories.user({ roles: [role.code], ...HOME[role.code] });
        const res = await send(t.as(user), entry.sample(fixture));
        const allowed = access.public || access.permission === 'session' || (role.permissions as readonly string[]).includes(access.permission ?? '');
        const code = res.statusCode >= 400 ? res.json<{ code: string }>().code : '';
        // The guard's refusals; a route's own answers (a wrong password is 401 too) are not refusals.
        if (allowed && ['UNAUTHENTICATED', 'FORBIDDEN', 'CSRF_FAILED'].includes(code)) problems.push(`${entry.route}: ${code} although allowed`);
        if (allowed && res.statusCode >= 500) problems.push(`${entry.route}: ${res.statusCode}`);
        if (!allowed && code !== 'FORBIDDEN') problems.push(`${entry.route}: ${res.statusCode} ${code} although not allowed`);
        if (!access.public) {
          const anonymous = await send(t.anonymous, entry.sample(fixture));
          if (anonymous.json<{ code?: string }>().code !== 'UNAUTHENTICATED') problems.push(`${entry.route}: ${anonymous.statusCode} without a session`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});

describe('a community officer holding every permission still sees and changes nothing of another community', () => {
  it('for every route', async () => {
    const admin = await t.factories.user({ roles: ['city_admin'], division: '4401' });
    const granted = await t.as(admin).put('/api/admin/roles/community_officer/permissions', { permissions: [...PERMISSIONS] });
    expect(granted.statusCode).toBe(200);
    const officer = await t.factories.user({ roles: ['community_officer'], division: A });
    const secrets = [B, fixture.bGrid, fixture.bDeclaration, fixture.bImport, 'nanyuan.csv', fixture.bUser.id, fixture.bUser.username, '南苑', fixture.bPerson, fixture.bHouse, fixture.bBuilding, fixture.bResidence, fixture.bKiosk, fixture.bReplacement, fixture.bCheckout, '南苑终端', fixture.bApplication, fixture.bApplicationNumber, fixture.bPermit, fixture.bPermitNumber, fixture.bVerifyToken, fixture.bPoints, fixture.bPointsNumber, fixture.bTask, fixture.bInspection, fixture.bHazard, fixture.bRegistrationTask, '南苑未登记人', B_PERSON_ID, maskIdNumber(B_PERSON_ID), '139****1111', '13900001111'];
    const before = await snapshot();
    const problems: string[] = [];
    let requests = 0;
    for (const entry of ROUTES) {
      for (const sample of entry.foreign(fixture)) {
        requests += 1;
        const res = await send(t.as(officer), sample);
        const label = `${sample.method} ${sample.url}`;
        if (res.statusCode >= 500) problems.push(`${label}: ${res.statusCode}`);
        if (res.statusCode >= 200 && res.statusCode < 300) {
          if (sample.method !== 'GET') problems.push(`${label}: a write outside the jurisdiction answered ${res.statusCode}`);
          const leaked = secrets.filter((secret) => res.body.includes(secret));
          if (leaked.length > 0) problems.push(`${label}: leaks ${leaked.join(', ')}`);
        } else if (![404, 403].includes(res.statusCode)) {
          problems.push(`${label}: ${res.statusCode} ${res.body.slice(0, 120)}`);
        } else if (res.statusCode === 403 && res.json<{ code: string }>().code !== 'CITY_LEVEL_ONLY') {
          problems.push(`${label}: 403 ${res.json<{ code: string }>().code}`);
        }
      }
    }
    expect(requests).toBeGreaterThan(12);
    expect(problems).toEqual([]);
    expect(await snapshot()).toEqual(before);
    // The same officer does reach their own community, so the refusals above are about jurisdiction.
    const own = await t.as(officer).get(`/api/divisions?parent=${A}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain(fixture.aGrid);
  });
});

/** Everything of community B that a write could change. */
async function snapshot() {
  return t.handle.query(
    `select (select json_agg(u order by u.id) from (select id, display_name, status, division_code, updated_at from users where division_code like $1) u) as users,
            (select json_agg(d.code order by d.code) from divisions d where d.code like $1) as divisions,
            (select json_agg(r order by r.role_code, r.permission) from role_permissions r where r.role_code = 'grid_worker') as grid_worker,
            (select json_agg(w order by w.date) from workday_overrides w) as calendar,
            (select json_agg(p order by p.id) from reg_persons p where p.division_code like $1) as persons,
            (select json_agg(r order by r.id) from reg_residences r where r.division_code like $1) as residences,
            (select json_agg(h order by h.id) from reg_houses h where h.division_code like $1) as houses,
            (select json_agg(b order by b.id) from reg_buildings b where b.division_code like $1) as buildings,
            (select json_agg(d order by d.id) from reg_declarations d where d.division_code like $1) as declarations,
            (select json_agg(s order by s.key) from settings s) as settings,
            (select json_agg(i order by i.id) from reg_imports i where i.scope_root like $1) as imports,
            (select json_agg(a order by a.id) from permit_applications a where a.division_code like $1) as applications,
            (select json_agg(p order by p.id) from permits p where p.division_code like $1) as permits,
            (select json_agg(k order by k.id) from permit_kiosks k where k.division_code like $1) as kiosks,
            (select json_agg(r order by r.id) from permit_replacements r where r.division_code like $1) as replacements,
            (select json_agg(o order by o.id) from payment_orders o where o.division_code like $1) as orders,
            (select json_agg(p order by p.id) from points_packs p) as points_packs,
            (select json_agg(r order by r.id) from points_rounds r) as points_rounds,
            (select json_agg(a order by a.id) from points_applications a where a.division_code like $1) as points_applications,
            (select json_agg(k order by k.id) from points_tasks k where k.division_code like $1) as points_tasks,
            (select json_agg(o order by o.id) from points_objections o where o.division_code like $1) as points_objections,
            (select json_agg(i order by i.id) from insp_inspections i where i.division_code like $1) as inspections,
            (select json_agg(h order by h.id) from insp_hazards h where h.division_code like $1) as hazards,
            (select json_agg(g order by g.house_id) from insp_house_grades g where g.division_code like $1) as grades,
            (select json_agg(c order by c.id) from insp_campaigns c where c.division_code like $1) as campaigns,
            (select json_agg(r order by r.id) from insp_registration_tasks r where r.division_code like $1) as registration_tasks,
            (select json_agg(m order by m.id) from housing_managers m where m.division_code like $1) as managers,
            (select json_agg(g order by g.id) from housing_flags g where g.division_code like $1) as flags,
            (select json_agg(d order by d.id) from housing_door_devices d where d.division_code like $1) as doors,
            (select json_agg(r order by r.house_id) from housing_rents r where r.division_code like $1) as rents`,
    [`${B}%`],
  );
}
