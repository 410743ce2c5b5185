import { VM_STATES } from '../../vbox/parsers/vmInfo';

/**
 * The VM states each command acts on: what the picker offers and what a selection is filtered to. The menus'
 * `when` regexes in package.json say the same (an extension test checks that they agree).
 */
export const ELIGIBLE_STATES = {
    start: ['poweroff', 'saved', 'aborted', 'aborted-saved'],
    stop: ['running'],
    pause: ['running'],
    resume: ['paused'],
    saveState: ['running', 'paused'],
    reset: ['running'],
    powerOff: ['running', 'paused', 'gurumeditation'],
    setCpus: ['poweroff', 'aborted'],
    setMemory: ['poweroff', 'aborted'],
    clone: ['poweroff', 'saved', 'aborted', 'running', 'paused'],
    showConfiguration: [...VM_STATES, 'unknown'],
    takeScreenshot: ['running', 'paused'],
    delete: ['poweroff', 'saved', 'aborted', 'aborted-saved'],
} as const satisfies Record<string, readonly string[]>;
