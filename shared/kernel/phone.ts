import { z } from 'zod';

/** A mainland mobile number: 11 digits starting with 1 and a second digit 3–9. */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;
export const Phone = z.string().trim().regex(PHONE_PATTERN, { message: 'errors:AUTH_PHONE_INVALID' });

/** Masks a phone for display: 138****0000. */
export function maskPhone(value: string): string {
  return value.length === 11 ? `${value.slice(0, 3)}****${value.slice(7)}` : value.replace(/\d(?=\d{4})/g, '*');
}
