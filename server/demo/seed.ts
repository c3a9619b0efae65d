import { randomUUID } from 'node:crypto';
import { chinaDate } from '@shared/kernel/workdays';
import { seedDeclarations, seedPopulation } from '../modules/registry';
import { seedPermits } from '../modules/permits';
import { seedPoints } from '../modules/points';
import { seedInspections } from '../modules/inspections';
import { seedHousing } from '../modules/housing';
import { createNotifier } from '../platform/notify/notify';
import type { Db } from '../platform/db/client';
import * as authRepo from '../platform/auth/auth.repo';
import { hashPassword } from '../platform/auth/password';
import * as divisionsRepo from '../platform/divisions/divisions.repo';
import * as audit from '../platform/audit/audit';
import { systemActor } from '../platform/http/context';

export const DEMO_PASSWORD = 'Anju@2026';

type DemoUser = { username: string; displayName: string; roles: string[]; division: string; department?: string };

/** Finds the code of a named division below `root` (e.g. Shipai street in Tianhe). */
async function codeOf(db: Db, root: string, level: string, name: string): Promise<string> {
  const rows = await divisionsRepo.listCodesAtLevel(db, root, level);
  const found = rows.find((row) => row.name === name) ?? rows[0];
  if (!found) throw new Error(`no ${level} under ${root}`);
  return found.code;
}

/** The demo staff: one per role and jurisdiction level. Usernames are listed in the README. */
export async function demoUsers(db: Db, city: string): Promise<DemoUser[]> {
  const tianhe = `${city}06`;
  const shipai = await codeOf(db, tianhe, 'street', '石牌街道');
  const community = (await divisionsRepo.listCodesAtLevel(db, shipai, 'community'))[0]!.code;
  const grid = `${community}001`;
  const reviewers: [string, string, string][] = [
    ['reviewer-ps', 'public_security', '公安审核 周明'],
    ['reviewer-hrss', 'hrss', '人社审核 吴芳'],
    ['reviewer-edu', 'education', '教育审核 郑伟'],
    ['reviewer-housing', 'housing', '住建审核 王静'],
    ['reviewer-tax', 'tax', '税务审核 冯磊'],
    ['reviewer-civil', 'civil_affairs', '民政审核 陈丽'],
    ['reviewer-health', 'health', '卫健审核 褚强'],
    ['reviewer-fire', 'fire_rescue', '消防监督 韩涛'],
    ['reviewer-gas', 'gas', '燃气管理 邓敏'],
  ];
  return [
    { username: 'admin', displayName: '市级管理员 林晓', roles: ['city_admin'], division: city },
    { username: 'auditor', displayName: '审计员 何平', roles: ['auditor'], division: city },
    { username: 'tianhe', displayName: '天河区 梁文', roles: ['district_officer'], division: tianhe },
    { username: 'baiyun', displayName: '白云区 罗军', roles: ['district_officer'], division: `${city}11` },
    { username: 'huadu', displayName: '花都区 谢红', roles: ['district_officer'], division: `${city}14` },
    { username: 'shipai', displayName: '石牌街道 邓辉', roles: ['street_officer'], division: shipai },
    { username: 'community', displayName: '社区工作人员 苏敏', roles: ['community_officer'], division: community },
    { username: 'gridworker', displayName: '网格员 叶强', roles: ['grid_worker'], division: grid },
    ...reviewers.map(([username, department, displayName]) => ({ username, displayName, roles: ['dept_reviewer'], division: city, department })),
  ];
}

export type SeedProgress = (step: string, done: number, total: number) => void;

/** Grids under every community: one to three each, numbered 001…, named after the community. */
async function seedGrids(db: Db, city: string, progress?: SeedProgress): Promise<number> {
  const communities = await divisionsRepo.listCodesAtLevel(db, city, 'community');
  const rows = communities.flatMap((community) => {
    const count = 1 + (Number(community.code.slice(-3)) % 3);
    return Array.from({ length: count }, (_, i) => ({
      code: `${community.code}${String(i + 1).padStart(3, '0')}`,
      name: `${community.name}第${i + 1}网格`,
      level: 'grid',
      parentCode: community.code,
    }));
  });
  let added = 0;
  for (let at = 0; at < rows.length; at += 2000) {
    added += await db.transaction((tx) => divisionsRepo.insertDivisions(tx, rows.slice(at, at + 2000)));
    progress?.('grids', Math.min(at + 2000, rows.length), rows.length);
  }
  return added;
}

/** The demo portal accounts (phone login; in development the SMS code shows in the log and the console's outbox). */
export const DEMO_PORTAL_USERS = [
  { phone: '13800000001', displayName: '居民 邱晓燕', kind: 'resident' as const },
  { phone: '13800000002', displayName: '房东 陈伯', kind: 'landlord' as const },
];

/** Persons the demo city gets unless asked for another number (with a house for every four). */
export const DEMO_PERSONS = 20_000;

/**
 * Loads the demo city on top of the reference data: grids, one user per role and level, and a population.
 * Re-running adds only what is missing.
 */
export async function seedDemo(db: Db, city: string, progress?: SeedProgress, options: { persons?: number; dataDir?: string } = {}): Promise<{ users: number; grids: number; persons: number }> {
  const grids = await seedGrids(db, city, progress);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const wanted = await demoUsers(db, city);
  let created = 0;
  for (const [index, spec] of wanted.entries()) {
    if (await authRepo.findUserByUsername(db, spec.username)) continue;
    await db.transaction(async (tx) => {
      const user = await authRepo.insertUser(tx, {
        username: spec.username, displayName: spec.displayName, kind: 'staff', passwordHash,
        divisionCode: spec.division, department: spec.department ?? null, passwordChangedAt: new Date(),
      });
      await authRepo.setUserRoles(tx, user.id, spec.roles);
      await audit.record(tx, { actor: systemActor('demo'), ip: null, requestId: randomUUID(), now: () => new Date() }, {
        action: 'admin.user.create', entityType: 'user', entityId: user.id, divisionCode: spec.division, details: { username: spec.username, roles: spec.roles, demo: true },
      });
    });
    created += 1;
    progress?.('users', index + 1, wanted.length);
  }
  const portal: string[] = [];
  for (const spec of DEMO_PORTAL_USERS) {
    const found = await authRepo.findUserByPhone(db, spec.phone);
    portal.push(found?.id ?? (await db.transaction(async (tx) => {
      const user = await authRepo.insertUser(tx, { phone: spec.phone, displayName: spec.displayName, kind: spec.kind });
      await authRepo.setUserRoles(tx, user.id, [spec.kind]);
      await audit.record(tx, { actor: systemActor('demo'), ip: null, requestId: randomUUID(), now: () => new Date() }, {
        action: 'auth.user.signup', entityType: 'user', entityId: user.id, details: { kind: spec.kind, demo: true },
      });
      return user.id;
    })));
  }
  const shipai = wanted.find((user) => user.username === 'shipai')!.division;
  const community = wanted.find((user) => user.username === 'community')!.division;
  const today = chinaDate(new Date());
  const population = await seedPopulation(
    db,
    { city, count: options.persons ?? DEMO_PERSONS, today, focusStreet: shipai },
    (done, total) => progress?.('persons', done, total),
  );
  await seedDeclarations(db, { today, community, residentId: portal[0]!, landlordId: portal[1]! });
  const counter = await authRepo.findUserByUsername(db, 'shipai');
  if (options.dataDir && counter) await seedPermits(db, { today, street: shipai, residentId: portal[0]!, counterUserId: counter.id, dataDir: options.dataDir });
  await seedPoints(db, { today, applicantUserId: portal[0]!, count: Math.min(3000, Math.floor((options.persons ?? DEMO_PERSONS) / 6)), progress: (done, total) => progress?.('points', done, total) });
  // Notices go into the outbox; the server's dispatcher sends them as it does every message.
  const outbox = createNotifier(db, { name: 'demo', send: () => Promise.resolve() });
  const grid = wanted.find((user) => user.username === 'gridworker')!.division;
  await seedInspections(db, { today, grid, landlordPhone: DEMO_PORTAL_USERS[1]!.phone, notifier: outbox, officerUserId: counter?.id });
  progress?.('inspections', 1, 1);
  if (counter) await seedHousing(db, { today, grid, officerUserId: counter.id, notifier: outbox, landlord: { userId: portal[1]!, phone: DEMO_PORTAL_USERS[1]!.phone } });
  progress?.('housing', 1, 1);
  return { users: created, grids, persons: population.persons };
}
