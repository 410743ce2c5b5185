/**
 * A running VM's process logs every change of its VMM state to `<machine folder>/Logs/VBox.log`, e.g.
 * `00:00:03.799624 Changing the VM state from 'SUSPENDING' to 'SUSPENDED'` (VMM/VMMR3/VM.cpp, release log, never
 * translated). The last such line tells running from paused without asking VBoxManage; any other last state
 * (starting, saving, a live snapshot, ...) is left to `showvminfo`.
 */

const STATE_CHANGE = /^\d{1,3}:\d{2}:\d{2}\.\d{6} Changing the VM state from '[A-Z_]+' to '([A-Z_]+)'$/gm;

export type LoggedRunState = 'running' | 'paused';

const BY_VMM_STATE: Readonly<Record<string, LoggedRunState>> = { RUNNING: 'running', SUSPENDED: 'paused' };

/**
 * The state the log's last VMM state change leads to, or undefined when the text has none or it ends in a state
 * that is not simply running or paused. `fromStart` false: the text is a tail, its first line may be cut.
 */
export function runStateFromLog(text: string, fromStart: boolean): LoggedRunState | undefined {
    const body = (fromStart ? text : text.slice(text.indexOf('\n') + 1)).replace(/\r/g, '');
    let last: string | undefined;
    for (const match of body.matchAll(STATE_CHANGE)) last = match[1];
    return last === undefined ? undefined : BY_VMM_STATE[last];
}
