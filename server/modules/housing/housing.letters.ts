import { AppError } from '@shared/errors';
import type { LetterCoverageQuery, LetterCoverageView, LetterInput, LetterView, MyLetterHouses, SignInput } from '@shared/housing/housing.schema';
import { childCodeLength } from '@shared/kernel/division-code';
import { maskIdNumber } from '@shared/kernel/id-number';
import { chinaDate } from '@shared/kernel/workdays';
import * as audit from '../../platform/audit/audit';
import { isCityWide, scopeContains } from '../../platform/auth/scope';
import type { Db } from '../../platform/db/client';
import { findDivision, listChildren } from '../../platform/divisions/divisions.repo';
import type { Ctx } from '../../platform/http/context';
import { rentalHousesBy } from '../inspections';
import { listHousesOfLandlordPhone, listOccupants } from '../registry';
import * as repo from './housing.repo';

/** The first version's text: the landlord's duties of policy.md §4.3 (Foshan 2014 Art. 28–31), in the city's words. */
const FIRST_LETTER = {
  version: 1,
  title: '出租屋安全管理责任书',
  body: [
    '为落实出租屋安全管理责任，出租人（房东）承诺：',
    '一、不将房屋出租给无合法有效身份证件的人员；承租人入住后24小时内登记其姓名、证件种类和号码，并督促其在3个工作日内申报居住登记。',
    '二、与承租人签订租赁合同之日起3个工作日内，向所在地来穗人员服务管理机构报送出租人、承租人姓名、证件和联系方式；承租人变更或租赁终止的，3个工作日内报告。',
    '三、单人居住的，使用面积不少于5平方米；2人以上居住的，人均使用面积不少于3平方米；不分隔出租，不超员居住；居住30人以上的，安装信息系统并设专人管理。',
    '四、不在出租屋内违规停放电动自行车或为其充电；不安装使用直排式燃气热水器；不乱拉乱接电线；不将出租屋用作生产、经营、仓储与住人混合的“三合一”“二合一”场所；保持消防通道、安全出口畅通，按要求配备灭火器和应急照明。',
    '五、配合网格员巡查；收到隐患整改通知后在期限内整改并报告；逾期不整改的，由主管部门依法处理。',
  ].join('\n'),
};

export async function ensureLetter(db: Db, today: string): Promise<void> {
  await db.transaction((tx) => repo.seedLetter(tx, { ...FIRST_LETTER, publishedOn: today }));
}

function letterView(row: NonNullable<Awaited<ReturnType<typeof repo.currentLetter>>>): LetterView {
  return { version: row.version, title: row.title, body: row.body, publishedOn: row.publishedOn };
}

export async function currentLetter(ctx: Ctx): Promise<LetterView> {
  const row = await repo.currentLetter(ctx.db);
  if (!row) throw new AppError('NOT_FOUND');
  return letterView(row);
}

/**
 * Publishes a new version of the letter (city level); earlier versions and their signatures stay. The text in force
 * sent again (a retried publish) is that version, not a new one. @throws CITY_LEVEL_ONLY.
 */
export async function publishLetter(ctx: Ctx, input: LetterInput): Promise<LetterView> {
  if (!isCityWide(ctx.scope)) throw new AppError('CITY_LEVEL_ONLY');
  return ctx.db.transaction(async (tx) => {
    const current = await repo.lockCurrentLetter(tx);
    if (current && current.title === input.title && current.body === input.body) return letterView(current);
    const row = await repo.insertLetter(tx, { title: input.title, body: input.body, publishedOn: chinaDate(ctx.now()), createdBy: ctx.actor.userId });
    await audit.record(tx, ctx, { action: 'housing.letter.publish', entityType: 'housing_letter', entityId: null, details: { version: row.version, title: row.title } });
    return letterView(row);
  });
}

/**
 * For each child jurisdiction of the caller's (or of `division` inside it): its rental houses (as the morning count
 * found them) and how many signed the letter in force, from the signature tallies. @throws NOT_FOUND outside the jurisdiction.
 */
export async function letterCoverage(ctx: Ctx, query: LetterCoverageQuery): Promise<LetterCoverageView> {
  const root = query.division ?? ctx.scope.root ?? '';
  if (query.division && !scopeContains(ctx.scope, query.division)) throw new AppError('NOT_FOUND');
  const division = await findDivision(ctx.db, root);
  if (!division) throw new AppError('NOT_FOUND');
  const letter = await currentLetter(ctx);
  const length = childCodeLength(root);
  const [houses, signed, children] = await Promise.all([rentalHousesBy(ctx.db, root, length), repo.signedBy(ctx.db, root, length, letter.version), listChildren(ctx.db, ctx.scope, root)]);
  const rows = new Map<string, { houses: number; signed: number }>();
  const row = (code: string) => rows.get(code) ?? rows.set(code, { houses: 0, signed: 0 }).get(code)!;
  for (const c of children) row(c.code);
  for (const h of houses.rows) row(h.code).houses = h.houses;
  for (const s of signed) row(s.code).signed = s.signed;
  const names = new Map(children.map((c) => [c.code, c.name]));
  const all = [...rows.values()];
  return {
    version: letter.version, division: { code: division.code, name: division.name }, asOf: houses.asOf,
    rows: [...rows.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([code, r]) => ({ code, name: names.get(code) ?? (code === root ? `${division.name}（直属）` : code), ...r })),
    total: { houses: all.reduce((n, r) => n + r.houses, 0), signed: all.reduce((n, r) => n + r.signed, 0) },
  };
}

/** The caller's houses as landlord: the letter each has signed, whether that is the one in force, and the registered tenants. */
export async function myLetterHouses(ctx: Ctx): Promise<MyLetterHouses> {
  const letter = await currentLetter(ctx);
  const houses = ctx.actor.phone ? await listHousesOfLandlordPhone(ctx.db, ctx.actor.phone) : [];
  const signatures = await repo.signaturesOf(ctx.db, houses.map((h) => h.id));
  const items = await Promise.all(houses.map(async (h) => {
    const signed = signatures.find((s) => s.houseId === h.id);
    const tenants = await listOccupants(ctx.db, h.id);
    return {
      houseId: h.id, address: h.address, signedVersion: signed?.version ?? null, signedAt: signed?.signedAt.toISOString() ?? null, current: signed?.version === letter.version,
      tenants: tenants.map((o) => ({ name: o.name, idNumber: maskIdNumber(o.idNumber) })),
    };
  }));
  return { letter, items };
}

/**
 * The landlord signs the letter in force for one of their houses (the version they read, so a text changed meanwhile is
 * not signed unread). @throws NOT_FOUND for a house that is not theirs; HOUSING_LETTER_OUTDATED. @idempotent: signing again changes nothing.
 */
export async function signLetter(ctx: Ctx, houseId: string, input: SignInput): Promise<MyLetterHouses> {
  const house = ctx.actor.phone ? (await listHousesOfLandlordPhone(ctx.db, ctx.actor.phone)).find((h) => h.id === houseId) : undefined;
  if (!house) throw new AppError('NOT_FOUND');
  const letter = await currentLetter(ctx);
  if (input.version !== letter.version) throw new AppError('HOUSING_LETTER_OUTDATED', { version: letter.version });
  await ctx.db.transaction(async (tx) => {
    const signed = await repo.insertSignature(tx, { houseId, divisionCode: house.divisionCode, version: letter.version, signerUserId: ctx.actor.userId!, signerPhone: ctx.actor.phone!, signedAt: ctx.now() });
    if (signed) await audit.record(tx, ctx, { action: 'housing.letter.sign', entityType: 'house', entityId: houseId, divisionCode: house.divisionCode, details: { version: letter.version } });
  });
  return myLetterHouses(ctx);
}
