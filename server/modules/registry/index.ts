import type { AnjuModuleDefinition } from '../../platform/http/module';
import { registryRoutes } from './registry.routes';

/** The registry (以屋管人): addresses, houses, persons and residence registration. */
export const registryModule: AnjuModuleDefinition = { name: 'registry', prefix: '/api/registry', routes: registryRoutes };

export { checkIdNumber, originName, lateness } from './registry.service';
export { seedDeclarations, seedPopulation } from './registry.demo';
