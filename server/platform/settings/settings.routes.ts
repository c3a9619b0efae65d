import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody } from '@shared/errors';
import { SettingInput, SettingKeyParam, SettingList, SettingView } from '@shared/settings/settings';
import * as settings from './settings.service';

const tags = ['settings'];

export const settingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', {
    config: { permission: 'session' },
    schema: { summary: 'Every policy setting: the city\'s value, the official default and its source', tags, response: { 200: SettingList } },
  }, (req) => settings.listSettings(req.ctx));

  app.put('/:key', {
    config: { permission: 'settings.manage' },
    schema: { summary: 'Set a policy setting for the whole city (audited)', tags, params: SettingKeyParam, body: SettingInput, response: { 200: SettingView, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
  }, (req) => settings.setSetting(req.ctx, req.params.key, req.body));
};
