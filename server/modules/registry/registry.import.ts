import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { AppError, type ErrorCode, type ErrorParams } from '@shared/errors';
import { resources, translate } from '@shared/i18n';
import { idCheckCharacter, parseIdNumber } from '@shared/kernel/id-number';
import { PHONE_PATTERN } from '@shared/kernel/phone';
import { chinaDate } from '@shared/kernel/workdays';
import { IMPORT_COLUMNS, type ImportField, type ImportPage, type ImportView } from '@shared/registry/import.schema';
import { EDUCATION_LEVELS, RELATIONS } from '@shared/registry/registry.schema';
import * as audit from '../../platform/audit/audit';
import type { Scope } from '../../platform/auth/scope';
import type { Db } from '../../platform/db/client';
import { derivedUuid } from '../../platform/db/derived-id';
import { emitDomainEvent } from '../../platform/events';
import { storeUpload } from '../../platform/files/files';
import { countyCodeExists } from '../../platform/divisions/divisions.service';
import { systemActor, type Actor, type Ctx } from '../../platform/http/context';
import type { Jobs } from '../../platform/jobs/jobs';
import * as repo from './registry.repo';
import { deadlineCounter } from './registry.service';

/** The largest file an import takes (a million rows of CSV is about 120 MB). */
export const IMPORT_MAX_BYTES = 512 * 1024 * 1024;
/** Rows per transaction: each batch commits with its checkpoint, so a killed import resumes at the next batch. */
export const IMPORT_BATCH = 2000;
export const IMPORT_JOB = 'registry.import';

type Reason = { code: ErrorCode; params?: ErrorParams };
type Columns = { headers: string[]; map: Partial<Record<ImportField, number>> };

// ── reading files ────────────────────────────────────────────────────────────

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { text?: unknown; richText?: { text: string }[]; result?: unknown };
    if (v.richText) return v.richText.map((part) => part.text).join('').trim();
    if (v.result !== undefined) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    return '';
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return typeof value === 'string' ? value.trim() : '';
}

/** The rows of a CSV or the first sheet of an XLSX file, header first, as text cells, streamed. */
async function* readRows(file: string, format: 'csv' | 'xlsx'): AsyncGenerator<string[]> {
  if (format === 'csv') {
    const parser = createReadStream(file).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, relax_quotes: true }));
    for await (const record of parser) yield record as string[];
    return;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'ignore' });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = (row.values as unknown[]).slice(1).map(cellText);
      if (values.some((value) => value !== '')) yield values;
    }
    return;
  }
}

/** Which column holds each field, from the header row. @throws IMPORT_COLUMNS_MISSING naming the missing columns. */
function readHeader(header: string[]): Columns {
  const clean = header.map((cell) => cell.replace(/^\uFEFF/, '').trim());
  const map: Columns['map'] = {};
  const missing: string[] = [];
  for (const [field, spec] of Object.entries(IMPORT_COLUMNS) as [ImportField, (typeof IMPORT_COLUMNS)[ImportField]][]) {
    const index = clean.findIndex((cell) => (spec.headers as readonly string[]).some((name) => name.toLowerCase() === cell.toLowerCase()));
    if (index >= 0) map[field] = index;
    else if (spec.required) missing.push(spec.headers[0]);
  }
  if (missing.length > 0) throw new AppError('IMPORT_COLUMNS_MISSING', { columns: missing.join('、') });
  return { headers: clean, map };
}

// ── checking rows ────────────────────────────────────────────────────────────

const RELATION_WORDS: Record<string, (typeof RELATIONS)[number]> = { 租住: 'tenant', 租赁: 'tenant', 承租: 'tenant', 宿舍: 'dormitory', 亲属: 'relative', 投亲靠友: 'relative', 业主自住: 'owner', 自住: 'owner', 自购房: 'owner', 单位提供: 'employer_provided' };
const EDUCATION_WORDS: Record<string, (typeof EDUCATION_LEVELS)[number]> = Object.fromEntries(
  Object.entries(resources['zh-CN'].registry.education).map(([code, label]) => [label, code as (typeof EDUCATION_LEVELS)[number]]),
);

function relationOf(text: string): (typeof RELATIONS)[number] | undefined {
  return (RELATIONS as readonly string[]).includes(text) ? (text as (typeof RELATIONS)[number]) : RELATION_WORDS[text];
}

function educationOf(text: string): (typeof EDUCATION_LEVELS)[number] | undefined {
  return (EDUCATION_LEVELS as readonly string[]).includes(text) ? (text as (typeof EDUCATION_LEVELS)[number]) : EDUCATION_WORDS[text];
}

/**
 * A date as files write it: 2026-03-05, 2026/3/5, 2026.3.5, 20260305, or a spreadsheet's day number (days since
 * 1899-12-30) when the cell lost its date format; undefined when it is not a real day.
 */
export function dateOf(text: string): string | undefined {
  if (/^\d{5}(\.0+)?$/.test(text.trim())) {
    const serial = Number(text);
    if (serial > 10_000 && serial < 80_000) return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
  }
  const match = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(text.trim());
  if (!match) return undefined;
  const iso = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === iso ? iso : undefined;
}

type Checked = { row: Omit<repo.ImportStageRow, 'houseId' | 'divisionCode' | 'deadlineOn' | 'late'>; address: string; unit: string };

function checkRow(cells: string[], columns: Columns, rowNo: number, importId: string, today: string): Checked | Reason {
  const get = (field: ImportField) => {
    const index = columns.map[field];
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };
  const name = get('name');
  if (!name || name.length > 50) return { code: 'IMPORT_ROW_NAME' };
  const id = parseIdNumber(get('idNumber'), { today, areaExists: countyCodeExists });
  if (!id.ok) return { code: ({ format: 'REGISTRY_ID_FORMAT', check: 'REGISTRY_ID_CHECK', date: 'REGISTRY_ID_DATE', future: 'REGISTRY_ID_FUTURE', area: 'REGISTRY_ID_AREA' } as const)[id.problem] };
  const phone = get('phone');
  if (phone && !PHONE_PATTERN.test(phone)) return { code: 'IMPORT_ROW_PHONE', params: { value: phone } };
  const educationText = get('education');
  const education = educationText ? educationOf(educationText) : null;
  if (education === undefined) return { code: 'IMPORT_ROW_EDUCATION', params: { value: educationText } };
  const relation = relationOf(get('relation'));
  if (!relation) return { code: 'IMPORT_ROW_RELATION', params: { value: get('relation') } };
  const arrivedOn = dateOf(get('arrivedOn'));
  if (!arrivedOn) return { code: 'IMPORT_ROW_DATE', params: { value: get('arrivedOn') } };
  if (arrivedOn > today) return { code: 'REGISTRY_DATE_FUTURE', params: { date: arrivedOn } };
  if (arrivedOn < id.facts.birthDate) return { code: 'REGISTRY_DATE_BEFORE_BIRTH', params: { date: arrivedOn } };
  const address = get('address');
  const unit = get('unit');
  if (!address || !unit) return { code: 'IMPORT_ROW_HOUSE', params: { address: `${address} ${unit}`.trim() } };
  const employer = get('employer').slice(0, 100) || null;
  const txId = derivedUuid(`${importId}:${rowNo}`);
  return {
    row: {
      rowNo, idNumber: id.facts.idNumber, name, sex: id.facts.sex, birthDate: id.facts.birthDate, originCode: id.facts.areaCode, phone: phone || null,
      education, employer, relation, arrivedOn, declaredOn: today, txId,
    },
    address, unit,
  };
}

// ── creating and running ─────────────────────────────────────────────────────

function present(row: { import: repo.ImportRow; createdByName: string | null }): ImportView {
  const i = row.import;
  return {
    id: i.id, fileName: i.fileName, format: i.format, sizeBytes: i.sizeBytes, status: i.status, totalRows: i.totalRows, rowsDone: i.rowsDone,
    accepted: i.accepted, unchanged: i.unchanged, rejected: i.rejected, error: i.error, createdBy: row.createdByName,
    createdAt: i.createdAt.toISOString(), finishedAt: i.finishedAt?.toISOString() ?? null,
  };
}

function formatOf(fileName: string, head: Buffer): 'csv' | 'xlsx' {
  // An XLSX file is a ZIP archive; anything else is read as CSV text.
  return head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) || /\.xlsx$/i.test(fileName) ? 'xlsx' : 'csv';
}

type Uploader = { actor: Actor; scope: Scope; requestId: string; ip: string | null; now: () => Date; db: Db; dataDir: string; jobs: Jobs | null };

/**
 * Takes an uploaded file: stores it, checks its header row, records the import and (with `jobs`) queues the
 * work. The same file uploaded again while its import has not finished continues that import.
 *
 * @throws IMPORT_FILE_REQUIRED for an empty body; IMPORT_FILE_TOO_LARGE past the limit.
 * @throws IMPORT_COLUMNS_MISSING naming the required columns the header lacks; IMPORT_FILE_UNREADABLE.
 */
export async function createImport(who: Uploader, fileName: string, body: unknown): Promise<ImportView> {
  if (!(body instanceof Readable)) throw new AppError('IMPORT_FILE_REQUIRED');
  if (who.scope.root === null) throw new AppError('FORBIDDEN');
  const stored = await storeUpload(who.dataDir, 'imports', body, IMPORT_MAX_BYTES, 'IMPORT_FILE_TOO_LARGE');
  if (stored.size === 0) throw new AppError('IMPORT_FILE_REQUIRED');
  const format = formatOf(fileName, stored.head);
  let header: string[] | undefined;
  try {
    for await (const row of readRows(stored.file, format)) {
      header = row;
      break;
    }
  } catch {
    throw new AppError('IMPORT_FILE_UNREADABLE');
  }
  const columns = readHeader(header ?? []);
  const scopeRoot = who.scope.root;
  const id = await who.db.transaction(async (tx) => {
    const unfinished = await repo.findUnfinishedImport(tx, stored.sha256, scopeRoot);
    if (unfinished) return unfinished.id;
    const row = await repo.insertImport(tx, {
      fileName, format, sha256: stored.sha256, sizeBytes: stored.size, path: stored.file, columns: JSON.stringify(columns), scopeRoot,
      createdBy: who.actor.userId, createdAt: who.now(),
    });
    await audit.record(tx, who, { action: 'registry.import.create', entityType: 'import', entityId: row.id, divisionCode: scopeRoot, details: { fileName, sha256: stored.sha256, size: stored.size } });
    if (who.jobs) await who.jobs.enqueue(tx, IMPORT_JOB, { importId: row.id }, { singletonKey: `${row.id}:0` });
    return row.id;
  });
  return present((await repo.findImport(who.db, null, id))!);
}

export type ImportProgress = (done: number, total: number) => void;

/**
 * Works an import through from its checkpoint: counts the rows once, then checks and applies them a batch at a
 * time, each batch in one transaction with its rejects, its audit row and the new checkpoint. Stops after
 * `budgetMs` (so a job hands over to the next) and returns whether the import is finished.
 */
export async function runImport(deps: { db: Db; now: () => Date }, importId: string, options: { budgetMs?: number; progress?: ImportProgress } = {}): Promise<boolean> {
  const found = await repo.findImport(deps.db, null, importId);
  if (!found) return true;
  let current = found.import;
  if (current.status === 'done' || current.status === 'failed') return true;
  const started = Date.now();
  const columns = JSON.parse(current.columns) as Columns;
  try {
    if (current.totalRows === null) {
      let total = -1;
      for await (const row of readRows(current.path, current.format)) if (row) total += 1;
      await repo.updateImport(deps.db, importId, { totalRows: Math.max(total, 0), status: 'running', startedAt: deps.now() });
      current = { ...current, totalRows: Math.max(total, 0), status: 'running' };
    } else if (current.status === 'queued') {
      await repo.updateImport(deps.db, importId, { status: 'running', startedAt: deps.now() });
    }
    const total = current.totalRows ?? 0;
    options.progress?.(current.rowsDone, total);
    let index = -1;
    let batch: { rowNo: number; cells: string[] }[] = [];
    let done = current.rowsDone;
    for await (const cells of readRows(current.path, current.format)) {
      index += 1;
      if (index === 0 || index <= done) continue;
      batch.push({ rowNo: index + 1, cells });
      if (batch.length < IMPORT_BATCH) continue;
      done = await applyBatch(deps, current, columns, batch, done);
      batch = [];
      options.progress?.(done, total);
      if (options.budgetMs !== undefined && Date.now() - started > options.budgetMs) return false;
    }
    if (batch.length > 0) done = await applyBatch(deps, current, columns, batch, done);
    options.progress?.(done, total);
    await deps.db.transaction(async (tx) => {
      await repo.updateImport(tx, importId, { status: 'done', finishedAt: deps.now() });
      const finished = (await repo.findImport(tx, null, importId))!.import;
      await audit.record(tx, importCtx(deps, current), {
        action: 'registry.import.done', entityType: 'import', entityId: importId, divisionCode: current.scopeRoot,
        details: { rows: finished.rowsDone, accepted: finished.accepted, unchanged: finished.unchanged, rejected: finished.rejected },
      });
    });
    return true;
  } catch (error) {
    if (error instanceof ImportOvertaken) return true;
    if (error instanceof AppError || (error as NodeJS.ErrnoException).code === 'ENOENT') {
      await repo.updateImport(deps.db, importId, { status: 'failed', error: error instanceof AppError ? error.code : 'IMPORT_FILE_UNREADABLE', finishedAt: deps.now() });
      return true;
    }
    throw error;
  }
}

/** Another worker moved the checkpoint first: this one stops without writing. */
class ImportOvertaken extends Error {}

function importCtx(deps: { now: () => Date }, row: repo.ImportRow) {
  return { actor: { ...systemActor('import'), userId: row.createdBy }, ip: null, requestId: row.id, now: deps.now };
}

async function applyBatch(deps: { db: Db; now: () => Date }, current: repo.ImportRow, columns: Columns, batch: { rowNo: number; cells: string[] }[], from: number): Promise<number> {
  const today = chinaDate(deps.now());
  const scope = { root: current.scopeRoot };
  const rejects: { rowNo: number; cells: string[]; reason: Reason }[] = [];
  const checked: Checked[] = [];
  const seen = new Set<string>();
  for (const { rowNo, cells } of batch) {
    const result = checkRow(cells, columns, rowNo, current.id, today);
    if ('code' in result) rejects.push({ rowNo, cells, reason: result });
    else if (seen.has(result.row.idNumber)) rejects.push({ rowNo, cells, reason: { code: 'IMPORT_ROW_DUPLICATE' } });
    else {
      seen.add(result.row.idNumber);
      checked.push(result);
    }
  }
  const to = from + batch.length;
  await deps.db.transaction(async (tx) => {
    const found = await repo.findHousesByAddress(tx, scope, checked.map((c) => ({ address: c.address, unit: c.unit })));
    const houseOf = new Map(found.map((h) => [`${h.address}\u0000${h.unit}`, h]));
    const due = await deadlineCounter(deps, tx);
    const stage: repo.ImportStageRow[] = [];
    const cellsOf = new Map(batch.map((b) => [b.rowNo, b.cells]));
    for (const c of checked) {
      const house = houseOf.get(`${c.address}\u0000${c.unit}`);
      if (!house) {
        rejects.push({ rowNo: c.row.rowNo, cells: cellsOf.get(c.row.rowNo)!, reason: { code: 'IMPORT_ROW_HOUSE', params: { address: `${c.address} ${c.unit}` } } });
        continue;
      }
      stage.push({ ...c.row, houseId: house.id, divisionCode: house.divisionCode, ...due(c.row.arrivedOn, today) });
    }
    const applied = stage.length > 0 ? await repo.applyImportBatch(tx, stage, { actorId: current.createdBy, at: deps.now() }) : { accepted: 0, unchanged: 0, nameDiffers: [], beforeCurrent: [], moved: [] as string[] };
    if (applied.moved.length > 0) await emitDomainEvent(tx, importCtx(deps, current), 'registry.person.moved', { personIds: applied.moved });
    for (const rowNo of applied.nameDiffers) rejects.push({ rowNo, cells: cellsOf.get(rowNo)!, reason: { code: 'IMPORT_ROW_NAME_DIFFERS' } });
    for (const early of applied.beforeCurrent) rejects.push({ rowNo: early.rowNo, cells: cellsOf.get(early.rowNo)!, reason: { code: 'REGISTRY_ARRIVAL_BEFORE_CURRENT', params: { date: early.date } } });
    await repo.insertImportRejects(tx, rejects.map((r) => ({ importId: current.id, rowNo: r.rowNo, cells: JSON.stringify(r.cells), reason: JSON.stringify(r.reason) })));
    const counts = { accepted: applied.accepted, unchanged: applied.unchanged, rejected: rejects.length };
    if (!(await repo.advanceImport(tx, current.id, from, to, counts))) throw new ImportOvertaken();
    await audit.record(tx, importCtx(deps, current), {
      action: 'registry.import.batch', entityType: 'import', entityId: current.id, divisionCode: current.scopeRoot, details: { rows: [from + 2, to + 1], ...counts },
    });
  });
  return to;
}

/** The job: a slice of work, then the next slice is queued, so a killed server's import resumes when its job expires. */
export async function importJob(deps: { db: Db; now: () => Date; jobs: Jobs }, importId: string): Promise<void> {
  const finished = await runImport(deps, importId, { budgetMs: 60_000 });
  if (!finished) {
    const row = (await repo.findImport(deps.db, null, importId))!.import;
    await deps.jobs.enqueue(null, IMPORT_JOB, { importId }, { singletonKey: `${importId}:${row.rowsDone}` });
  }
}

// ── reading results ──────────────────────────────────────────────────────────

/** Imports uploaded in the caller's jurisdiction, newest first. */
export async function listImports(ctx: Ctx, query: { page: number; pageSize: number }): Promise<ImportPage> {
  const { rows, total } = await repo.listImports(ctx.db, ctx.scope, query);
  return { items: rows.map(present), total, page: query.page, pageSize: query.pageSize };
}

/** One import's progress. @throws NOT_FOUND outside the caller's jurisdiction. */
export async function getImport(ctx: Ctx, id: string): Promise<ImportView> {
  const row = await repo.findImport(ctx.db, ctx.scope, id);
  if (!row) throw new AppError('NOT_FOUND');
  return present(row);
}

function csvLine(cells: string[]): string {
  return cells.map((cell) => (/[",\n\r]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(',') + '\r\n';
}

/**
 * The rejected rows as CSV (with a byte-order mark so spreadsheet programs read the Chinese): the file's own
 * columns, then the row number and the reason in the caller's language. Streamed a page at a time.
 *
 * @throws NOT_FOUND outside the caller's jurisdiction.
 */
export async function rejectsCsv(ctx: Ctx, id: string): Promise<{ fileName: string; body: Readable }> {
  const found = await repo.findImport(ctx.db, ctx.scope, id);
  if (!found) throw new AppError('NOT_FOUND');
  const columns = JSON.parse(found.import.columns) as Columns;
  const lang = ctx.lang;
  const db = ctx.db;
  async function* lines() {
    yield '\uFEFF' + csvLine([...columns.headers, translate(lang, 'registry:imports.rowNo'), translate(lang, 'registry:imports.reason')]);
    let after = 0;
    for (;;) {
      const page = await repo.listImportRejects(db, id, after, 5000);
      if (page.length === 0) return;
      for (const reject of page) {
        const reason = JSON.parse(reject.reason) as Reason;
        const cells = JSON.parse(reject.cells) as string[];
        const padded = columns.headers.map((_, i) => cells[i] ?? '');
        yield csvLine([...padded, String(reject.rowNo), translate(lang, `errors:${reason.code}`, reason.params)]);
      }
      after = page.at(-1)!.rowNo;
    }
  }
  return { fileName: `${found.import.fileName.replace(/\.(csv|xlsx)$/i, '')}-rejects.csv`, body: Readable.from(lines()) };
}

/** A file with the header row and one example row, to fill in. */
export function templateCsv(): string {
  const header = Object.values(IMPORT_COLUMNS).map((spec) => spec.headers[0]);
  return '\uFEFF' + csvLine(header) + csvLine(['张三', `43010419900315201${idCheckCharacter('43010419900315201')}`, '13812345678', '高中', '某某公司', '天河区石牌街道东城1巷1号', '101', '租住', '2026-03-05']);
}

/** An upload through the API, in the caller's jurisdiction; the work goes to the job queue. */
export function uploadImport(ctx: Ctx, fileName: string, body: unknown): Promise<ImportView> {
  return createImport({ ...ctx, dataDir: ctx.config.dataDir, jobs: ctx.jobs }, fileName, body);
}
