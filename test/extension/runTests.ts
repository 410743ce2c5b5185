// Desktop runner for the extension suites: @vscode/test-electron downloads VS Code (network needed; the offline CI
// uses scripts/harness/run-extension-tests.mjs with code-server instead) and runs out/test/extension/index.js in it.
//
//   npm run build && node scripts/build-tests.mjs && npx tsx test/extension/runTests.ts
//
// VSCODE_TEST_VERSION picks the VS Code build (default 1.100.3, the oldest that engines.vscode allows; "stable" for
// the newest). VBOXMANAGE overrides where VirtualBox is looked for. Like the harness, it writes the user setting
// virtualbox.vboxManagePath into a fresh user-data folder, which the settings suite checks.
import { runTests } from '@vscode/test-electron';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { locateVBoxManage } from '../../src/vbox/locate';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(): Promise<number> {
    const vboxManage = await locateVBoxManage(process.env.VBOXMANAGE);
    const workDir = mkdtempSync(path.join(tmpdir(), 'vscode-virtualbox-desktop-tests-'));
    try {
        const userData = path.join(workDir, 'user-data');
        const workspace = path.join(workDir, 'workspace');
        mkdirSync(path.join(userData, 'User'), { recursive: true });
        mkdirSync(workspace, { recursive: true });
        const settings = { 'virtualbox.vboxManagePath': vboxManage, 'security.workspace.trust.enabled': false };
        writeFileSync(path.join(userData, 'User', 'settings.json'), `${JSON.stringify(settings, null, 4)}\n`);

        return await runTests({
            version: process.env.VSCODE_TEST_VERSION ?? '1.100.3',
            extensionDevelopmentPath: repo,
            extensionTestsPath: path.join(repo, 'out', 'test', 'extension', 'index.js'),
            launchArgs: [
                workspace,
                '--disable-extensions',
                `--user-data-dir=${userData}`,
                `--extensions-dir=${path.join(workDir, 'extensions')}`,
            ],
            extensionTestsEnv: { MOCHA_GREP: process.env.MOCHA_GREP },
        });
    } finally {
        rmSync(workDir, { recursive: true, force: true });
    }
}

main().then(
    (code) => process.exit(code),
    (error: unknown) => {
        console.error('extension tests failed to run:', error instanceof Error ? error.message : error);
        process.exit(1);
    },
);
