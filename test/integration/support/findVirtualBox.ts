import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface FoundVirtualBox {
    readonly executable: string;
    readonly source: 'VBOXMANAGE' | 'local' | 'testbed';
    /** A folder VBoxManage can read and write at the same path (VMs, disks, screenshots). */
    readonly dataDir: string;
    /** VirtualBox's home (VirtualBox.xml) when it is not the default one: the testbed's, readable from outside. */
    readonly userHome?: string;
}

const REPO = join(import.meta.dirname, '..', '..', '..');
const TESTBED = join(REPO, 'scripts', 'testbed', 'testbed.sh');

function onPath(name: string): string | undefined {
    for (const dir of (process.env.PATH ?? '').split(delimiter)) {
        const candidate = join(dir, name);
        try {
            accessSync(candidate, constants.X_OK);
            return candidate;
        } catch {
            // not here
        }
    }
    return undefined;
}

function testbedDataDir(): string {
    return join(process.env.VBOX_TESTBED_DIR ?? '/var/tmp/vscode-virtualbox-testbed', 'data');
}

/**
 * The VirtualBox the integration tests run against, in this order: the VBOXMANAGE variable, a local VBoxManage,
 * else the testbed (Linux, root), brought up when needed. Undefined when there is none.
 */
export function findVirtualBox(): FoundVirtualBox | undefined {
    if (process.env.VBOXMANAGE) {
        return { executable: process.env.VBOXMANAGE, source: 'VBOXMANAGE', dataDir: process.env.VBOX_TEST_DATA_DIR ?? testbedDataDir() };
    }
    const local = onPath('VBoxManage') ?? onPath('vboxmanage');
    if (local) {
        return { executable: local, source: 'local', dataDir: process.env.VBOX_TEST_DATA_DIR ?? join(tmpdir(), 'vscode-virtualbox-tests') };
    }
    if (process.platform === 'linux' && process.getuid?.() === 0) {
        const out = execFileSync('bash', [TESTBED, 'up'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
        const shim = /^shim: (.+)$/m.exec(out)?.[1];
        const userHome = /^home: (.+)$/m.exec(out)?.[1]?.trim();
        if (shim) return { executable: shim, source: 'testbed', dataDir: testbedDataDir(), userHome };
    }
    return undefined;
}
