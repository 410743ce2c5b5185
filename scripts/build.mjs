// Bundles the extension (Node, CommonJS) with esbuild. `--watch` rebuilds on change; `--production` minifies;
// `--outdir=<dir>` writes into <dir> instead of dist/ (the benchmark measures a production build there).
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const outdir = process.argv.find((arg) => arg.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist';

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
        outdir: path.join(outdir, 'webview'),
        bundle: true,
        format: 'iife',
        platform: 'browser',
        target: 'es2022',
        sourcemap: production ? false : 'linked',
        minify: production,
        pure: ['defineOperation'],
        logLevel: 'info',
        plugins: [nodeShims, zodEnglishOnly],
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

/**
 * zod's `z` (and `core`) namespace re-exports all of its ~50 message locales (`z.locales`), which a bundler cannot drop: about
 * 260 KB minified. The extension never switches zod's locale (its messages are English, as VirtualBox's are), so
 * the locale index becomes a module with English only, which zod loads by default.
 * @type {import('esbuild').Plugin}
 */
const zodEnglishOnly = {
    name: 'zod-english-only',
    setup(build) {
        build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
            /[\\/]zod[\\/]v4[\\/](?:classic|core)$/.test(args.resolveDir) ? { path: path.join(args.resolveDir, '..', 'locales'), namespace: 'zod-locales' } : undefined,
        );
        build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
            contents: 'export { default as en } from "./en.js";',
            resolveDir: args.path,
            loader: 'js',
        }));
    },
};

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
    {
        entryPoints: ['src/extension.ts'],
        outfile: path.join(outdir, 'extension.js'),
        bundle: true,
        format: 'cjs',
        platform: 'node',
        target: 'node20',
        external: ['vscode'],
        sourcemap: production ? false : 'linked',
        minify: production,
        keepNames: true,
        logLevel: 'info',
        plugins: [zodEnglishOnly],
    },
    ...['settings', 'monitor'].map((editor) => webviewBuild(editor)),
];

// The package is ESM (its sources and tests load execa, which is ESM-only); the bundle VS Code loads is CommonJS.
mkdirSync(outdir, { recursive: true });
writeFileSync(path.join(outdir, 'package.json'), '{ "type": "commonjs" }\n');

if (watch) {
    for (const options of builds) {
        const context = await esbuild.context(options);
        await context.watch();
    }
} else {
    await Promise.all(builds.map((options) => esbuild.build(options)));
}
