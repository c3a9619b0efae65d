import { AppError } from '@shared/errors';
import type { MyHousesView } from '@shared/inspections/inspection.schema';
import type { Ctx } from '../../platform/http/context';
import { listHousesOfLandlordPhone } from '../registry';
import { hazardSummary } from './inspections.hazards';
import * as repo from './inspections.repo';
import { checklist, gradeView } from './inspections.service';

/** A landlord's houses (those whose landlord's registered mobile is the account's): grade, how to raise it, hazards. */
export async function myHouses(ctx: Ctx): Promise<{ items: MyHousesView['items'] }> {
  if (!ctx.actor.phone) throw new AppError('NOT_FOUND');
  const houses = await listHousesOfLandlordPhone(ctx.db, ctx.actor.phone);
  const items = await checklist(ctx.db);
  const labels = new Map(items.map((i) => [i.code, i.label]));
  const grades = new Map((await repo.gradesOf(ctx.db, houses.map((h) => h.id))).map((g) => [g.houseId, g]));
  const hazards = await repo.hazardsOfHouses(ctx.db, houses.map((h) => h.id), false);
  return {
    items: houses.map((h) => ({
      houseId: h.id, address: h.address, grade: gradeView(grades.get(h.id), items),
      hazards: hazards.filter((z) => z.houseId === h.id && z.landlordPhone === ctx.actor.phone).map((z) => hazardSummary(ctx, z, labels)),
    })),
  };
}
