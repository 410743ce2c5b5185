import type { CommandSpec } from '../commandSpec';
import { addNicCommand } from './addNic';
import { addPortForwardCommand } from './addPortForward';
import { createHostOnlyInterfaceCommand } from './createHostOnlyInterface';
import { createNatNetworkCommand } from './createNatNetwork';
import { deleteNetworkCommand } from './deleteNetwork';
import { refreshNetworksCommand } from './refreshNetworks';
import { removeNicCommand } from './removeNic';
import { removePortForwardCommand } from './removePortForward';
import { setNetworkModeCommand } from './setNetworkMode';

/** The network commands: adapters and their port forwarding (Machines tree), networks (Networks view). */
export const networkCommands: readonly CommandSpec[] = [
    addNicCommand,
    removeNicCommand,
    setNetworkModeCommand,
    addPortForwardCommand,
    removePortForwardCommand,
    createNatNetworkCommand,
    createHostOnlyInterfaceCommand,
    deleteNetworkCommand,
    refreshNetworksCommand,
];
