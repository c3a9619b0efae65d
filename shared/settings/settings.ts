import { z } from 'zod';

/**
 * A policy setting: a number or switch the rules depend on, with the official value as default and where
 * that value comes from. Labels live in i18n (`settings:<key>.label`, `.help`).
 */
export type SettingDefinition =
  | { key: string; module: string; kind: 'integer'; default: number; min: number; max: number; unit: 'workdays' | 'days' | 'months' | 'hours' | 'm2' | 'count' | 'yuan'; source: string }
  | { key: string; module: string; kind: 'boolean'; default: boolean; source: string };

/** The policy settings of the registry (docs: policy.md §4.3, FS-LDRK-2014; Guangzhou's own deadline is not published). */
export const REGISTRY_SETTINGS = [
  { key: 'registry.arrivalDeadlineWorkdays', module: 'registry', kind: 'integer', default: 3, min: 0, max: 60, unit: 'workdays', source: '《佛山市流动人口和出租屋服务管理办法》(2014) 第十九条' },
  { key: 'registry.landlordDeadlineWorkdays', module: 'registry', kind: 'integer', default: 3, min: 0, max: 60, unit: 'workdays', source: '《佛山市流动人口和出租屋服务管理办法》(2014) 第三十条' },
  { key: 'registry.selfDeclarationAutoConfirm', module: 'registry', kind: 'boolean', default: false, source: '同上第十九条：登记由派出所确认；是否自动确认由本市决定' },
] as const satisfies readonly SettingDefinition[];

/** The policy settings of residence permits (docs: policy.md §4.1–4.2). */
export const PERMITS_SETTINGS = [
  { key: 'permits.minResidenceMonths', module: 'permits', kind: 'integer', default: 6, min: 0, max: 36, unit: 'months', source: '《居住证暂行条例》(2015) 第二条：居住半年以上' },
  { key: 'permits.continuityGapDays', module: 'permits', kind: 'integer', default: 3, min: 0, max: 60, unit: 'days', source: '佛山市居住证办理实践(2016)：市内迁移登记间隔不超过3天视为连续' },
  { key: 'permits.issueDays', module: 'permits', kind: 'integer', default: 15, min: 1, max: 30, unit: 'days', source: '《居住证暂行条例》(2015) 第九条：受理之日起15日内发放，最长不超过30日' },
  { key: 'permits.issueDaysAreWorkdays', module: 'permits', kind: 'boolean', default: false, source: '第九条以日计；佛山2014年规定为10个工作日，按本市规定选择' },
  { key: 'permits.validityMonths', module: 'permits', kind: 'integer', default: 12, min: 1, max: 36, unit: 'months', source: '广州电子居住证：有效期1年；《居住证暂行条例》第十条：每年签注1次' },
  { key: 'permits.endorseWindowMonths', module: 'permits', kind: 'integer', default: 1, min: 1, max: 3, unit: 'months', source: '《居住证暂行条例》(2015) 第十条：在居住每满1年之日前1个月内签注' },
  { key: 'permits.firstReminderDays', module: 'permits', kind: 'integer', default: 30, min: 1, max: 90, unit: 'days', source: '本市提醒安排（签注截止前提醒）' },
  { key: 'permits.secondReminderDays', module: 'permits', kind: 'integer', default: 7, min: 1, max: 30, unit: 'days', source: '本市提醒安排（签注截止前再次提醒）' },
  { key: 'permits.replacementFeeYuan', module: 'permits', kind: 'integer', default: 20, min: 0, max: 200, unit: 'yuan', source: '《居住证暂行条例》(2015) 第二十一条：补领、换领收取工本费（金额由省级价格主管部门核定，默认值为本市设定）' },
  { key: 'permits.lapseCountsAsResidence', module: 'permits', kind: 'boolean', default: false, source: '第十条：逾期未签注的，居住年限自补办签注之日起连续计算；佛山表述不同，默认中止期间不计入' },
] as const satisfies readonly SettingDefinition[];

/** The policy settings of rental-house inspections (分级分类管理; the cycles are the city's own arrangement). */
export const INSPECTIONS_SETTINGS = [
  { key: 'inspections.highRiskCycleDays', module: 'inspections', kind: 'integer', default: 7, min: 1, max: 90, unit: 'days', source: '本市出租屋分级分类管理：高风险（红色）出租屋每周巡查' },
  { key: 'inspections.mediumRiskCycleDays', module: 'inspections', kind: 'integer', default: 30, min: 1, max: 180, unit: 'days', source: '本市出租屋分级分类管理：中风险（黄色）出租屋每月巡查' },
  { key: 'inspections.lowRiskCycleDays', module: 'inspections', kind: 'integer', default: 90, min: 1, max: 366, unit: 'days', source: '本市出租屋分级分类管理：低风险（绿色）出租屋每季度巡查' },
  { key: 'inspections.rectifyDays', module: 'inspections', kind: 'integer', default: 7, min: 1, max: 60, unit: 'days', source: '隐患整改告知：自告知之日起的整改期限（本市设定）' },
  { key: 'inspections.reinspectDays', module: 'inspections', kind: 'integer', default: 3, min: 0, max: 30, unit: 'days', source: '房东报告整改完成后的复查期限（本市设定）' },
] as const satisfies readonly SettingDefinition[];

/** The landlord's duties on space and numbers (policy.md §4.3). */
export const HOUSING_SETTINGS = [
  { key: 'housing.minAreaSingleM2', module: 'housing', kind: 'integer', default: 5, min: 1, max: 50, unit: 'm2', source: '《佛山市流动人口和出租屋服务管理办法》(2014) 第二十八条：单人居住的，使用面积不少于5平方米' },
  { key: 'housing.minAreaPerPersonM2', module: 'housing', kind: 'integer', default: 3, min: 1, max: 50, unit: 'm2', source: '同上第二十八条：2人以上居住的，人均使用面积不少于3平方米' },
  { key: 'housing.groupRentalOccupants', module: 'housing', kind: 'integer', default: 30, min: 2, max: 500, unit: 'count', source: '同上第二十八条：居住30人以上的，应安装信息系统并设专人管理' },
  { key: 'housing.doorSightings', module: 'housing', kind: 'integer', default: 3, min: 1, max: 100, unit: 'count', source: '本市门禁数据应用安排：未登记人员在同一栋楼出入达到此次数，生成登记任务' },
  { key: 'housing.doorSightingDays', module: 'housing', kind: 'integer', default: 7, min: 1, max: 90, unit: 'days', source: '本市门禁数据应用安排：出入次数的统计期间' },
  { key: 'housing.doorEventRetentionDays', module: 'housing', kind: 'integer', default: 180, min: 90, max: 3650, unit: 'days', source: '《个人信息保护法》(2021) 第十九条：个人信息的保存期限应当为实现处理目的所必要的最短时间（期限由本市设定，不短于出入次数的统计期间）' },
] as const satisfies readonly SettingDefinition[];

/** Every policy setting of Anju. */
export const SETTINGS = [...REGISTRY_SETTINGS, ...PERMITS_SETTINGS, ...INSPECTIONS_SETTINGS, ...HOUSING_SETTINGS] as const;
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
