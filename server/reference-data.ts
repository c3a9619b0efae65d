import { MODULES } from './app';
import type { Db } from './platform/db/client';
import { prepareReferenceData as preparePlatform } from './platform/bootstrap';

/** Reference data every deployment needs: the platform's (roles, the city's divisions), then each module's. Safe at every start. */
export async function prepareReferenceData(db: Db, city: string): Promise<void> {
  await preparePlatform(db, city);
  for (const module of MODULES) await module.prepare?.(db, city);
}
