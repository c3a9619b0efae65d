import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DivisionList, DivisionListQuery, DivisionView, GridInput } from '@shared/admin/admin.schema';
import type { DivisionRef } from '@shared/auth/auth.schema';
import { divisionLevel, normaliseCityCode } from '@shared/kernel/division-code';
import { AppError } from '@shared/errors';
import * as audit from '../audit/audit';
import type { Db, Executor } from '../db/client';
import type { Ctx } from '../http/context';
import { scopeContains } from '../auth/scope';
import * as repo from './divisions.repo';

const DATA_DIR = path.resolve(import.meta.dirname, 'data');

type SourceRow = { code: string; name: string; level: string; parentCode: string | null };

/** Reads the vendored rows of one city (and its province) from data/<province>.csv. */
export function readCityRows(cityInput: string): SourceRow[] {
  const city = normaliseCityCode(cityInput);
  const file = city ? path.join(DATA_DIR, `${city.slice(0, 2)}.csv`) : '';
  if (!city || !existsSync(file)) throw new AppError('DIVISION_CITY_UNKNOWN', { code: cityInput });
  const rows: SourceRow[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
    if (!line) continue;
    const [code = '', name = '', parent = ''] = line.split(',');
    if (code === city.slice(0, 2) || code.startsWith(city)) {
      rows.push({ code, name, level: divisionLevel(code), parentCode: parent || null });
    }
  }
  if (!rows.some((row) => row.code === city)) throw new AppError('DIVISION_CITY_UNKNOWN', { code: cityInput });
  return rows;
}

let counties: Map<string, string> | undefined;

function countyNames(): Map<string, string> {
  counties ??= new Map(
    readFileSync(path.join(DATA_DIR, 'counties.csv'), 'utf8')
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => {
        const [code = '', name = '', fullName] = line.split(',');
        return [code, fullName || name] as const;
      }),
  );
  return counties;
}

/** Whether a six-digit county-level code exists in the national list (for reading an ID number's origin). */
export function countyCodeExists(code: string): boolean {
  return countyNames().has(code);
}

/** Every county-level code of the national list (for generating plausible origins). */
export function countyCodes(): string[] {
  return [...countyNames().keys()];
}

/** The full name of a county-level code (province, city, county), e.g. 湖南省长沙市岳麓区; null when unknown. */
export function countyFullName(code: string): string | null {
  return countyNames().get(code) ?? null;
}

/**
 * Loads a city's divisions (city → district → street/town → community/village) from the vendored data.
 * Re-running adds nothing twice. Returns how many rows were new.
 */
export async function loadCity(db: Db, ctx: Pick<Ctx, 'actor' | 'ip' | 'requestId' | 'now'>, cityInput: string): Promise<{ city: string; total: number; added: number }> {
  const rows = readCityRows(cityInput);
  const city = normaliseCityCode(cityInput)!;
  return db.transaction(async (tx) => {
    const added = await repo.insertDivisions(tx, rows);
    if (added > 0) {
      await audit.record(tx, ctx, { action: 'divisions.city.load', entityType: 'division', entityId: city, divisionCode: city, details: { added } });
    }
    return { city, total: rows.length, added };
  });
}

/** The division as the web shows it: code, name, level and the names of its ancestors. */
export async function describeDivision(tx: Executor, code: string | null): Promise<DivisionRef | null> {
  if (!code) return null;
  const pathRows = await repo.listPath(tx, code);
  const self = pathRows[pathRows.length - 1];
  if (!self || self.code !== code) return { code, name: code, level: divisionLevel(code), path: [] };
  return { code, name: self.name, level: self.level, path: pathRows.map((row) => row.name) };
}

function view(row: repo.DivisionRow, childCount = 0): DivisionView {
  return { code: row.code, name: row.name, level: row.level, parentCode: row.parentCode, childCount };
}

/**
 * Lists the children of a division (the caller's own jurisdiction node when no parent is given), or searches by name.
 *
 * @throws DIVISION_NOT_FOUND when the parent is outside the caller's jurisdiction.
 */
export async function listDivisions(ctx: Ctx, query: DivisionListQuery): Promise<DivisionList> {
  const root = ctx.scope.root;
  if (root === null) throw new AppError('DIVISION_NOT_FOUND', { code: query.parent ?? '' });
  if (query.q) {
    const items = await repo.searchDivisions(ctx.db, ctx.scope, query.q);
    return { items, parent: null, path: [] };
  }
  const parentCode = query.parent ?? root;
  if (!scopeContains(ctx.scope, parentCode)) throw new AppError('DIVISION_NOT_FOUND', { code: parentCode });
  const pathRows = await repo.listPath(ctx.db, parentCode);
  const parent = pathRows.find((row) => row.code === parentCode);
  if (!parent) throw new AppError('DIVISION_NOT_FOUND', { code: parentCode });
  const items = await repo.listChildren(ctx.db, ctx.scope, parentCode);
  return { items, parent: view(parent, items.length), path: pathRows.filter((row) => row.code.length >= root.length).map((row) => view(row)) };
}

/** How many districts, streets, communities and grids the caller's jurisdiction holds. */
export async function summariseJurisdiction(ctx: Ctx): Promise<Record<string, number>> {
  if (ctx.scope.root === null) return {};
  return repo.countByLevel(ctx.db, ctx.scope.root);
}

/**
 * Creates a grid under a community or village in the caller's jurisdiction; its code is the community's plus three digits.
 *
 * @throws DIVISION_NOT_FOUND when the community is missing or outside the caller's jurisdiction.
 * @throws DIVISION_GRID_PARENT when the parent is not a community or village.
 */
export async function createGrid(ctx: Ctx, input: GridInput): Promise<DivisionView> {
  if (!scopeContains(ctx.scope, input.parentCode)) throw new AppError('DIVISION_NOT_FOUND', { code: input.parentCode });
  return ctx.db.transaction(async (tx) => {
    const parent = await repo.findDivision(tx, input.parentCode);
    if (!parent) throw new AppError('DIVISION_NOT_FOUND', { code: input.parentCode });
    if (parent.level !== 'community') throw new AppError('DIVISION_GRID_PARENT');
    // Serialise grid numbering under one community: two admins adding grids at once get distinct codes.
    await repo.lockChildNumbering(tx, parent.code);
    const last = await repo.findLastChildCode(tx, parent.code);
    const next = last ? Number(last.slice(-3)) + 1 : 1;
    const grid = await repo.insertDivision(tx, {
      code: `${parent.code}${String(next).padStart(3, '0')}`,
      name: input.name,
      level: 'grid',
      parentCode: parent.code,
      createdBy: ctx.actor.userId,
    });
    await audit.record(tx, ctx, { action: 'divisions.grid.create', entityType: 'division', entityId: grid.code, divisionCode: grid.code, details: { name: grid.name } });
    return view(grid);
  });
}

/** Division names per database: divisions are never renamed or removed, so lists need not ask again for every row. */
const pathCache = new WeakMap<object, Map<string, string[]>>();

/** The names from the city down to `code` (empty when unknown), remembered per database. */
export async function cachedDivisionPath(db: object, tx: Executor, code: string): Promise<string[]> {
  let known = pathCache.get(db);
  if (!known) pathCache.set(db, (known = new Map()));
  const cached = known.get(code);
  if (cached) return cached;
  const path = (await describeDivision(tx, code))?.path ?? [];
  if (path.length > 0 && known.size < 50_000) known.set(code, path);
  return path;
}
