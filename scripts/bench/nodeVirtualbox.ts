import { mkdirSync, symlinkSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { VirtualBoxLab } from './lab';

interface NodeVirtualbox {
    list(callback: (vms: Record<string, { name: string; running: boolean }>, error?: unknown) => void): void;
}

const silent = { debug() {}, info() {}, warn() {}, error() {}, trace() {} };

/**
 * The npm package `virtualbox` (node-virtualbox, what the existing VirtualBox extension for VS Code uses), run
 * unchanged: it spawns `vboxmanage` from PATH, so PATH gets a folder whose `vboxmanage` is the lab's VBoxManage, and
 * the lab's environment (home, service) is this process's. Its `list()` runs `list runningvms`, then `list vms`:
 * names and a running flag only.
 */
export function loadNodeVirtualbox(lab: VirtualBoxLab): { list: () => Promise<number>; dispose: () => void } {
    const bin = path.join(lab.folder, 'node-virtualbox-bin');
    mkdirSync(bin, { recursive: true });
    rmSync(path.join(bin, 'vboxmanage'), { force: true });
    symlinkSync(lab.executable, path.join(bin, 'vboxmanage'));
    const saved = { PATH: process.env.PATH, VBOX_USER_HOME: process.env.VBOX_USER_HOME, VBOX_IPC_SOCKETID: process.env.VBOX_IPC_SOCKETID };
    Object.assign(process.env, lab.env, { PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` });
    // Loading the package creates a default instance that logs to stdout; the bench prints only BENCH lines.
    const write = process.stdout.write;
    process.stdout.write = () => true;
    let module: { create(logger: unknown): NodeVirtualbox };
    try {
        const require = createRequire(import.meta.url);
        module = require('virtualbox') as typeof module;
        // Its default instance keeps logging (the version it detected) through log4js: silenced at the source.
        const log4js = createRequire(require.resolve('virtualbox'))('log4js') as { configure(config: unknown): void };
        log4js.configure({ appenders: { out: { type: 'stdout' } }, categories: { default: { appenders: ['out'], level: 'off' } } });
    } finally {
        process.stdout.write = write;
    }
    const virtualbox = module.create(silent);
    return {
        list: () => new Promise<number>((resolve, reject) => virtualbox.list((vms, error) => (error ? reject(error) : resolve(Object.keys(vms).length)))),
        dispose: () => {
            for (const [key, value] of Object.entries(saved)) {
                if (value === undefined) delete process.env[key];
                else process.env[key] = value;
            }
        },
    };
}
