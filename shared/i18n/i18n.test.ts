import { describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../errors';
import { NAMESPACES, pickLanguage, resources, translate } from './index';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('zh-CN and en have the same keys and the same placeholders, in every namespace', () => {
    const problems: string[] = [];
    for (const ns of NAMESPACES) {
      const zh = leaves(resources['zh-CN'][ns]);
      const en = leaves(resources.en[ns]);
      for (const key of zh.keys()) if (!en.has(key)) problems.push(`en lacks ${ns}:${key}`);
      for (const key of en.keys()) if (!zh.has(key)) problems.push(`zh-CN lacks ${ns}:${key}`);
      for (const [key, text] of zh) {
        const other = en.get(key);
        if (other !== undefined && placeholders(text).join() !== placeholders(other).join()) problems.push(`${ns}:${key} placeholders differ`);
        if (!text.trim() || (other !== undefined && !other.trim())) problems.push(`${ns}:${key} is empty`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every error code has a message in both languages', () => {
    const missing = Object.keys(ERROR_STATUS).filter((code) => translate('zh-CN', `errors:${code}`) === `errors:${code}` || translate('en', `errors:${code}`) === `errors:${code}`);
    expect(missing).toEqual([]);
  });

  it('fills placeholders and falls back to the key', () => {
    expect(translate('en', 'errors:REQUEST_TOO_LARGE', { limit: '1 MB' })).toBe('The request is too large (limit 1 MB)');
    expect(translate('zh-CN', 'errors:NO_SUCH_KEY')).toBe('errors:NO_SUCH_KEY');
  });

  it('picks English only when asked first', () => {
    expect(pickLanguage('en-US,en;q=0.9')).toBe('en');
    expect(pickLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(pickLanguage(undefined)).toBe('zh-CN');
  });
});
