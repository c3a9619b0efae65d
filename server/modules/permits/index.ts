import type { AnjuModuleDefinition } from '../../platform/http/module';
import { permitsJobs } from './permits.jobs';
import { permitsRoutes } from './permits.routes';

/** Residence permits (居住证): eligibility, application, review and issue, endorsement, suspension and reminders. */
export const permitsModule: AnjuModuleDefinition = {
  name: 'permits',
  prefix: '/api/permits',
  routes: permitsRoutes,
  jobs: permitsJobs,
};

export { remindEndorsements, suspendLapsed } from './permits.service';
export { seedPermits } from './permits.demo';
export { permitPeriodsOfPerson } from './permits.repo';
