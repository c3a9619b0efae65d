import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DateParam, DayList, DaysQuery, OverrideInput, OverrideList, OverrideListQuery, OverrideView } from '@shared/calendar/calendar.schema';
import { Ok } from '@shared/auth/auth.schema';
import { ErrorBody } from '@shared/errors';
import * as calendar from './calendar.service';

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/days', {
    config: { permission: 'session' },
    schema: { summary: 'Working days and days off in a range (at most a year)', tags: ['calendar'], querystring: DaysQuery, response: { 200: DayList, 400: ErrorBody } },
  }, (req) => calendar.listDays(req.ctx, req.query));

  app.get('/overrides', {
    config: { permission: 'session' },
    schema: { summary: 'The city\'s corrections to the official schedule in a year', tags: ['calendar'], querystring: OverrideListQuery, response: { 200: OverrideList } },
  }, (req) => calendar.listOverrides(req.ctx, req.query.year));

  app.put('/overrides/:date', {
    config: { permission: 'calendar.manage' },
    schema: { summary: 'Make a day a working day or a day off for the whole city', tags: ['calendar'], params: DateParam, body: OverrideInput, response: { 200: OverrideView, 403: ErrorBody } },
  }, (req) => calendar.setOverride(req.ctx, req.params.date, req.body));

  app.delete('/overrides/:date', {
    config: { permission: 'calendar.manage' },
    schema: { summary: 'Remove a day\'s correction', tags: ['calendar'], params: DateParam, response: { 200: Ok, 404: ErrorBody } },
  }, (req) => calendar.removeOverride(req.ctx, req.params.date));
};
