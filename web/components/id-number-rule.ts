import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import { parseIdNumber } from '@shared/kernel/id-number';
import { ID_NUMBER_PROBLEM_CODES } from '@shared/registry/registry.schema';

/** A form rule that checks an ID number as the server does and names what is wrong with it. */
export function idNumberRule(t: TFunction): Rule {
  return {
    validator: (_, value: string | undefined) => {
      if (!value) return Promise.resolve();
      const parsed = parseIdNumber(value);
      return parsed.ok ? Promise.resolve() : Promise.reject(new Error(t(`errors:${ID_NUMBER_PROBLEM_CODES[parsed.problem]}`)));
    },
  };
}
