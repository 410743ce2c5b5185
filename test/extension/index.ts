// The extension-host side of the extension tests: VS Code (desktop via @vscode/test-electron, or code-server via the
// `extensionTestsPath` payload) loads this bundle and awaits run(). A rejected promise makes VS Code exit with 1.
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/**
 * Prefix of the lines that tell the harness where the run starts (the workbench's own console chatter comes before)
 * and what it counted. The extension host need not inherit the harness's environment (so no $TEST_SUMMARY_FILE
 * here), but its console output does reach the harness, through codeAutomationLog.
 */
export const EVENT_MARKER = 'vscode-virtualbox-extension-tests:';

function announce(event: { event: 'start' } | { event: 'end'; passed: number; failed: number; skipped: number }): void {
    console.log(`${EVENT_MARKER} ${JSON.stringify(event)}`);
}

function findSuites(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return findSuites(full);
        return entry.isFile() && entry.name.endsWith('.test.js') ? [full] : [];
    });
}

export function run(): Promise<void> {
    const mocha = new Mocha({
        ui: 'bdd',
        reporter: 'spec',
        color: false,
        timeout: 60_000,
        slow: 5_000,
        // Same filter as the other suites' --grep, for running one suite while working on it.
        grep: process.env.MOCHA_GREP,
    });
    for (const file of findSuites(__dirname)) mocha.addFile(file);

    announce({ event: 'start' });
    return new Promise((resolve, reject) => {
        try {
            const runner = mocha.run((failures) => {
                const { passes = 0, failures: failed = 0, pending = 0 } = runner.stats ?? {};
                announce({ event: 'end', passed: passes, failed, skipped: pending });
                if (failures > 0) reject(new Error(`${failures} extension test(s) failed`));
                else resolve();
            });
        } catch (error) {
            // A suite that throws while loading: report it as one failure so that the run cannot look green.
            announce({ event: 'end', passed: 0, failed: 1, skipped: 0 });
            reject(error instanceof Error ? error : new Error(String(error)));
        }
    });
}
