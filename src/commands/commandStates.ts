import { getVmSshEndpoint, setupSshAccess, waitForSsh } from '../operations/connect/sshAccess';
import { ejectDvd } from '../operations/media/ejectDvd';
import { insertDvd } from '../operations/media/insertDvd';
import { addNic } from '../operations/network/addNic';
import { portForwarding } from '../operations/network/portForwarding';
import { removeNic } from '../operations/network/removeNic';
import { setNetworkMode } from '../operations/network/setNetworkMode';
import { statesOf, type Operation } from '../operations/operation';
import type { AnyVmState } from '../operations/shared/vmStates';
import { removeSharedFolder } from '../operations/sharedFolders/removeSharedFolder';
import { createSnapshot } from '../operations/snapshot/createSnapshot';
import { addDisk } from '../operations/storage/addDisk';
import { removeDisk } from '../operations/storage/removeDisk';
import { cloneVm } from '../operations/vm/clone';
import { getVmConfig } from '../operations/vm/config';
import { deleteVm } from '../operations/vm/deleteVm';
import { pauseVm, powerOffVm, resumeVm, saveVmState, startVm } from '../operations/vm/lifecycle';
import { resetVm } from '../operations/vm/resetVm';
import { getResourceUsage } from '../operations/vm/resourceUsage';
import { setCpuCount, setMemory } from '../operations/vm/resources';
import { takeScreenshot } from '../operations/vm/screenshot';
import { stopVm } from '../operations/vm/stopVm';
import { VM_STATES } from '../vbox/parsers/vmInfo';

/**
 * The operation each command that acts on a VM runs, and with which input where the accepted states depend on it.
 * What its picker offers, what a selection is filtered to and (generated into package.json by
 * scripts/generate/manifest.ts) the menus' `when` clauses all come from the operation's `states`: no command keeps
 * a state list of its own. No vscode here: the manifest generator imports it.
 */
const COMMAND_OPERATIONS = {
    'virtualbox.vm.start': [startVm],
    'virtualbox.vm.stop': [stopVm, { vm: 'vm', force: false }],
    'virtualbox.vm.pause': [pauseVm],
    'virtualbox.vm.resume': [resumeVm],
    'virtualbox.vm.saveState': [saveVmState],
    'virtualbox.vm.reset': [resetVm, { vm: 'vm', mode: 'hard' }],
    'virtualbox.vm.powerOff': [powerOffVm],
    'virtualbox.vm.setCpus': [setCpuCount],
    'virtualbox.vm.setMemory': [setMemory],
    'virtualbox.vm.clone': [cloneVm],
    'virtualbox.vm.showConfiguration': [getVmConfig],
    'virtualbox.vm.editSettings': [getVmConfig],
    'virtualbox.vm.takeScreenshot': [takeScreenshot],
    'virtualbox.vm.monitor': [getResourceUsage],
    'virtualbox.vm.delete': [deleteVm],
    'virtualbox.disk.add': [addDisk],
    'virtualbox.disk.remove': [removeDisk],
    'virtualbox.snapshot.take': [createSnapshot],
    'virtualbox.dvd.insert': [insertDvd],
    'virtualbox.dvd.eject': [ejectDvd],
    'virtualbox.nic.add': [addNic],
    'virtualbox.nic.remove': [removeNic],
    'virtualbox.nic.setMode': [setNetworkMode],
    'virtualbox.portForward.add': [portForwarding, { vm: 'vm', action: 'add', rule: { name: 'rule', hostPort: 2222, guestPort: 22 } }],
    'virtualbox.portForward.remove': [portForwarding, { vm: 'vm', action: 'remove', name: 'rule' }],
    // The kind (permanent or transient) is asked after the VM: either kind's states.
    'virtualbox.sharedFolder.add': [removeSharedFolder, { vm: 'vm', name: 'share' }],
    'virtualbox.sharedFolder.remove': [removeSharedFolder, { vm: 'vm', name: 'share' }],
    'virtualbox.vm.openSshTerminal': [waitForSsh],
    'virtualbox.vm.openInRemoteSsh': [waitForSsh],
    // The command line of a forward is known in any state; a guest reports its addresses only while it runs.
    'virtualbox.vm.copySshCommand': [getVmSshEndpoint],
    'virtualbox.vm.copyIpAddress': [waitForSsh],
    'virtualbox.vm.setupSshAccess': [setupSshAccess],
} satisfies Record<string, readonly [Operation] | readonly [Operation, unknown]>;

export type VmCommandId = keyof typeof COMMAND_OPERATIONS;

/** Every state a VM's contextValue (`vm:<state>`) can carry while it is accessible, in VirtualBox's order. */
export const ACCESSIBLE_STATES: readonly AnyVmState[] = [...VM_STATES, 'unknown'];

/** The VM states the command acts in, in VirtualBox's order; every accessible state when its operation checks none. */
export function commandStates(id: VmCommandId): readonly AnyVmState[] {
    const [operation, rawInput] = COMMAND_OPERATIONS[id] as readonly [Operation, unknown?];
    // Only states that depend on the input need one (the command's, with the schema's defaults).
    const states = typeof operation.states === 'function' ? statesOf(operation, operation.input.parse(rawInput)) : operation.states;
    return states ? ACCESSIBLE_STATES.filter((state) => states.has(state)) : ACCESSIBLE_STATES;
}

export const vmCommandIds = Object.keys(COMMAND_OPERATIONS) as VmCommandId[];
