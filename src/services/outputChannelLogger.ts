import type * as vscode from 'vscode';
import { isVBoxError } from '../vbox/errors';
import type { CallRecord, Logger } from '../vbox/logger';

/** Every VBoxManage call and every error, as structured lines in the "VirtualBox" log channel. */
export function outputChannelLogger(channel: vscode.LogOutputChannel): Logger & { records: readonly CallRecord[] } {
    const records: CallRecord[] = [];
    return {
        records,
        call(record) {
            records.push(record);
            if (records.length > 500) records.shift();
            const entry = { args: record.args, ms: record.durationMs, exitCode: record.exitCode ?? null, outcome: record.outcome };
            if (record.outcome === 'ok') {
                channel.info(`VBoxManage ${JSON.stringify(entry)}`);
            } else {
                channel.warn(`VBoxManage ${JSON.stringify({ ...entry, stderr: record.stderr })}`);
            }
        },
        info: (message) => channel.info(message),
        warn: (message) => channel.warn(message),
        error(message, error) {
            if (isVBoxError(error)) {
                channel.error(`${message}: [${error.code}] ${error.message}${error.details ? `\n${error.details}` : ''}`);
            } else if (error !== undefined) {
                channel.error(`${message}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
            } else {
                channel.error(message);
            }
        },
    };
}
