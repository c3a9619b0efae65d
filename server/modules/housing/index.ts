import type { AnjuModuleDefinition } from '../../platform/http/module';
import { housingJobs } from './housing.jobs';
import { housingRoutes } from './housing.routes';

/** Rental houses beyond inspections: the sub-landlord and agent register with its blacklist, and overcrowding detection. */
export const housingModule: AnjuModuleDefinition = {
  name: 'housing',
  prefix: '/api/housing',
  routes: housingRoutes,
  jobs: housingJobs,
};

export { judgeAll } from './housing.service';
