/** The landlord's duties on space and numbers (policy.md §4.3, Foshan 2014 Art. 28): settings, with these defaults. */
export type OccupancyRules = { minAreaSingle: number; minAreaPerPerson: number; groupRentalOccupants: number };

export type OccupancyFinding = { code: 'single_too_small' | 'too_little_per_person' | 'group_rental'; message: string; messageEn: string };

/**
 * What a house's floor area and registered occupants say: one person needs at least `minAreaSingle` m², two or more
 * at least `minAreaPerPerson` m² each; `groupRentalOccupants` or more people is a group rental whatever the area.
 * An unknown area is judged on the head count alone.
 */
export function judgeOccupancy(areaM2: number | null, occupants: number, rules: OccupancyRules): OccupancyFinding[] {
  const found: OccupancyFinding[] = [];
  if (occupants >= rules.groupRentalOccupants) {
    found.push({ code: 'group_rental', message: `登记在住 ${occupants} 人，达到 ${rules.groupRentalOccupants} 人`, messageEn: `${occupants} registered occupants, at or over ${rules.groupRentalOccupants}` });
  }
  if (areaM2 !== null && occupants === 1 && areaM2 < rules.minAreaSingle) {
    found.push({ code: 'single_too_small', message: `单人居住面积 ${areaM2} 平方米，不足 ${rules.minAreaSingle} 平方米`, messageEn: `${areaM2} m² for one person, under ${rules.minAreaSingle} m²` });
  }
  if (areaM2 !== null && occupants >= 2 && areaM2 / occupants < rules.minAreaPerPerson) {
    const each = Math.floor((areaM2 / occupants) * 100) / 100;
    found.push({ code: 'too_little_per_person', message: `${occupants} 人共 ${areaM2} 平方米，人均 ${each} 平方米，不足 ${rules.minAreaPerPerson} 平方米`, messageEn: `${occupants} people in ${areaM2} m², ${each} m² each, under ${rules.minAreaPerPerson} m²` });
  }
  return found;
}
