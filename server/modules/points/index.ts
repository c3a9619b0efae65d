import type { AnjuModuleDefinition } from '../../platform/http/module';
import { pointsJobs } from './points.jobs';
import { pointsRoutes } from './points.routes';
import { ensureShippedPacks } from './points.service';

/** The points system (积分制): versioned policy packs, the scoring engine, self-assessment. */
export const pointsModule: AnjuModuleDefinition = {
  name: 'points',
  prefix: '/api/points',
  routes: pointsRoutes,
  jobs: pointsJobs,
  prepare: async (db) => {
    await ensureShippedPacks(db);
  },
};

export { ensureShippedPacks } from './points.service';
export { seedPoints } from './points.demo';
export { recordVolunteerHours } from './points.applications';
