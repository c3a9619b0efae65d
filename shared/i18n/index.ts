import zhCommon from './zh-CN/common.json';
import zhErrors from './zh-CN/errors.json';
import zhAuth from './zh-CN/auth.json';
import zhAdmin from './zh-CN/admin.json';
import zhPortal from './zh-CN/portal.json';
import zhRegistry from './zh-CN/registry.json';
import zhSettings from './zh-CN/settings.json';
import zhPermits from './zh-CN/permits.json';
import zhPoints from './zh-CN/points.json';
import zhInspections from './zh-CN/inspections.json';
import zhHousing from './zh-CN/housing.json';
import enCommon from './en/common.json';
import enErrors from './en/errors.json';
import enAuth from './en/auth.json';
import enAdmin from './en/admin.json';
import enPortal from './en/portal.json';
import enRegistry from './en/registry.json';
import enSettings from './en/settings.json';
import enPermits from './en/permits.json';
import enPoints from './en/points.json';
import enInspections from './en/inspections.json';
import enHousing from './en/housing.json';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const resources = {
  'zh-CN': { common: zhCommon, errors: zhErrors, auth: zhAuth, admin: zhAdmin, portal: zhPortal, registry: zhRegistry, settings: zhSettings, permits: zhPermits, points: zhPoints, inspections: zhInspections, housing: zhHousing },
  en: { common: enCommon, errors: enErrors, auth: enAuth, admin: enAdmin, portal: enPortal, registry: enRegistry, settings: enSettings, permits: enPermits, points: enPoints, inspections: enInspections, housing: enHousing },
} as const;
export const NAMESPACES = Object.keys(resources['zh-CN']) as (keyof (typeof resources)['zh-CN'])[];

type Tree = { [key: string]: string | Tree };

function lookup(tree: Tree, path: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of path.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Translates `ns:key` (or `key` in `defaultNs`) and fills `{{param}}` placeholders; the key itself when missing. */
export function translate(
  language: Language,
  key: string,
  params: Record<string, string | number> = {},
  defaultNs = 'common',
): string {
  const [ns, path] = key.includes(':') ? (key.split(':', 2) as [string, string]) : [defaultNs, key];
  const tree = (resources[language] as unknown as Record<string, Tree>)[ns];
  const template = tree ? lookup(tree, path) : undefined;
  if (template === undefined) return key;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

export function pickLanguage(header: string | undefined): Language {
  return header && /^en\b/i.test(header.trim()) ? 'en' : 'zh-CN';
}
