import { createHash, randomUUID } from 'node:crypto';
import { idCheckCharacter } from '@shared/kernel/id-number';
import { addDays } from '@shared/kernel/workdays';
import * as audit from '../../platform/audit/audit';
import type { Db } from '../../platform/db/client';
import { listCodesAtLevel } from '../../platform/divisions/divisions.repo';
import { countyCodes } from '../../platform/divisions/divisions.service';
import { systemActor } from '../../platform/http/context';
import * as repo from './registry.repo';

/**
 * A synthetic population for the demo city: buildings in every district, five houses each, persons with
 * invented names and valid ID numbers (real county codes of the provinces migrants mostly come from,
 * plausible ages), most of them living in a house now, some with an earlier stay. Everything is derived
 * from the person's index, so a run that stops half-way resumes by skipping the chunks already loaded,
 * and a second run adds nothing.
 */

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢钟谭陆汪范廖韦覃莫';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌辉鹏飞宇浩晓婷雪梅丹琳欣怡涵思远佳俊嘉颖子晨阳帆';
/** Where Guangzhou's migrants mostly come from (province prefixes), with weights. */
const ORIGINS: [string, number][] = [['43', 22], ['45', 16], ['36', 10], ['51', 8], ['41', 8], ['42', 8], ['44', 14], ['52', 5], ['35', 3], ['50', 3], ['61', 3]];
const USES: ['rental' | 'self_occupied' | 'dormitory' | 'commercial', number][] = [['rental', 70], ['self_occupied', 18], ['dormitory', 8], ['commercial', 4]];
const RELATIONS = ['tenant', 'tenant', 'tenant', 'relative', 'dormitory', 'employer_provided'] as const;
const EDUCATION = ['junior', 'senior', 'vocational', 'college', 'bachelor', 'junior', 'senior', 'primary', 'master'] as const;
const EMPLOYERS = ['白云电器配件厂', '天河软件园某科技公司', '番禺服装加工厂', '黄埔汽车零部件公司', '海珠餐饮店', '越秀批发市场商户', '快递网点', '建筑工地', '家政服务公司', null];
const UNITS_PER_BUILDING = 5;
const CHUNK = 1000;

/** A small deterministic generator, so the same index always gives the same person. */
function random(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

function weighted<T>(rand: () => number, items: [T, number][]): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let at = rand() * total;
  for (const [item, weight] of items) if ((at -= weight) < 0) return item;
  return items[0]![0];
}

/** A stable UUID from a name, so re-runs produce the same rows. */
function stableId(name: string): string {
  const hex = createHash('sha256').update(`anju-demo:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export type PopulationProgress = (done: number, total: number) => void;

/** Loads `count` demo persons (and a house for every four of them) into the communities of `city`; resumable. */
export async function seedPopulation(
  db: Db,
  options: { city: string; count: number; today: string; focusStreet?: string },
  progress?: PopulationProgress,
): Promise<{ persons: number; skipped: number }> {
  const { city, count, today } = options;
  const communities = await listCodesAtLevel(db, city, 'community');
  // The demo users' street gets the first buildings, so every demo user has houses and people to work with.
  const focus = options.focusStreet ? communities.filter((c) => c.code.startsWith(options.focusStreet!)) : [];
  const streets = new Map((await listCodesAtLevel(db, city, 'street')).map((s) => [s.code, s.name]));
  const districts = new Map((await listCodesAtLevel(db, city, 'district')).map((d) => [d.code, d.name]));
  if (communities.length === 0) throw new Error(`no communities loaded for ${city}`);
  const byProvince = new Map<string, string[]>();
  for (const code of countyCodes()) {
    if (code.startsWith(city)) continue;
    const list = byProvince.get(code.slice(0, 2)) ?? [];
    list.push(code);
    byProvince.set(code.slice(0, 2), list);
  }
  const locals = countyCodes().filter((code) => code.startsWith(city) && code.slice(4) !== '00');
  const ctx = { actor: systemActor('demo'), ip: null, requestId: randomUUID(), now: () => new Date() };
  let loaded = 0;
  let skipped = 0;

  function buildingOf(b: number) {
    // A building's place depends on its number only, never on how many are wanted, so runs of any size agree.
    const community = b < focus.length * 4 ? focus[b % focus.length]! : communities[Math.floor(random(`place:${b}`)() * communities.length)]!;
    const street = streets.get(community.code.slice(0, 9)) ?? '';
    const district = districts.get(community.code.slice(0, 6)) ?? '';
    const shortName = community.name.replace(/(社区居委会|村委会|居委会|社区)$/, '');
    // The demo users' own community gets its grid 001 on some buildings, so the grid worker has work.
    const divisionCode = b % 3 === 0 ? `${community.code}001` : community.code;
    return { id: stableId(`building:${b}`), divisionCode, address: `${district}${street}${shortName}${(b % 9) + 1}巷${Math.floor(b / 9) + 1}号` };
  }

  for (let start = 0; start < count; start += CHUNK) {
    const end = Math.min(count, start + CHUNK);
    // By record id, not ID number: a generated number that repeats an earlier one is skipped, so its record never exists.
    if (await repo.personIdExists(db, stableId(`person:${end - 1}`))) {
      skipped += end - start;
      progress?.(end, count);
      continue;
    }
    const rows = { buildings: [] as ReturnType<typeof buildingOf>[], houses: [] as Parameters<typeof repo.insertBulk>[1]['houses'], persons: [] as Parameters<typeof repo.insertBulk>[1]['persons'], residences: [] as Parameters<typeof repo.insertBulk>[1]['residences'] };
    const firstHouse = Math.floor(start / 4);
    const lastHouse = Math.floor((end - 1) / 4);
    for (let h = firstHouse; h <= lastHouse; h += 1) {
      const b = Math.floor(h / UNITS_PER_BUILDING);
      const building = buildingOf(b);
      if (h % UNITS_PER_BUILDING === 0 || h === firstHouse) rows.buildings.push(building);
      const rand = random(`house:${h}`);
      const use = weighted(rand, USES);
      rows.houses.push({
        id: stableId(`house:${h}`), buildingId: building.id, unit: `${1 + (h % UNITS_PER_BUILDING)}0${1 + Math.floor(rand() * 4)}`, divisionCode: building.divisionCode, use,
        areaM2: Math.round((20 + rand() * 90) * 10) / 10, rooms: 1 + Math.floor(rand() * 4),
        ownerOrganisation: use === 'dormitory' || use === 'commercial' ? pick(rand, EMPLOYERS.filter(Boolean)) : `${pick(rand, [...SURNAMES])}某（本地业主）`,
        agentName: use === 'rental' && rand() < 0.3 ? '链家某门店' : null, managementCompany: use === 'rental' && rand() < 0.15 ? '某长租公寓管理公司' : null,
      });
    }
    for (let i = start; i < end; i += 1) {
      const person = personOf(i);
      rows.persons.push(person.row);
      const houseIndex = Math.floor(i / 4);
      const houseId = stableId(`house:${houseIndex}`);
      const house = rows.houses.find((candidate) => candidate.id === houseId)!;
      const rand = random(`stay:${i}`);
      if (rand() < 0.2) {
        // An earlier stay in another house of the chunk, ended when the current one began.
        const earlierHouse = rows.houses[Math.floor(rand() * rows.houses.length)]!;
        if (earlierHouse.id !== house.id && person.arrivedOn > addDays(person.row.birthDate, 400)) {
          const earlierArrival = addDays(person.arrivedOn, -(200 + Math.floor(rand() * 600)));
          if (earlierArrival > person.row.birthDate) rows.residences.push(stay(i, 'earlier', person.row.id, earlierHouse, earlierArrival, person.arrivedOn, rand));
        }
      }
      if (rand() < 0.88) rows.residences.push(stay(i, 'current', person.row.id, house, person.arrivedOn, null, rand));
      person.row.divisionCode = house.divisionCode;
    }
    const added = await db.transaction(async (tx) => {
      const inserted = await repo.insertBulk(tx, rows);
      await audit.record(tx, ctx, { action: 'registry.demo.load', entityType: 'person', details: { from: start, to: end, added: inserted } });
      return inserted;
    });
    loaded += added;
    skipped += end - start - added;
    progress?.(end, count);
  }
  return { persons: loaded, skipped };

  function stay(i: number, which: string, personId: string, house: { id?: string; divisionCode: string }, arrivedOn: string, leftOn: string | null, rand: () => number) {
    const lateDays = rand() < 0.1 ? 5 + Math.floor(rand() * 20) : Math.floor(rand() * 3);
    return {
      id: stableId(`stay:${i}:${which}`), personId, houseId: house.id!, divisionCode: house.divisionCode, relation: pick(rand, RELATIONS), arrivedOn, leftOn,
      status: leftOn ? ('ended' as const) : ('active' as const), channel: pick(rand, ['console', 'door_to_door', 'self_declared', 'import'] as const),
      declaredOn: addDays(arrivedOn, lateDays), deadlineOn: addDays(arrivedOn, 4), late: lateDays > 5 ? lateDays - 5 : 0,
    };
  }

  function personOf(i: number) {
    const rand = random(`person:${i}`);
    const local = i % 40 === 0;
    const province = weighted(rand, ORIGINS);
    const area = local ? pick(rand, locals) : pick(rand, byProvince.get(province) ?? byProvince.get('43')!);
    const ageRoll = rand();
    const age = ageRoll < 0.1 ? Math.floor(rand() * 16) : ageRoll < 0.95 ? 16 + Math.floor(rand() * 44) : 60 + Math.floor(rand() * 20);
    const birthDate = addDays(`${Number(today.slice(0, 4)) - age - 1}-${today.slice(5)}`, Math.floor(rand() * 365));
    const sex: 'male' | 'female' = rand() < 0.54 ? 'male' : 'female';
    // The three-digit sequence spreads the index so numbers stay unique; its last digit carries the sex.
    const sequence = String(i % 1000).padStart(3, '0').slice(0, 2) + String((i % 10) - ((i % 10) % 2) + (sex === 'male' ? 1 : 0));
    const first17 = `${area}${birthDate.replaceAll('-', '')}${sequence}`;
    const idNumber = first17 + idCheckCharacter(first17);
    const name = pick(rand, [...SURNAMES]) + pick(rand, [...GIVEN]) + (rand() < 0.7 ? pick(rand, [...GIVEN]) : '');
    const yearsHere = Math.min(age, Math.floor(rand() * 6));
    const arrivedOn = addDays(today, -(yearsHere * 365 + Math.floor(rand() * 300) + 1));
    return {
      idNumber,
      arrivedOn: arrivedOn < birthDate ? birthDate : arrivedOn,
      row: {
        id: stableId(`person:${i}`), idNumber, name, sex: sex, birthDate, originCode: area,
        phone: age >= 16 ? `1${pick(rand, ['3', '5', '7', '8', '9'])}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}` : null,
        education: age >= 16 ? pick(rand, EDUCATION) : null, employer: age >= 18 && age < 60 ? pick(rand, EMPLOYERS) : null, divisionCode: '',
      },
    };
  }
}

/**
 * A few QR declarations waiting in the demo community's queue: newcomers declared by themselves and by a
 * landlord, one under a name that differs from the registry, and one leaving. Stable ids: re-runs add nothing.
 */
export async function seedDeclarations(db: Db, options: { today: string; community: string; residentId: string; landlordId: string }): Promise<number> {
  const leaving = await repo.findSomeoneLivingIn(db, { root: options.community });
  if (!leaving) return 0;
  const arrivals = [
    { name: '邱晓燕', first17: '43042119980312202', declarant: 'self' as const, relation: 'tenant' as const, daysAgo: 1, phone: null },
    { name: '蒙志刚', first17: '45012319920806151', declarant: 'landlord' as const, relation: 'tenant' as const, daysAgo: 6, phone: '13922001234' },
    { name: '符丽娟', first17: '36042419950118262', declarant: 'landlord' as const, relation: 'relative' as const, daysAgo: 0, phone: null },
  ];
  const rows: repo.DeclarationInsert[] = arrivals.map((a, i) => ({
    id: stableId(`declaration:${i}`), houseId: leaving.houseId, divisionCode: leaving.divisionCode, kind: 'arrive' as const, status: 'submitted' as const,
    name: a.name, idNumber: a.first17 + idCheckCharacter(a.first17), phone: a.phone, relation: a.relation, date: addDays(options.today, -a.daysAgo - 1),
    declarant: a.declarant, declarantUserId: a.declarant === 'self' ? options.residentId : options.landlordId, submittedOn: addDays(options.today, -Math.min(a.daysAgo, 1)),
    transactionId: stableId(`declaration-tx:${i}`),
  }));
  rows.push({
    id: stableId('declaration:leave'), houseId: leaving.houseId, divisionCode: leaving.divisionCode, kind: 'leave', status: 'submitted', name: leaving.name,
    idNumber: leaving.idNumber, phone: null, relation: null, date: options.today, declarant: 'landlord', declarantUserId: options.landlordId, submittedOn: options.today,
    transactionId: stableId('declaration-tx:leave'),
  });
  const ctx = { actor: systemActor('demo'), ip: null, requestId: randomUUID(), now: () => new Date() };
  return db.transaction(async (tx) => {
    const added = await repo.insertDeclarationsBulk(tx, rows);
    if (added > 0) await audit.record(tx, ctx, { action: 'registry.demo.declarations', entityType: 'declaration', divisionCode: options.community, details: { added } });
    return added;
  });
}

/**
 * The demo landlord's houses: a local owner with the portal landlord's mobile number lets the first `count` rental
 * houses of the grid worker's grid, so the landlord's portal and the grid's hazards meet. Adds nothing twice.
 */
export async function seedDemoLandlord(db: Db, options: { phone: string; grid: string; count: number }): Promise<RentalHouseRef[]> {
  const idNumber = '44010619680808601';
  const full = idNumber + idCheckCharacter(idNumber);
  const at = new Date();
  return db.transaction(async (tx) => {
    const person = (await repo.findPersonByIdNumber(tx, full))
      ?? (await repo.insertPerson(tx, { idNumber: full, name: '陈伯', sex: 'male', birthDate: '1968-08-08', originCode: '440106', phone: options.phone, divisionCode: options.grid.slice(0, 12) }));
    const houses = await repo.listRentalHousesAfter(tx, null, options.count, options.grid);
    await repo.setLandlord(tx, houses.map((h) => h.id), person.id, at);
    return houses.map((h) => ({ id: h.id, divisionCode: h.divisionCode, address: h.address }));
  });
}
export type RentalHouseRef = { id: string; divisionCode: string; address: string };
