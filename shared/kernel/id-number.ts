const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** Hong Kong, Macao and Taiwan residents' residence-permit numbers use these address codes. */
export const HMT_AREA_CODES = ['810000', '820000', '830000'] as const;

/** The check character (GB 11643, ISO 7064 MOD 11-2) of the first 17 digits. */
export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export type IdNumberFacts = { idNumber: string; areaCode: string; birthDate: string; sex: 'male' | 'female' };
export type IdNumberProblem = 'format' | 'check' | 'date' | 'future' | 'area';

/** Converts a legacy 15-digit number to 18 digits (inserts "19", adds the check character). */
export function upgradeIdNumber(legacy: string): string {
  const first17 = `${legacy.slice(0, 6)}19${legacy.slice(6)}`;
  return first17 + idCheckCharacter(first17);
}

function isRealDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1880 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Checks a citizen ID number (GB 11643): format, check character, a real birth date not after `today`,
 * and (when `areaExists` is given) an address code that exists or existed. Returns the facts or the problem.
 */
export function parseIdNumber(
  raw: string,
  options: { today?: string; areaExists?: (code: string) => boolean } = {},
): { ok: true; facts: IdNumberFacts } | { ok: false; problem: IdNumberProblem } {
  let value = raw.trim().toUpperCase();
  if (/^\d{15}$/.test(value)) value = upgradeIdNumber(value);
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: 'format' };
  if (idCheckCharacter(value.slice(0, 17)) !== value[17]) return { ok: false, problem: 'check' };
  const birth = value.slice(6, 14);
  if (!isRealDate(birth)) return { ok: false, problem: 'date' };
  const today = (options.today ?? new Date().toISOString().slice(0, 10)).replaceAll('-', '');
  if (birth > today) return { ok: false, problem: 'future' };
  const areaCode = value.slice(0, 6);
  const hmt = (HMT_AREA_CODES as readonly string[]).includes(areaCode);
  if (!hmt && options.areaExists && !options.areaExists(areaCode)) return { ok: false, problem: 'area' };
  return {
    ok: true,
    facts: {
      idNumber: value,
      areaCode,
      birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
      sex: Number(value[16]) % 2 === 1 ? 'male' : 'female',
    },
  };
}

/** Masks an ID number for display: first 3 and last 4 characters stay. */
export function maskIdNumber(value: string): string {
  return value.length < 8 ? '*'.repeat(value.length) : `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}
