import type { AnjuModuleDefinition } from '../../platform/http/module';
import { IMPORT_JOB, importJob } from './registry.import';
import { registryRoutes } from './registry.routes';

/** The registry (以屋管人): addresses, houses, persons and residence registration. */
export const registryModule: AnjuModuleDefinition = {
  name: 'registry',
  prefix: '/api/registry',
  routes: registryRoutes,
  jobs: (deps) => [
    {
      name: IMPORT_JOB,
      // A slice runs about a minute; a run that died with its server expires and is tried again from the checkpoint.
      expireInSeconds: 300,
      retryLimit: 10,
      retryDelay: 5,
      handler: (data) => importJob({ db: deps.dbHandle.db, now: deps.now, jobs: deps.jobs }, (data as { importId: string }).importId),
    },
  ],
};

export { checkIdNumber, originName, deadlineCounter, findResident, type Resident } from './registry.service';
export { seedDeclarations, seedDemoLandlord, seedPopulation } from './registry.demo';
export { createImport, getImport, rejectsCsv, runImport } from './registry.import';
export { countBuildingsIn, listLongResidents, listRentalHousesAfter, findRentalHouse, listHousesOfLandlordPhone, listOccupants, listRentalOccupancyAfter, countOccupants, findBuildingRef, buildingAddresses, residentOfBuilding, type RentalHouse } from './registry.repo';
export { getHousePlacard, getHousePlacardPng, type PlacardGrade } from './registry.qr';
