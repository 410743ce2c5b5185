import * as vscode from 'vscode';
import { followForwards } from '../../operations/connect/sshConfigText';
import { natForwardEndpoints } from '../../operations/connect/sshEndpoints';
import { getVmConfig } from '../../operations/vm/config';
import type { Services } from '../../services/services';
import type { MachinesStore } from '../../tree/machines/machinesStore';
import { readHostEntries, writeHostEntry } from './sshConfigFile';

/** How long after the last change the entries are checked: a burst of refreshes costs one check. */
const SETTLE_MS = 1_000;

/**
 * Keeps the VMs' `Host vbox-<name>` entries on their NAT forwards: after the VM list changed (an operation of the
 * extension, or a change made outside it that a refresh found), each VM that has an entry is read the way the tree
 * reads it (settings files first) and its entry moves to the forward's port when that changed. VMs without an entry
 * cost nothing; a VM gone is left to Delete VM, which removes its entry.
 */
export class SshEntryFollower implements vscode.Disposable {
    private timer: NodeJS.Timeout | undefined;
    private running: Promise<void> = Promise.resolve();
    private readonly subscription: vscode.Disposable;

    constructor(
        private readonly services: Services,
        private readonly store: MachinesStore,
    ) {
        this.subscription = store.onDidChange(() => this.schedule());
    }

    private schedule(): void {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => {
            // One check at a time; a change during a check schedules the next one.
            this.running = this.running.then(() => this.check()).catch((error: unknown) => this.services.logger.warn(`SSH host entries not updated: ${String(error)}`));
        }, SETTLE_MS);
    }

    private async check(): Promise<void> {
        this.timer = undefined;
        const state = this.store.state;
        if (state.kind !== 'loaded') return;
        const entries = await readHostEntries();
        if (entries.length === 0) return;
        const present = new Set(state.vms.filter((vm) => vm.accessible).map((vm) => vm.uuid));
        for (const entry of entries.filter((candidate) => present.has(candidate.uuid))) {
            const config = await this.services.vbox.execute(getVmConfig, { vm: entry.uuid });
            const moved = followForwards(entry, natForwardEndpoints({ nics: config.network }));
            if (!moved) continue;
            await writeHostEntry(moved);
            this.services.logger.info(`SSH host entry ${entry.alias} follows ${config.general.name}'s forward: ${entry.host}:${entry.port} → ${moved.host}:${moved.port}`);
        }
    }

    dispose(): void {
        clearTimeout(this.timer);
        this.timer = undefined;
        this.subscription.dispose();
    }
}
