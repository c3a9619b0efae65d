import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { divisionLevel, DivisionCode, isWithin, normaliseCityCode } from './division-code';
import { idCheckCharacter, maskIdNumber, parseIdNumber, upgradeIdNumber } from './id-number';
import { maskPhone, Phone } from './phone';
import { defineWorkflow } from './workflow';

const withCheck = (first17: string) => first17 + idCheckCharacter(first17);

describe('citizen ID numbers (GB 11643)', () => {
  it('accepts the standard\'s own example and reads birth date and sex from it', () => {
    expect(parseIdNumber('11010519491231002X', { today: '2026-11-25' })).toEqual({
      ok: true, facts: { idNumber: '11010519491231002X', areaCode: '110105', birthDate: '1949-12-31', sex: 'female' },
    });
  });

  it('accepts a lower-case x and surrounding spaces', () => {
    expect(parseIdNumber(' 11010519491231002x ')).toMatchObject({ ok: true, facts: { idNumber: '11010519491231002X' } });
  });

  it('names each problem', () => {
    expect(parseIdNumber('1101051949123100')).toEqual({ ok: false, problem: 'format' });
    expect(parseIdNumber('110105194912310021')).toEqual({ ok: false, problem: 'check' });
    expect(parseIdNumber(withCheck('44010619900230123'))).toEqual({ ok: false, problem: 'date' });
    expect(parseIdNumber(withCheck('44010620270101123'), { today: '2026-11-25' })).toEqual({ ok: false, problem: 'future' });
    expect(parseIdNumber(withCheck('99999919900101123'), { areaExists: () => false })).toEqual({ ok: false, problem: 'area' });
  });

  it('knows leap days', () => {
    expect(parseIdNumber(withCheck('44010620000229123'), { today: '2026-11-25' }).ok).toBe(true);
    expect(parseIdNumber(withCheck('44010619000229123'), { today: '2026-11-25' })).toEqual({ ok: false, problem: 'date' });
    expect(parseIdNumber(withCheck('44010620230229123'), { today: '2026-11-25' })).toEqual({ ok: false, problem: 'date' });
  });

  it('takes a birth date of today but not tomorrow', () => {
    expect(parseIdNumber(withCheck('44010620261125123'), { today: '2026-11-25' }).ok).toBe(true);
    expect(parseIdNumber(withCheck('44010620261126123'), { today: '2026-11-25' }).ok).toBe(false);
  });

  it('upgrades a 15-digit legacy number', () => {
    expect(upgradeIdNumber('110105491231002')).toBe('11010519491231002X');
    expect(parseIdNumber('110105491231002')).toMatchObject({ ok: true, facts: { idNumber: '11010519491231002X', birthDate: '1949-12-31' } });
  });

  it('accepts Hong Kong, Macao and Taiwan residence-permit numbers without an area lookup', () => {
    for (const area of ['810000', '820000', '830000']) {
      expect(parseIdNumber(withCheck(`${area}19850315001`), { areaExists: () => false }).ok).toBe(true);
    }
  });

  it('masks all but the first three and last four characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskIdNumber('123')).toBe('***');
  });
});

describe('phones', () => {
  it('accepts mainland mobile numbers only, and masks the middle', () => {
    expect(Phone.safeParse('13812345678').success).toBe(true);
    expect(Phone.safeParse('12812345678').success).toBe(false);
    expect(Phone.safeParse('1381234567').success).toBe(false);
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});

describe('division codes', () => {
  it('reads the level from the length and prefixes as subtrees', () => {
    expect(['44', '4401', '440106', '440106006', '440106006002', '440106006002001'].map(divisionLevel)).toEqual([
      'province', 'city', 'district', 'street', 'community', 'grid',
    ]);
    expect(() => divisionLevel('44010')).toThrow();
    expect(DivisionCode.safeParse('44010').success).toBe(false);
    expect(isWithin('440106006002', '440106')).toBe(true);
    expect(isWithin('440111002', '440106')).toBe(false);
    expect(normaliseCityCode('440600')).toBe('4406');
    expect(normaliseCityCode('4401')).toBe('4401');
  });
});

describe('defineWorkflow', () => {
  const flow = defineWorkflow(['draft', 'submitted', 'approved', 'returned'], {
    submit: { from: ['draft', 'returned'], to: 'submitted', permission: 'x.apply' },
    approve: { from: ['submitted'], to: 'approved', permission: 'x.approve' },
    return: { from: ['submitted'], to: 'returned', permission: 'x.approve' },
  });

  it('moves along declared transitions only', () => {
    expect(flow.next('draft', 'submit', ['x.apply'])).toBe('submitted');
    expect(flow.next('returned', 'submit', ['x.apply'])).toBe('submitted');
    expect(() => flow.next('approved', 'submit', ['x.apply'])).toThrow(AppError);
    try {
      flow.next('draft', 'approve', ['x.approve']);
    } catch (error) {
      expect(error).toMatchObject({ code: 'WORKFLOW_ACTION_NOT_OPEN', params: { status: 'draft', action: 'approve' } });
    }
  });

  it('checks the permission after the transition', () => {
    expect(() => flow.next('submitted', 'approve', ['x.apply'])).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }) as Error);
  });

  it('lists the actions open to the holder of the permissions', () => {
    expect(flow.available('submitted', ['x.approve'])).toEqual(['approve', 'return']);
    expect(flow.available('submitted', ['x.apply'])).toEqual([]);
    expect(flow.available('draft', ['x.apply', 'x.approve'])).toEqual(['submit']);
  });
});
