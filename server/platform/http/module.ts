import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../db/client';
import type { JobDefinition, JobDeps } from '../jobs/jobs';

/** A module's public face to the app: its routes under a prefix, and the background jobs it defines. */
export type AnjuModuleDefinition = {
  name: string;
  prefix: string;
  routes: FastifyPluginAsync;
  jobs?: (deps: JobDeps) => JobDefinition[];
  /** Reference data the module needs in every deployment (run at every start, so it must be idempotent); `city` is the four-digit code served. */
  prepare?: (db: Db, city: string) => Promise<void>;
};
