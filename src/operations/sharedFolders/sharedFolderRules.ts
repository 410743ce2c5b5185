import * as path from 'node:path';
import { stat } from 'node:fs/promises';
import { z } from 'zod';
import { VBoxError } from '../../vbox/errors';
import type { VmInfo } from '../../vbox/parsers/vmInfo';
import { withoutControlCharacters } from '../shared/schemas';
import { EDITABLE_STATES, LIVE_STATES, describeState, type AnyVmState } from '../shared/vmStates';

/**
 * The state rules of shared folders, measured on VirtualBox 7.2.22: `sharedfolder add|remove` of a permanent folder
 * takes the VM's write lock, so it works only without a VM process and without a saved state (running, paused and
 * saved VMs fail with "already locked" or "not mutable"); `--transient` talks to the VM process, so it works only
 * while the VM runs or is paused ("Machine ... is not currently running" otherwise).
 */
export const PERMANENT_FOLDER_STATES: ReadonlySet<AnyVmState> = EDITABLE_STATES;
export const TRANSIENT_FOLDER_STATES: ReadonlySet<AnyVmState> = LIVE_STATES;
/** A shared folder of one kind or the other. */
export const SHARED_FOLDER_STATES: ReadonlySet<AnyVmState> = new Set<AnyVmState>([...PERMANENT_FOLDER_STATES, ...TRANSIENT_FOLDER_STATES]);

/** Which kind of shared folder a VM in this state can take or give up: what the tree's menus and the pickers offer. */
export function sharedFolderKindFor(state: AnyVmState): 'permanent' | 'transient' | undefined {
    if (PERMANENT_FOLDER_STATES.has(state)) return 'permanent';
    if (TRANSIENT_FOLDER_STATES.has(state)) return 'transient';
    return undefined;
}

/** INVALID_VM_STATE unless a folder of this kind can be added or removed in the VM's state. */
export function requireFolderState(info: Pick<VmInfo, 'name' | 'state'>, transient: boolean, action: string): void {
    const allowed = transient ? TRANSIENT_FOLDER_STATES : PERMANENT_FOLDER_STATES;
    if (allowed.has(info.state)) return;
    const advice = transient
        ? 'A transient folder lives in the running VM: start the VM first, or add a permanent folder while it is powered off.'
        : TRANSIENT_FOLDER_STATES.has(info.state)
          ? 'Permanent folders change only while the VM is powered off: use a transient folder (it lasts until the VM stops), or power the VM off first.'
          : 'Permanent folders change only while the VM is powered off: power it off (or discard its saved state) first.';
    const kind = transient ? 'transient' : 'permanent';
    throw new VBoxError('INVALID_VM_STATE', `Cannot ${action} a ${kind} shared folder while VM "${info.name}" is ${describeState(info.state)}. ${advice}`);
}

/**
 * A share name as the guest sees it (`mount -t vboxsf NAME`, `\\vboxsvr\NAME`). VBoxManage itself refuses spaces and
 * tabs; a line break would end showvminfo's line, and a slash or backslash would be read as a path in the guest.
 */
export const sharedFolderName = z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[^\s/\\]+$/, 'must not contain spaces, slashes or backslashes')
    .refine(withoutControlCharacters, 'must not contain line breaks or control characters')
    .describe('The share name the guest sees (e.g. "projects"): no spaces, "/" or "\\", unique on the VM.');

export const hostFolderPath = z
    .string()
    .trim()
    .min(1)
    .refine((text) => path.isAbsolute(text), 'must be an absolute path')
    .refine(withoutControlCharacters, 'must not contain line breaks or control characters')
    .describe('The folder on the host to share: an absolute path to an existing folder.');

export const autoMountPoint = z
    .string()
    .trim()
    .min(1)
    .max(260)
    .refine(withoutControlCharacters, 'must not contain line breaks or control characters')
    .describe('Where the guest mounts it when auto-mounting (e.g. "/mnt/projects", or a drive letter such as "P:"). Default: the guest decides.');

/** INVALID_INPUT unless the host path is an existing folder (VirtualBox would refuse it with a less direct message). */
export async function requireHostFolder(hostPath: string): Promise<void> {
    const info = await stat(hostPath).catch(() => undefined);
    if (!info) throw new VBoxError('INVALID_INPUT', `The host folder "${hostPath}" does not exist. Create it first, or choose an existing folder.`);
    if (!info.isDirectory()) throw new VBoxError('INVALID_INPUT', `"${hostPath}" is a file, not a folder. Choose the folder to share.`);
}
