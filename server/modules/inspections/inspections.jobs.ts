import { randomUUID } from 'node:crypto';
import type { JobDefinition, JobDeps } from '../../platform/jobs/jobs';
import { systemActor } from '../../platform/http/context';
import { escalateOverdue } from './inspections.hazards';
import { planDaily } from './inspections.service';
import { countCoverage } from './inspections.stats';

export const DAILY_JOB = 'inspections.daily';

/** Every morning: plan the week's inspections by grade, refer hazards past their deadline, count the coverage. */
export function inspectionsJobs(deps: JobDeps): JobDefinition[] {
  return [
    {
      name: DAILY_JOB,
      cron: '10 6 * * *',
      retryLimit: 3,
      handler: async () => {
        const ctx = { db: deps.dbHandle.db, notifier: deps.notifier, actor: systemActor('inspections-daily'), ip: null, requestId: randomUUID(), now: deps.now };
        await planDaily(ctx);
        await escalateOverdue(ctx);
        await deps.dbHandle.db.transaction((tx) => countCoverage(ctx, tx));
      },
    },
  ];
}
