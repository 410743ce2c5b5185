import { z } from 'zod';
import { command, ignoreOutput } from '../../vbox/command';
import { VBoxError } from '../../vbox/errors';
import { defineOperation } from '../operation';
import { vmRef } from '../shared/schemas';
import { readVmInfo } from '../shared/vmInfoQuery';
import { sharedFoldersOf, type SharedFolder } from './sharedFolderQuery';
import { PERMANENT_FOLDER_STATES, SHARED_FOLDER_STATES, TRANSIENT_FOLDER_STATES, requireFolderState, sharedFolderName } from './sharedFolderRules';

export const removeSharedFolderInput = z.object({
    vm: vmRef,
    name: sharedFolderName,
    transient: z
        .boolean()
        .optional()
        .describe('Which folder when a running VM has a transient and a permanent one of that name. Default: the one that exists.'),
});

export interface RemoveSharedFolderResult {
    readonly vm: string;
    /** The folder that was removed (the files in its host folder are untouched). */
    readonly removed: SharedFolder;
    readonly folders: SharedFolder[];
}

export const removeSharedFolder = defineOperation({
    id: 'remove_shared_folder',
    title: 'Remove Shared Folder',
    description:
        "Stops sharing a host folder with a VM (the host folder and its files stay). A permanent folder needs the VM powered off; " +
        'a transient one a running or paused VM.',
    input: removeSharedFolderInput,
    effect: 'change',
    states: (input) => (input.transient === undefined ? SHARED_FOLDER_STATES : input.transient ? TRANSIENT_FOLDER_STATES : PERMANENT_FOLDER_STATES),
    async run(ctx, input): Promise<RemoveSharedFolderResult> {
        const info = await readVmInfo(ctx, input.vm);
        const named = info.sharedFolders.filter(
            (folder) => folder.name === input.name && !folder.global && (input.transient === undefined || folder.transient === input.transient),
        );
        const target = named.find((folder) => folder.transient) ?? named[0];
        if (!target && info.sharedFolders.some((folder) => folder.global && folder.name === input.name)) {
            throw new VBoxError(
                'INVALID_INPUT',
                `"${input.name}" is a global shared folder, shared with every VM, not a folder of VM "${info.name}". ` +
                    `Remove it for all VMs with: VBoxManage sharedfolder remove global --name=${input.name}`,
            );
        }
        if (!target) {
            const names = info.sharedFolders.map((folder) => `"${folder.name}"`).join(', ') || 'none';
            throw new VBoxError('INVALID_INPUT', `VM "${info.name}" has no ${kindWord(input.transient)}shared folder named "${input.name}" (its folders: ${names}).`);
        }
        requireFolderState(info, target.transient, 'remove');
        const [removed] = await sharedFoldersOf({ cfgFile: info.cfgFile, sharedFolders: [target] }, ctx.log);
        const args = ['sharedfolder', 'remove', info.uuid, `--name=${target.name}`];
        if (target.transient) args.push('--transient');
        await ctx.vbox.run(command(args, ignoreOutput, { vm: info.uuid }), { signal: ctx.signal });
        const folders = await sharedFoldersOf(await readVmInfo(ctx, info.uuid), ctx.log);
        return { vm: info.name, removed: removed ?? { ...target }, folders };
    },
});

function kindWord(transient: boolean | undefined): string {
    if (transient === undefined) return '';
    return transient ? 'transient ' : 'permanent ';
}
