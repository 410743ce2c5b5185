/**
 * A running VM's process logs every change of its VMM state to `<machine folder>/Logs/VBox.log`, e.g.
 * `00:00:03.799624 Changing the VM state from 'SUSPENDING' to 'SUSPENDED'` (VMM/VMMR3/VM.cpp, release log, never
 * translated). The last such line tells running from paused without asking VBoxManage, and whether the process that
 * wrote the log has ended (`TERMINATED`); any other last state (starting, saving, a live snapshot, ...) is left to
 * `showvminfo`.
 */

const STATE_CHANGE = /^\d{1,3}:\d{2}:\d{2}\.\d{6} Changing the VM state from '[A-Z_]+' to '([A-Z_]+)'$/gm;

export type LoggedRunState = 'running' | 'paused';

const BY_VMM_STATE: Readonly<Record<string, LoggedRunState>> = { RUNNING: 'running', SUSPENDED: 'paused' };

/** The VMM state a log ends in once its VM process has ended (after OFF and DESTROYING). */
export const ENDED_VMM_STATE = 'TERMINATED';

/**
 * The VMM state name (e.g. `RUNNING`, `SUSPENDED`, `TERMINATED`) of the text's last state change, or undefined when
 * it has none. `fromStart` false: the text is a tail or a chunk, its first line may be cut and is skipped.
 */
export function lastVmmState(text: string, fromStart: boolean): string | undefined {
    const body = (fromStart ? text : text.slice(text.indexOf('\n') + 1)).replace(/\r/g, '');
    let last: string | undefined;
    for (const match of body.matchAll(STATE_CHANGE)) last = match[1];
    return last;
}

/** Running or paused when that is the VMM state; undefined for every other state (or none). */
export function runStateOf(vmmState: string | undefined): LoggedRunState | undefined {
    return vmmState === undefined ? undefined : BY_VMM_STATE[vmmState];
}

/** The run state the log's last VMM state change leads to (see runStateOf). */
export function runStateFromLog(text: string, fromStart: boolean): LoggedRunState | undefined {
    return runStateOf(lastVmmState(text, fromStart));
}
