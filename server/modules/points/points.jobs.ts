import { randomUUID } from 'node:crypto';
import type { JobDefinition, JobDeps } from '../../platform/jobs/jobs';
import { systemActor, type Ctx } from '../../platform/http/context';
import { abandonUnverified, TELL_SHORTLISTED_JOB, tellRoundShortlisted } from './points.round';

export const HOURLY_JOB = 'points.hourly';

function jobCtx(deps: JobDeps, name: string): Ctx {
  return {
    db: deps.dbHandle.db, dbHandle: deps.dbHandle, config: deps.config, notifier: deps.notifier, jobs: deps.jobs,
    actor: { ...systemActor(name), kind: 'system', permissions: ['points.intake', 'points.manage'] }, scope: { root: '' },
    lang: 'zh-CN', requestId: randomUUID(), ip: null, userAgent: null, now: deps.now,
  };
}

/**
 * Every hour (cheap when there is nothing to do): shortlisted applicants past their verification deadline. After a
 * round's shortlisting: the notices to its shortlisted applicants.
 */
export function pointsJobs(deps: JobDeps): JobDefinition[] {
  return [
    {
      name: HOURLY_JOB,
      cron: '23 * * * *',
      retryLimit: 3,
      handler: async () => {
        await abandonUnverified(jobCtx(deps, 'points-hourly'));
      },
    },
    {
      name: TELL_SHORTLISTED_JOB,
      retryLimit: 5,
      handler: async (data) => {
        const { roundId, verifyDue } = data as { roundId: string; verifyDue: string };
        await tellRoundShortlisted(jobCtx(deps, 'points-shortlisted'), roundId, verifyDue);
      },
    },
  ];
}
