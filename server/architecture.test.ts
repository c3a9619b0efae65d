import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPermission } from '@shared/permissions';
import { buildTestApp, type TestApp } from './test/harness';

const ROOT = path.resolve(import.meta.dirname, '..');
const ALIASES: Record<string, string> = { '@shared/': 'shared/', '@server/': 'server/', '@web/': 'web/' };

type SourceFile = { file: string; source: string };

function sourceFiles(dir: string): SourceFile[] {
  const out: SourceFile[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.tsx?$/.test(entry.name)) out.push({ file: rel, source: readFileSync(path.join(ROOT, rel), 'utf8') });
  }
  return out;
}

/** Import specifiers of a file, resolved to repository paths where they point inside it. */
function importsOf({ file, source }: SourceFile): { spec: string; target: string | null }[] {
  const specs = [...source.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map((match) => match[1]!);
  return specs.map((spec) => {
    const alias = Object.keys(ALIASES).find((prefix) => spec.startsWith(prefix));
    if (alias) return { spec, target: ALIASES[alias]! + spec.slice(alias.length) };
    if (spec.startsWith('.')) return { spec, target: path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)) };
    return { spec, target: null };
  });
}

/** The house rules on imports and SQL (docs/architecture.md §2, rules 1, 2 and 4). Returns one line per breach. */
export function ruleBreaches(files: SourceFile[]): string[] {
  const breaches: string[] = [];
  for (const file of files) {
    const test = /\.test\.tsx?$|^server\/test\//.test(file.file);
    for (const { spec, target } of importsOf(file)) {
      if (file.file.startsWith('shared/') && target && /^(server|web)\//.test(target)) breaches.push(`${file.file}: shared code imports ${spec}`);
      if (file.file.startsWith('web/') && target?.startsWith('server/')) breaches.push(`${file.file}: web imports server code ${spec}`);
      if (file.file.startsWith('server/') && target?.startsWith('web/')) breaches.push(`${file.file}: server imports web code ${spec}`);
      if (file.file.startsWith('server/platform/') && target?.startsWith('server/modules/')) breaches.push(`${file.file}: platform imports module ${spec}`);
      const own = /^server\/modules\/([^/]+)\//.exec(file.file)?.[1];
      const other = target ? /^server\/modules\/([^/]+)\/(.+)$/.exec(target) : null;
      if (own && other && other[1] !== own && !/^index(\.ts)?$/.test(other[2]!)) {
        breaches.push(`${file.file}: reaches into module ${other[1]} (${spec}) instead of its index.ts`);
      }
      const sqlHome = /\.(repo|tables)\.ts$/.test(file.file) || file.file.startsWith('server/platform/db/') || file.file === 'server/platform/auth/scope.ts';
      if (file.file.startsWith('server/') && !test && spec === 'drizzle-orm' && !sqlHome) breaches.push(`${file.file}: builds SQL outside a repo`);
    }
  }
  return breaches;
}

describe('house rules', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('every API route declares a permission that exists, `session`, or is public', () => {
    const api = t.app.anjuRoutes.filter((route) => route.url.startsWith('/api') && !route.url.startsWith('/api/docs'));
    expect(api.length).toBeGreaterThan(15);
    const undeclared = api.filter((route) => !route.config?.public && !route.config?.permission).map((route) => `${String(route.method)} ${route.url}`);
    expect(undeclared).toEqual([]);
    const unknown = api
      .map((route) => route.config?.permission)
      .filter((permission): permission is string => typeof permission === 'string' && permission !== 'session' && !isPermission(permission));
    expect(unknown).toEqual([]);
  });

  it('imports and SQL stay where the architecture puts them', () => {
    const files = ['shared', 'server', 'web', 'e2e', 'bench', 'scripts'].flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(50);
    expect(ruleBreaches(files)).toEqual([]);
  });

  it('the checker catches each kind of breach', () => {
    expect(
      ruleBreaches([
        { file: 'shared/registry/person.schema.ts', source: "import { x } from '../../server/platform/db/client';" },
        { file: 'web/modules/points/api.ts', source: "import type { Ctx } from '@server/platform/http/context';" },
        { file: 'server/platform/audit/audit.ts', source: "import { persons } from '../../modules/registry/registry.tables';" },
        { file: 'server/modules/permits/permits.service.ts', source: "import { getPerson } from '../registry/registry.service';\nimport { registry } from '../registry';\nimport { y } from '../registry/index';" },
        { file: 'server/modules/permits/permits.service.ts', source: "import { eq } from 'drizzle-orm';" },
        { file: 'server/modules/permits/permits.repo.ts', source: "import { eq } from 'drizzle-orm';" },
      ]),
    ).toEqual([
      'shared/registry/person.schema.ts: shared code imports ../../server/platform/db/client',
      'web/modules/points/api.ts: web imports server code @server/platform/http/context',
      'server/platform/audit/audit.ts: platform imports module ../../modules/registry/registry.tables',
      'server/modules/permits/permits.service.ts: reaches into module registry (../registry/registry.service) instead of its index.ts',
      'server/modules/permits/permits.service.ts: builds SQL outside a repo',
    ]);
  });
});
