import { randomBytes } from 'node:crypto';
import { AppError } from '@shared/errors';
import type { DoorEventsInput, DoorEventsResult, DoorInput, DoorView } from '@shared/housing/housing.schema';
import { parseIdNumber } from '@shared/kernel/id-number';
import { chinaDate } from '@shared/kernel/workdays';
import * as audit from '../../platform/audit/audit';
import { sha256 } from '../../platform/auth/session';
import { systemActor, type Ctx } from '../../platform/http/context';
import { getSetting } from '../../platform/settings/settings.service';
import { addDoorRegistrationTask } from '../inspections';
import { buildingAddresses, findBuildingRef, residentOfBuilding } from '../registry';
import * as repo from './housing.repo';

/** How a door system presents its key: `Authorization: Door <key>`. */
const DOOR_SCHEME = 'Door';

function view(row: repo.DoorRow, address: string): DoorView {
  return { id: row.id, buildingId: row.buildingId, address, divisionCode: row.divisionCode, name: row.name, keyPrefix: row.keyPrefix, status: row.status, createdAt: row.createdAt.toISOString(), lastEventAt: row.lastEventAt?.toISOString() ?? null };
}

export async function listDoors(ctx: Ctx): Promise<{ items: DoorView[] }> {
  const rows = await repo.listDoors(ctx.db, ctx.scope);
  const addresses = await buildingAddresses(ctx.db, [...new Set(rows.map((r) => r.buildingId))]);
  return { items: rows.map((r) => view(r, addresses.get(r.buildingId) ?? '')) };
}

/** Registers a building's door system and hands out its key, once. @throws NOT_FOUND for a building outside the jurisdiction. */
export async function createDoor(ctx: Ctx, input: DoorInput): Promise<{ device: DoorView; key: string }> {
  const building = await findBuildingRef(ctx.db, ctx.scope, input.buildingId);
  if (!building) throw new AppError('NOT_FOUND');
  return ctx.db.transaction(async (tx) => {
    const key = `dr_${randomBytes(24).toString('base64url')}`;
    const row = await repo.insertDoor(tx, { buildingId: building.id, divisionCode: building.divisionCode, name: input.name, keyHash: sha256(key), keyPrefix: key.slice(0, 8), createdBy: ctx.actor.userId, createdAt: ctx.now() });
    await audit.record(tx, ctx, { action: 'housing.door.create', entityType: 'housing_door_device', entityId: row.id, divisionCode: row.divisionCode, details: { name: input.name, building: building.address } });
    return { device: view(row, building.address), key };
  });
}

/** Revokes a door system's key at once. @throws NOT_FOUND. */
export async function revokeDoor(ctx: Ctx, id: string): Promise<DoorView> {
  return ctx.db.transaction(async (tx) => {
    const row = await repo.lockDoor(tx, id, ctx.scope);
    if (!row) throw new AppError('NOT_FOUND');
    if (row.status !== 'revoked') {
      await repo.updateDoor(tx, id, { status: 'revoked' });
      await audit.record(tx, ctx, { action: 'housing.door.revoke', entityType: 'housing_door_device', entityId: id, divisionCode: row.divisionCode });
    }
    return view({ ...row, status: 'revoked' }, (await buildingAddresses(tx, [row.buildingId])).get(row.buildingId) ?? '');
  });
}

/**
 * A door system pushes the entries it saw. Each event id is recorded once (a resend is a duplicate, not an error);
 * an invalid ID number is rejected by name while the rest are kept. Someone seen `housing.doorSightings` times within
 * `housing.doorSightingDays` at the building who is not registered as living there becomes a registration task.
 *
 * @throws HOUSING_DOOR_KEY_INVALID for a missing, unknown or revoked key.
 */
export async function receiveDoorEvents(ctx: Ctx, authorization: string | undefined, input: DoorEventsInput): Promise<DoorEventsResult> {
  const [scheme, key] = (authorization ?? '').split(' ');
  const device = scheme === DOOR_SCHEME && key ? await repo.findActiveDoorByKeyHash(ctx.db, sha256(key)) : undefined;
  if (!device) throw new AppError('HOUSING_DOOR_KEY_INVALID');
  const dctx = { ...ctx, actor: { ...systemActor(`door:${device.name}`) } };
  const today = chinaDate(ctx.now());
  const rejected: DoorEventsResult['rejected'] = [];
  const rows: Parameters<typeof repo.insertDoorEvents>[1] = [];
  // An entry older than the retention would be deleted the next morning: it is not stored at all.
  const keptSince = ctx.now().getTime() - (await getSetting(ctx.db, 'housing.doorEventRetentionDays')) * 86_400_000;
  for (const event of input.events) {
    const id = parseIdNumber(event.idNumber, { today });
    if (!id.ok) { rejected.push({ eventId: event.eventId, reason: 'id_number' }); continue; }
    const seenAt = new Date(event.at);
    if (seenAt.getTime() > ctx.now().getTime() + 5 * 60_000) { rejected.push({ eventId: event.eventId, reason: 'future' }); continue; }
    if (seenAt.getTime() < keptSince) { rejected.push({ eventId: event.eventId, reason: 'expired' }); continue; }
    rows.push({ deviceId: device.id, buildingId: device.buildingId, divisionCode: device.divisionCode, idNumber: id.facts.idNumber, name: event.name ?? null, seenAt, deviceEventId: event.eventId });
  }
  const threshold = await getSetting(ctx.db, 'housing.doorSightings');
  const days = await getSetting(ctx.db, 'housing.doorSightingDays');
  return ctx.db.transaction(async (tx) => {
    const accepted = await repo.insertDoorEvents(tx, rows);
    await repo.updateDoor(tx, device.id, { lastEventAt: ctx.now() });
    const people = [...new Set(rows.map((r) => r.idNumber))];
    const counts = await repo.sightings(tx, device.buildingId, people, new Date(ctx.now().getTime() - days * 86_400_000));
    let tasks = 0;
    for (const idNumber of people) {
      const seen = counts.get(idNumber);
      if (!seen || seen.n < threshold) continue;
      const resident = await residentOfBuilding(tx, idNumber, device.buildingId);
      if (resident.livesHere) continue;
      if (await addDoorRegistrationTask(dctx, tx, { buildingId: device.buildingId, divisionCode: device.divisionCode, name: resident.name ?? seen.name ?? '门禁未登记人员', idNumber })) {
        tasks += 1;
        await audit.record(tx, dctx, { action: 'housing.door.registration-task', entityType: 'housing_door_device', entityId: device.id, divisionCode: device.divisionCode, details: { sightings: seen.n, known: resident.known } });
      }
    }
    return { accepted, duplicates: rows.length - accepted, rejected, registrationTasks: tasks };
  });
}

/**
 * Deletes door entries older than `housing.doorEventRetentionDays` (ID numbers are kept no longer than needed), 5,000
 * per transaction, and records one audit row with how many. Daily; a re-run finds nothing more.
 */
export async function purgeDoorEvents(ctx: Pick<Ctx, 'db' | 'actor' | 'ip' | 'requestId' | 'now'>): Promise<number> {
  const days = await getSetting(ctx.db, 'housing.doorEventRetentionDays');
  const before = new Date(ctx.now().getTime() - days * 86_400_000);
  let deleted = 0;
  for (;;) {
    const n = await ctx.db.transaction((tx) => repo.deleteDoorEventsBefore(tx, before, 5000));
    deleted += n;
    if (n < 5000) break;
  }
  if (deleted > 0) {
    await ctx.db.transaction((tx) => audit.record(tx, ctx, { action: 'housing.door-events.purge', entityType: 'housing_door_event', entityId: null, details: { before: before.toISOString(), deleted, days } }));
  }
  return deleted;
}
