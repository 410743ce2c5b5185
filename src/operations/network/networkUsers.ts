import { command } from '../../vbox/command';
import { VBoxError, isVBoxError } from '../../vbox/errors';
import type { VmInfo } from '../../vbox/parsers/vmInfo';
import { parseVmList } from '../../vbox/parsers/vmList';
import type { OperationContext } from '../operation';
import { readVmInfo } from '../shared/vmInfoQuery';

type Nic = VmInfo['nics'][number];

/**
 * The VMs whose current settings have an adapter attached to a network. VirtualBox deletes a NAT network or a
 * host-only interface that VMs still use without a word; those VMs then fail to start. Snapshots' settings are
 * not searched: restoring one that used the network would bring the dangling reference back.
 */
export async function vmsUsing(ctx: OperationContext, uses: (nic: Nic) => boolean): Promise<{ name: string; slots: number[] }[]> {
    const vms = await ctx.vbox.run(command(['list', 'vms'], (o) => parseVmList(o.stdout)), { signal: ctx.signal });
    const users: { name: string; slots: number[] }[] = [];
    for (const vm of vms.filter((candidate) => candidate.accessible)) {
        let info: VmInfo;
        try {
            info = await readVmInfo(ctx, vm.uuid);
        } catch (error) {
            // Unregistered while we looked: it uses nothing any more.
            if (isVBoxError(error, 'VM_NOT_FOUND')) continue;
            throw error;
        }
        const slots = info.nics.filter(uses).map((nic) => nic.slot);
        if (slots.length) users.push({ name: info.name, slots });
    }
    return users;
}

/**
 * The refusal for a network that VMs still use. Its code is MEDIUM_IN_USE: the product's code for VirtualBox's
 * VBOX_E_OBJECT_IN_USE, which VirtualBox raises for any object in use (not only disks), so every "still in use"
 * refusal reads the same to programs. INVALID_INPUT would blame the request and INVALID_VM_STATE a VM's state,
 * while the remedy here is to detach the adapters.
 */
export function networkInUse(what: string, users: { name: string; slots: number[] }[]): VBoxError {
    const list = users.map((user) => `"${user.name}" (adapter ${user.slots.join(', ')})`).join(', ');
    return new VBoxError(
        'MEDIUM_IN_USE',
        `${what} is still used by ${users.length === 1 ? 'VM' : 'VMs'} ${list}. Nothing was deleted. ` +
            'Attach those adapters to another network or remove them first.',
    );
}
