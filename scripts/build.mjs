// Bundles the extension (Node, CommonJS) with esbuild. `--watch` rebuilds on change; `--production` minifies.
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/**
 * The webview side of an editor: `src/webview-ui/<editor>/main.ts` → `dist/webview/<editor>.js` (+ `.css` when it
 * imports styles), an IIFE for the browser. It shares the operations' zod schemas; the few `node:` imports in those
 * modules (path, fs) resolve to browser shims, and unused operation definitions are tree-shaken away.
 * @param {string} editor
 * @returns {import('esbuild').BuildOptions}
 */
function webviewBuild(editor) {
    return {
        entryPoints: { [editor]: `src/webview-ui/${editor}/main.ts` },
        outdir: 'dist/webview',
        bundle: true,
        format: 'iife',
        platform: 'browser',
        target: 'es2022',
        sourcemap: production ? false : 'linked',
        minify: production,
        pure: ['defineOperation'],
        logLevel: 'info',
        plugins: [nodeShims],
    };
}

/** @type {import('esbuild').Plugin} */
const nodeShims = {
    name: 'webview-node-shims',
    setup(build) {
        build.onResolve({ filter: /^node:/ }, (args) => {
            const name = args.path.slice('node:'.length).replace(/\//g, '-');
            return { path: path.resolve(`src/webview-ui/shims/node-${name}.ts`) };
        });
    },
};

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
    ...['settings', 'monitor'].map((editor) => webviewBuild(editor)),
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
