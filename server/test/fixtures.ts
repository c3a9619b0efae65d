import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { idCheckCharacter } from '@shared/kernel/id-number';
import type { TestApp, TestUser } from './harness';

/** Test helpers every module's tests may use (no tests here). */

/** Ten o'clock in China on `date`. */
export const china = (date: string) => new Date(`${date}T02:00:00Z`);
/** A valid ID number from its first seventeen digits. */
export const idOf = (first17: string) => first17 + idCheckCharacter(first17);
/** Sessions that outlive the years a test moves its clock through. */
export const LONG_SESSION = 24 * 365 * 5;
export const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

/** Uploads a file as `user` and returns its id. */
export async function uploadAs(t: TestApp, user: TestUser, bytes: Buffer = PNG, type = 'image/png'): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/files?name=scan', payload: bytes, headers: { 'content-type': type, cookie: `anju_session=${user.token}`, 'x-csrf-token': user.csrfToken } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

/** Registers `name` as living at a new house of `address` (in community `division`) since `arrivedOn`. */
export async function registerAt(t: TestApp, officer: TestUser, person: { idNumber: string; name: string; arrivedOn: string }, house: { division: string; address: string; unit: string }) {
  const building = await t.as(officer).post('/api/registry/buildings', { divisionCode: house.division, address: house.address });
  const created = await t.as(officer).post('/api/registry/houses', { buildingId: building.json<{ id: string }>().id, unit: house.unit, use: 'rental', ownerOrganisation: '石牌物业' });
  const houseId = created.json<{ id: string }>().id;
  const arrived = await t.as(officer).post('/api/registry/residences/arrive', { ...person, houseId, relation: 'tenant', registerIfNew: true, transactionId: randomUUID() });
  expect(arrived.statusCode, arrived.body).toBe(200);
  return houseId;
}
