import { randomUUID } from 'node:crypto';
import type { JobDefinition, JobDeps } from '../../platform/jobs/jobs';
import { systemActor } from '../../platform/http/context';
import { purgeDoorEvents } from './housing.doors';
import { judgeAll } from './housing.service';
import { issueBills } from './housing.tax';

export const DAILY_JOB = 'housing.daily';

/**
 * Every morning: every rental house judged by area and occupants (imports included), flags opened or cleared; rental tax
 * bills of the period that ended; door entries past their retention deleted.
 */
export function housingJobs(deps: JobDeps): JobDefinition[] {
  return [{
    name: DAILY_JOB,
    cron: '40 5 * * *',
    retryLimit: 3,
    handler: async () => {
      const ctx = { db: deps.dbHandle.db, actor: { ...systemActor('housing-daily'), permissions: ['inspections.inspect'] }, ip: null, requestId: randomUUID(), now: deps.now };
      await judgeAll(ctx);
      await issueBills(ctx);
      await purgeDoorEvents(ctx);
    },
  }];
}
