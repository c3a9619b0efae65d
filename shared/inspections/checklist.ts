import type { Department } from '../permissions';

/** What a checklist item belongs to on the evaluation form (分级分类): hardware, fire safety, public security, hygiene. */
export const ITEM_CATEGORIES = ['hardware', 'fire', 'security', 'hygiene'] as const;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];

/** One line of the inspection checklist and of the grading form; the city edits them (they are settings). */
export type ChecklistItem = {
  code: string;
  category: ItemCategory;
  label: { zh: string; en: string };
  /** Points a failure takes from 100 on the grading form. */
  weight: number;
  /** A serious failure goes to the competent department at once, besides the landlord's notice. */
  serious: boolean;
  /** The competent department a hazard of this item is referred to (查处). */
  department: Department;
  active: boolean;
  sort: number;
};

/**
 * The 八查 checklist Guangzhou's rental-house inspections use (来穗人员服务管理“十四五”规划, 出租屋“八查”行动), with the
 * grading form's weights. Items, weights and departments are the defaults a city edits.
 */
export const DEFAULT_CHECKLIST: ChecklistItem[] = [
  { code: 'ebike', category: 'fire', label: { zh: '电动自行车违规停放、充电', en: 'E-bikes parked or charged indoors or in escape routes' }, weight: 15, serious: false, department: 'fire_rescue', active: true, sort: 1 },
  { code: 'gas_heater', category: 'fire', label: { zh: '违规安装使用燃气热水器（直排式）、电热棒', en: 'Unvented gas water heater or immersion heater in use' }, weight: 15, serious: true, department: 'gas', active: true, sort: 2 },
  { code: 'wiring', category: 'hardware', label: { zh: '乱拉乱接电线、电器设备', en: 'Improvised wiring or overloaded sockets' }, weight: 10, serious: false, department: 'fire_rescue', active: true, sort: 3 },
  { code: 'mixed_use', category: 'fire', label: { zh: '“三合一”“二合一”（住人与生产、经营、仓储混用）', en: '"Three-in-one" / "two-in-one": living mixed with production, trade or storage' }, weight: 20, serious: true, department: 'fire_rescue', active: true, sort: 4 },
  { code: 'group_rental', category: 'security', label: { zh: '群租（分隔出租、超员居住）', en: 'Group rental (partitioned or overcrowded)' }, weight: 10, serious: false, department: 'housing', active: true, sort: 5 },
  { code: 'fire_exits', category: 'fire', label: { zh: '消防通道、安全出口堵塞或锁闭', en: 'Fire exits or escape routes blocked or locked' }, weight: 10, serious: false, department: 'fire_rescue', active: true, sort: 6 },
  { code: 'extinguishers', category: 'hardware', label: { zh: '灭火器、应急照明未按要求配备', en: 'Extinguishers or emergency lights missing' }, weight: 5, serious: false, department: 'fire_rescue', active: true, sort: 7 },
  { code: 'registration', category: 'security', label: { zh: '住户未办理居住登记', en: 'Occupants not registered' }, weight: 5, serious: false, department: 'public_security', active: true, sort: 8 },
  { code: 'safety_letter', category: 'security', label: { zh: '未签订出租屋安全管理责任书', en: 'No safety responsibility letter signed' }, weight: 5, serious: false, department: 'public_security', active: true, sort: 9 },
  { code: 'hygiene', category: 'hygiene', label: { zh: '楼道杂物堆放、环境卫生差', en: 'Clutter in stairways, poor hygiene' }, weight: 5, serious: false, department: 'housing', active: true, sort: 10 },
];
