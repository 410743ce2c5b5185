// Bundles the extension (Node, CommonJS) with esbuild. `--watch` rebuilds on change; `--production` minifies.
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
    {
        entryPoints: ['src/extension.ts'],
        outfile: 'dist/extension.js',
        bundle: true,
        format: 'cjs',
        platform: 'node',
        target: 'node20',
        external: ['vscode'],
        sourcemap: production ? false : 'linked',
        minify: production,
        keepNames: true,
        logLevel: 'info',
    },
];

// The package is ESM (its sources and tests load execa, which is ESM-only); the bundle VS Code loads is CommonJS.
mkdirSync('dist', { recursive: true });
writeFileSync('dist/package.json', '{ "type": "commonjs" }\n');

if (watch) {
    for (const options of builds) {
        const context = await esbuild.context(options);
        await context.watch();
    }
} else {
    await Promise.all(builds.map((options) => esbuild.build(options)));
}
