// Bundles the extension-host test runner (test/extension/index.ts) and every suite (test/extension/**/*.test.ts) into
// out/test/extension/ as CommonJS, with `vscode` left external: VS Code's extension host provides it. Mocha is bundled
// into index.js so that the output does not depend on where node_modules sits.
import * as esbuild from 'esbuild';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = path.join(repo, 'test', 'extension');
const outDir = path.join(repo, 'out', 'test', 'extension');

/** Every `*.test.ts` under dir (Node 20 has no fs.glob). */
function findSuites(dir) {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return findSuites(full);
        return entry.isFile() && entry.name.endsWith('.test.ts') ? [full] : [];
    });
}

// Start clean so that a deleted suite does not keep running from a stale bundle.
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
// The repository is "type": "module"; these bundles are CommonJS, which the extension host require()s.
writeFileSync(path.join(outDir, 'package.json'), '{ "type": "commonjs" }\n');

await esbuild.build({
    entryPoints: [path.join(sourceDir, 'index.ts'), ...findSuites(sourceDir)],
    outbase: sourceDir,
    outdir: outDir,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'linked',
    keepNames: true,
    logLevel: 'warning',
    // Mocha's parallel mode (never used here) resolves its worker files at run time.
    logOverride: { 'require-resolve-not-external': 'silent' },
});
