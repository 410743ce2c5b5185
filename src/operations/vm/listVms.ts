import { z } from 'zod';
import { defineOperation } from '../operation';
import type { AnyVmState } from '../shared/vmStates';
import { listVmsFromSettingsFiles } from './listVmsFast';
import { listVmsWithShowVmInfo } from './listVmsSlow';

/** One row of the VM list. The same whichever way it was read (settings files or showvminfo). */
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
    /** When the VM's state last changed (ISO 8601, UTC), when VirtualBox says. */
    readonly lastStateChange?: string;
}

export const listVms = defineOperation({
    id: 'list_vms',
    title: 'List VMs',
    description: 'Lists every registered VM with its state, guest OS type, CPUs, memory and groups.',
    input: z.object({}),
    effect: 'read',
    async run(ctx): Promise<VmSummary[]> {
        // Fast: VirtualBox's settings files plus one `list runningvms`. Slow (when the files cannot be used): one
        // showvminfo per VM. Both give the same rows (test/integration/listVmsEquality.test.ts).
        return ctx.settingsFiles ? listVmsFromSettingsFiles(ctx, ctx.settingsFiles) : listVmsWithShowVmInfo(ctx);
    },
});
