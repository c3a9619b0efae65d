import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/client';
import { seedCtx, systemActor, type Ctx } from '../../platform/http/context';
import type { Notifier } from '../../platform/notify/notify';
import { seedDemoLandlord } from '../registry';
import { actOnHazard } from './inspections.hazards';
import * as repo from './inspections.repo';
import { countCoverage } from './inspections.stats';
import { addDays } from '@shared/kernel/workdays';
import { cancelInspection, checklist, createCampaign, planDaily, submitInspection } from './inspections.service';

/**
 * The demo's inspections: every rental house tracked and the week planned; in the grid worker's grid, the demo
 * landlord's houses inspected with hazards in every state (notified, reported fixed, referred, handled and closed),
 * and other houses graded from one to five stars. Adds nothing twice.
 */
export async function seedInspections(db: Db, options: { today: string; grid: string; landlordPhone: string; notifier: Notifier; officerUserId?: string }): Promise<number> {
  const houses = await seedDemoLandlord(db, { phone: options.landlordPhone, grid: options.grid, count: 3 });
  if (houses.length === 0 || (await repo.findGrade(db, houses[0]!.id))?.score != null) return 0;
  const now = () => new Date(`${options.today}T02:00:00Z`);
  const worker = seedCtx(db, options.notifier, { permissions: ['inspections.read', 'inspections.inspect', 'registry.pii'] }, { root: options.grid }, now);
  await planDaily({ db, now });
  const items = (await checklist(db)).filter((i) => i.active);
  const answers = (failed: string[]) => items.map((i) => ({ code: i.code, passed: !failed.includes(i.code), note: failed.includes(i.code) ? '巡查发现' : undefined, photos: [] }));
  // What each of the grid's first houses shows: the landlord's three, then a spread of grades.
  const plans: string[][] = [['ebike', 'wiring'], ['gas_heater', 'fire_exits'], ['hygiene'], [], ['extinguishers'], ['group_rental', 'registration', 'safety_letter'], ['ebike', 'mixed_use', 'wiring', 'fire_exits']];
  let done = 0;
  const planned = await repo.listInspections(db, { root: options.grid }, { status: 'planned', today: options.today, page: 1, pageSize: 200 });
  const routines = planned.rows.map((r) => r.inspection).filter((i) => i.kind === 'routine');
  const order = [...houses.map((h) => routines.find((r) => r.houseId === h.id)).filter((r) => r !== undefined), ...routines.filter((r) => !houses.some((h) => h.id === r.houseId))];
  for (const [n, failed] of plans.entries()) {
    const inspection = order[n];
    if (!inspection) break;
    // The group rental has two tenants nobody registered: registration tasks for the grid.
    const unregistered = failed.includes('group_rental') ? [{ name: '石小川', phone: '13900001111' }, { name: '柯晓雯' }] : [];
    await submitInspection(worker, inspection.id, { results: answers(failed), occupants: { confirmed: [], unregistered }, transactionId: randomUUID() });
    done += 1;
  }
  // The landlord's first house: the e-bikes are reported fixed and wait for the re-inspection.
  const landlord: Ctx = { ...worker, actor: { ...systemActor('demo-landlord'), kind: 'landlord', userId: null, phone: options.landlordPhone, permissions: ['portal.use'] } };
  const open = await repo.hazardsOfHouses(db, houses.map((h) => h.id), true);
  const ebike = open.find((h) => h.itemCode === 'ebike' && h.houseId === houses[0]?.id);
  if (ebike) await actOnHazard(landlord, 'landlord', ebike.id, { action: 'report_fixed', note: '已在楼下设集中充电点', photos: [], transactionId: randomUUID() });
  // The gas department has dealt with the unvented heater of the second house.
  const department: Ctx = { ...worker, actor: { ...systemActor('demo-gas'), kind: 'staff', userId: null, department: 'gas', permissions: ['inspections.handle'] } };
  const heater = open.find((h) => h.itemCode === 'gas_heater');
  if (heater) await actOnHazard(department, 'department', heater.id, { action: 'handle', note: '已责令拆除直排式燃气热水器，现场改装强排式', photos: [], transactionId: randomUUID() });
  // The third house's clutter is reported cleared, and the re-inspection finds everything in order: closed.
  const clutter = open.find((h) => h.itemCode === 'hygiene' && h.houseId === houses[2]?.id);
  if (clutter) {
    await actOnHazard(landlord, 'landlord', clutter.id, { action: 'report_fixed', note: '楼道杂物已清理', photos: [], transactionId: randomUUID() });
    const again = await repo.listInspections(db, { root: options.grid }, { status: 'planned', houseId: clutter.houseId, today: options.today, page: 1, pageSize: 10 });
    const re = again.rows.map((r) => r.inspection).find((i) => i.kind === 'reinspection');
    if (re) await submitInspection(worker, re.id, { results: answers([]), occupants: { confirmed: [], unregistered: [] }, transactionId: randomUUID() });
  }
  // The street's e-bike campaign over the grid, due in a fortnight; the house whose e-bikes were just put right is taken off it.
  if (options.officerUserId) {
    const officer: Ctx = { ...worker, scope: { root: options.grid.slice(0, 9) }, actor: { ...systemActor('demo'), kind: 'staff', userId: options.officerUserId, permissions: ['inspections.read', 'inspections.manage'] } };
    await createCampaign(officer, { name: '电动自行车充电专项整治', divisionCode: options.grid, dueOn: addDays(options.today, 14), transactionId: randomUUID() });
    const again = await repo.listInspections(db, { root: options.grid }, { status: 'planned', houseId: houses[0]!.id, today: options.today, page: 1, pageSize: 10 });
    const visit = again.rows.map((r) => r.inspection).find((i) => i.kind === 'campaign');
    if (visit) await cancelInspection(officer, visit.id, { reason: '该户电动车隐患已在本周巡查中发现并整改，待复查时一并检查', transactionId: randomUUID() });
  }
  await db.transaction((tx) => countCoverage({ now }, tx));
  return done;
}
