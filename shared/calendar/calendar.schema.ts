import { z } from 'zod';

export const IsoDateString = z.iso.date({ message: 'errors:validation.invalid_format' });

export const DayView = z.object({
  date: z.string(),
  kind: z.enum(['workday', 'holiday']),
  source: z.enum(['override', 'official', 'weekend', 'weekday']),
  name: z.string().nullable(),
  nameEn: z.string().nullable(),
});
export type DayView = z.infer<typeof DayView>;

export const DaysQuery = z.strictObject({ from: IsoDateString, to: IsoDateString });
export type DaysQuery = z.infer<typeof DaysQuery>;
export const DayList = z.object({ items: z.array(DayView) });

export const OverrideView = z.object({
  date: z.string(),
  kind: z.enum(['workday', 'holiday']),
  note: z.string().nullable(),
  updatedAt: z.string(),
});
export type OverrideView = z.infer<typeof OverrideView>;
export const OverrideList = z.object({ items: z.array(OverrideView) });
export const OverrideListQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });

export const DateParam = z.strictObject({ date: IsoDateString });
export const OverrideInput = z.strictObject({
  kind: z.enum(['workday', 'holiday']),
  note: z.string().trim().max(100).optional(),
});
export type OverrideInput = z.infer<typeof OverrideInput>;
