// A user's own VBoxManage commands must never fail because the extension is watching. With the Machines view, a
// settings editor and a resource monitor open on a VM, a mixed series of more than a hundred VBoxManage commands runs
// on that VM and a second one, as a script in a terminal runs them: one after another, each waiting for the one
// before, and without any retry. Every failure is counted and classified with the product's own error mapping; a
// refused lock (VM_LOCKED: "already locked", "lock request pending") is what the extension could have caused.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { errorFromOutput } from '../../src/vbox/errorMapping';
import type { MonitorPanel } from '../../src/webviews/monitor/monitorPanel';
import type { SettingsPanel } from '../../src/webviews/settings/settingsPanel';
import { endLingeringTestbedVm } from '../support/testbedVm';
import { waitFor } from './support/waitFor';
import { VBoxManageSpy, webviewManagers } from './webviewSupport';

interface Outcome {
    readonly args: readonly string[];
    readonly exitCode: number;
    readonly stderr: string;
    /** When it started and ended (epoch ms). */
    readonly started: number;
    readonly ended: number;
}

/** The user's terminal: the real VBoxManage, no retry, the user's own environment. */
function userRuns(executable: string, args: readonly string[]): Promise<Outcome> {
    const started = Date.now();
    return new Promise((resolve) => {
        execFile(executable, args, { encoding: 'utf8', timeout: 180_000 }, (error, _stdout, stderr) => {
            const exitCode = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
            resolve({ args, exitCode, stderr, started, ended: Date.now() });
        });
    });
}

const CYCLES = 7;
/** Verbs of calls that change a VM (and take its session lock for that). */
const CHANGING_VERBS = new Set(['modifyvm', 'controlvm', 'storageattach', 'storagectl', 'snapshot', 'setextradata', 'sharedfolder', 'startvm', 'unregistervm', 'discardstate']);

describe('(extension) interference: a user\'s own VBoxManage commands while the views watch the same VMs', function () {
    this.timeout(20 * 60_000);
    let spy: VBoxManageSpy;
    let watched: { uuid: string; name: string };
    let other: { uuid: string; name: string };
    let disk: string;
    let settings: SettingsPanel | undefined;
    let monitor: MonitorPanel | undefined;

    before(async () => {
        spy = await VBoxManageSpy.install();
        watched = await spy.createVm('watched');
        other = await spy.createVm('other');
        const folder = path.dirname((await spy.vmInfo(watched.uuid)).get('CfgFile') ?? '');
        disk = path.join(folder, 'interference.vdi');
        await spy.run('storagectl', watched.uuid, '--name', 'SATA', '--add', 'sata');
        await spy.run('createmedium', 'disk', '--filename', disk, '--size', '8', '--format', 'VDI');
        await vscode.commands.executeCommand('virtualbox.machines.focus');
        const managers = await webviewManagers();
        settings = managers.settings.open(watched);
        monitor = managers.monitor.open(watched);
        assert.ok(await waitFor(() => (monitor?.pageMessages ?? 0) > 0, 60_000), 'the monitor page did not load');
    });

    after(async () => {
        settings?.dispose();
        monitor?.dispose();
        for (const vm of [watched, other]) if (vm) await spy.removeVm(vm.uuid);
        if (disk) await spy.run('closemedium', 'disk', disk, '--delete').catch(() => undefined);
        await spy?.restore();
    });

    /**
     * The testbed's VM process now and then stays alive for a while after its VM saved or powered off, holding the
     * VM's session: that is the testbed's, not the extension's. Like a user who waits for the VM to let go, the
     * series waits for the session to end; a process still there after 30 s is ended by the PID the testbed's shim
     * recorded (as the shim itself does before the next start). Returns whether it had to.
     */
    async function sessionReleased(uuid: string): Promise<boolean> {
        const released = () => spy.hasSession(uuid).then((held) => !held, () => false);
        if (await waitFor(released, 30_000, 250)) return false;
        assert.ok(endLingeringTestbedVm(spy.real, uuid), `VM ${uuid} still has a session after 30 s, and no testbed VM process holds it`);
        assert.ok(await waitFor(released, 30_000, 250), `VM ${uuid} kept its session after its process ended`);
        return true;
    }

    it(`runs ${CYCLES * 15} commands on the watched VMs; none fails on a lock`, async () => {
        const vm = watched.uuid;
        const outcomes: Outcome[] = [];
        let lingering = 0;
        const user = async (...args: string[]) => {
            const outcome = await userRuns(spy.real, args);
            previous.set(outcome, outcomes.at(-1));
            outcomes.push(outcome);
        };
        const callsBefore = spy.calls().length;
        const previous = new Map<Outcome, Outcome | undefined>();
        for (let cycle = 0; cycle < CYCLES; cycle++) {
            await user('modifyvm', vm, '--description', `cycle ${cycle}`);
            await user('modifyvm', other.uuid, '--description', `cycle ${cycle}`);
            await user('storageattach', vm, '--storagectl', 'SATA', '--port', '0', '--device', '0', '--type', 'hdd', '--medium', disk);
            await user('storageattach', vm, '--storagectl', 'SATA', '--port', '0', '--device', '0', '--medium', 'none');
            await user('snapshot', vm, 'take', `off-${cycle}`);
            await user('startvm', vm, '--type', 'headless');
            await user('controlvm', vm, 'pause');
            await user('controlvm', vm, 'resume');
            await user('snapshot', vm, 'take', `live-${cycle}`);
            await user('controlvm', vm, 'savestate');
            if (await sessionReleased(vm)) lingering++;
            await user('startvm', vm, '--type', 'headless');
            await user('controlvm', vm, 'poweroff');
            if (await sessionReleased(vm)) lingering++;
            await user('snapshot', vm, 'delete', `live-${cycle}`);
            await user('snapshot', vm, 'delete', `off-${cycle}`);
            await user('modifyvm', vm, '--memory', cycle % 2 ? '64' : '72');
        }
        const extensionCalls = spy.calls().slice(callsBefore);
        // Calls that change a VM; the monitor's screen preview of the running VM is the one the test allows.
        const changingCalls = extensionCalls.filter(([verb, , action]) => CHANGING_VERBS.has(verb) && action !== 'screenshotpng' && !(verb === 'snapshot' && action === 'list'));
        const failures = outcomes.filter((outcome) => outcome.exitCode !== 0);
        // Each failure classified once, by the product's own error mapping.
        const classified = failures.map((outcome) => ({ outcome, error: errorFromOutput(outcome.args, { stdout: '', stderr: outcome.stderr, exitCode: outcome.exitCode }) }));
        // A failure names the extension's calls that started from the user's command before it until it ended: what
        // could have held or requested the lock.
        const timed = spy.timedCalls().slice(callsBefore);
        const explain = ({ outcome, error }: (typeof classified)[number]) => {
            const from = previous.get(outcome)?.started ?? outcome.started - 5_000;
            const near = timed
                .filter((call) => call.at >= from && call.at <= outcome.ended)
                .map((call) => `${call.at - outcome.started} ms: ${call.args.join(' ')}`);
            const before = previous.get(outcome);
            return (
                `${error.code}: VBoxManage ${outcome.args.join(' ')}: ${error.message} ` +
                `[the command before: ${before ? `${before.args.join(' ')} (${before.started - outcome.started}..${before.ended - outcome.started} ms)` : 'none'}; ` +
                `the extension's calls from then: ${near.join('; ') || 'none'}]`
            );
        };
        const lockFailures = classified.filter(({ error }) => error.code === 'VM_LOCKED');
        const verbs = new Map<string, number>();
        for (const [verb, sub] of extensionCalls) verbs.set(`${verb} ${sub ?? ''}`.trim(), (verbs.get(`${verb} ${sub ?? ''}`.trim()) ?? 0) + 1);
        // The hazard itself, whether or not it made a command fail this time: a read that asks for a shared session lock
        // while the user's command holds the write lock of the powered-off VM keeps that lock "being unlocked" after it.
        const offlineWrites = outcomes.filter(({ args }) => ['modifyvm', 'storageattach'].includes(args[0]) || (args[0] === 'snapshot' && args[2] === 'delete') || (args[0] === 'snapshot' && args[3]?.startsWith('off-')));
        const lockingReadsDuringWrites = timed.filter(
            (call) => call.args[0] === 'showvminfo' && offlineWrites.some((outcome) => call.at >= outcome.started && call.at <= outcome.ended),
        );
        console.log(
            `      interference: ${outcomes.length} outside commands, ${failures.length} failed, ${lockFailures.length} on a lock; ` +
                `showvminfo calls of the extension that started during the user's ${offlineWrites.length} offline changes: ${lockingReadsDuringWrites.length}; ` +
                `the extension meanwhile made ${extensionCalls.length} calls (${[...verbs].map(([verb, count]) => `${verb} ×${count}`).join(', ')}); ` +
                `testbed VM processes ended after lingering: ${lingering}`,
        );
        // A failed command is explained by the testbed's account of the VM's launches as well (none elsewhere).
        const launches = path.join(path.dirname(path.dirname(spy.real)), 'run', `vm-${vm}.shim.log`);
        if (failures.length && existsSync(launches)) console.log(`      the testbed's launches of the VM:\n${readFileSync(launches, 'utf8')}`);
        assert.ok(outcomes.length >= 100, `only ${outcomes.length} commands ran`);
        assert.ok(extensionCalls.length > 0, 'the extension made no call while it watched: the views were not watching');
        assert.deepEqual(lockFailures.map(explain), [], 'outside commands failed on a VM lock');
        assert.deepEqual(classified.map(explain), [], 'outside commands failed');
        assert.deepEqual(
            changingCalls.map((call) => call.join(' ')),
            [],
            'the watching extension ran a call that changes a VM',
        );
        // The second VM never runs: the views must read it from its settings file, never with a call that locks it.
        const lockingReads = extensionCalls.filter(([verb, sub, third]) => [verb === 'showvminfo' && sub, verb === 'snapshot' && sub, verb === 'guestproperty' && third].includes(other.uuid));
        assert.deepEqual(lockingReads.map((call) => call.join(' ')), [], 'the views read the powered-off VM with a call that takes its session lock');
        // Independent read-back: the series' last change is VirtualBox's.
        assert.equal((await spy.vmInfo(vm)).get('memory'), CYCLES % 2 === 0 ? '64' : '72');
    });
});
