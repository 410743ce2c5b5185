import { strict as assert } from 'node:assert';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CallCounter, VirtualBoxLab } from '../../scripts/bench/lab';
import { planVmSet, prepareVmSet, removeVmSet, startLiveVms, vmLogTail } from '../../scripts/bench/vmSet';
import { runOperation } from '../../src/operations/operation';
import { listVms, type VmSummary } from '../../src/operations/vm/listVms';
import { setMemory } from '../../src/operations/vm/resources';
import { VmListSource } from '../../src/tree/machines/vmListSource';
import { isVBoxError } from '../../src/vbox/errors';
import { parseMachineReadable } from '../../src/vbox/parsers/machineReadable';
import { parseVmList } from '../../src/vbox/parsers/vmList';
import { VirtualBoxSettingsFiles } from '../../src/vbox/settingsFiles/settingsFiles';
import { testEnv } from './support/testEnv';

/** What showvminfo --machinereadable says of one VM, in the fields the Machines tree shows. */
interface Expected {
    readonly name: string;
    readonly state: string;
    readonly osType: string;
    readonly cpus: number;
    readonly memoryMb: number;
    readonly groups: readonly string[];
    readonly accessible: boolean;
}

/**
 * The fast VM list (VirtualBox's settings files, logs and one `list runningvms`) against VirtualBox's own answer
 * for every VM of the benchmark's set (`npm run bench`): powered off, running, paused, saved, aborted, inaccessible,
 * with snapshots and groups. The set lives in a VirtualBox home and VBoxSVC of its own, removed afterwards.
 */
describe('(integration) list_vms from settings files equals showvminfo for every VM', function () {
    this.timeout(600_000);
    const prefix = testEnv.uniqueName('eq');
    let lab: VirtualBoxLab;
    let stopLive: (() => Promise<void>) | undefined;
    const plan = planVmSet(prefix, 50, true);

    before(async function () {
        lab = new VirtualBoxLab(testEnv.vbox.executable, join(testEnv.vbox.dataDir, prefix), prefix);
        await prepareVmSet(lab, plan);
        stopLive = await startLiveVms(lab, plan);
    });

    after(async function () {
        if (!lab) return;
        await stopLive?.();
        await removeVmSet(lab).catch(() => undefined);
        // VBoxSVC exits a few seconds after its last client; its home goes with it.
        await lab.waitForServiceExit().catch(() => undefined);
        await rm(lab.folder, { recursive: true, force: true });
    });

    /** Independent read: `list vms`, then showvminfo for each VM, parsed as plain key/values. */
    async function expectedRows(): Promise<Map<string, Expected>> {
        const rows = new Map<string, Expected>();
        for (const vm of parseVmList(await lab.vbox('list', 'vms'))) {
            try {
                const info = parseMachineReadable(await lab.vbox('showvminfo', vm.uuid, '--machinereadable'));
                rows.set(vm.uuid, {
                    name: info.get('name') ?? '',
                    state: info.get('VMState') ?? '',
                    osType: info.get('ostype') ?? '',
                    cpus: Number(info.get('cpus')),
                    memoryMb: Number(info.get('memory')),
                    groups: (info.get('groups') ?? '').split(','),
                    accessible: true,
                });
            } catch (error) {
                // VirtualBox 7.2 refuses showvminfo for an inaccessible VM (E_ACCESSDENIED, "functionality is limited").
                if (!isVBoxError(error) || error.resultCode !== 0x80070005 || vm.accessible) throw error;
                rows.set(vm.uuid, { name: vm.name, state: 'unknown', osType: '', cpus: 0, memoryMb: 0, groups: [], accessible: false });
            }
        }
        return rows;
    }

    const shown = (row: VmSummary): Expected => ({
        name: row.name,
        state: row.state,
        osType: row.osType,
        cpus: row.cpus,
        memoryMb: row.memoryMb,
        groups: row.groups,
        accessible: row.accessible,
    });

    it('gives the same rows for every state, cold (two processes) and warm (one process)', async function () {
        const files = new VirtualBoxSettingsFiles(lab.home);
        const cold = new CallCounter();
        const coldRows = await runOperation(listVms, lab.context(cold, files), {});
        const warm = new CallCounter();
        const warmRows = await runOperation(listVms, lab.context(warm, files), {});
        const expected = await expectedRows();
        const states = new Set([...expected.values()].map((row) => row.state));
        const wrong = plan.filter((vm) => vm.kind !== 'inaccessible' && vm.kind !== 'snapshots' && [...expected.values()].find((row) => row.name === vm.name)?.state !== vm.kind);
        const logs = await Promise.all(wrong.map(async (vm) => `${vm.name} is ${[...expected.values()].find((row) => row.name === vm.name)?.state}, planned ${vm.kind}; its log ends:\n${await vmLogTail(lab, vm)}`));
        for (const state of ['poweroff', 'running', 'paused', 'saved', 'aborted', 'unknown']) assert.ok(states.has(state), `the set has a ${state} VM (its states: ${[...states].join(', ')})\n${logs.join('\n')}`);
        assert.deepEqual(new Map(coldRows.map((row) => [row.uuid, shown(row)])), expected);
        assert.deepEqual(new Map(warmRows.map((row) => [row.uuid, shown(row)])), expected);
        // The last state change (for sorting), to the second. A running VM's .vbox time was measured a second before
        // showvminfo's (the .vbox is written while the VM starts), so live VMs get a few seconds' slack.
        for (const row of coldRows.filter((r) => r.accessible)) {
            const time = parseMachineReadable(await lab.vbox('showvminfo', row.uuid, '--machinereadable')).get('VMStateChangeTime') ?? '';
            const gap = Math.abs(Date.parse(row.lastStateChange ?? '') - Date.parse(`${time.slice(0, 19)}Z`));
            const slack = ['running', 'paused'].includes(row.state) ? 3_000 : 0;
            assert.ok(gap <= slack, `${row.name} (${row.state}): ${row.lastStateChange} against showvminfo's ${time}`);
        }
        assert.deepEqual(cold.calls.map((call) => call.args.join(' ')).sort(), ['list runningvms', 'list vms']);
        assert.deepEqual(warm.calls.map((call) => call.args.join(' ')), ['list runningvms']);
    });

    it('notices a change made by another VBoxManage from the files alone, and reads it', async function () {
        const files = new VirtualBoxSettingsFiles(lab.home);
        const counter = new CallCounter();
        const source = new VmListSource(() => runOperation(listVms, lab.context(counter, files), {}), files);
        await source.read();
        assert.equal(await source.changed(), false, 'nothing changed yet');
        const target = plan.find((vm) => vm.kind === 'poweroff');
        const running = plan.find((vm) => vm.kind === 'running');
        assert.ok(target && running);
        await lab.vbox('modifyvm', target.name, '--memory', String(target.memoryMb + 4));
        await lab.vbox('controlvm', running.name, 'pause');
        try {
            const before = counter.count;
            assert.equal(await source.changed(), true, 'a .vbox and a log changed');
            assert.equal(counter.count, before, 'the check spawned nothing');
            const rows = await source.read();
            assert.equal(rows.find((row) => row.name === target.name)?.memoryMb, target.memoryMb + 4);
            assert.equal(rows.find((row) => row.name === running.name)?.state, 'paused');
        } finally {
            await lab.vbox('modifyvm', target.name, '--memory', String(target.memoryMb));
            await lab.quietly('controlvm', running.name, 'resume');
        }
    });
    it('set_memory takes the state and the result from the files: one process, the same answer as showvminfo', async function () {
        const files = new VirtualBoxSettingsFiles(lab.home);
        const counter = new CallCounter();
        const ctx = lab.context(counter, files);
        const vm = plan.filter((planned) => planned.kind === 'poweroff')[1];
        const saved = plan.find((planned) => planned.kind === 'saved');
        const running = plan.find((planned) => planned.kind === 'running');
        assert.ok(vm && saved && running);
        try {
            // As in the extension, where the Machines view has listed the VMs (and learnt which are inaccessible).
            await runOperation(listVms, ctx, {});
            await runOperation(setMemory, ctx, { vm: vm.name, memoryMb: vm.memoryMb + 8 });
            const before = counter.count;
            const result = await runOperation(setMemory, ctx, { vm: vm.name, memoryMb: vm.memoryMb + 12 });
            assert.deepEqual(counter.calls.slice(before).map((call) => call.args[0]), ['modifyvm']);
            const info = parseMachineReadable(await lab.vbox('showvminfo', vm.name, '--machinereadable'));
            assert.deepEqual(result, { name: vm.name, uuid: info.get('UUID'), cpus: Number(info.get('cpus')), memoryMb: vm.memoryMb + 12 });
            assert.equal(Number(info.get('memory')), vm.memoryMb + 12);
            for (const busy of [saved, running]) {
                await assert.rejects(runOperation(setMemory, ctx, { vm: busy.name, memoryMb: 64 }), (error) => isVBoxError(error, 'INVALID_VM_STATE'));
            }
        } finally {
            await lab.vbox('modifyvm', vm.name, '--memory', String(vm.memoryMb));
        }
    });
});
