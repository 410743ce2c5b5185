import { refreshNetworksView } from '../../tree/networks';
import type { CommandSpec } from '../commandSpec';

/** Reloads the Networks view now (it also reloads after every change and polls while visible). */
export const refreshNetworksCommand: CommandSpec = {
    id: 'virtualbox.networks.refresh',
    create: () => () => refreshNetworksView(),
};
