import { runOperation, type OperationContext } from '../../src/operations/operation';
import type { VBoxCommand } from '../../src/vbox/command';
import type { RunOptions } from '../../src/vbox/runner';
import { listVms } from '../../src/operations/vm/listVms';
import { setMemory } from '../../src/operations/vm/resources';
import { VirtualBoxSettingsFiles } from '../../src/vbox/settingsFiles/settingsFiles';
import { CallCounter, type VirtualBoxLab } from './lab';
import { benchLine, median, medianMs, met } from './measure';
import type { PlannedVm } from './vmSet';

/**
 * op_overhead: set_memory through the operation layer (validation, state check, limits, read-back: what every
 * command, tool and API call runs) next to the bare `VBoxManage modifyvm --memory` it comes down to, alternating,
 * median of `runs` each. Target ≤ 1.1×.
 */
export async function opOverhead(lab: VirtualBoxLab, plan: readonly PlannedVm[], runs: number): Promise<string> {
    const vm = plan.find((planned) => planned.kind === 'poweroff');
    if (!vm) throw new Error('the VM set has no powered-off VM');
    const counter = new CallCounter();
    const ctx = lab.context(counter, new VirtualBoxSettingsFiles(lab.home));
    // As in the extension: the Machines view has listed the VMs, and a first change has read VirtualBox's limits.
    await runOperation(listVms, ctx, {});
    await runOperation(setMemory, ctx, { vm: vm.name, memoryMb: vm.memoryMb });
    const bare: number[] = [];
    const operation: number[] = [];
    try {
        for (let i = 0; i < runs; i++) {
            const memoryMb = vm.memoryMb + 4 * ((i % 4) + 1);
            let started = performance.now();
            await lab.vbox('modifyvm', vm.name, '--memory', String(memoryMb));
            bare.push(performance.now() - started);
            const before = counter.count;
            started = performance.now();
            await runOperation(setMemory, ctx, { vm: vm.name, memoryMb: memoryMb + 2 });
            operation.push(performance.now() - started);
            if (i === runs - 1) counter.calls.splice(0, before);
        }
    } finally {
        await lab.vbox('modifyvm', vm.name, '--memory', String(vm.memoryMb));
    }
    const handlerProcesses = counter.count;
    const ratio = median(operation) / median(bare);
    // The handler's own work, alone: the same operation where modifyvm does nothing (so the .vbox read back is the
    // cached one); the limits it reads once are read before timing.
    const noProcess: OperationContext = {
        ...ctx,
        vbox: { run: <T>(command: VBoxCommand<T>, options?: RunOptions) => (command.args[0] === 'modifyvm' ? Promise.resolve(undefined as T) : ctx.vbox.run(command, options)) },
    };
    const input = { vm: vm.name, memoryMb: vm.memoryMb };
    await runOperation(setMemory, noProcess, input);
    const ownMs = await medianMs(runs, () => runOperation(setMemory, noProcess, input));
    return benchLine('op_overhead', {
        operation: 'set_memory',
        handler_ms: median(operation),
        bare_vboxmanage_ms: median(bare),
        ratio,
        handler_processes: handlerProcesses,
        handler_without_process_ms: ownMs,
        target_ratio: '<=1.1',
        met: met(ratio <= 1.1),
    });
}
