import { AppError } from '@shared/errors';
import { SETTINGS, settingDefinition, type SettingDefinition, type SettingInput, type SettingKey, type SettingValue, type SettingView } from '@shared/settings/settings';
import * as audit from '../audit/audit';
import { isCityWide } from '../auth/scope';
import type { Executor } from '../db/client';
import type { Ctx } from '../http/context';
import * as repo from './settings.repo';

/**
 * The city's value of a policy setting, or its official default. Read inside the caller's transaction, so a
 * rule and the setting it follows are seen at the same moment.
 */
export async function getSetting<K extends SettingKey>(tx: Executor, key: K): Promise<SettingValue<K>> {
  const definition = settingDefinition(key)!;
  const row = await repo.findSetting(tx, key);
  return (row && typeof row.value === typeof definition.default ? row.value : definition.default) as SettingValue<K>;
}

function present(definition: SettingDefinition, row: { value: number | boolean; updatedAt: Date; updatedByName?: string | null } | undefined): SettingView {
  const integer = definition.kind === 'integer' ? definition : null;
  return {
    key: definition.key, module: definition.module, kind: definition.kind, value: row?.value ?? definition.default, default: definition.default,
    min: integer?.min ?? null, max: integer?.max ?? null, unit: integer?.unit ?? null, source: definition.source,
    updatedAt: row?.updatedAt.toISOString() ?? null, updatedBy: row?.updatedByName ?? null,
  };
}

/** Every policy setting with the city's value, its default and its source. */
export async function listSettings(ctx: Ctx): Promise<{ items: SettingView[] }> {
  const rows = await repo.listSettings(ctx.db);
  return { items: SETTINGS.map((definition) => present(definition, rows.find((row) => row.key === definition.key))) };
}

function checkValue(definition: SettingDefinition, value: number | boolean): void {
  if (definition.kind === 'boolean') {
    if (typeof value !== 'boolean') throw new AppError('SETTING_VALUE_BOOLEAN', { key: definition.key });
  } else if (typeof value !== 'number' || !Number.isInteger(value) || value < definition.min || value > definition.max) {
    throw new AppError('SETTING_VALUE_RANGE', { key: definition.key, min: definition.min, max: definition.max });
  }
}

/**
 * Sets a policy setting for the whole city; setting the value it has changes nothing. Audited with the value before.
 *
 * @throws CITY_LEVEL_ONLY when the caller does not work city-wide; NOT_FOUND for an unknown key.
 * @throws SETTING_VALUE_RANGE / SETTING_VALUE_BOOLEAN when the value does not fit the setting.
 * @idempotent on (key, value).
 */
export async function setSetting(ctx: Ctx, key: string, input: SettingInput): Promise<SettingView> {
  if (!isCityWide(ctx.scope)) throw new AppError('CITY_LEVEL_ONLY');
  const definition = settingDefinition(key);
  if (!definition) throw new AppError('NOT_FOUND');
  checkValue(definition, input.value);
  await ctx.db.transaction(async (tx) => {
    const before = await repo.lockSetting(tx, key);
    const previous = before?.value ?? definition.default;
    if (previous === input.value && before) return;
    await repo.upsertSetting(tx, { key, value: input.value, updatedBy: ctx.actor.userId, updatedAt: ctx.now() });
    await audit.record(tx, ctx, { action: 'settings.set', entityType: 'setting', entityId: key, details: { value: input.value, before: previous } });
  });
  return (await listSettings(ctx)).items.find((item) => item.key === key)!;
}
