import type { Db } from './db/client';
import { ensureBuiltinRoles } from './auth/auth.service';
import { loadCity } from './divisions/divisions.service';
import { systemActor } from './http/context';
import { randomUUID } from 'node:crypto';

/** Reference data every deployment needs: the built-in roles and the city's divisions. Safe to run at every start. */
export async function prepareReferenceData(db: Db, city: string): Promise<void> {
  await ensureBuiltinRoles(db);
  await loadCity(db, { actor: systemActor(), ip: null, requestId: randomUUID(), now: () => new Date() }, city);
}
