import { isVBoxError } from '../../vbox/errors';
import type { VmListEntry } from '../../vbox/parsers/vmList';
import type { OperationContext } from '../operation';
import { readVmInfoLockFree } from '../shared/vmFromFiles';
import type { VmSummary } from './listVms';
import { listVmsCommand } from './vmQueries';

/** An inaccessible VM: VirtualBox cannot read its settings, so only its UUID (and `<inaccessible>`) are known. */
export function inaccessibleRow(vm: VmListEntry): VmSummary {
    return { name: vm.name, uuid: vm.uuid, state: 'unknown', osType: '', cpus: 0, memoryMb: 0, groups: [], accessible: false };
}

/**
 * A time as VirtualBox writes it, in UTC: `2026-11-25T06:33:27Z` in the .vbox, `2026-11-25T06:33:27.123000000` (no
 * zone) in showvminfo. Both become ISO 8601 to the second, so the two ways of listing agree; unparsable text is kept.
 */
export function isoTime(text: string): string {
    const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.\d+)?Z?$/.exec(text);
    return match ? `${match[1]}Z` : text;
}

/**
 * One VM's row, from `read`: by default its settings files when they can tell (no session lock: a user's own command
 * on the VM is never refused because of this read), else `showvminfo --machinereadable`; a caller that has already
 * found the files cannot tell passes readVmInfo. Undefined when the VM was unregistered meanwhile.
 */
export async function rowFromVmInfo(ctx: OperationContext, vm: VmListEntry, read = readVmInfoLockFree): Promise<VmSummary | undefined> {
    try {
        const info = await read(ctx, vm.uuid);
        return {
            name: info.name,
            uuid: info.uuid,
            state: info.state,
            osType: info.osTypeDescription,
            cpus: info.cpus,
            memoryMb: info.memoryMb,
            groups: info.groups,
            accessible: info.accessible && vm.accessible,
            ...(info.stateChangeTime ? { lastStateChange: isoTime(info.stateChangeTime) } : {}),
        };
    } catch (error) {
        // Unregistered between the two calls: it is simply no longer in the list.
        if (isVBoxError(error, 'VM_NOT_FOUND')) return undefined;
        throw error;
    }
}

/**
 * The slow, always-available way: `list vms`, then each VM one after another, from its own settings file where that
 * can tell and with `showvminfo` otherwise (VBoxSVC serialises showvminfo, and parallel calls are slower in total).
 * `listed`: a `list vms` answer the caller already has.
 */
export async function listVmsWithShowVmInfo(ctx: OperationContext, listed?: readonly VmListEntry[]): Promise<VmSummary[]> {
    const vms = listed ?? (await ctx.vbox.run(listVmsCommand, { signal: ctx.signal }));
    const rows: VmSummary[] = [];
    for (const vm of vms) {
        // VirtualBox cannot read an inaccessible VM's settings (showvminfo fails with E_ACCESSDENIED): list it as
        // such instead of failing the whole list.
        const row = vm.accessible ? await rowFromVmInfo(ctx, vm) : inaccessibleRow(vm);
        if (row) rows.push(row);
    }
    return rows;
}
