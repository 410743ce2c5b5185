import { z } from 'zod';
import { command, ignoreOutput } from '../../vbox/command';
import { VBoxError } from '../../vbox/errors';
import type { VmInfo } from '../../vbox/parsers/vmInfo';
import { defineOperation } from '../operation';
import { withDescendants } from '../shared/mediaQuery';
import { mediumRef } from '../shared/schemas';
import { readVmInfo } from '../shared/vmInfoQuery';
import { describeState, EDITABLE_STATES } from '../shared/vmStates';
import { findAnyMedium, usersOf, type MediumKindWord } from './findAnyMedium';
import { DISC_CHANGE_STATES } from './insertDvd';

export const releaseMediumInput = z.object({
    medium: mediumRef.describe('The hard disk, optical or floppy image: its UUID, or the full path of its file as VirtualBox lists it.'),
});

export interface ReleasedAttachment {
    readonly vm: string;
    readonly controller: string;
    readonly port: number;
    readonly device: number;
    /** `ejected`: the drive stays, empty (optical, floppy); `detached`: the disk was removed from the slot. */
    readonly action: 'ejected' | 'detached';
}

export interface ReleaseMediumResult {
    readonly kind: MediumKindWord;
    readonly uuid: string;
    readonly path: string;
    readonly released: ReleasedAttachment[];
    /** Snapshots that still use the medium (a snapshot's settings cannot change); delete them to free it fully. */
    readonly stillUsedBySnapshots: { vm: string; snapshot: string }[];
}

export const releaseMedium = defineOperation({
    id: 'release_medium',
    title: 'Release',
    description:
        'Detaches a hard disk, optical or floppy image from every VM that uses it: discs are ejected (also from running VMs), disks ' +
        'are detached (only from powered-off VMs; a running user refuses the whole release before anything changes). The image stays registered.',
    input: releaseMediumInput,
    effect: 'change',
    async run(ctx, input): Promise<ReleaseMediumResult> {
        const found = await findAnyMedium(ctx, input.medium);
        const uuids = new Set(withDescendants(found.all, found.medium).map((medium) => medium.uuid.toLowerCase()));
        const isDisk = found.kind === 'disk';
        const users = usersOf(found);
        const infos: VmInfo[] = [];
        for (const user of users.filter((candidate) => candidate.current)) infos.push(await readVmInfo(ctx, user.uuid));

        // Every state is checked before anything changes: a release stops whole or not at all.
        const allowed = isDisk ? EDITABLE_STATES : DISC_CHANGE_STATES;
        const blocked = infos.filter((info) => !allowed.has(info.state));
        if (blocked.length) {
            const list = blocked.map((info) => `"${info.name}" (${describeState(info.state)})`).join(', ');
            throw new VBoxError(
                'INVALID_VM_STATE',
                `Cannot release "${found.medium.location}": VM ${list} must be ${isDisk ? 'powered off' : 'powered off or running'} first. Nothing was changed.`,
            );
        }

        const released: ReleasedAttachment[] = [];
        for (const info of infos) {
            for (const controller of info.storageControllers) {
                for (const attachment of controller.attachments) {
                    if (!attachment.imageUuid || !uuids.has(attachment.imageUuid.toLowerCase())) continue;
                    const args = ['storageattach', info.uuid, '--storagectl', controller.name, '--port', String(attachment.port), '--device', String(attachment.device)];
                    await ctx.vbox.run(command([...args, '--medium', isDisk ? 'none' : 'emptydrive'], ignoreOutput, { vm: info.uuid }), { signal: ctx.signal });
                    released.push({ vm: info.name, controller: controller.name, port: attachment.port, device: attachment.device, action: isDisk ? 'detached' : 'ejected' });
                }
            }
        }
        const stillUsedBySnapshots = users.flatMap((user) => user.snapshots.map((snapshot) => ({ vm: user.vm, snapshot })));
        return { kind: found.kind, uuid: found.medium.uuid, path: found.medium.location, released, stillUsedBySnapshots };
    },
});
