import * as vscode from 'vscode';
import { getVmConfig, type VmConfig } from '../../operations/vm/config';
import { listVms, type VmSummary } from '../../operations/vm/listVms';
import type { Services } from '../../services/services';
import { isVBoxError } from '../../vbox/errors';
import type { RefreshReason } from '../refreshScheduler';
import type { Refreshable } from '../refreshManager';
import { VmListSource } from './vmListSource';

/** Errors that a busy VM causes for a moment (VirtualBox maps "object not ready" to the generic code). */
const TRANSIENT_CODES = new Set(['VM_LOCKED', 'VBOX_ERROR', 'INVALID_VM_STATE']);

/** How long a shared read of the rows under a VM is reused when nothing the extension did changed them. */
const SHARED_READ_MS = 60_000;

/** What the Machines view and the status bar show, as last read from VirtualBox. */
export type MachinesState =
    | { readonly kind: 'loading' }
    | { readonly kind: 'loaded'; readonly vms: readonly VmSummary[] }
    | { readonly kind: 'failed'; readonly error: unknown };

/**
 * The Machines data. The VM list is read on every refresh; a VM's full configuration only once its node has been
 * expanded (and again on every refresh while it stays expanded), so that polling stays cheap with many VMs.
 * Listeners hear about a change only when something differs from the last reading, or after an operation.
 */
export class MachinesStore implements Refreshable, vscode.Disposable {
    private current: MachinesState = { kind: 'loading' };
    private readonly details = new Map<string, VmConfig>();
    private readonly expanded = new Set<string>();
    private fingerprint = '';
    private markLoaded!: () => void;
    private readonly firstLoad = new Promise<void>((resolve) => (this.markLoaded = resolve));
    private readonly changed = new vscode.EventEmitter<void>();
    readonly onDidChange = this.changed.event;
    private readonly source: VmListSource;

    /** Reads of rows under a VM (its snapshots), shared by the redraws of a burst; see readShared. */
    private readonly rowReads = new Map<string, { readonly key: string; readonly at: number; readonly value: Promise<unknown> }>();
    private readonly subscription: vscode.Disposable;

    constructor(private readonly services: Services) {
        this.source = new VmListSource(() => services.vbox.execute(listVms, {}), services.vbox.settingsFiles);
        // Whatever an operation changed is read afresh by the next redraw.
        this.subscription = services.vbox.onDidChangeState(() => this.rowReads.clear());
    }

    /** Whether VirtualBox's files changed since the last reading (nothing spawned): the view then refreshes at once. */
    hasChanged(): Promise<boolean> {
        return this.source.changed();
    }

    /**
     * Redraws come in bursts (an operation's progress, its refresh, the next poll), and VS Code forgets a view's
     * items at each one until it has read them again: rows whose read is slow (VBoxManage) stay shown meanwhile but
     * lose their click target, and a burst can keep them so. So a read of such rows (`id`) for the same VM details
     * (`key`) is shared, also while it is still running, until an operation changes VirtualBox or a minute passes.
     */
    readShared<T>(id: string, key: string, read: () => Promise<T>): Promise<T> {
        const recent = this.rowReads.get(id);
        if (recent && recent.key === key && Date.now() - recent.at < SHARED_READ_MS) return recent.value as Promise<T>;
        const value = read();
        this.rowReads.set(id, { key, at: Date.now(), value });
        value.catch(() => {
            if (this.rowReads.get(id)?.value === value) this.rowReads.delete(id);
        });
        return value;
    }

    get state(): MachinesState {
        return this.current;
    }

    /** Resolves once the first reading is in (the view waits for it rather than flashing "empty"). */
    whenLoaded(): Promise<void> {
        return this.firstLoad;
    }

    async refresh(reason: RefreshReason): Promise<void> {
        let next: MachinesState;
        try {
            const vms = await this.readVmList();
            const present = new Set(vms.map((vm) => vm.uuid));
            for (const uuid of [...this.expanded]) if (!present.has(uuid)) this.forget(uuid);
            // One after another (VBoxSVC serialises them anyway). A VM whose read fails for a moment (e.g. locked
            // while it powers off) keeps its previous details.
            for (const uuid of this.expanded) await this.loadDetails(uuid).catch(() => undefined);
            next = { kind: 'loaded', vms };
        } catch (error) {
            // A VM busy for a moment (e.g. powering off elsewhere) can fail the whole list: a view that has data keeps
            // it and tries again on the next poll; the error goes to the log.
            if (this.current.kind === 'loaded' && !isVBoxError(error, 'VBOXMANAGE_MISSING')) {
                this.services.logger.warn(`Reading the VM list failed; showing the previous one: ${error instanceof Error ? error.message : String(error)}`);
                return;
            }
            // Logged here, once per reading, rather than each time VS Code draws the error node.
            if (this.current.kind !== 'failed') this.services.logger.error('Could not list the VMs', error);
            next = { kind: 'failed', error };
        }
        const fingerprint = this.fingerprintOf(next);
        const unchanged = fingerprint === this.fingerprint && this.current.kind === next.kind;
        this.current = next;
        this.fingerprint = fingerprint;
        this.markLoaded();
        // A poll that found nothing new leaves the tree alone (no flicker, selection kept); anything else redraws,
        // because an operation may have changed what the fingerprint does not cover (e.g. a disk's size).
        if (!unchanged || reason !== 'interval') this.changed.fire();
    }

    /**
     * list_vms reads every VM, and one VM that VirtualBox is busy with (a session closing, "the object is not ready")
     * fails the whole list for a moment: such a failure is tried again twice before it counts.
     */
    private async readVmList(): Promise<readonly VmSummary[]> {
        for (let attempt = 0; ; attempt++) {
            try {
                return await this.source.read();
            } catch (error) {
                if (attempt >= 2 || !isVBoxError(error) || !TRANSIENT_CODES.has(error.code)) throw error;
            }
            await new Promise((resolve) => setTimeout(resolve, 750));
        }
    }

    /** What a poll compares with the last reading, to tell whether anything shown has changed. */
    private fingerprintOf(state: MachinesState): string {
        return JSON.stringify({ next: state.kind === 'failed' ? String(state.error) : state, details: [...this.details] });
    }

    /** The VM's configuration, read now if its node was never expanded; from then on kept fresh by refresh(). */
    async configOf(uuid: string): Promise<VmConfig> {
        this.expanded.add(uuid);
        const cached = this.details.get(uuid);
        if (cached) return cached;
        const config = await this.loadDetails(uuid);
        // The node being expanded shows this reading already: the next poll must not count it as a change. A redraw
        // of the whole tree then would, for a moment, leave a click on one of the new rows without its item.
        this.fingerprint = this.fingerprintOf(this.current);
        return config;
    }

    cachedConfigOf(uuid: string): VmConfig | undefined {
        return this.details.get(uuid);
    }

    /** The node was collapsed: stop re-reading its configuration. */
    forget(uuid: string): void {
        this.expanded.delete(uuid);
        this.details.delete(uuid);
    }

    private async loadDetails(uuid: string): Promise<VmConfig> {
        const config = await this.services.vbox.execute(getVmConfig, { vm: uuid });
        if (this.expanded.has(uuid)) this.details.set(uuid, config);
        return config;
    }

    dispose(): void {
        this.subscription.dispose();
        this.changed.dispose();
    }
}
