import type { AnjuModuleDefinition } from '../../platform/http/module';
import { housingJobs } from './housing.jobs';
import { chinaDate } from '@shared/kernel/workdays';
import { ensureLetter } from './housing.letters';
import { housingRoutes } from './housing.routes';
import { ensureTaxRates } from './housing.tax';

/** Rental houses beyond inspections: the sub-landlord and agent register with its blacklist, and overcrowding detection. */
export const housingModule: AnjuModuleDefinition = {
  name: 'housing',
  prefix: '/api/housing',
  routes: housingRoutes,
  jobs: housingJobs,
  prepare: async (db, city) => {
    await ensureLetter(db, chinaDate(new Date()));
    await ensureTaxRates(db, city);
  },
};

export { judgeAll } from './housing.service';
export { issueBills } from './housing.tax';
export { seedHousing } from './housing.demo';
