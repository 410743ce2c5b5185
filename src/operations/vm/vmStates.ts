import type { AnyVmState } from '../shared/vmStates';

/** A VM process exists: controlvm works, the settings are locked. (The other state groups are in ../shared.) */
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
