import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Resvg } from '@resvg/resvg-js';
import QRCode from 'qrcode';
import { AppError } from '@shared/errors';
import type { HouseQrView, QrHouseView } from '@shared/registry/registry.schema';
import * as audit from '../../platform/audit/audit';
import type { Executor } from '../../platform/db/client';
import type { Ctx } from '../../platform/http/context';
import * as repo from './registry.repo';

/** Where a scanned house QR code leads: the portal's declaration page for that house. */
export const DECLARE_PATH = '/portal/declare/';

let cachedKey: { db: Executor; secret: Buffer } | undefined;

async function signingKey(db: Executor): Promise<Buffer> {
  if (cachedKey?.db !== db) cachedKey = { db, secret: Buffer.from(await repo.ensureKey(db, 'house-qr', randomBytes(32).toString('base64url')), 'base64url') };
  return cachedKey.secret;
}

function signature(key: Buffer, houseId: string, version: number): string {
  return createHmac('sha256', key).update(`${houseId}.${version}`).digest('base64url').slice(0, 22);
}

/** The token a house's QR code carries: the house, its QR version, and a signature no one can forge without the key. */
export async function houseToken(db: Executor, houseId: string, version: number): Promise<string> {
  return `${houseId}.${version}.${signature(await signingKey(db), houseId, version)}`;
}

/**
 * The house a scanned token names, if the token is genuine and not revoked.
 *
 * @throws REGISTRY_QR_INVALID when the token is forged, malformed or revoked (a new code was printed).
 */
export async function resolveToken(db: Executor, token: string) {
  const [houseId = '', versionText = '', given = ''] = token.split('.');
  const version = Number(versionText);
  if (!/^[0-9a-f-]{36}$/.test(houseId) || !Number.isInteger(version)) throw new AppError('REGISTRY_QR_INVALID');
  const expected = Buffer.from(signature(await signingKey(db), houseId, version));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) throw new AppError('REGISTRY_QR_INVALID');
  const house = await repo.findHouseAnywhere(db, houseId);
  if (!house || house.house.qrVersion !== version || house.house.status !== 'active') throw new AppError('REGISTRY_QR_INVALID');
  return house;
}

/** What anyone at the door may see after scanning: the address and unit, nothing about the people inside. */
export async function describeToken(ctx: Ctx, token: string): Promise<QrHouseView> {
  const house = await resolveToken(ctx.db, token);
  return { address: house.address, unit: house.house.unit, use: house.house.use };
}

async function visibleHouse(ctx: Ctx, id: string) {
  const house = await repo.findHouse(ctx.db, ctx.scope, id);
  if (!house) throw new AppError('NOT_FOUND');
  return house;
}

/**
 * The house's current QR code: its link, version and a PNG data URL.
 *
 * @throws NOT_FOUND outside the caller's jurisdiction.
 */
export async function getHouseQr(ctx: Ctx, id: string, origin: string): Promise<HouseQrView> {
  const house = await visibleHouse(ctx, id);
  const url = `${origin}${DECLARE_PATH}${await houseToken(ctx.db, id, house.house.qrVersion)}`;
  return { url, version: house.house.qrVersion, png: await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 360 }) };
}

/**
 * A printable door placard: address, unit and QR code, as SVG (prints sharp at any size).
 *
 * @throws NOT_FOUND outside the caller's jurisdiction.
 */
export async function getHousePlacard(ctx: Ctx, id: string, origin: string, grade?: PlacardGrade): Promise<string> {
  const house = await visibleHouse(ctx, id);
  const url = `${origin}${DECLARE_PATH}${await houseToken(ctx.db, id, house.house.qrVersion)}`;
  const qr = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 0 });
  const inner = qr.replace(/^<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
  const size = Number(/viewBox="0 0 (\d+)/.exec(qr)?.[1] ?? 33);
  const escape = (text: string) => text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
  // A graded placard (挂牌授星) carries the stars and the risk colour between the unit and a smaller code.
  const band = grade ? `
  <rect x="14" y="58" width="120" height="20" rx="3" fill="${grade.color}"/>
  <text x="74" y="70.5" text-anchor="middle" font-size="7" font-weight="700" fill="#fff">${'★'.repeat(grade.stars)}${'☆'.repeat(5 - grade.stars)}  ${escape(grade.label)}</text>
  <text x="74" y="85" text-anchor="middle" font-size="4.5" fill="#333">${escape(grade.note)}</text>` : '';
  const [qrY, qrSize] = grade ? [90, 70] : [62, 90];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="148mm" height="210mm" viewBox="0 0 148 210" font-family="'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif">
  <rect width="148" height="210" fill="#fff"/>
  <rect x="4" y="4" width="140" height="202" rx="4" fill="none" stroke="#0f5fa8" stroke-width="1.2"/>
  <text x="74" y="24" text-anchor="middle" font-size="11" font-weight="700" fill="#0f5fa8">${grade ? '出租屋分级管理牌' : '出租屋（房屋）信息牌'}</text>
  <text x="74" y="38" text-anchor="middle" font-size="6.5" fill="#333">${escape(house.address)}</text>
  <text x="74" y="52" text-anchor="middle" font-size="12" font-weight="700" fill="#111">${escape(house.house.unit)}</text>${band}
  <g transform="translate(${74 - qrSize / 2} ${qrY}) scale(${qrSize / size})">${inner}</g>
  <text x="74" y="166" text-anchor="middle" font-size="6" fill="#333">来住、离开请扫码申报（租客或房东均可）</text>
  <text x="74" y="176" text-anchor="middle" font-size="4.5" fill="#666">Scan to declare moving in or out · 安居</text>
  <text x="74" y="196" text-anchor="middle" font-size="3.5" fill="#999">No. ${escape(id.slice(0, 8))} · v${house.house.qrVersion}</text>
</svg>`;
}

/** What a graded placard shows: the stars, the risk in words and its colour, and a line such as the grading date. */
export type PlacardGrade = { stars: number; label: string; color: string; note: string };

/**
 * The placard as a PNG at 300 dpi (A5: 1748 × 2480 pixels), for printers and messaging apps that take no SVG.
 * The Chinese text needs a CJK font on the server (e.g. Debian's fonts-noto-cjk); the SVG needs none.
 *
 * @throws NOT_FOUND outside the caller's jurisdiction.
 */
export async function getHousePlacardPng(ctx: Ctx, id: string, origin: string, grade?: PlacardGrade): Promise<Buffer> {
  const svg = await getHousePlacard(ctx, id, origin, grade);
  const rendered = new Resvg(svg, { fitTo: { mode: 'width', value: 1748 }, font: { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' }, background: '#ffffff' }).render();
  return rendered.asPng();
}

/**
 * Revokes every printed QR code of a house (lost or misused placard); the next code is a new version.
 *
 * @throws NOT_FOUND outside the caller's jurisdiction.
 */
export async function revokeHouseQr(ctx: Ctx, id: string, origin: string): Promise<HouseQrView> {
  await ctx.db.transaction(async (tx) => {
    const house = await repo.findHouse(tx, ctx.scope, id);
    if (!house) throw new AppError('NOT_FOUND');
    const version = await repo.bumpQrVersion(tx, id, ctx.now());
    await audit.record(tx, ctx, { action: 'registry.house.qr-revoke', entityType: 'house', entityId: id, divisionCode: house.house.divisionCode, details: { version } });
  });
  return getHouseQr(ctx, id, origin);
}
