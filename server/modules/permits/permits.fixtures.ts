import { expect } from 'vitest';
import type { TestApp, TestUser } from '../../test/harness';
import { uploadAs } from '../../test/fixtures';
import { recountTallies } from './permits.repo';

export { china, idOf, LONG_SESSION, PNG, registerAt, uploadAs } from '../../test/fixtures';

/** Test helpers of the permits module (no tests here). */

/** The three materials an employment-based application needs, uploaded by `user`. */
export async function employmentMaterials(t: TestApp, user: TestUser) {
  return [{ kind: 'photo', fileId: await uploadAs(t, user) }, { kind: 'id_card', fileId: await uploadAs(t, user) }, { kind: 'employment_proof', fileId: await uploadAs(t, user) }];
}

/** Whatever a test did, the tallies kept by the writes agree with a count of the records. */
export async function expectTalliesAgree(t: TestApp | undefined): Promise<void> {
  if (!t) return;
  const tallies = await recountTallies(t.db);
  expect(tallies.actual.length).toBeGreaterThan(0);
  expect(tallies.kept).toEqual(tallies.actual);
  expect(tallies.keptDue).toEqual(tallies.actualDue);
}
