import type { MachineSettings } from '../../vbox/settingsFiles/machineSettings';
import { ENDED_VMM_STATE, runStateOf } from '../../vbox/settingsFiles/vmLogState';
import type { VmLog } from '../../vbox/settingsFiles/vmLogTracker';
import type { AnyVmState } from './vmStates';

/** What the files and `list runningvms` say about one VM. */
export interface VmStateEvidence {
    readonly settings: MachineSettings;
    /** When the .vbox as read was written (epoch ms). */
    readonly settingsWrittenAt: number;
    /** The machine's current VBox.log; undefined when it has none. */
    readonly log: VmLog | undefined;
    /** `list runningvms` lists it: VirtualBox says running, paused, teleporting or taking a live snapshot. */
    readonly listedRunning: boolean;
}

/** No VM process: the state is in the settings file (saved-state file, aborted flag). */
function offlineState(settings: MachineSettings): AnyVmState {
    if (settings.stateFile) return settings.aborted ? 'aborted-saved' : 'saved';
    return settings.aborted ? 'aborted' : 'poweroff';
}

/**
 * The VM's state from the evidence, or undefined when only showvminfo can tell (a VM process starting, saving,
 * stopping, stuck, taking a snapshot, ...). `list runningvms` lists only running, paused, teleporting and
 * live-snapshotting VMs (VBoxManageList.cpp), so the log decides:
 * - listed: the log's last VMM state RUNNING is running, SUSPENDED is paused; anything else is asked;
 * - not listed, and the log ended (TERMINATED) or there is none: the settings file's state;
 * - not listed, the log did not end, and the .vbox was written after the log with `aborted` set: the VM process
 *   died and VBoxSVC recorded it as aborted (recorded on the testbed: killed VirtualBoxVM, .vbox rewritten ~1 s
 *   after the log's last line);
 * - otherwise a VM process is between states: asked.
 */
export function vmStateFromFiles(evidence: VmStateEvidence): AnyVmState | undefined {
    const { settings, log, listedRunning } = evidence;
    if (listedRunning) return runStateOf(log?.vmmState);
    if (!log || log.vmmState === undefined || log.vmmState === ENDED_VMM_STATE) return offlineState(settings);
    if (settings.aborted && evidence.settingsWrittenAt > log.stamp.mtimeMs) return offlineState(settings);
    return undefined;
}
