// Demo machines for `npm start` on the testbed, so that a person trying the extension sees every kind of state:
//   demo-running    the testbed's real Linux guest, running (a clone of the booted snapshot of "testbed-guest", see
//                   scripts/testbed/testbed.sh): its screen shows a login prompt; SSH on 127.0.0.1:2022
//   demo-snapshots  two snapshots, "Fresh install" and "Configured"
//   demo-disks      two extra disks on a SATA controller; NAT with port forwards ssh 2222->22, http 8080->80
// Idempotent: a VM that exists is left as it is (demo-running is only started if it is off). A VM whose creation
// fails half-way is deleted again, so the next run starts clean. Everything lives in VirtualBox's machine folder.
import { execa } from 'execa';
import { existsSync, rmSync } from 'node:fs';
import * as path from 'node:path';

export const DEMO_VMS = ['demo-running', 'demo-snapshots', 'demo-disks'];
const GUEST_VM = 'testbed-guest';
const GUEST_SNAPSHOT = 'booted';
const DEMO_SSH = 'ssh,tcp,127.0.0.1,2022,,22';

/** @param {string} vboxManage */
export function demoMachines(vboxManage, { log = console.log } = {}) {
    const vbox = async (...args) => (await execa(vboxManage, args, { timeout: 120_000 })).stdout;

    async function existingVms() {
        const listed = await vbox('list', 'vms');
        return new Set([...listed.matchAll(/^"(.*)" \{[0-9a-f-]+\}$/gm)].map((match) => match[1]));
    }

    async function info(vm) {
        const text = await vbox('showvminfo', vm, '--machinereadable');
        return Object.fromEntries([...text.matchAll(/^"?([^"=]+)"?="?(.*?)"?$/gm)].map((m) => [m[1], m[2]]));
    }

    async function createBase(name, osType) {
        // A demo VM whose registration was lost (VBoxSVC killed before it saved its registry) leaves its folder
        // behind, and createvm refuses to overwrite it. It is only a demo: start it afresh.
        const folder = /^Default machine folder:\s+(.+)$/m.exec(await vbox('list', 'systemproperties'))?.[1];
        if (folder && existsSync(path.join(folder, name, `${name}.vbox`))) rmSync(path.join(folder, name), { recursive: true, force: true });
        await vbox('createvm', '--name', name, '--ostype', osType, '--register');
        await vbox('modifyvm', name, '--memory', '64', '--cpus', '1', '--vram', '16', '--cpu-execution-cap', '20');
    }

    const recipes = {
        'demo-running': async (name) => {
            const snapshots = await vbox('snapshot', GUEST_VM, 'list', '--machinereadable').catch(() => '');
            if (!snapshots.includes(`SnapshotName="${GUEST_SNAPSHOT}"`)) {
                throw new Error(`the testbed has no booted guest (${GUEST_VM}): run \`npm run testbed:up\``);
            }
            await vbox('clonevm', GUEST_VM, '--snapshot', GUEST_SNAPSHOT, '--name', name, '--register');
            await vbox('modifyvm', name, '--groups', '/');
            await vbox('modifyvm', name, '--description', "The testbed's real Linux guest (busybox, dropbear, Guest Additions)");
        },
        'demo-snapshots': async (name) => {
            await createBase(name, 'Debian_64');
            await vbox('snapshot', name, 'take', 'Fresh install', '--description', 'Right after installation');
            await vbox('modifyvm', name, '--memory', '128');
            await vbox('snapshot', name, 'take', 'Configured', '--description', 'More memory');
        },
        'demo-disks': async (name) => {
            await createBase(name, 'Linux_64');
            const folder = path.dirname((await info(name)).CfgFile);
            await vbox('storagectl', name, '--name', 'SATA', '--add', 'sata', '--portcount', '4');
            for (const [port, size] of [[0, 256], [1, 128]]) {
                const disk = path.join(folder, `${name}-disk${port + 1}.vdi`);
                await vbox('createmedium', 'disk', '--filename', disk, '--size', String(size), '--format', 'VDI');
                await vbox('storageattach', name, '--storagectl', 'SATA', '--port', String(port), '--device', '0',
                    '--type', 'hdd', '--medium', disk);
            }
            // Host side bound to loopback only: the forwards never listen on another interface.
            await vbox('modifyvm', name, '--nic1', 'nat',
                '--nat-pf1', 'ssh,tcp,127.0.0.1,2222,,22', '--nat-pf1', 'http,tcp,127.0.0.1,8080,,80');
        },
    };

    return {
        /** Creates the missing demo VMs and starts demo-running; returns whether this call started it. */
        async ensure() {
            const existing = await existingVms();
            // A demo-running made before the testbed had a real guest boots nothing: made again from the guest.
            if (existing.has('demo-running') && !(await info('demo-running')).Description?.includes('real Linux guest')) {
                const state = (await info('demo-running')).VMState;
                if (state === 'running' || state === 'paused') await vbox('controlvm', 'demo-running', 'poweroff');
                if (state === 'saved') await vbox('discardstate', 'demo-running');
                log('replacing demo-running by a clone of the real guest');
                await vbox('unregistervm', 'demo-running', '--delete');
                existing.delete('demo-running');
            }
            for (const name of DEMO_VMS) {
                if (existing.has(name)) continue;
                log(`creating ${name}`);
                try {
                    await recipes[name](name);
                } catch (error) {
                    await vbox('unregistervm', name, '--delete').catch(() => undefined);
                    throw error;
                }
            }
            if ((await info('demo-running')).VMState === 'running') return { startedDemoRunning: false };
            log('starting demo-running');
            await vbox('startvm', 'demo-running', '--type', 'headless');
            // Its SSH forward is added once it runs (a saved VM's NAT settings cannot change).
            await vbox('controlvm', 'demo-running', 'natpf1', 'delete', 'ssh').catch(() => undefined);
            await vbox('controlvm', 'demo-running', 'natpf1', DEMO_SSH);
            return { startedDemoRunning: true };
        },

        /** Saves demo-running's state (the guest goes on where it was at the next start, in seconds). */
        async saveDemoRunning() {
            const state = (await info('demo-running')).VMState;
            if (state === 'running' || state === 'paused') await vbox('controlvm', 'demo-running', 'savestate');
        },
    };
}
