import type { Rule } from 'antd/es/form';
import type { z } from 'zod';
import { i18n } from './i18n';

/** An Ant Design form rule from a Zod schema: the form checks with the same schema as the server. */
export function zodRule(schema: z.ZodType): Rule {
  return {
    validator(_, value: unknown) {
      if (value === undefined || value === '') return Promise.resolve();
      const result = schema.safeParse(value);
      if (result.success) return Promise.resolve();
      const message = result.error.issues[0]?.message ?? '';
      return Promise.reject(
        new Error(message.startsWith('errors:') ? i18n.t(message) : i18n.t('errors:validation.invalid_format')),
      );
    },
  };
}
