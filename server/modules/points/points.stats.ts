import type { PointsStats } from '@shared/points/application.schema';
import type { Ctx } from '../../platform/http/context';
import * as repo from './points.repo';
import { today } from './points.service';

const TAKEN = ['shortlisted', 'verified', 'card_issued'];

/**
 * Statistics of the caller's jurisdiction: every round's applications by status with the quota used, and each
 * department's review work against its deadline. Counts come from the tallies the tables' triggers keep; only the
 * "overdue now" figures read the open queues, through their due-date indexes.
 */
export async function getStats(ctx: Ctx): Promise<PointsStats> {
  const on = today(ctx);
  const rounds = await repo.listRounds(ctx.db);
  const counts = await repo.applicationTallies(ctx.db, ctx.scope, rounds.map((r) => r.id));
  const overdueApplications = new Map((await repo.overdueApplicationsByRound(ctx.db, ctx.scope, on)).map((r) => [r.roundId, r.n]));
  const departments = new Map<string, PointsStats['departments'][number]>();
  const line = (department: string) => {
    let d = departments.get(department);
    if (!d) departments.set(department, d = { department, open: 0, deferred: 0, returned: 0, doneOnTime: 0, doneLate: 0, overdue: 0, onTimeRate: null });
    return d;
  };
  for (const r of await repo.taskTallyRows(ctx.db, ctx.scope)) {
    const d = line(r.department);
    if (r.state === 'open') d.open += r.n;
    else if (r.state === 'deferred') d.deferred += r.n;
    else if (r.state === 'returned') d.returned += r.n;
    else if (r.state === 'done_on_time') d.doneOnTime += r.n;
    else if (r.state === 'done_late') d.doneLate += r.n;
  }
  for (const r of await repo.overdueTasksByDepartment(ctx.db, ctx.scope, on)) line(r.department).overdue = r.n;
  for (const d of departments.values()) {
    const done = d.doneOnTime + d.doneLate;
    d.onTimeRate = done === 0 ? null : Math.round((d.doneOnTime / done) * 1000) / 1000;
  }
  return {
    rounds: rounds.map((round) => {
      const c = counts.get(round.id) ?? {};
      const sum = (statuses: string[]) => statuses.reduce((n, s) => n + (c[s] ?? 0), 0);
      return {
        id: round.id, name: round.name, year: round.year, status: round.status, quota: round.quota, counts: c,
        total: Object.values(c).reduce((a, b) => a + b, 0), overdue: overdueApplications.get(round.id) ?? 0,
        placesTaken: sum(TAKEN), cardsIssued: c.card_issued ?? 0,
      };
    }),
    departments: [...departments.values()].sort((a, b) => a.department.localeCompare(b.department)),
  };
}
