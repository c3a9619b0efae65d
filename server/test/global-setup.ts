import { createTemplate, dropTestDatabases } from './db';

/** With TEST_DATABASE_URL set, builds the migrated template every test database is copied from. */
export async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) await createTemplate(url);
}

export async function teardown(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) await dropTestDatabases(url);
}
