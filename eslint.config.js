import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** House rules 1 and 2 (three roots; modules talk only through index.ts) as import restrictions. */
const boundaries = {
  shared: { patterns: [{ group: ['**/server/**', '@server/*', '**/web/**', '@web/*'], message: 'shared/ runs in Node and the browser: it imports neither server/ nor web/.' }] },
  web: { patterns: [{ group: ['**/server/**', '@server/*'], message: 'web/ never imports server/.' }] },
  server: { patterns: [{ group: ['**/web/**', '@web/*'], message: 'server/ never imports web/.' }] },
  platform: { patterns: [{ group: ['**/modules/**', '@server/modules/*'], message: 'platform/ imports no module.' }] },
  modules: {
    patterns: [
      { regex: '^(\\.\\./[^./][^/]*|@server/modules/[^/]+)/(?!index$)[^/]+', message: 'Import another module only through its index.ts.' },
    ],
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'db/**', 'e2e/screenshots/**', '*.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    settings: { 'import-x/ignore': ['node_modules'], 'import-x/extensions': ['.ts', '.tsx'] },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      'import-x/no-cycle': ['error', { maxDepth: 4 }],
    },
  },
  { files: ['shared/**'], rules: { 'no-restricted-imports': ['error', boundaries.shared] } },
  { files: ['web/**'], rules: { 'no-restricted-imports': ['error', boundaries.web] } },
  { files: ['server/**'], rules: { 'no-restricted-imports': ['error', boundaries.server] } },
  { files: ['server/platform/**'], rules: { 'no-restricted-imports': ['error', { patterns: [...boundaries.server.patterns, ...boundaries.platform.patterns] }] } },
  { files: ['server/modules/**'], rules: { 'no-restricted-imports': ['error', { patterns: [...boundaries.server.patterns, ...boundaries.modules.patterns] }] } },
  // Interfaces only where a library is augmented (Fastify's request, Vitest's provided context).
  { files: ['server/platform/http/context.ts', 'e2e/global-setup.ts'], rules: { '@typescript-eslint/consistent-type-definitions': 'off' } },
  { files: ['**/*.test.ts', 'e2e/**', 'bench/**', 'scripts/**'], rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/unbound-method': 'off' } },
);
