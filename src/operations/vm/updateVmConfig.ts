import { z } from 'zod';
import { command, ignoreOutput } from '../../vbox/command';
import { VBoxError } from '../../vbox/errors';
import { defineOperation } from '../operation';
import { toVmConfig, type VmConfig } from './config';
import { requireKnownOsType } from './osTypes';
import { checkResourceLimits } from './resourceLimits';
import { vmRef } from '../shared/schemas';
import { readVmInfo } from '../shared/vmInfoQuery';
import { EDITABLE_STATES, describeState } from '../shared/vmStates';
import { bootOrder, chipset, cpuCount, firmware, graphicsController, groupPath, memoryMb, newVmName, osTypeId, vramMb } from './vmSchemas';
import { requireNameFree } from './vmQueries';

export const vmConfigPatch = z
    .strictObject({
        name: newVmName.optional().describe('A new name for the VM.'),
        osType: osTypeId.optional(),
        description: z.string().max(10_000).optional().describe('Free-text description (may span lines); "" clears it.'),
        groups: z.array(groupPath).min(1).optional().describe('The groups the VM belongs to, e.g. ["/Team/Web"]; ["/"] for none.'),
        memoryMb: memoryMb.optional(),
        cpus: cpuCount.optional(),
        vramMb: vramMb.optional(),
        firmware: firmware.optional(),
        chipset: chipset.optional(),
        graphicsController: graphicsController.optional(),
        bootOrder: bootOrder.optional(),
    })
    .refine((patch) => Object.values(patch).some((value) => value !== undefined), 'give at least one setting to change')
    .describe('The settings to change; settings left out stay as they are.');

export type VmConfigPatch = z.infer<typeof vmConfigPatch>;

/** The patch as one `modifyvm` call, so that it applies all at once or not at all. */
export function modifyVmArgs(vm: string, patch: VmConfigPatch): string[] {
    const args = ['modifyvm', vm];
    const option = (name: string, value: string | number | undefined) => {
        if (value !== undefined) args.push(`--${name}`, String(value));
    };
    option('name', patch.name);
    option('ostype', patch.osType);
    option('description', patch.description);
    option('groups', patch.groups?.join(','));
    option('memory', patch.memoryMb);
    option('cpus', patch.cpus);
    option('vram', patch.vramMb);
    option('firmware', patch.firmware);
    option('chipset', patch.chipset);
    option('graphicscontroller', patch.graphicsController);
    if (patch.bootOrder) {
        for (let position = 1; position <= 4; position++) option(`boot${position}`, patch.bootOrder[position - 1] ?? 'none');
    }
    return args;
}

export function patchedFields(patch: VmConfigPatch): string[] {
    return Object.entries(patch)
        .filter(([, value]) => value !== undefined)
        .map(([field]) => field);
}

export interface UpdateVmConfigResult {
    readonly changed: string[];
    readonly config: VmConfig;
}

export const updateVmConfig = defineOperation({
    id: 'update_vm_config',
    title: 'Change VM Settings',
    description:
        'Changes settings of a powered-off VM in one step: name, OS type, description, groups, memory, CPUs, video memory, ' +
        'firmware, chipset, graphics controller, boot order. Returns the configuration afterwards.',
    input: z.object({ vm: vmRef, patch: vmConfigPatch }),
    effect: 'change',
    async run(ctx, input): Promise<UpdateVmConfigResult> {
        const { patch } = input;
        const changed = patchedFields(patch);
        const info = await readVmInfo(ctx, input.vm);
        if (!EDITABLE_STATES.has(info.state)) {
            throw new VBoxError(
                'INVALID_VM_STATE',
                `Cannot change ${changed.join(', ')} of VM "${info.name}" while it is ${describeState(info.state)}. Power it off first` +
                    `${info.state === 'saved' ? ' (or discard its saved state)' : ''}.`,
            );
        }
        if (patch.osType !== undefined) await requireKnownOsType(ctx, patch.osType);
        await checkResourceLimits(ctx, { cpus: patch.cpus, memoryMb: patch.memoryMb, vramMb: patch.vramMb });
        if (patch.name !== undefined && patch.name !== info.name) await requireNameFree(ctx, patch.name);
        // By UUID: the name may be the thing that changes.
        await ctx.vbox.run(command(modifyVmArgs(info.uuid, patch), ignoreOutput, { vm: input.vm }), { signal: ctx.signal });
        return { changed, config: toVmConfig(await readVmInfo(ctx, info.uuid)) };
    },
});
