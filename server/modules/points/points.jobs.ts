import { randomUUID } from 'node:crypto';
import type { JobDefinition, JobDeps } from '../../platform/jobs/jobs';
import { systemActor, type Ctx } from '../../platform/http/context';
import { abandonUnverified } from './points.round';

export const HOURLY_JOB = 'points.hourly';

/** Every hour (cheap when there is nothing to do): shortlisted applicants past their verification deadline. */
export function pointsJobs(deps: JobDeps): JobDefinition[] {
  return [
    {
      name: HOURLY_JOB,
      cron: '23 * * * *',
      retryLimit: 3,
      handler: async () => {
        const ctx: Ctx = {
          db: deps.dbHandle.db, dbHandle: deps.dbHandle, config: deps.config, notifier: deps.notifier, jobs: deps.jobs,
          actor: { ...systemActor('points-hourly'), kind: 'system', permissions: ['points.intake', 'points.manage'] }, scope: { root: '' },
          lang: 'zh-CN', requestId: randomUUID(), ip: null, userAgent: null, now: deps.now,
        };
        await abandonUnverified(ctx);
      },
    },
  ];
}
