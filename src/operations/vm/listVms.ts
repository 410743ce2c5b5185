import { z } from 'zod';
import { isVBoxError } from '../../vbox/errors';
import { defineOperation } from '../operation';
import { readVmInfo } from '../shared/vmInfoQuery';
import type { AnyVmState } from '../shared/vmStates';
import { listVmsCommand } from './vmQueries';

/** One row of the VM list. The shape is stable: a faster way to fill it may replace the per-VM reads. */
export interface VmSummary {
    readonly name: string;
    readonly uuid: string;
    readonly state: AnyVmState;
    /** The guest OS type's description, e.g. "Ubuntu (64-bit)". */
    readonly osType: string;
    readonly cpus: number;
    readonly memoryMb: number;
    readonly groups: string[];
    readonly accessible: boolean;
}

export const listVms = defineOperation({
    id: 'list_vms',
    title: 'List VMs',
    description: 'Lists every registered VM with its state, guest OS type, CPUs, memory and groups.',
    input: z.object({}),
    effect: 'read',
    async run(ctx): Promise<VmSummary[]> {
        const vms = await ctx.vbox.run(listVmsCommand, { signal: ctx.signal });
        const rows: VmSummary[] = [];
        // One VM after another: VBoxSVC serialises showvminfo, and parallel calls are slower in total.
        for (const vm of vms) {
            // VirtualBox cannot read an inaccessible VM's settings (showvminfo fails with E_ACCESSDENIED): list it as
            // such instead of failing the whole list.
            if (!vm.accessible) {
                rows.push({ name: vm.name, uuid: vm.uuid, state: 'unknown', osType: '', cpus: 0, memoryMb: 0, groups: [], accessible: false });
                continue;
            }
            try {
                const info = await readVmInfo(ctx, vm.uuid);
                rows.push({
                    name: info.name,
                    uuid: info.uuid,
                    state: info.state,
                    osType: info.osTypeDescription,
                    cpus: info.cpus,
                    memoryMb: info.memoryMb,
                    groups: info.groups,
                    accessible: info.accessible && vm.accessible,
                });
            } catch (error) {
                // Unregistered between the two calls: it is simply no longer in the list.
                if (isVBoxError(error, 'VM_NOT_FOUND')) continue;
                throw error;
            }
        }
        return rows;
    },
});
