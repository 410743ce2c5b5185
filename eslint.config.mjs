// Lint rules: type-aware typescript-eslint; a forgotten promise is an error, as is a loose equality.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
    { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-tools/**', 'dist-vsix/**', '.test-output/**'] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        files: ['**/*.ts'],
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
        rules: {
            '@typescript-eslint/no-floating-promises': 'error',
            '@typescript-eslint/no-misused-promises': 'error',
            eqeqeq: ['error', 'always'],
            curly: ['error', 'multi-line'],
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
        },
    },
    {
        files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
        languageOptions: { globals: { ...globals.node } },
    },
    {
        files: ['**/*.cjs'],
        rules: { '@typescript-eslint/no-require-imports': 'off' },
    },
);
