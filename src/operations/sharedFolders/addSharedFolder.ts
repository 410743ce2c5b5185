import { z } from 'zod';
import { command, ignoreOutput } from '../../vbox/command';
import { VBoxError } from '../../vbox/errors';
import { defineOperation } from '../operation';
import { vmRef } from '../shared/schemas';
import { readVmInfo } from '../shared/vmInfoQuery';
import { sharedFoldersOf, type SharedFolder } from './sharedFolderQuery';
import { PERMANENT_FOLDER_STATES, TRANSIENT_FOLDER_STATES, autoMountPoint, hostFolderPath, requireFolderState, requireHostFolder, sharedFolderName } from './sharedFolderRules';

export const addSharedFolderInput = z
    .object({
        vm: vmRef,
        name: sharedFolderName,
        hostPath: hostFolderPath,
        readOnly: z.boolean().default(false).describe('The guest may only read the folder. Default: false (writable).'),
        autoMount: z.boolean().default(false).describe('The guest (with Guest Additions) mounts it at boot. Default: false.'),
        autoMountPoint: autoMountPoint.optional(),
        transient: z
            .boolean()
            .default(false)
            .describe('Add it to the running VM only, until the VM stops (needs a running or paused VM). Default: false: permanent, needs a powered-off VM.'),
    })
    .superRefine((input, issues) => {
        if (input.autoMountPoint !== undefined && !input.autoMount) {
            issues.addIssue({ code: 'custom', path: ['autoMountPoint'], message: 'a mount point needs autoMount: the guest uses it only when it mounts the folder itself' });
        }
    });

export interface AddSharedFolderResult {
    readonly vm: string;
    /** The folder as VirtualBox lists it afterwards. */
    readonly folder: SharedFolder;
    readonly folders: SharedFolder[];
}

export const addSharedFolder = defineOperation({
    id: 'add_shared_folder',
    title: 'Add Shared Folder',
    description:
        'Shares a host folder with a VM under a name the guest sees, optionally read-only and auto-mounted (at a mount point). ' +
        'Permanent on a powered-off VM; transient (until the VM stops) on a running or paused VM.',
    input: addSharedFolderInput,
    effect: 'change',
    states: (input) => (input.transient ? TRANSIENT_FOLDER_STATES : PERMANENT_FOLDER_STATES),
    async run(ctx, input): Promise<AddSharedFolderResult> {
        const info = await readVmInfo(ctx, input.vm);
        requireFolderState(info, input.transient, 'add');
        const taken = info.sharedFolders.find((folder) => folder.name === input.name);
        if (taken) {
            throw new VBoxError(
                'ALREADY_EXISTS',
                `VM "${info.name}" already has a ${taken.global ? 'global' : taken.transient ? 'transient' : 'permanent'} shared folder named "${input.name}" (${taken.hostPath}). ` +
                    'Choose another name, or remove that folder first.',
            );
        }
        await requireHostFolder(input.hostPath);
        const args = ['sharedfolder', 'add', info.uuid, `--name=${input.name}`, `--hostpath=${input.hostPath}`];
        if (input.readOnly) args.push('--readonly');
        if (input.autoMount) args.push('--automount');
        if (input.autoMountPoint !== undefined) args.push(`--auto-mount-point=${input.autoMountPoint}`);
        if (input.transient) args.push('--transient');
        await ctx.vbox.run(command(args, ignoreOutput, { vm: info.uuid }), { signal: ctx.signal });

        const folders = await sharedFoldersOf(await readVmInfo(ctx, info.uuid), ctx.log);
        const folder = folders.find((candidate) => candidate.name === input.name && candidate.transient === input.transient && !candidate.global);
        if (!folder) throw new VBoxError('VBOX_ERROR', `VirtualBox accepted shared folder "${input.name}" but does not list it for VM "${info.name}".`);
        return { vm: info.name, folder, folders };
    },
});
