import type { JobDefinition, JobDeps } from '../jobs/jobs';
import { purgeExpired } from './auth.service';

/** Hourly: expired sessions and day-old SMS codes are deleted. */
export function authJobs(deps: JobDeps): JobDefinition[] {
  return [
    {
      name: 'auth.purge-expired',
      cron: '17 * * * *',
      retryLimit: 0,
      handler: async () => {
        await purgeExpired(deps.dbHandle.db, deps.now());
      },
    },
  ];
}
