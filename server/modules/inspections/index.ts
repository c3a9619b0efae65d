import type { AnjuModuleDefinition } from '../../platform/http/module';
import { inspectionsJobs } from './inspections.jobs';
import { inspectionsRoutes } from './inspections.routes';
import { ensureChecklist } from './inspections.service';

/** Rental-house inspections: the 八查 checklist, grading and stars, schedules by grade, the hazard loop with departments. */
export const inspectionsModule: AnjuModuleDefinition = {
  name: 'inspections',
  prefix: '/api/inspections',
  routes: inspectionsRoutes,
  jobs: inspectionsJobs,
  prepare: async (db) => {
    await ensureChecklist(db);
  },
};

export { planDaily } from './inspections.service';
export { rentalHousesBy } from './inspections.stats';
export { seedInspections } from './inspections.demo';
export { planFlaggedInspection } from './inspections.service';
export { addDoorRegistrationTask } from './inspections.service';
