// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * `npm run lint`. ESLint's recommended rules everywhere; on TypeScript, typescript-eslint's
 * type-aware recommended set (recommendedTypeChecked), which reads types through the project's
 * tsconfig.json: it catches promises nobody awaits and `any` leaking through, which the compiler
 * accepts. The few JavaScript files (configs, scripts/*.mjs) are outside tsconfig.json, so they get
 * the rules that need no types.
 */
export default tseslint.config(
  {
    // Generated, copied or installed: not ours to lint. seeds/data holds copies of open data sets.
    ignores: ['dist/', 'node_modules/', 'coverage/', 'reports/', '.stryker-tmp/', '.data/', 'seeds/data/', 'bench/results/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      ecmaVersion: 2022,
      globals: { ...globals.node, ...globals.jest },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    // Tests read untyped JSON response bodies (GraphQL `data`, HTTP bodies) and check their shape
    // with assertions: that is what a test is for. Typing every response would add no safety, only
    // casts, so the "unsafe any" rules are off here. `no-explicit-any` stays on: tests name their
    // loose values through tests/helpers/json.ts rather than writing `any`.
    files: ['tests/**', '**/__tests__/**', 'scripts/__tests__/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // `const { createdAt, updatedAt, ...fields } = document` is how a test compares documents without
      // some fields: the names left out are the point, not unused variables.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // jest.config.js is CommonJS (module.exports, require).
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
