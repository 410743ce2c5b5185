import type { VBoxErrorCode } from '../vbox/errors';

/**
 * What each error code means and what to do next, written for whoever called: a language model (the tool result),
 * another extension (docs/api.md) or a reader of docs/operations.md. The error's own message says what happened
 * in this case; this says how to get past it.
 */
export const ERROR_ADVICE: Readonly<Record<VBoxErrorCode, string>> = {
    VM_NOT_FOUND: 'No VM has that name or UUID. Call list_vms to see the exact names, then retry with one of them.',
    VM_LOCKED:
        'Another session (the VirtualBox app, a running clone or snapshot, or a VM that just stopped) holds the VM. ' +
        'Wait a few seconds and retry; close the VirtualBox window of that VM if it persists.',
    INVALID_VM_STATE:
        "The VM's current state does not allow this (e.g. changing settings while it runs). Check its state with " +
        'list_vms or get_vm_config, stop or start it as the message says, then retry.',
    SNAPSHOT_NOT_FOUND: 'The VM has no snapshot with that name or UUID. Call list_snapshots for the VM and use a name from there.',
    MEDIUM_NOT_FOUND: 'No registered disk image matches. Call list_disks to see the UUIDs and file paths VirtualBox knows.',
    MEDIUM_IN_USE:
        'Something still uses it: a disk image attached to a VM or used by a snapshot (detach it with remove_disk, or ' +
        "delete those snapshots), or a network that VMs' adapters use (move them with set_network_mode, or remove_nic).",
    NETWORK_NOT_FOUND: 'No network has that name. Call list_networks to see the existing networks.',
    ALREADY_EXISTS: 'Something with that name already exists. Choose another name, or use or delete the existing one.',
    HOST_DRIVER_MISSING:
        "VirtualBox's kernel driver is not loaded on the host, so VMs cannot run. The user must install or load it " +
        '(e.g. reinstall VirtualBox or run vboxconfig); retrying will not help.',
    VBOXMANAGE_MISSING:
        'VBoxManage (VirtualBox) was not found. The user must install VirtualBox 7.x or set the virtualbox.vboxManagePath setting; ' +
        'retrying will not help.',
    VBOXSVC_UNAVAILABLE: "VirtualBox's service (VBoxSVC) could not be reached. Retry once; if it fails again the user must restart VirtualBox.",
    FILE_ERROR: 'A file could not be read or written (missing, no permission, or it exists). Check the path in the message and retry with another.',
    NOT_SUPPORTED: 'VirtualBox does not support this (for example shrinking a disk). Do not retry the same request; choose another approach.',
    SSH_UNAVAILABLE:
        "The guest's SSH server cannot be reached from the host: the VM has no NAT forward to guest port 22 and no bridged or " +
        'host-only address its Guest Additions report, or nothing answered there in time. Call setup_ssh_access to add a forward ' +
        '(it works while the VM runs), make sure the VM runs and its SSH server is started, then call wait_for_ssh.',
    SSH_CLIENT_MISSING:
        'The OpenSSH client (ssh) was not found on the machine running VS Code. The user must install it or set the ' +
        'virtualbox.sshPath setting; retrying will not help. get_vm_ssh_endpoint still tells where SSH would connect.',
    TIMEOUT: 'VirtualBox did not answer in time. Check the state (e.g. list_vms) before retrying: the action may have completed.',
    CANCELLED: 'The operation was cancelled. Do not retry unless the user asks again.',
    INVALID_INPUT: 'The input was rejected before anything ran. Fix the fields named in the message and call the tool again.',
    PARSE_ERROR: "VirtualBox's output could not be read. Retry once; if it persists, report it with the extension's log.",
    VBOX_ERROR: 'VirtualBox reported an error. Read the message; retrying the same request will most likely fail again.',
};
