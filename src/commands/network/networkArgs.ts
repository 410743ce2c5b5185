import * as vscode from 'vscode';
import { z } from 'zod';
import { getVmConfig, type VmConfig } from '../../operations/vm/config';
import type { Services } from '../../services/services';
import { pickVm } from '../pickers/pickVm';
import { pickItem } from '../storage/pickItem';
import { nodeData, nodeVm, type NodeVm } from '../storage/treeArgs';

export type Nic = VmConfig['network'][number];


const rule = z.object({
    name: z.string(),
    protocol: z.string(),
    hostIp: z.string(),
    hostPort: z.number(),
    guestIp: z.string(),
    guestPort: z.number(),
});

/** A network adapter node of the Machines tree (`nic:<mode>`). */
export const nicNode = z.object({
    vm: nodeVm,
    nic: z.object({ slot: z.number(), attachment: z.string(), macAddress: z.string().optional(), forwarding: z.array(rule) }),
});
export type NicTarget = z.infer<typeof nicNode>;

/** A port-forwarding rule node of the Machines tree (`portForward`). */
export const portForwardNode = z.object({ vm: nodeVm, nic: z.object({ slot: z.number() }), rule });

/** A network of the Networks view (`network:<kind>`). */
export const networkNode = z.object({ kind: z.enum(['natnet', 'hostonly', 'intnet', 'bridged']), name: z.string() });

/** The adapter a command acts on: the clicked node, or from the palette a VM and then one of its adapters. */
export async function nicTarget(
    services: Services,
    node: unknown,
    options: { title: string; states: readonly string[]; filter?: (nic: Nic) => boolean; noneMessage: (vm: NodeVm) => string },
): Promise<NicTarget> {
    const fromNode = nodeData(nicNode, node);
    if (fromNode) return fromNode;
    const vm = await pickVm(services, {
        states: options.states,
        title: options.title,
        noneMessage: vscode.l10n.t('No VM is in a state for this command: adapters change while the VM is powered off.'),
    });
    const config = await services.vbox.execute(getVmConfig, { vm: vm.uuid });
    const nics = config.network.filter(options.filter ?? (() => true));
    const picked = await pickItem(
        nics.map((nic) => ({ label: vscode.l10n.t('Adapter {0}', nic.slot), description: nic.attachment, detail: nic.macAddress, nic })),
        { title: options.title, placeHolder: vscode.l10n.t('Choose an adapter of "{0}"', vm.name), noneMessage: options.noneMessage(vm) },
    );
    return { vm, nic: picked.nic };
}
