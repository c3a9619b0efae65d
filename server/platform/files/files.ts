import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '@shared/errors';
import type { FileView } from '@shared/files/files.schema';
import type { Executor } from '../db/client';
import type { Ctx } from '../http/context';
import * as audit from '../audit/audit';
import * as repo from './files.repo';

export type StoredUpload = { file: string; sha256: string; size: number; head: Buffer };

/**
 * Streams an upload into `<dataDir>/<folder>/<sha256>`, hashing it on the way and refusing it past `maxBytes`
 * (nothing is left behind then). The same content uploaded twice is one file on disk.
 *
 * @throws `tooLarge` (FILE_TOO_LARGE unless named) past the limit.
 */
export async function storeUpload(dataDir: string, folder: string, body: Readable, maxBytes: number, tooLarge: 'FILE_TOO_LARGE' | 'IMPORT_FILE_TOO_LARGE' = 'FILE_TOO_LARGE'): Promise<StoredUpload> {
  const dir = path.join(dataDir, folder);
  mkdirSync(dir, { recursive: true });
  const partial = path.join(dir, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new AppError(tooLarge, { mb: Math.round(maxBytes / 1024 / 1024) }));
      if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16)]);
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(body, meter, createWriteStream(partial));
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  const sha256 = hash.digest('hex');
  const file = path.join(dir, sha256);
  await rename(partial, file);
  return { file, sha256, size, head };
}

/** The largest photo or scan a person may upload. */
export const FILE_MAX_BYTES = 5 * 1024 * 1024;

const SIGNATURES: { mime: repo.FileRow['mime']; bytes: number[] }[] = [
  { mime: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { mime: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mime: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
];

/** What the file's first bytes say it is (a JPEG, PNG or PDF), whatever its name or declared type claims. */
export function sniffMime(head: Buffer): repo.FileRow['mime'] | null {
  return SIGNATURES.find((s) => s.bytes.every((byte, i) => head[i] === byte))?.mime ?? null;
}

export function presentFile(row: repo.FileRow): FileView {
  return { id: row.id, name: row.name, mime: row.mime, sizeBytes: row.sizeBytes, createdAt: row.createdAt.toISOString() };
}

/**
 * Takes a photo or scan (JPEG, PNG or PDF, up to 5 MB) from a logged-in user; the content decides the type, and
 * a declared type that disagrees with it is refused.
 *
 * @throws FILE_REQUIRED for an empty body; FILE_TOO_LARGE past the limit; FILE_TYPE_NOT_ALLOWED for anything else.
 */
export async function uploadFile(ctx: Ctx, name: string, declaredType: string | undefined, body: unknown): Promise<FileView> {
  if (!(body instanceof Readable)) throw new AppError('FILE_REQUIRED');
  const stored = await storeUpload(ctx.config.dataDir, 'files', body, FILE_MAX_BYTES);
  if (stored.size === 0) throw new AppError('FILE_REQUIRED');
  const mime = sniffMime(stored.head);
  if (!mime || (declaredType && declaredType !== 'application/octet-stream' && declaredType !== mime)) {
    throw new AppError('FILE_TYPE_NOT_ALLOWED', { types: 'JPEG, PNG, PDF' });
  }
  const row = await ctx.db.transaction(async (tx) => {
    const inserted = await repo.insertFile(tx, { ownerUserId: ctx.actor.userId!, name: name.slice(0, 120), mime, sizeBytes: stored.size, sha256: stored.sha256, path: stored.file, createdAt: ctx.now() });
    await audit.record(tx, ctx, { action: 'files.file.upload', entityType: 'file', entityId: inserted.id, details: { name: inserted.name, mime, size: stored.size } });
    return inserted;
  });
  return presentFile(row);
}

/** The files with these ids (for a module that attaches them to its records). */
export function listFiles(db: Executor, ids: string[]): Promise<repo.FileRow[]> {
  return repo.listFiles(db, ids);
}

/** A stored file's content, for a module that has already checked the caller may see it. */
export async function openFile(db: Executor, id: string): Promise<{ row: repo.FileRow; body: Readable }> {
  const row = await repo.findFile(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return { row, body: createReadStream(row.path) };
}

/**
 * One's own upload, to look at again before sending it with an application.
 *
 * @throws NOT_FOUND for a file someone else uploaded.
 */
export async function openOwnFile(ctx: Ctx, id: string): Promise<{ row: repo.FileRow; body: Readable }> {
  const row = await repo.findFile(ctx.db, id);
  if (!row || row.ownerUserId !== ctx.actor.userId) throw new AppError('NOT_FOUND');
  return { row, body: createReadStream(row.path) };
}
