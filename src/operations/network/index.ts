import type { Operation } from '../operation';
import { addNic } from './addNic';
import { createNetwork } from './createNetwork';
import { deleteNetwork } from './deleteNetwork';
import { listNetworks } from './listNetworks';
import { portForwarding } from './portForwarding';
import { removeNic } from './removeNic';
import { setNetworkMode } from './setNetworkMode';
import { setNicProperties } from './setNicProperties';

/** Every network operation, in the order the UI lists them. */
export const networkOperations: readonly Operation[] = [
    addNic,
    removeNic,
    setNetworkMode,
    setNicProperties,
    portForwarding,
    listNetworks,
    createNetwork,
    deleteNetwork,
] as readonly Operation[];
