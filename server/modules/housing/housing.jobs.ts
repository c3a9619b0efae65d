import { randomUUID } from 'node:crypto';
import type { JobDefinition, JobDeps } from '../../platform/jobs/jobs';
import { systemActor } from '../../platform/http/context';
import { judgeAll } from './housing.service';

export const DAILY_JOB = 'housing.daily';

/** Every morning: every rental house judged by area and occupants (imports included), flags opened or cleared. */
export function housingJobs(deps: JobDeps): JobDefinition[] {
  return [{
    name: DAILY_JOB,
    cron: '40 5 * * *',
    retryLimit: 3,
    handler: async () => {
      await judgeAll({ db: deps.dbHandle.db, actor: { ...systemActor('housing-daily'), permissions: ['inspections.inspect'] }, ip: null, requestId: randomUUID(), now: deps.now });
    },
  }];
}
