import { z } from 'zod';

/**
 * A policy setting: a number or switch the rules depend on, with the official value as default and where
 * that value comes from. Labels live in i18n (`settings:<key>.label`, `.help`).
 */
export type SettingDefinition =
  | { key: string; module: string; kind: 'integer'; default: number; min: number; max: number; unit: 'workdays' | 'days' | 'hours' | 'm2' | 'count'; source: string }
  | { key: string; module: string; kind: 'boolean'; default: boolean; source: string };

/** The policy settings of the registry (docs: policy.md §4.3, FS-LDRK-2014; Guangzhou's own deadline is not published). */
export const REGISTRY_SETTINGS = [
  { key: 'registry.arrivalDeadlineWorkdays', module: 'registry', kind: 'integer', default: 3, min: 0, max: 60, unit: 'workdays', source: '《佛山市流动人口和出租屋服务管理办法》(2014) 第十九条' },
  { key: 'registry.landlordDeadlineWorkdays', module: 'registry', kind: 'integer', default: 3, min: 0, max: 60, unit: 'workdays', source: '《佛山市流动人口和出租屋服务管理办法》(2014) 第三十条' },
  { key: 'registry.selfDeclarationAutoConfirm', module: 'registry', kind: 'boolean', default: false, source: '同上第十九条：登记由派出所确认；是否自动确认由本市决定' },
] as const satisfies readonly SettingDefinition[];

/** Every policy setting of Anju. */
export const SETTINGS = [...REGISTRY_SETTINGS] as const;
export type SettingKey = (typeof SETTINGS)[number]['key'];
type DefinitionOf<K extends SettingKey> = Extract<(typeof SETTINGS)[number], { key: K }>;
export type SettingValue<K extends SettingKey> = DefinitionOf<K>['kind'] extends 'boolean' ? boolean : number;

export function settingDefinition(key: string): SettingDefinition | undefined {
  return (SETTINGS as readonly SettingDefinition[]).find((setting) => setting.key === key);
}

export const SettingView = z.object({
  key: z.string(),
  module: z.string(),
  kind: z.enum(['integer', 'boolean']),
  value: z.union([z.number(), z.boolean()]),
  default: z.union([z.number(), z.boolean()]),
  min: z.number().nullable(),
  max: z.number().nullable(),
  unit: z.string().nullable(),
  source: z.string(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type SettingView = z.infer<typeof SettingView>;
export const SettingList = z.object({ items: z.array(SettingView) });

export const SettingKeyParam = z.strictObject({ key: z.string().min(1).max(100) });
export const SettingInput = z.strictObject({ value: z.union([z.number(), z.boolean()]) });
export type SettingInput = z.infer<typeof SettingInput>;
