import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { scanSource } from './support/commandScan';
import { observed, recordSupplyChain } from './support/tally';

const REPO = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return sourceFiles(path);
        return /\.(ts|mts|cts|js|mjs)$/.test(entry.name) ? [path] : [];
    });
}

interface AuditReport {
    readonly metadata?: { readonly vulnerabilities?: Record<string, number> };
    readonly message?: string;
    readonly error?: unknown;
}

/** `npm audit --omit=dev --json`, without a shell; resolves with its report whatever the exit code. */
function npmAudit(): Promise<{ report?: AuditReport; stdout: string; stderr: string }> {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    return new Promise((resolve) => {
        execFile(npm, ['audit', '--omit=dev', '--json'], { cwd: REPO, timeout: 90_000, maxBuffer: 16 * 1024 * 1024 }, (_error, stdout, stderr) => {
            let report: AuditReport | undefined;
            try {
                report = JSON.parse(stdout) as AuditReport;
            } catch {
                report = undefined;
            }
            resolve({ report, stdout, stderr });
        });
    });
}

describe('(reliability) supply chain', function () {
    it('no file in src/ sets shell, uses a shell API, or builds a command as a string', () => {
        const files = sourceFiles(join(REPO, 'src'));
        assert.ok(files.length > 100, `only ${files.length} source files found`);
        const findings = files.flatMap((file) => scanSource(relative(REPO, file), readFileSync(file, 'utf8')));
        recordSupplyChain(`no shell or string-built command in ${files.length} files of src/`, findings.length === 0);
        assert.deepEqual(findings, []);
    });

    it('the scanner catches each kind of shell use (so that the check above can fail)', () => {
        const bad: Record<string, string> = {
            'shell true': "execa(file, args, { shell: true });",
            'shell from a variable': 'const shell = true; execa(file, args, { shell });',
            'shell as a path': "execa(file, args, { shell: '/bin/bash' });",
            'child_process exec': "import { exec } from 'node:child_process'; exec('VBoxManage list vms');",
            'execaCommand': "import { execaCommand } from 'execa'; await execaCommand(`VBoxManage startvm ${name}`);",
            'template command': 'await execa(`VBoxManage startvm ${name}`, []);',
            'concatenated command': "await execa('VBoxManage ' + verb, []);",
            'no argument array': "await execa('VBoxManage');",
            'sh -c': "await execa('sh', ['-c', line]);",
            'cmd /c': "await execa('cmd.exe', ['/c', line]);",
            'command from a string': "command('list vms', parse);",
            'command from a split string': "command(`showvminfo ${vm}`.split(' '), parse);",
            'terminal text': 'terminal.sendText(`VBoxManage startvm ${vm}`);',
        };
        for (const [label, code] of Object.entries(bad)) assert.ok(scanSource(label, code).length > 0, `not caught: ${label}`);
        const good = "import { execa } from 'execa'; const child = execa(file, args, { shell: false }); command(['list', 'vms'], parse); command(createVmArgs(input), parse);";
        assert.deepEqual(scanSource('good', good), []);
    });

    it('npm audit --omit=dev reports no high or critical vulnerability', async function () {
        this.timeout(120_000);
        const { report, stdout, stderr } = await npmAudit();
        const counts = report?.metadata?.vulnerabilities;
        if (!counts) {
            const reason = report?.message ?? (stderr.trim().split('\n').pop() || stdout.slice(0, 200) || 'no output');
            if (process.env.NPM_AUDIT_UNAVAILABLE_OK === '1') {
                observed.skipped.push(`npm audit --omit=dev (${reason}); skipped because NPM_AUDIT_UNAVAILABLE_OK=1`);
                this.skip();
            }
            recordSupplyChain('npm audit (did not run)', false);
            assert.fail(
                `npm audit could not get advisories from the registry (${reason}), so the dependencies were not checked. ` +
                    'Run where the npm registry\'s audit endpoint is reachable (set NPM_AUDIT_UNAVAILABLE_OK=1 to skip this check visibly).',
            );
        }
        const serious = (counts.high ?? 0) + (counts.critical ?? 0);
        recordSupplyChain(`npm audit --omit=dev: ${counts.high ?? 0} high, ${counts.critical ?? 0} critical`, serious === 0);
        assert.equal(serious, 0, `npm audit --omit=dev: ${JSON.stringify(counts)}`);
    });
});
