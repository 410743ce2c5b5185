import { VBoxError } from '../../vbox/errors';
import type { VmInfo, VmState } from '../../vbox/parsers/vmInfo';

/**
 * State groups the storage, network and snapshot operations check before acting, so that a wrong state is
 * reported clearly, before anything is spawned, instead of as VirtualBox's lock or state error.
 */
export type AnyVmState = VmState | 'unknown';

/** No VM process and no saved state: VirtualBox lets every setting change (its "mutable" states). */
export const EDITABLE_STATES: ReadonlySet<AnyVmState> = new Set<AnyVmState>(['poweroff', 'aborted', 'teleported']);

/** A VM process that answers `controlvm` for its NAT engine. */
export const LIVE_STATES: ReadonlySet<AnyVmState> = new Set<AnyVmState>(['running', 'paused']);

/** Running: the guest can react (the ACPI power button, a hard reset, a pause). */
export const RUNNING: ReadonlySet<AnyVmState> = new Set<AnyVmState>(['running']);

/** Not running: a snapshot may be restored (the saved state, if any, is discarded with the current state). */
export const RESTORABLE_STATES: ReadonlySet<AnyVmState> = new Set<AnyVmState>([...EDITABLE_STATES, 'saved', 'aborted-saved']);

/** Not in a transition: its settings and disks can be copied (a clone, a snapshot). */
export const STABLE_STATES: ReadonlySet<AnyVmState> = new Set<AnyVmState>([...RESTORABLE_STATES, ...LIVE_STATES]);

/** A VM process exists: controlvm works, the settings are locked. */
export const ACTIVE_STATES: ReadonlySet<AnyVmState> = new Set<AnyVmState>([
    'running',
    'paused',
    'gurumeditation',
    'teleporting',
    'livesnapshotting',
    'starting',
    'stopping',
    'saving',
    'restoring',
    'teleportingpausedvm',
    'teleportingin',
    'deletingsnapshotlive',
    'deletingsnapshotlivepaused',
    'onlinesnapshotting',
]);

const WORDS: Partial<Record<AnyVmState, string>> = {
    poweroff: 'powered off',
    'aborted-saved': 'aborted with a saved state',
    gurumeditation: 'stuck (guru meditation)',
    livesnapshotting: 'taking a live snapshot',
    onlinesnapshotting: 'taking a snapshot',
    deletingsnapshotlive: 'deleting a snapshot',
    deletingsnapshotlivepaused: 'deleting a snapshot',
    deletingsnapshot: 'deleting a snapshot',
    restoringsnapshot: 'restoring a snapshot',
    teleportingpausedvm: 'teleporting',
    teleportingin: 'teleporting',
    settingup: 'being set up',
};

export function describeState(state: AnyVmState): string {
    return WORDS[state] ?? state;
}

/** INVALID_VM_STATE unless the VM is in one of the allowed states; `action` completes "Cannot <action> ...". */
export function requireState(info: Pick<VmInfo, 'name' | 'state'>, allowed: ReadonlySet<AnyVmState>, action: string, advice: string): void {
    if (allowed.has(info.state)) return;
    throw new VBoxError('INVALID_VM_STATE', `Cannot ${action} while VM "${info.name}" is ${describeState(info.state)}. ${advice}`);
}

/** The usual advice for settings that need the VM off. */
export const POWER_OFF_FIRST = 'Power it off (or discard its saved state) first.';
