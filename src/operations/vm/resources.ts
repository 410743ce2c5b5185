import { z } from 'zod';
import { command, ignoreOutput } from '../../vbox/command';
import { defineOperation, type OperationContext } from '../operation';
import { checkResourceLimits, type ResourceRequest } from './resourceLimits';
import { vmRef } from '../shared/schemas';
import { vmFromFiles } from '../shared/vmFromFiles';
import { readVmInfo } from '../shared/vmInfoQuery';
import { EDITABLE_STATES, POWER_OFF_FIRST, requireState } from '../shared/vmStates';
import { cpuCount, memoryMb } from './vmSchemas';

export interface VmResourcesResult {
    readonly name: string;
    readonly uuid: string;
    readonly cpus: number;
    readonly memoryMb: number;
}

/**
 * Checks the state and the limits, applies one modifyvm option, and reads the VM back. The state and the result
 * come from VirtualBox's settings files when they can tell (a VM with no VM process; see vmFromFiles), else from
 * showvminfo: either way the same answer, with one process instead of three.
 */
async function setResource(ctx: OperationContext, vm: string, request: ResourceRequest, option: string, value: number): Promise<VmResourcesResult> {
    const known = await vmFromFiles(ctx, vm);
    const info = known ? { name: known.name, uuid: known.uuid, state: known.offlineState } : await readVmInfo(ctx, vm);
    requireState(info, EDITABLE_STATES, `change the ${option === '--cpus' ? 'CPU count' : 'memory'}`, POWER_OFF_FIRST);
    await checkResourceLimits(ctx, request);
    await ctx.vbox.run(command(['modifyvm', info.uuid, option, String(value)], ignoreOutput, { vm }), { signal: ctx.signal });
    // VBoxManage saves the settings file before it exits.
    const after = known && (await ctx.settingsFiles?.readMachine(known.settingsFile).catch(() => undefined));
    if (after && after.uuid === info.uuid) return { name: after.name, uuid: after.uuid, cpus: after.cpus, memoryMb: after.memoryMb };
    const read = await readVmInfo(ctx, info.uuid);
    return { name: read.name, uuid: read.uuid, cpus: read.cpus, memoryMb: read.memoryMb };
}

export const setCpuCount = defineOperation({
    id: 'set_cpu_count',
    title: 'Set CPU Count',
    description: "Sets a powered-off VM's number of virtual CPUs, within VirtualBox's limits and the host's logical CPU count.",
    input: z.object({ vm: vmRef, cpus: cpuCount }),
    effect: 'change',
    states: EDITABLE_STATES,
    run: (ctx, input) => setResource(ctx, input.vm, { cpus: input.cpus }, '--cpus', input.cpus),
});

export const setMemory = defineOperation({
    id: 'set_memory',
    title: 'Set Memory',
    description: "Sets a powered-off VM's RAM in MB, within VirtualBox's limits and the host's physical memory.",
    input: z.object({ vm: vmRef, memoryMb }),
    effect: 'change',
    states: EDITABLE_STATES,
    run: (ctx, input) => setResource(ctx, input.vm, { memoryMb: input.memoryMb }, '--memory', input.memoryMb),
});
