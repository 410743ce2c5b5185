import type { CallRecord, Logger } from '../../../src/vbox/logger';

/** Keeps every call record so that tests can count spawns; prints failures when VBOX_TEST_VERBOSE is set. */
export const calls: CallRecord[] = [];

export const recordingLogger: Logger = {
    call(record) {
        calls.push(record);
        if (process.env.VBOX_TEST_VERBOSE) console.log(`    [vbox] ${record.outcome} ${record.durationMs}ms ${record.args.join(' ')}`);
    },
    info: () => undefined,
    warn: (message) => console.warn(message),
    error: (message) => console.error(message),
};
