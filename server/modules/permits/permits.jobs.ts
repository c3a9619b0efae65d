import type { JobDefinition, JobDeps } from '../../platform/jobs/jobs';
import { remindEndorsements, suspendLapsed } from './permits.service';

export const DAILY_JOB = 'permits.daily';

/** Every hour (cheap when there is nothing to do): suspensions of missed deadlines, then endorsement reminders. */
export function permitsJobs(deps: JobDeps): JobDefinition[] {
  return [
    {
      name: DAILY_JOB,
      cron: '17 * * * *',
      retryLimit: 3,
      handler: async () => {
        const work = { db: deps.dbHandle.db, notifier: deps.notifier, now: deps.now };
        await suspendLapsed(work);
        await remindEndorsements(work);
      },
    },
  ];
}
