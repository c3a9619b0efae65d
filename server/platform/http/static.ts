import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

export const WEB_DIST = path.resolve(import.meta.dirname, '../../../dist/web');

/** Serves the built web app; any non-API path that is not a file gets index.html (client-side routes). */
export async function installWeb(app: FastifyInstance): Promise<boolean> {
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) return false;
  await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: 'index.html', maxAge: '1h' });
  return true;
}
