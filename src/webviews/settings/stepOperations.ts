import { addNic } from '../../operations/network/addNic';
import { portForwarding } from '../../operations/network/portForwarding';
import { removeNic } from '../../operations/network/removeNic';
import { setNetworkMode } from '../../operations/network/setNetworkMode';
import { addDisk } from '../../operations/storage/addDisk';
import { removeDisk } from '../../operations/storage/removeDisk';
import { resizeDisk } from '../../operations/storage/resizeDisk';
import { updateVmConfig } from '../../operations/vm/updateVmConfig';
import { setNicProperties } from '../../operations/network/setNicProperties';

/**
 * The operations an apply can run. The page validates a plan with their input schemas (the very objects the host
 * runs), so an error shows before anything is sent; the host validates again when it runs them.
 */
export const STEP_OPERATIONS = {
    update_vm_config: updateVmConfig,
    remove_disk: removeDisk,
    resize_disk: resizeDisk,
    add_disk: addDisk,
    remove_nic: removeNic,
    set_network_mode: setNetworkMode,
    set_nic_properties: setNicProperties,
    port_forwarding: portForwarding,
    add_nic: addNic,
} as const;

export type StepOperationId = keyof typeof STEP_OPERATIONS;
