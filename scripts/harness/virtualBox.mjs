// Which VBoxManage the extension gets in tests and in `npm start`: $VBOXMANAGE, else a local VBoxManage on PATH,
// else the testbed's shim (real VirtualBox 7.2 in a chroot; Linux and root only), brought up if needed.
import { execa } from 'execa';
import { accessSync, constants } from 'node:fs';
import * as path from 'node:path';
import { REPO } from './paths.mjs';

const TESTBED = path.join(REPO, 'scripts', 'testbed', 'testbed.sh');

function onPath(name) {
    for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
        const candidate = path.join(dir, name);
        try {
            accessSync(candidate, constants.X_OK);
            return candidate;
        } catch {
            // Not in this folder.
        }
    }
    return undefined;
}

/** True when the testbed's shim answers, i.e. the testbed is mounted and usable. */
async function testbedIsUp() {
    const { stdout: shim } = await execa('bash', [TESTBED, 'shim']);
    const result = await execa(shim.trim(), ['--version'], { reject: false, timeout: 60_000 });
    return result.exitCode === 0;
}

/**
 * @returns {Promise<{ vboxManage: string, source: 'env' | 'path' | 'testbed', testbedWasDown: boolean }>}
 */
export async function ensureVirtualBox({ log = console.log } = {}) {
    if (process.env.VBOXMANAGE) return { vboxManage: process.env.VBOXMANAGE, source: 'env', testbedWasDown: false };
    const local = onPath('VBoxManage');
    if (local) return { vboxManage: local, source: 'path', testbedWasDown: false };
    if (process.platform !== 'linux' || process.getuid?.() !== 0) {
        throw new Error('No VirtualBox: install VirtualBox (VBoxManage on PATH), set VBOXMANAGE, or run as root on '
            + 'Linux to use the testbed (npm run testbed:up).');
    }
    const testbedWasDown = !(await testbedIsUp());
    if (testbedWasDown) log('VirtualBox testbed is down: bringing it up (the first time builds it, about a minute)');
    const { stdout } = await execa('bash', [TESTBED, 'up'], { stderr: 'inherit' });
    const shim = /^shim: (.+)$/m.exec(stdout)?.[1];
    if (!shim) throw new Error(`testbed.sh up printed no "shim:" line:\n${stdout}`);
    // The testbed's VirtualBox home (VirtualBox.xml) is readable from outside the chroot; the extension, started from
    // this process's environment, reads VirtualBox's settings files there, the same home the shim gives VBoxManage.
    const home = /^home: (.+)$/m.exec(stdout)?.[1];
    if (home) process.env.VBOX_USER_HOME ??= home.trim();
    return { vboxManage: shim.trim(), source: 'testbed', testbedWasDown };
}
