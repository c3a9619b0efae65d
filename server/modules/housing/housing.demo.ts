import { randomUUID } from 'node:crypto';
import { idCheckCharacter } from '@shared/kernel/id-number';
import { addDays } from '@shared/kernel/workdays';
import type { Db } from '../../platform/db/client';
import { seedCtx } from '../../platform/http/context';
import type { Notifier } from '../../platform/notify/notify';
import { listRentalHousesAfter } from '../registry';
import { createDoor, receiveDoorEvents } from './housing.doors';
import { myLetterHouses, signLetter } from './housing.letters';
import * as repo from './housing.repo';
import { addManager, blacklistParty, registerParty } from './housing.service';
import { declareRent, issueBills } from './housing.tax';

const BLACKLISTED = '韦大成';

/**
 * The demo's housing side in the grid worker's grid: a registered agency and two sub-landlords, one of them on the
 * blacklist and still managing a house (the officer was warned and went on; the house is flagged); a door system
 * whose building saw a stranger three times (a registration task); declared rents with last month's tax bills and
 * one bill in arrears; the demo landlord's signatures of the safety letter for all their houses but one. Adds nothing twice.
 */
export async function seedHousing(db: Db, options: { today: string; grid: string; officerUserId: string; notifier: Notifier; landlord?: { userId: string; phone: string } }): Promise<number> {
  if ((await repo.listParties(db, { q: BLACKLISTED, on: options.today, page: 1, pageSize: 1 })).total > 0) return 0;
  const houses = await listRentalHousesAfter(db, null, 8, options.grid);
  if (houses.length < 5) return 0;
  const at = (day: string) => () => new Date(`${day}T02:00:00Z`);
  const street = options.grid.slice(0, 9);
  const officer = seedCtx(db, options.notifier, { kind: 'staff', userId: options.officerUserId, divisionCode: street, permissions: ['housing.read', 'housing.manage', 'registry.pii', 'inspections.read'] }, { root: street }, at(options.today));
  const person = (first17: string) => first17 + idCheckCharacter(first17);

  await registerParty(officer, { kind: 'agent', name: '穗安居房屋租赁代理有限公司', creditCode: '91440106MA598K3T1X', phone: '13700000020', transactionId: randomUUID() });
  const calm = await registerParty(officer, { kind: 'sub_landlord', name: '黎小梅', idNumber: person('45132119850312462'), phone: '13700000021', transactionId: randomUUID() });
  const listed = await registerParty(officer, { kind: 'sub_landlord', name: BLACKLISTED, idNumber: person('44082519790521301'), phone: '13700000022', transactionId: randomUUID() });
  await blacklistParty(officer, listed.id, { reason: '隔断群租、拒不整改消防隐患，经查处仍继续转租', office: '天河区来穗人员服务管理局', expiresOn: addDays(options.today, 730), transactionId: randomUUID() });
  await addManager(officer, houses[3]!.id, { partyId: calm.id, role: 'sub_landlord', since: addDays(options.today, -200), acknowledgeBlacklist: false, transactionId: randomUUID() });
  await addManager(officer, houses[4]!.id, { partyId: listed.id, role: 'sub_landlord', since: addDays(options.today, -30), acknowledgeBlacklist: true, transactionId: randomUUID() });

  // The building of the first house has a door system; a stranger came through three days running.
  const live = { ...officer, now: () => new Date() };
  const door = await createDoor(live, { buildingId: houses[0]!.buildingId, name: '东门人脸门禁' });
  const stranger = person('36042419950918123');
  await receiveDoorEvents(live, `Door ${door.key}`, {
    events: [3, 2, 1].map((daysAgo) => ({ eventId: `demo-${daysAgo}`, idNumber: stranger, name: '门禁访客 符志远', at: `${addDays(options.today, -daysAgo)}T08:1${daysAgo}:00+08:00` })),
  });

  // Rents declared months ago: last month's bills for all, and for the first house the month before still unpaid.
  const lastMonth = addDays(`${options.today.slice(0, 7)}-01`, -1).slice(0, 7);
  const monthBefore = addDays(`${lastMonth}-01`, -1).slice(0, 7);
  const rents = [2800, 1650, 1900, 3200, 2400];
  for (const [i, house] of houses.slice(0, 5).entries()) {
    const when = i === 0 ? at(`${lastMonth}-05`) : at(options.today);
    await declareRent({ ...officer, now: when }, house.id, { monthlyRentYuan: rents[i]!, use: 'residential', period: i === 2 ? 'quarterly' : 'monthly', since: `${monthBefore}-01` });
  }

  // The demo landlord has signed the safety letter for all but the last of their houses.
  if (options.landlord) {
    const landlord = seedCtx(db, options.notifier, { kind: 'landlord', userId: options.landlord.userId, phone: options.landlord.phone, permissions: ['portal.use'] }, { root: '' }, at(options.today));
    const mine = await myLetterHouses(landlord);
    for (const house of mine.items.slice(0, -1)) await signLetter(landlord, house.houseId, { version: mine.letter.version, transactionId: randomUUID() });
  }
  return 1 + (await issueBills({ ...officer, now: at(options.today) }));
}
