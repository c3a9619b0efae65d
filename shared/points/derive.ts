import { addMonths } from '../permits/permit-dates';
import type { Facts } from './engine';
import type { DerivedFact, PackBody } from './pack.schema';

/** What Anju's own records say about a person, as the points system reads them. */
export type PersonRecords = {
  birthDate: string;
  /** Registered stays in the city, any order; `leftOn` null while living there. */
  stays: { arrivedOn: string; leftOn: string | null; divisionCode: string; houseUse: string }[];
  /** Residence permits of the city; `endedOn` null while in force. */
  permits: { status: string; issuedOn: string; runSince: string; endedOn: string | null }[];
};

/** Whole months from `from` to `to` as the Civil Code counts them (0 when `to` is not after `from`). */
export function fullMonths(from: string, to: string): number {
  if (to <= from) return 0;
  let months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + (Number(to.slice(5, 7)) - Number(from.slice(5, 7)));
  while (months > 0 && addMonths(from, months) > to) months -= 1;
  return Math.max(0, months);
}

function derived(key: DerivedFact, pack: PackBody, records: PersonRecords, on: string): Facts[string] {
  const stays = records.stays.filter((s) => s.arrivedOn <= on);
  const end = (leftOn: string | null) => (leftOn && leftOn < on ? leftOn : on);
  switch (key) {
    case 'birth_date': return records.birthDate;
    case 'registered': return stays.some((s) => s.leftOn === null || s.leftOn > on);
    case 'rented_months':
      return stays.filter((s) => s.houseUse === 'rental' || s.houseUse === 'dormitory').reduce((sum, s) => sum + fullMonths(s.arrivedOn, end(s.leftOn)), 0);
    case 'moved_out_months': {
      const core = (code: string) => (pack.coreDistricts ?? []).some((d) => code.startsWith(d));
      const lastCore = stays.filter((s) => core(s.divisionCode)).map((s) => end(s.leftOn)).sort().pop();
      if (!lastCore) return 0;
      return stays.filter((s) => !core(s.divisionCode) && s.arrivedOn >= lastCore).reduce((sum, s) => sum + fullMonths(s.arrivedOn, end(s.leftOn)), 0);
    }
    case 'permit_valid': return records.permits.some((p) => p.status === 'valid' && p.issuedOn <= on);
    case 'permit_months':
      return records.permits.filter((p) => p.issuedOn <= on).reduce((sum, p) => sum + fullMonths(p.issuedOn, end(p.endedOn)), 0);
    case 'permit_continuous_months': {
      const current = records.permits.find((p) => (p.status === 'valid' || p.status === 'suspended') && p.runSince <= on);
      return current ? fullMonths(current.runSince, on) : 0;
    }
  }
}

/** The pack's registry and permits facts, from the records, as on `on` (the materials cut-off or today). */
export function deriveFacts(pack: PackBody, records: PersonRecords, on: string): Facts {
  const facts: Facts = {};
  for (const fact of pack.facts) if (fact.derive) facts[fact.id] = derived(fact.derive, pack, records, on);
  return facts;
}
