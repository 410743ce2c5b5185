import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { OperationContext } from '../../src/operations/operation';
import { command, ignoreOutput } from '../../src/vbox/command';
import type { CallRecord, Logger } from '../../src/vbox/logger';
import { VBoxManageRunner } from '../../src/vbox/runner';
import { VirtualBoxSettingsFiles } from '../../src/vbox/settingsFiles/settingsFiles';
import { pidsOf, waitForServiceExit } from '../support/serviceProcesses';

/** Counts the VBoxManage processes a piece of code starts (every call is one process). */
export class CallCounter implements Logger {
    readonly calls: CallRecord[] = [];
    call(record: CallRecord): void {
        this.calls.push(record);
    }
    info(): void {}
    warn(): void {}
    error(): void {}
    get count(): number {
        return this.calls.length;
    }
}

/**
 * A VirtualBox of its own on the testbed (or any Linux VirtualBox): its own home (VirtualBox.xml) and its own
 * VBoxSVC (VBOX_IPC_SOCKETID), so that a set of VMs is exactly what it registers, other people's VMs never count,
 * and the service can be made to exit (an inaccessible VM needs a VBoxSVC that starts after its file went away).
 */
export class VirtualBoxLab {
    readonly home: string;
    readonly machineFolder: string;
    readonly socketId: string;
    readonly env: Readonly<Record<string, string>>;
    private readonly plain: VBoxManageRunner;

    constructor(
        readonly executable: string,
        readonly folder: string,
        name: string,
    ) {
        this.home = path.join(folder, 'home');
        this.machineFolder = path.join(folder, 'machines');
        this.socketId = `vscode-vbox-${name}`;
        this.env = { VBOX_USER_HOME: this.home, VBOX_IPC_SOCKETID: this.socketId };
        mkdirSync(this.home, { recursive: true });
        mkdirSync(this.machineFolder, { recursive: true });
        this.plain = this.runner();
    }

    /** A runner on this lab's VirtualBox that reports every call to `logger`. */
    runner(logger: Logger = new CallCounter()): VBoxManageRunner {
        return new VBoxManageRunner({ executable: this.executable, logger, env: this.env, defaultTimeoutMs: 120_000 });
    }

    /** An operation context as the extension builds it: a runner plus VirtualBox's settings files of this home. */
    context(logger: Logger, files = new VirtualBoxSettingsFiles(this.home)): OperationContext {
        return { vbox: this.runner(logger), signal: new AbortController().signal, progress: () => undefined, log: logger, settingsFiles: files };
    }

    /** VBoxManage's stdout; throws a VBoxError when it fails. */
    vbox(...args: string[]): Promise<string> {
        return this.plain.run(command(args, (o) => o.stdout));
    }

    /** A call whose failure does not matter (cleanup). */
    quietly(...args: string[]): Promise<void> {
        return this.plain.run(command(args, ignoreOutput)).catch(() => undefined);
    }

    async waitForServiceExit(): Promise<void> {
        await waitForServiceExit(this.socketId, 60_000);
    }

    /** The VM processes (VirtualBoxVM) of one VM of this lab. */
    vmProcesses(uuid: string): Promise<number[]> {
        return pidsOf('VirtualBoxVM', this.socketId, uuid);
    }
}
