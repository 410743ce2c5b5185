import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { benchLine, median, met } from './measure';

const run = promisify(execFile);
const REPO = path.resolve(import.meta.dirname, '..', '..');

function folderBytes(folder: string): number {
    return readdirSync(folder, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .reduce((sum, entry) => sum + statSync(path.join(entry.parentPath, entry.name)).size, 0);
}

/**
 * activation: the production build (`npm run package` builds the same: minified, no source maps) written to a
 * scratch folder; the size of the extension bundle and of everything in it; and the time to load the bundle and
 * run activate(), each in a fresh Node process with a minimal vscode stub (scripts/bench/activationHarness.cjs),
 * median of `runs`. Targets: activate() ≤ 50 ms, bundle ≤ 500 KB.
 */
export async function activation(runs: number): Promise<string> {
    const outdir = mkdtempSync(path.join(tmpdir(), 'vscode-virtualbox-bench-'));
    try {
        await run(process.execPath, [path.join(REPO, 'scripts', 'build.mjs'), '--production', `--outdir=${outdir}`], { cwd: REPO });
        const bundle = path.join(outdir, 'extension.js');
        const bytes = statSync(bundle).size;
        const loads: number[] = [];
        const activates: number[] = [];
        for (let i = 0; i < runs; i++) {
            const { stdout } = await run(process.execPath, [path.join(REPO, 'scripts', 'bench', 'activationHarness.cjs'), bundle], { cwd: outdir, timeout: 60_000 });
            const { loadMs, activateMs } = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { loadMs: number; activateMs: number };
            loads.push(loadMs);
            activates.push(activateMs);
        }
        const activateMs = median(activates);
        const kb = bytes / 1024;
        return benchLine('activation', {
            activate_ms: activateMs,
            load_bundle_ms: median(loads),
            harness: 'node+vscode-stub',
            bundle_kb: kb,
            bundle_gzip_kb: gzipSync(readFileSync(bundle)).length / 1024,
            dist_kb: folderBytes(outdir) / 1024,
            build: 'production',
            target_ms: '<=50',
            target_kb: '<=500',
            met: met(activateMs <= 50 && kb <= 500),
        });
    } finally {
        rmSync(outdir, { recursive: true, force: true });
    }
}
