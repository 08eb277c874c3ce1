import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/.esbuild/**', '**/.serverless/**', '**/coverage/**', '**/.stryker-tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/services/*', '@emporium/catalog', '@emporium/users', '@emporium/orders'],
              message: 'A service never imports another service; talk over HTTP.',
            },
          ],
        },
      ],
    },
  },
  {
    // What a function bundles (docs/adr/0022): esbuild bundles every member of a namespace inside
    // a namespace, so `z.iso.datetime()` brings zod's date, time and duration schemas too.
    files: ['**/*.ts'],
    ignores: ['**/*.test.ts', '**/test/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.type='MemberExpression'][object.object.name='z'][object.property.name=/^(iso|coerce)$/]",
          message: 'Use isoDateTime, isoDate or coercedNumber from @emporium/common/contract/formats: z.iso and z.coerce bundle every member.',
        },
      ],
    },
  },
  {
    // Tests read JSON bodies loosely and fake ports with async functions.
    files: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // Plain JavaScript on Node (bins, scripts, the benchmarks, jest and Serverless configs, plugins):
  // the same rules without type information (no tsconfig includes these files).
  { files: ['**/*.{js,mjs,cjs}'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.{js,mjs,cjs}'], languageOptions: { globals: globals.node } },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
