// ESLint for the whole repository; `npm run lint` allows no warning. Type-aware (typescript-eslint's
// recommendedTypeChecked through tsconfig.json). Formatting is Prettier's job: eslint-config-prettier
// comes last and turns off every rule that would fight it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const testFiles = ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/*.browser-spec.ts', '**/*.fault-spec.ts', 'test/**/*.ts'];
const unsafeAnyRules = ['no-unsafe-argument', 'no-unsafe-assignment', 'no-unsafe-call', 'no-unsafe-member-access', 'no-unsafe-return'];
const off = (names) => Object.fromEntries(names.map((name) => [`@typescript-eslint/${name}`, 'off']));

export default defineConfig(
  globalIgnores(['dist/', '.data/', 'node_modules/', 'test-artifacts/', 'coverage/']),
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Promises: a forgotten await loses errors and ordering.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      // Not a defect: an async method without await still returns a promise, as its interface asks.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // Files with decorators are left alone by this rule (their imports feed decorator metadata).
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
    },
  },
  {
    name: 'src: production code',
    files: ['src/**/*.ts'],
    ignores: testFiles,
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }],
      // The service logs JSON lines through pino (nestjs-pino), never to the console.
      'no-console': 'error',
    },
  },
  {
    name: 'src: time comes from the Clock',
    files: ['src/**/*.ts'],
    ignores: [...testFiles, 'src/common/clock.ts', 'src/main.ts', 'src/notifications/mailer.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'NewExpression[callee.name="Date"][arguments.length=0]',
          message: 'Take the time from the injected Clock (src/common/clock.ts).',
        },
      ],
    },
  },
  {
    name: 'tests and the benchmark: any is tolerated',
    files: [...testFiles, 'bench/**/*.ts'],
    rules: {
      ...off(unsafeAnyRules),
      ...off(['no-explicit-any', 'no-non-null-assertion', 'unbound-method']),
    },
  },
  { files: ['**/*.js', '**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: globals.node } },
  { files: ['**/*.mjs'], languageOptions: { globals: globals.node } },
  prettier,
);
